//! Edits of the communication plan (its statements and activities) and of the record of
//! consultations, one field at a time from the text typed, and new records.

use crate::edit::{
    choice, fresh_meta, optional, refuse, required_text, variant, wire_names, year_in, yes_no,
    FieldError, Problem, Tongue,
};
use crate::model::*;
use crate::text::LocalText;
use crate::time::{IsoDate, Timestamp};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A field of a statement of the communication plan. Wire names: `text` (required),
/// `text_l2`, `kind` (objective, audience, key_message, channel).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(try_from = "String", into = "String")]
#[ts(export, type = r#""text" | "text_l2" | "kind""#)]
pub enum CommunicationItemField {
    Text(Tongue),
    Kind,
}

wire_names!(
    CommunicationItemField,
    [
        (CommunicationItemField::Text(Tongue::Working), "text"),
        (CommunicationItemField::Text(Tongue::Second), "text_l2"),
        (CommunicationItemField::Kind, "kind"),
    ]
);

/// Sets `field` of a statement of the communication plan from `text`. On error `item` is
/// unchanged.
pub fn set_communication_item_field(
    item: &mut CommunicationItem,
    field: CommunicationItemField,
    text: &str,
) -> Result<(), FieldError> {
    use CommunicationItemField as F;
    let name = field.to_string();
    let name = name.as_str();
    match field {
        F::Text(Tongue::Working) => item.text.text = required_text(name, text)?,
        F::Text(Tongue::Second) => item.text.l2 = optional(text),
        F::Kind => item.kind = variant(name, text)?,
    }
    Ok(())
}

/// A field of a communication activity. Wire names: `title` (required), `title_l2`,
/// `audience`, `channel`, `timing`, `year` (a plan year, or empty), `responsible_agency_id`,
/// `activity_id` (the plan activity carrying its cost; empty for none), `languages` (codes
/// separated by commas, e.g. "km, en").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(try_from = "String", into = "String")]
#[ts(
    export,
    type = r#""title" | "title_l2" | "audience" | "channel" | "timing" | "year" | "responsible_agency_id" | "activity_id" | "languages""#
)]
pub enum CommunicationActivityField {
    Title(Tongue),
    Audience,
    Channel,
    Timing,
    Year,
    ResponsibleAgency,
    /// The plan activity whose cost lines carry this one's cost.
    Activity,
    Languages,
}

wire_names!(
    CommunicationActivityField,
    [
        (CommunicationActivityField::Title(Tongue::Working), "title"),
        (
            CommunicationActivityField::Title(Tongue::Second),
            "title_l2"
        ),
        (CommunicationActivityField::Audience, "audience"),
        (CommunicationActivityField::Channel, "channel"),
        (CommunicationActivityField::Timing, "timing"),
        (CommunicationActivityField::Year, "year"),
        (
            CommunicationActivityField::ResponsibleAgency,
            "responsible_agency_id"
        ),
        (CommunicationActivityField::Activity, "activity_id"),
        (CommunicationActivityField::Languages, "languages"),
    ]
);

/// Sets `field` of a communication activity from `text`. On error `activity` is unchanged.
pub fn set_communication_activity_field(
    plan: &Plan,
    activity: &mut CommunicationActivity,
    field: CommunicationActivityField,
    text: &str,
) -> Result<(), FieldError> {
    use CommunicationActivityField as F;
    let name = field.to_string();
    let name = name.as_str();
    match field {
        F::Title(Tongue::Working) => activity.title.text = required_text(name, text)?,
        F::Title(Tongue::Second) => activity.title.l2 = optional(text),
        F::Audience => activity.audience = text.trim().to_string(),
        F::Channel => activity.channel = text.trim().to_string(),
        F::Timing => activity.timing = text.trim().to_string(),
        F::Year => {
            activity.year = if text.trim().is_empty() {
                None
            } else {
                Some(year_in(plan, name, text)?)
            }
        }
        F::ResponsibleAgency => {
            activity.responsible_agency_id =
                choice(plan.agencies.iter().map(|a| a.record.id), name, text)?
        }
        F::Activity => {
            activity.activity_id = choice(plan.activities.iter().map(|a| a.record.id), name, text)?
        }
        F::Languages => {
            let codes: Vec<String> = text
                .split(',')
                .map(|c| c.trim().to_lowercase())
                .filter(|c| !c.is_empty())
                .collect();
            let well_formed = |c: &String| {
                c.split('-').all(|part| {
                    (2..=8).contains(&part.len())
                        && part.chars().all(|ch| ch.is_ascii_alphanumeric())
                })
            };
            if !codes.iter().all(well_formed) {
                return Err(refuse(name, text, Problem::UnknownChoice));
            }
            activity.languages = codes;
        }
    }
    Ok(())
}

fn count(field: &str, text: &str) -> Result<u32, FieldError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(0);
    }
    if t.starts_with('-') {
        return Err(refuse(field, text, Problem::Negative));
    }
    t.replace(',', "")
        .parse()
        .map_err(|_| refuse(field, text, Problem::NotANumber))
}

/// A field of a consultation. Wire names: `title` (required), `title_l2`, `date`
/// (YYYY-MM-DD), `place`, `participants_women`, `participants_men`, `participants_other`
/// (whole numbers), `inputs`, `inputs_l2`, `response`, `response_l2`, and `group:GROUP` =
/// `true`/`false` (a stakeholder group whose voice the consultation sought).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(try_from = "String", into = "String")]
#[ts(
    export,
    type = r#""title" | "title_l2" | "date" | "place" | "participants_women" | "participants_men" | "participants_other" | "inputs" | "inputs_l2" | "response" | "response_l2" | "group:government" | "group:csos" | "group:women_peacebuilders" | "group:youth" | "group:persons_with_disabilities" | "group:indigenous_peoples" | "group:survivors" | "group:academia" | "group:development_partners" | "group:security_sector" | "group:community""#
)]
pub enum ConsultationField {
    Title(Tongue),
    Date,
    Place,
    ParticipantsWomen,
    ParticipantsMen,
    ParticipantsOther,
    /// What the participants said, as Markdown.
    Inputs(Tongue),
    /// How the plan answered them, as Markdown.
    Response(Tongue),
    /// Whether the group was consulted.
    Group(StakeholderGroup),
}

wire_names!(
    ConsultationField,
    keyed Group => "group:",
    [
        (ConsultationField::Title(Tongue::Working), "title"),
        (ConsultationField::Title(Tongue::Second), "title_l2"),
        (ConsultationField::Date, "date"),
        (ConsultationField::Place, "place"),
        (ConsultationField::ParticipantsWomen, "participants_women"),
        (ConsultationField::ParticipantsMen, "participants_men"),
        (ConsultationField::ParticipantsOther, "participants_other"),
        (ConsultationField::Inputs(Tongue::Working), "inputs"),
        (ConsultationField::Inputs(Tongue::Second), "inputs_l2"),
        (ConsultationField::Response(Tongue::Working), "response"),
        (ConsultationField::Response(Tongue::Second), "response_l2"),
    ]
);

/// Sets `field` of a consultation from `text`. On error `consultation` is unchanged.
pub fn set_consultation_field(
    consultation: &mut Consultation,
    field: ConsultationField,
    text: &str,
) -> Result<(), FieldError> {
    use ConsultationField as F;
    let name = field.to_string();
    let name = name.as_str();
    // Markdown keeps its leading indentation; only trailing blanks go.
    let markdown = |target: &mut LocalText, tongue: Tongue| match tongue {
        Tongue::Working => target.text = text.trim_end().to_string(),
        Tongue::Second => target.l2 = optional(text).map(|_| text.trim_end().to_string()),
    };
    match field {
        F::Group(group) => {
            let on = yes_no(name, text)?;
            consultation.groups.retain(|g| *g != group);
            if on {
                consultation.groups.push(group);
            }
        }
        F::Title(Tongue::Working) => consultation.title.text = required_text(name, text)?,
        F::Title(Tongue::Second) => consultation.title.l2 = optional(text),
        F::Date => {
            consultation.date = IsoDate::try_from(text.trim().to_string())
                .map_err(|_| refuse(name, text, Problem::NotADate))?
        }
        F::Place => consultation.place = text.trim().to_string(),
        F::ParticipantsWomen => consultation.participants_women = count(name, text)?,
        F::ParticipantsMen => consultation.participants_men = count(name, text)?,
        F::ParticipantsOther => consultation.participants_other = count(name, text)?,
        F::Inputs(tongue) => markdown(&mut consultation.inputs, tongue),
        F::Response(tongue) => markdown(&mut consultation.response, tongue),
    }
    Ok(())
}

/// A new statement of `kind` saying `text`.
pub fn new_communication_item(
    kind: &str,
    text: &str,
    id: Id,
    now: &Timestamp,
    author: &str,
) -> Result<CommunicationItem, FieldError> {
    let mut item = CommunicationItem {
        record: fresh_meta(id, now, author),
        kind: variant("kind", kind)?,
        text: LocalText::default(),
    };
    set_communication_item_field(
        &mut item,
        CommunicationItemField::Text(Tongue::Working),
        text,
    )?;
    Ok(item)
}

/// A new communication activity titled `title`, with nothing else set yet.
pub fn new_communication_activity(
    title: &str,
    id: Id,
    now: &Timestamp,
    author: &str,
) -> Result<CommunicationActivity, FieldError> {
    let mut activity = CommunicationActivity {
        record: fresh_meta(id, now, author),
        title: LocalText::default(),
        audience: String::new(),
        channel: String::new(),
        timing: String::new(),
        year: None,
        responsible_agency_id: None,
        languages: Vec::new(),
        activity_id: None,
    };
    activity.title.text = required_text("title", title)?;
    Ok(activity)
}

/// A new consultation titled `title`, held on `now`'s date, with no participants yet.
pub fn new_consultation(
    title: &str,
    id: Id,
    now: &Timestamp,
    author: &str,
) -> Result<Consultation, FieldError> {
    let mut consultation = Consultation {
        record: fresh_meta(id, now, author),
        title: LocalText::default(),
        date: now.date(),
        place: String::new(),
        groups: Vec::new(),
        participants_women: 0,
        participants_men: 0,
        participants_other: 0,
        inputs: LocalText::default(),
        response: LocalText::default(),
    };
    consultation.title.text = required_text("title", title)?;
    Ok(consultation)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::sample_plan;
    use crate::validate;

    fn now() -> Timestamp {
        Timestamp::try_from("2026-11-23T08:00:00.000Z".to_string()).unwrap()
    }

    #[test]
    fn consultations_count_participants_and_groups_and_refuse_bad_values_unchanged() {
        let plan = sample_plan();
        let mut c = plan.consultations[0].clone();
        let set = |c: &mut Consultation, name: &str, text: &str| {
            let field: ConsultationField = name.parse().expect(name);
            set_consultation_field(c, field, text)
        };
        set(&mut c, "participants_women", "1,204").unwrap();
        assert_eq!(c.participants_women, 1204);
        set(&mut c, "group:youth", "true").unwrap();
        assert!(c.groups.contains(&StakeholderGroup::Youth));
        set(&mut c, "group:youth", "false").unwrap();
        assert!(!c.groups.contains(&StakeholderGroup::Youth));
        let before = c.clone();
        for (field, text, problem) in [
            ("participants_men", "-3", Problem::Negative),
            ("participants_men", "many", Problem::NotANumber),
            ("date", "23/11/2026", Problem::NotADate),
            ("group:youth", "maybe", Problem::NotYesNo),
            ("title", " ", Problem::Required),
        ] {
            let err = set(&mut c, field, text).unwrap_err();
            assert_eq!(err.problem, problem, "{field}={text}");
            assert_eq!(c, before);
        }
        for name in ["group:aliens", "kind"] {
            let err = name.parse::<ConsultationField>().unwrap_err();
            assert_eq!(err.problem, Problem::UnknownField, "{name}");
        }
    }

    #[test]
    fn communication_activities_take_plan_years_agencies_and_language_codes() {
        let plan = sample_plan();
        let mut a = plan.communication_activities[0].clone();
        let set = |a: &mut CommunicationActivity, name: &str, text: &str| {
            let field: CommunicationActivityField = name.parse().expect(name);
            set_communication_activity_field(&plan, a, field, text)
        };
        set(&mut a, "languages", "KM, en ,").unwrap();
        assert_eq!(a.languages, vec!["km", "en"]);
        set(&mut a, "year", "").unwrap();
        assert_eq!(a.year, None);
        let before = a.clone();
        for (field, text, problem) in [
            ("year", "2099", Problem::YearOutsidePlan),
            ("languages", "Khmer language", Problem::UnknownChoice),
            ("responsible_agency_id", "nobody", Problem::UnknownChoice),
            ("activity_id", "nothing", Problem::UnknownChoice),
            ("title", "", Problem::Required),
        ] {
            let err = set(&mut a, field, text).unwrap_err();
            assert_eq!(err.problem, problem, "{field}={text}");
            assert_eq!(a, before);
        }
    }

    #[test]
    fn new_records_keep_the_plan_valid() {
        let mut plan = sample_plan();
        plan.communication.push(
            new_communication_item(
                "key_message",
                "Peace needs women",
                Id::new_v4(),
                &now(),
                "MWA",
            )
            .unwrap(),
        );
        plan.communication_activities
            .push(new_communication_activity("Radio spots", Id::new_v4(), &now(), "MWA").unwrap());
        plan.consultations
            .push(new_consultation("Provincial forum", Id::new_v4(), &now(), "MWA").unwrap());
        assert!(validate(&plan).is_empty(), "{:?}", validate(&plan));
        assert!(new_communication_item("slogan", "x", Id::new_v4(), &now(), "MWA").is_err());
        assert!(new_consultation(" ", Id::new_v4(), &now(), "MWA").is_err());
    }
}
