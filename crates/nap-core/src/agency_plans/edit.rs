//! Edits of the agencies' operational plans: the plan's focal point and notes, and the
//! sub-activities it schedules by quarter under the NAP's activities.

use crate::edit::{
    amount, fresh_meta, optional, refuse, required_text, wire_names, year_in, yes_no, FieldError,
    Problem, Tongue,
};
use crate::model::{AgencyPlan, Id, Plan, SubActivity};
use crate::text::LocalText;
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A field of an agency's operational plan. Wire names: `focal_point`,
/// `focal_point_contact`, `notes`, `notes_l2`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(try_from = "String", into = "String")]
#[ts(
    export,
    type = r#""focal_point" | "focal_point_contact" | "notes" | "notes_l2""#
)]
pub enum AgencyPlanField {
    FocalPoint,
    FocalPointContact,
    Notes(Tongue),
}

wire_names!(
    AgencyPlanField,
    [
        (AgencyPlanField::FocalPoint, "focal_point"),
        (AgencyPlanField::FocalPointContact, "focal_point_contact"),
        (AgencyPlanField::Notes(Tongue::Working), "notes"),
        (AgencyPlanField::Notes(Tongue::Second), "notes_l2"),
    ]
);

/// Sets `field` of an agency plan from `text`.
pub fn set_agency_plan_field(agency_plan: &mut AgencyPlan, field: AgencyPlanField, text: &str) {
    match field {
        AgencyPlanField::FocalPoint => agency_plan.focal_point = text.trim().to_string(),
        AgencyPlanField::FocalPointContact => {
            agency_plan.focal_point_contact = text.trim().to_string()
        }
        AgencyPlanField::Notes(Tongue::Working) => {
            agency_plan.notes.text = text.trim_end().to_string()
        }
        AgencyPlanField::Notes(Tongue::Second) => {
            agency_plan.notes.l2 = optional(text).map(|_| text.trim_end().to_string())
        }
    }
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

/// A field of a sub-activity (a step of an agency plan). Wire names: `title` (required),
/// `title_l2`, `code`, `year` (a plan year), `quarter:N` = `true`/`false` (N from 1 to 4),
/// `budget_line`, `economic_code`, `budget` (in the base currency; empty for none).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(try_from = "String", into = "String")]
#[ts(
    export,
    type = r#""title" | "title_l2" | "code" | "year" | "budget_line" | "economic_code" | "budget" | "quarter:1" | "quarter:2" | "quarter:3" | "quarter:4""#
)]
pub enum SubActivityField {
    Title(Tongue),
    Code,
    Year,
    /// Whether the step falls in quarter N (1 to 4) of its year.
    Quarter(u8),
    BudgetLine,
    EconomicCode,
    Budget,
}

wire_names!(
    SubActivityField,
    keyed Quarter => "quarter:",
    [
        (SubActivityField::Title(Tongue::Working), "title"),
        (SubActivityField::Title(Tongue::Second), "title_l2"),
        (SubActivityField::Code, "code"),
        (SubActivityField::Year, "year"),
        (SubActivityField::BudgetLine, "budget_line"),
        (SubActivityField::EconomicCode, "economic_code"),
        (SubActivityField::Budget, "budget"),
    ]
);

/// Sets `field` of `step` from `text`. On error `step` is unchanged.
pub fn set_sub_activity_field(
    plan: &Plan,
    step: &mut SubActivity,
    field: SubActivityField,
    text: &str,
) -> Result<(), FieldError> {
    use SubActivityField as F;
    let name = field.to_string();
    let field_name = name.as_str();
    match field {
        F::Quarter(quarter) => {
            if !(1..=4).contains(&quarter) {
                return Err(refuse(field_name, text, Problem::UnknownField));
            }
            let on = yes_no(field_name, text)?;
            step.quarters.retain(|q| *q != quarter);
            if on {
                step.quarters.push(quarter);
                step.quarters.sort_unstable();
            }
        }
        F::Title(Tongue::Working) => step.title.text = required_text(field_name, text)?,
        F::Title(Tongue::Second) => step.title.l2 = optional(text),
        F::Code => step.code = text.trim().to_string(),
        F::Year => step.year = year_in(plan, field_name, text)?,
        F::BudgetLine => step.budget_line = text.trim().to_string(),
        F::EconomicCode => step.economic_code = text.trim().to_string(),
        F::Budget => {
            step.budget = if text.trim().is_empty() {
                None
            } else {
                Some(amount(field_name, text)?)
            }
        }
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
        // The field by its wire name; a name that is no field is refused when read.
        fn set(
            plan: &Plan,
            step: &mut SubActivity,
            field: &str,
            text: &str,
        ) -> Result<(), FieldError> {
            set_sub_activity_field(plan, step, field.parse()?, text)
        }
        let plan = sample_plan();
        let mut step = plan.sub_activities[0].clone();
        step.quarters.clear();
        set(&plan, &mut step, "quarter:3", "true").unwrap();
        set(&plan, &mut step, "quarter:1", "true").unwrap();
        assert_eq!(step.quarters, vec![1, 3]);
        set(&plan, &mut step, "quarter:3", "false").unwrap();
        assert_eq!(step.quarters, vec![1]);
        set(&plan, &mut step, "budget", "12,500,000").unwrap();
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
            let err = set(&plan, &mut step, field, text).unwrap_err();
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
