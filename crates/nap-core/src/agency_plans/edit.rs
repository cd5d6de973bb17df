//! Edits of the agencies' operational plans: the plan's focal point and notes, and the
//! sub-activities it schedules by quarter under the NAP's activities.

use crate::edit::{
    amount, fresh_meta, optional, refuse, required_text, year_in, yes_no, FieldError, Problem,
};
use crate::model::{AgencyPlan, Id, Plan, SubActivity};
use crate::text::LocalText;
use crate::time::Timestamp;

/// Sets `focal_point`, `focal_point_contact`, `notes` or `notes_l2` of an agency plan.
pub fn set_agency_plan_field(
    agency_plan: &mut AgencyPlan,
    field: &str,
    text: &str,
) -> Result<(), FieldError> {
    match field {
        "focal_point" => agency_plan.focal_point = text.trim().to_string(),
        "focal_point_contact" => agency_plan.focal_point_contact = text.trim().to_string(),
        "notes" => agency_plan.notes.text = text.trim_end().to_string(),
        "notes_l2" => agency_plan.notes.l2 = optional(text).map(|_| text.trim_end().to_string()),
        _ => return Err(refuse(field, text, Problem::UnknownField)),
    }
    Ok(())
}

/// A new operational plan for `agency_id`, or `None` when there is no such agency or it
/// already has one.
pub fn new_agency_plan(
    plan: &Plan,
    agency_id: Id,
    id: Id,
    now: &Timestamp,
    author: &str,
) -> Option<AgencyPlan> {
    let known = plan.agencies.iter().any(|a| a.record.id == agency_id);
    let taken = plan.agency_plans.iter().any(|p| p.agency_id == agency_id);
    (known && !taken).then(|| AgencyPlan {
        record: fresh_meta(id, now, author),
        agency_id,
        focal_point: String::new(),
        focal_point_contact: String::new(),
        notes: LocalText::default(),
    })
}

/// Sets one field of `step` from `text`. Fields: `title` (required), `title_l2`, `code`,
/// `year` (a plan year), `quarter:N` = `true`/`false` (N from 1 to 4), `budget_line`,
/// `economic_code`, `budget` (in the base currency; empty for none). On error `step` is
/// unchanged.
pub fn set_sub_activity_field(
    plan: &Plan,
    step: &mut SubActivity,
    field: &str,
    text: &str,
) -> Result<(), FieldError> {
    if let Some(quarter) = field.strip_prefix("quarter:") {
        let quarter: u8 = quarter
            .parse()
            .ok()
            .filter(|q| (1..=4).contains(q))
            .ok_or_else(|| refuse(field, text, Problem::UnknownField))?;
        let on = yes_no(field, text)?;
        step.quarters.retain(|q| *q != quarter);
        if on {
            step.quarters.push(quarter);
            step.quarters.sort_unstable();
        }
        return Ok(());
    }
    match field {
        "title" => step.title.text = required_text(field, text)?,
        "title_l2" => step.title.l2 = optional(text),
        "code" => step.code = text.trim().to_string(),
        "year" => step.year = year_in(plan, field, text)?,
        "budget_line" => step.budget_line = text.trim().to_string(),
        "economic_code" => step.economic_code = text.trim().to_string(),
        "budget" => {
            step.budget = if text.trim().is_empty() {
                None
            } else {
                Some(amount(field, text)?)
            }
        }
        _ => return Err(refuse(field, text, Problem::UnknownField)),
    }
    Ok(())
}

/// A new sub-activity titled `title` of `agency_plan_id` under `activity_id`, in the
/// activity's first year (or the plan's), coded after the activity's other steps in that
/// plan ("1.1.1.1-a", "-b", …), with no quarters yet. `None` when the agency plan or the
/// activity does not exist.
pub fn new_sub_activity(
    plan: &Plan,
    agency_plan_id: Id,
    activity_id: Id,
    title: &str,
    id: Id,
    now: &Timestamp,
    author: &str,
) -> Option<SubActivity> {
    plan.agency_plans
        .iter()
        .find(|p| p.record.id == agency_plan_id)?;
    let activity = plan
        .activities
        .iter()
        .find(|a| a.record.id == activity_id)?;
    let code = ('a'..='z')
        .map(|c| format!("{}-{c}", activity.code))
        .find(|c| !plan.sub_activities.iter().any(|s| &s.code == c))
        .unwrap_or_else(|| format!("{}-{}", activity.code, plan.sub_activities.len() + 1));
    Some(SubActivity {
        record: fresh_meta(id, now, author),
        agency_plan_id,
        activity_id,
        code,
        title: LocalText::new(title.trim()),
        year: activity
            .years
            .first()
            .copied()
            .unwrap_or(plan.meta.start_year),
        quarters: Vec::new(),
        budget_line: String::new(),
        economic_code: String::new(),
        budget: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::sample_plan;
    use crate::validate;
    use rust_decimal::Decimal;

    #[test]
    fn quarters_years_and_budgets_are_read_as_typed_or_refused_unchanged() {
        let plan = sample_plan();
        let mut step = plan.sub_activities[0].clone();
        step.quarters.clear();
        set_sub_activity_field(&plan, &mut step, "quarter:3", "true").unwrap();
        set_sub_activity_field(&plan, &mut step, "quarter:1", "true").unwrap();
        assert_eq!(step.quarters, vec![1, 3]);
        set_sub_activity_field(&plan, &mut step, "quarter:3", "false").unwrap();
        assert_eq!(step.quarters, vec![1]);
        set_sub_activity_field(&plan, &mut step, "budget", "12,500,000").unwrap();
        assert_eq!(step.budget, Some(Decimal::from(12_500_000)));
        let before = step.clone();
        for (field, text, problem) in [
            ("quarter:5", "true", Problem::UnknownField),
            ("quarter:2", "often", Problem::NotYesNo),
            ("year", "2099", Problem::YearOutsidePlan),
            ("year", "next", Problem::NotANumber),
            ("budget", "-5", Problem::Negative),
            ("title", "", Problem::Required),
            ("activity_id", "x", Problem::UnknownField),
        ] {
            let err = set_sub_activity_field(&plan, &mut step, field, text).unwrap_err();
            assert_eq!(err.problem, problem, "{field}={text}");
            assert_eq!(step, before);
        }
    }

    #[test]
    fn an_agency_gets_one_plan_and_its_steps_are_coded_under_their_activity() {
        let mut plan = sample_plan();
        let now = Timestamp::try_from("2026-11-23T08:00:00.000Z".to_string()).unwrap();
        let with_plan = plan.agency_plans[0].agency_id;
        assert!(new_agency_plan(&plan, with_plan, Id::new_v4(), &now, "x").is_none());
        let without = plan
            .agencies
            .iter()
            .find(|a| !plan.agency_plans.iter().any(|p| p.agency_id == a.record.id))
            .unwrap()
            .record
            .id;
        let new = new_agency_plan(&plan, without, Id::new_v4(), &now, "x").unwrap();
        plan.agency_plans.push(new.clone());
        let activity = &plan.activities[0];
        let first = new_sub_activity(
            &plan,
            new.record.id,
            activity.record.id,
            "Draft",
            Id::new_v4(),
            &now,
            "x",
        )
        .unwrap();
        assert!(first.code.starts_with(&format!("{}-", activity.code)));
        plan.sub_activities.push(first.clone());
        let second = new_sub_activity(
            &plan,
            new.record.id,
            activity.record.id,
            "Print",
            Id::new_v4(),
            &now,
            "x",
        )
        .unwrap();
        assert_ne!(second.code, first.code);
        plan.sub_activities.push(second);
        assert!(validate(&plan).is_empty(), "{:?}", validate(&plan));
        assert!(new_sub_activity(
            &plan,
            Id::new_v4(),
            activity.record.id,
            "x",
            Id::new_v4(),
            &now,
            "x"
        )
        .is_none());
    }
}
