//! Edits of the coordinating bodies and their terms of reference: one field from the text
//! typed, chairs and members ticked on and off, and new bodies.

use crate::edit::{
    choice, fresh_meta, optional, refuse, required_text, variant, wire_names, yes_no, FieldError,
    Problem, Tongue,
};
use crate::model::{BodyKind, CoordinatingBody, Frequency, Id, Plan, ReportingEvent};
use crate::text::LocalText;
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

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

/// A field of a coordinating body that can be set. Wire names: `code` (unique), `name`,
/// `name_l2`, `kind` (steering_committee, technical_working_group, pillar_working_group,
/// secretariat, monitoring_team, other), `pillar_id`, `reports_to_id` (empty for a top body;
/// never the body itself or one below it), `mandate`, `decision_rule`, `responsibilities`
/// (each with `_l2`), `meeting_frequency`, `quorum`, and `chair:AGENCY_ID` /
/// `member:AGENCY_ID` set to `true`/`false`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(try_from = "String", into = "String")]
#[ts(
    export,
    type = r#""code" | "name" | "name_l2" | "kind" | "pillar_id" | "reports_to_id" | "mandate" | "mandate_l2" | "decision_rule" | "decision_rule_l2" | "responsibilities" | "responsibilities_l2" | "meeting_frequency" | "quorum" | `chair:${string}` | `member:${string}`"#
)]
pub enum BodyField {
    Code,
    Name(Tongue),
    Kind,
    Pillar,
    ReportsTo,
    Mandate(Tongue),
    DecisionRule(Tongue),
    /// The body's functions, as Markdown.
    Responsibilities(Tongue),
    MeetingFrequency,
    Quorum,
    /// Whether the agency chairs the body.
    Chair(Id),
    /// Whether the agency is a member.
    Member(Id),
}

wire_names!(
    BodyField,
    keyed Chair => "chair:",
    keyed Member => "member:",
    [
        (BodyField::Code, "code"),
        (BodyField::Name(Tongue::Working), "name"),
        (BodyField::Name(Tongue::Second), "name_l2"),
        (BodyField::Kind, "kind"),
        (BodyField::Pillar, "pillar_id"),
        (BodyField::ReportsTo, "reports_to_id"),
        (BodyField::Mandate(Tongue::Working), "mandate"),
        (BodyField::Mandate(Tongue::Second), "mandate_l2"),
        (BodyField::DecisionRule(Tongue::Working), "decision_rule"),
        (BodyField::DecisionRule(Tongue::Second), "decision_rule_l2"),
        (BodyField::Responsibilities(Tongue::Working), "responsibilities"),
        (BodyField::Responsibilities(Tongue::Second), "responsibilities_l2"),
        (BodyField::MeetingFrequency, "meeting_frequency"),
        (BodyField::Quorum, "quorum"),
    ]
);

/// Sets `field` of `body` from `text`. On error `body` is unchanged.
pub fn set_body_field(
    plan: &Plan,
    body: &mut CoordinatingBody,
    field: BodyField,
    text: &str,
) -> Result<(), FieldError> {
    use BodyField as F;
    let name = field.to_string();
    let name = name.as_str();
    let localised = |target: &mut LocalText, tongue: Tongue| match tongue {
        Tongue::Second => target.l2 = optional(text),
        Tongue::Working => target.text = text.trim().to_string(),
    };
    match field {
        F::Chair(agency) | F::Member(agency) => {
            if !plan.agencies.iter().any(|a| a.record.id == agency) {
                return Err(refuse(name, text, Problem::UnknownChoice));
            }
            let on = yes_no(name, text)?;
            let list = if matches!(field, F::Chair(_)) {
                &mut body.chair_ids
            } else {
                &mut body.member_ids
            };
            list.retain(|a| *a != agency);
            if on {
                list.push(agency);
            }
        }
        F::Code => {
            let code = required_text(name, text)?;
            if (plan.bodies.iter()).any(|b| b.record.id != body.record.id && b.code == code) {
                return Err(refuse(name, text, Problem::DuplicateCode));
            }
            body.code = code;
        }
        F::Name(Tongue::Working) => body.name.text = required_text(name, text)?,
        F::Name(Tongue::Second) => localised(&mut body.name, Tongue::Second),
        F::Kind => body.kind = variant(name, text)?,
        F::Pillar => body.pillar_id = choice(plan.pillars.iter().map(|p| p.record.id), name, text)?,
        F::ReportsTo => {
            let to = choice(plan.bodies.iter().map(|b| b.record.id), name, text)?;
            if to.is_some_and(|to| reports_through(plan, to, body.record.id)) {
                return Err(refuse(name, text, Problem::Cycle));
            }
            body.reports_to_id = to;
        }
        F::Mandate(tongue) => localised(&mut body.mandate, tongue),
        F::DecisionRule(tongue) => localised(&mut body.decision_rule, tongue),
        F::Responsibilities(Tongue::Working) => {
            body.responsibilities.text = text.trim_end().to_string()
        }
        F::Responsibilities(Tongue::Second) => {
            body.responsibilities.l2 = optional(text).map(|_| text.trim_end().to_string())
        }
        F::MeetingFrequency => body.meeting_frequency = text.trim().to_string(),
        F::Quorum => body.quorum = text.trim().to_string(),
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

/// A field of a report of the reporting calendar. Wire names: `title`, `title_l2`,
/// `frequency` (quarterly, six_monthly, annual, mid_term, end_of_plan), `due`,
/// `responsible_agency_id` (empty for none), `recipient`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(try_from = "String", into = "String")]
#[ts(
    export,
    type = r#""title" | "title_l2" | "frequency" | "due" | "responsible_agency_id" | "recipient""#
)]
pub enum ReportingEventField {
    Title(Tongue),
    Frequency,
    Due,
    ResponsibleAgency,
    Recipient,
}

wire_names!(
    ReportingEventField,
    [
        (ReportingEventField::Title(Tongue::Working), "title"),
        (ReportingEventField::Title(Tongue::Second), "title_l2"),
        (ReportingEventField::Frequency, "frequency"),
        (ReportingEventField::Due, "due"),
        (
            ReportingEventField::ResponsibleAgency,
            "responsible_agency_id"
        ),
        (ReportingEventField::Recipient, "recipient"),
    ]
);

/// Sets `field` of a report of the reporting calendar from `text`. On error `event` is
/// unchanged.
pub fn set_reporting_event_field(
    plan: &Plan,
    event: &mut ReportingEvent,
    field: ReportingEventField,
    text: &str,
) -> Result<(), FieldError> {
    use ReportingEventField as F;
    let name = field.to_string();
    let name = name.as_str();
    match field {
        F::Title(Tongue::Working) => event.title.text = required_text(name, text)?,
        F::Title(Tongue::Second) => event.title.l2 = optional(text),
        F::Frequency => event.frequency = variant(name, text)?,
        F::Due => event.due = text.trim().to_string(),
        F::ResponsibleAgency => {
            event.responsible_agency_id =
                choice(plan.agencies.iter().map(|a| a.record.id), name, text)?
        }
        F::Recipient => event.recipient = text.trim().to_string(),
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
        set_body_field(&plan, &mut body, BodyField::Member(agency), "true").unwrap();
        assert!(body.member_ids.contains(&agency));
        set_body_field(&plan, &mut body, BodyField::Member(agency), "false").unwrap();
        assert!(!body.member_ids.contains(&agency));
        let before = body.clone();
        let chair = format!("chair:{agency}");
        // An id that is no agency of the plan.
        let stranger = format!("member:{}", Id::new_v4());
        for (field, text, problem) in [
            // The top body cannot report to a body below it, nor to itself.
            ("reports_to_id", below.record.id.to_string(), Problem::Cycle),
            ("reports_to_id", top.record.id.to_string(), Problem::Cycle),
            ("kind", "board".to_string(), Problem::UnknownChoice),
            ("code", below.code.clone(), Problem::DuplicateCode),
            ("name", " ".to_string(), Problem::Required),
            (chair.as_str(), "maybe".to_string(), Problem::NotYesNo),
            (
                stranger.as_str(),
                "true".to_string(),
                Problem::UnknownChoice,
            ),
            ("member:nobody", "true".to_string(), Problem::UnknownField),
        ] {
            let err = match field.parse() {
                Ok(known) => set_body_field(&plan, &mut body, known, &text).unwrap_err(),
                Err(unknown) => unknown,
            };
            assert_eq!(err.problem, problem, "{field}={text}");
            assert_eq!(body, before, "{field}={text} changed nothing");
        }
        // A body below may move to the top.
        let mut lower = below.clone();
        set_body_field(&plan, &mut lower, BodyField::ReportsTo, "").unwrap();
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
        set_reporting_event_field(
            &plan,
            &mut event,
            ReportingEventField::Frequency,
            "six_monthly",
        )
        .unwrap();
        assert_eq!(event.frequency, Frequency::SixMonthly);
        set_reporting_event_field(&plan, &mut event, ReportingEventField::Due, " 30 June ")
            .unwrap();
        assert_eq!(event.due, "30 June");
        set_reporting_event_field(
            &plan,
            &mut event,
            ReportingEventField::ResponsibleAgency,
            "",
        )
        .unwrap();
        assert_eq!(event.responsible_agency_id, None);
        let before = event.clone();
        for (field, text, problem) in [
            ("title", " ", Problem::Required),
            ("frequency", "weekly", Problem::UnknownChoice),
            ("responsible_agency_id", "not-an-id", Problem::UnknownChoice),
            ("colour", "red", Problem::UnknownField),
        ] {
            let e = match field.parse() {
                Ok(known) => set_reporting_event_field(&plan, &mut event, known, text).unwrap_err(),
                Err(unknown) => unknown,
            };
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
