//! Edits of the coordinating bodies and their terms of reference: one field from the text
//! typed, chairs and members ticked on and off, and new bodies.

use crate::edit::{
    choice, fresh_meta, optional, refuse, required_text, variant, yes_no, FieldError, Problem,
};
use crate::model::{BodyKind, CoordinatingBody, Frequency, Id, Plan, ReportingEvent};
use crate::text::LocalText;
use crate::time::Timestamp;

/// True when `to` is `body` or reports, through any number of bodies, to `body`.
fn reports_through(plan: &Plan, to: Id, body: Id) -> bool {
    let mut at = Some(to);
    let mut steps = 0;
    while let Some(id) = at {
        if id == body {
            return true;
        }
        steps += 1;
        if steps > plan.bodies.len() {
            return false;
        }
        at = plan
            .bodies
            .iter()
            .find(|b| b.record.id == id)
            .and_then(|b| b.reports_to_id);
    }
    false
}

/// Sets one field of `body` from `text`. Fields: `code` (unique), `name`, `name_l2`, `kind`
/// (steering_committee, technical_working_group, pillar_working_group, secretariat,
/// monitoring_team, other), `pillar_id`, `reports_to_id` (empty for a top body; never the
/// body itself or one below it), `mandate`, `decision_rule`, `responsibilities` (each with
/// `_l2`), `meeting_frequency`, `quorum`, and `chair:AGENCY_ID` / `member:AGENCY_ID` =
/// `true`/`false`. On error `body` is unchanged.
pub fn set_body_field(
    plan: &Plan,
    body: &mut CoordinatingBody,
    field: &str,
    text: &str,
) -> Result<(), FieldError> {
    let agencies = || plan.agencies.iter().map(|a| a.record.id);
    for (prefix, is_chair) in [("chair:", true), ("member:", false)] {
        if let Some(agency) = field.strip_prefix(prefix) {
            let agency = choice(agencies(), field, agency)?
                .ok_or_else(|| refuse(field, text, Problem::Required))?;
            let on = yes_no(field, text)?;
            let list = if is_chair {
                &mut body.chair_ids
            } else {
                &mut body.member_ids
            };
            list.retain(|a| *a != agency);
            if on {
                list.push(agency);
            }
            return Ok(());
        }
    }
    let localised = |target: &mut LocalText, l2: bool| {
        if l2 {
            target.l2 = optional(text);
        } else {
            target.text = text.trim().to_string();
        }
    };
    match field {
        "code" => {
            let code = required_text(field, text)?;
            if (plan.bodies.iter()).any(|b| b.record.id != body.record.id && b.code == code) {
                return Err(refuse(field, text, Problem::DuplicateCode));
            }
            body.code = code;
        }
        "name" => body.name.text = required_text(field, text)?,
        "name_l2" => localised(&mut body.name, true),
        "kind" => body.kind = variant(field, text)?,
        "pillar_id" => {
            body.pillar_id = choice(plan.pillars.iter().map(|p| p.record.id), field, text)?
        }
        "reports_to_id" => {
            let to = choice(plan.bodies.iter().map(|b| b.record.id), field, text)?;
            if to.is_some_and(|to| reports_through(plan, to, body.record.id)) {
                return Err(refuse(field, text, Problem::Cycle));
            }
            body.reports_to_id = to;
        }
        "mandate" => localised(&mut body.mandate, false),
        "mandate_l2" => localised(&mut body.mandate, true),
        "decision_rule" => localised(&mut body.decision_rule, false),
        "decision_rule_l2" => localised(&mut body.decision_rule, true),
        "responsibilities" => body.responsibilities.text = text.trim_end().to_string(),
        "responsibilities_l2" => {
            body.responsibilities.l2 = optional(text).map(|_| text.trim_end().to_string())
        }
        "meeting_frequency" => body.meeting_frequency = text.trim().to_string(),
        "quorum" => body.quorum = text.trim().to_string(),
        _ => return Err(refuse(field, text, Problem::UnknownField)),
    }
    Ok(())
}

/// A new body named `name` reporting to `reports_to_id`, coded "CB-n" with the first free n,
/// of kind "other", with no members yet.
pub fn new_body(
    plan: &Plan,
    name: &str,
    reports_to_id: Option<Id>,
    id: Id,
    now: &Timestamp,
    author: &str,
) -> Result<CoordinatingBody, FieldError> {
    let name = required_text("name", name)?;
    if let Some(to) = reports_to_id {
        if !plan.bodies.iter().any(|b| b.record.id == to) {
            return Err(refuse(
                "reports_to_id",
                &to.to_string(),
                Problem::UnknownChoice,
            ));
        }
    }
    let code = (1..)
        .map(|n| format!("CB-{n}"))
        .find(|c| !plan.bodies.iter().any(|b| &b.code == c))
        .unwrap_or_default();
    Ok(CoordinatingBody {
        record: fresh_meta(id, now, author),
        code,
        name: LocalText::new(name),
        kind: BodyKind::Other,
        pillar_id: None,
        mandate: LocalText::default(),
        chair_ids: Vec::new(),
        member_ids: Vec::new(),
        meeting_frequency: String::new(),
        quorum: String::new(),
        decision_rule: LocalText::default(),
        reports_to_id,
        responsibilities: LocalText::default(),
    })
}

/// Sets one field of a report of the reporting calendar from `text`: `title`, `title_l2`,
/// `frequency` (quarterly, six_monthly, annual, mid_term, end_of_plan), `due`,
/// `responsible_agency_id` (empty for none) or `recipient`. On error `event` is unchanged.
pub fn set_reporting_event_field(
    plan: &Plan,
    event: &mut ReportingEvent,
    field: &str,
    text: &str,
) -> Result<(), FieldError> {
    match field {
        "title" => event.title.text = required_text(field, text)?,
        "title_l2" => event.title.l2 = optional(text),
        "frequency" => event.frequency = variant(field, text)?,
        "due" => event.due = text.trim().to_string(),
        "responsible_agency_id" => {
            event.responsible_agency_id =
                choice(plan.agencies.iter().map(|a| a.record.id), field, text)?
        }
        "recipient" => event.recipient = text.trim().to_string(),
        _ => return Err(refuse(field, text, Problem::UnknownField)),
    }
    Ok(())
}

/// A new annual report titled `title`, written by the plan's lead agency, with its due date
/// and recipient still to say.
pub fn new_reporting_event(
    plan: &Plan,
    title: &str,
    id: Id,
    now: &Timestamp,
    author: &str,
) -> Result<ReportingEvent, FieldError> {
    Ok(ReportingEvent {
        record: fresh_meta(id, now, author),
        title: LocalText::new(required_text("title", title)?),
        frequency: Frequency::Annual,
        due: String::new(),
        responsible_agency_id: plan.meta.lead_agency_id,
        recipient: String::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::sample_plan;
    use crate::validate;

    #[test]
    fn members_tick_on_and_off_and_reporting_lines_never_loop() {
        let plan = sample_plan();
        let top = plan
            .bodies
            .iter()
            .find(|b| b.reports_to_id.is_none())
            .unwrap();
        let below = plan
            .bodies
            .iter()
            .find(|b| b.reports_to_id == Some(top.record.id))
            .unwrap();
        let mut body = top.clone();
        let agency = plan
            .agencies
            .iter()
            .find(|a| !body.member_ids.contains(&a.record.id))
            .unwrap()
            .record
            .id;
        set_body_field(&plan, &mut body, &format!("member:{agency}"), "true").unwrap();
        assert!(body.member_ids.contains(&agency));
        set_body_field(&plan, &mut body, &format!("member:{agency}"), "false").unwrap();
        assert!(!body.member_ids.contains(&agency));
        let before = body.clone();
        let chair = format!("chair:{agency}");
        for (field, text, problem) in [
            // The top body cannot report to a body below it, nor to itself.
            ("reports_to_id", below.record.id.to_string(), Problem::Cycle),
            ("reports_to_id", top.record.id.to_string(), Problem::Cycle),
            ("kind", "board".to_string(), Problem::UnknownChoice),
            ("code", below.code.clone(), Problem::DuplicateCode),
            ("name", " ".to_string(), Problem::Required),
            (chair.as_str(), "maybe".to_string(), Problem::NotYesNo),
            ("member:nobody", "true".to_string(), Problem::UnknownChoice),
        ] {
            let err = set_body_field(&plan, &mut body, field, &text).unwrap_err();
            assert_eq!(err.problem, problem, "{field}={text}");
            assert_eq!(body, before, "{field}={text} changed nothing");
        }
        // A body below may move to the top.
        let mut lower = below.clone();
        set_body_field(&plan, &mut lower, "reports_to_id", "").unwrap();
        assert_eq!(lower.reports_to_id, None);
    }

    #[test]
    fn a_new_body_is_coded_and_keeps_the_plan_valid() {
        let mut plan = sample_plan();
        let now = Timestamp::try_from("2026-11-23T08:00:00.000Z".to_string()).unwrap();
        let top = plan.bodies[0].record.id;
        let body = new_body(
            &plan,
            "Gender focal points network",
            Some(top),
            Id::new_v4(),
            &now,
            "MWA",
        )
        .unwrap();
        assert_eq!(body.code, "CB-1");
        plan.bodies.push(body);
        assert!(validate(&plan).is_empty(), "{:?}", validate(&plan));
        assert!(new_body(&plan, "x", Some(Id::new_v4()), Id::new_v4(), &now, "MWA").is_err());
        assert!(new_body(&plan, " ", None, Id::new_v4(), &now, "MWA").is_err());
    }

    #[test]
    fn a_report_of_the_calendar_takes_its_fields_and_refuses_bad_ones_unchanged() {
        let plan = sample_plan();
        let mut event = plan.reporting_events[0].clone();
        set_reporting_event_field(&plan, &mut event, "frequency", "six_monthly").unwrap();
        assert_eq!(event.frequency, Frequency::SixMonthly);
        set_reporting_event_field(&plan, &mut event, "due", " 30 June ").unwrap();
        assert_eq!(event.due, "30 June");
        set_reporting_event_field(&plan, &mut event, "responsible_agency_id", "").unwrap();
        assert_eq!(event.responsible_agency_id, None);
        let before = event.clone();
        for (field, text, problem) in [
            ("title", " ", Problem::Required),
            ("frequency", "weekly", Problem::UnknownChoice),
            ("responsible_agency_id", "not-an-id", Problem::UnknownChoice),
            ("colour", "red", Problem::UnknownField),
        ] {
            let e = set_reporting_event_field(&plan, &mut event, field, text).unwrap_err();
            assert_eq!(e.problem, problem, "{field}");
        }
        assert_eq!(event, before);
        let new = new_reporting_event(
            &plan,
            "Shadow report",
            Id::new_v4(),
            &Timestamp::from_unix_millis(0),
            "t",
        )
        .unwrap();
        assert_eq!(new.responsible_agency_id, plan.meta.lead_agency_id);
    }
}
