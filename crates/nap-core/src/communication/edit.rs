//! Edits of the communication plan (its statements and activities) and of the record of
//! consultations, one field at a time from the text typed, and new records.

use crate::edit::{
    choice, fresh_meta, optional, refuse, required_text, variant, year_in, yes_no, FieldError,
    Problem,
};
use crate::model::*;
use crate::text::LocalText;
use crate::time::{IsoDate, Timestamp};

/// Sets `text` (required), `text_l2` or `kind` (objective, audience, key_message, channel)
/// of a statement of the communication plan.
pub fn set_communication_item_field(
    item: &mut CommunicationItem,
    field: &str,
    text: &str,
) -> Result<(), FieldError> {
    match field {
        "text" => item.text.text = required_text(field, text)?,
        "text_l2" => item.text.l2 = optional(text),
        "kind" => item.kind = variant(field, text)?,
        _ => return Err(refuse(field, text, Problem::UnknownField)),
    }
    Ok(())
}

/// Sets one field of a communication activity: `title` (required), `title_l2`, `audience`,
/// `channel`, `timing`, `year` (a plan year, or empty), `responsible_agency_id`,
/// `activity_id` (the plan activity carrying its cost; empty for none), `languages`
/// (codes separated by commas, e.g. "km, en").
pub fn set_communication_activity_field(
    plan: &Plan,
    activity: &mut CommunicationActivity,
    field: &str,
    text: &str,
) -> Result<(), FieldError> {
    match field {
        "title" => activity.title.text = required_text(field, text)?,
        "title_l2" => activity.title.l2 = optional(text),
        "audience" => activity.audience = text.trim().to_string(),
        "channel" => activity.channel = text.trim().to_string(),
        "timing" => activity.timing = text.trim().to_string(),
        "year" => {
            activity.year = if text.trim().is_empty() {
                None
            } else {
                Some(year_in(plan, field, text)?)
            }
        }
        "responsible_agency_id" => {
            activity.responsible_agency_id =
                choice(plan.agencies.iter().map(|a| a.record.id), field, text)?
        }
        "activity_id" => {
            activity.activity_id = choice(plan.activities.iter().map(|a| a.record.id), field, text)?
        }
        "languages" => {
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
                return Err(refuse(field, text, Problem::UnknownChoice));
            }
            activity.languages = codes;
        }
        _ => return Err(refuse(field, text, Problem::UnknownField)),
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

/// Sets one field of a consultation: `title` (required), `title_l2`, `date` (YYYY-MM-DD),
/// `place`, `participants_women`, `participants_men`, `participants_other` (whole numbers),
/// `inputs`, `inputs_l2`, `response`, `response_l2`, and `group:NAME` = `true`/`false`.
pub fn set_consultation_field(
    consultation: &mut Consultation,
    field: &str,
    text: &str,
) -> Result<(), FieldError> {
    if let Some(name) = field.strip_prefix("group:") {
        let g: StakeholderGroup = variant(field, name)?;
        let on = yes_no(field, text)?;
        consultation.groups.retain(|x| *x != g);
        if on {
            consultation.groups.push(g);
        }
        return Ok(());
    }
    match field {
        "title" => consultation.title.text = required_text(field, text)?,
        "title_l2" => consultation.title.l2 = optional(text),
        "date" => {
            consultation.date = IsoDate::try_from(text.trim().to_string())
                .map_err(|_| refuse(field, text, Problem::NotADate))?
        }
        "place" => consultation.place = text.trim().to_string(),
        "participants_women" => consultation.participants_women = count(field, text)?,
        "participants_men" => consultation.participants_men = count(field, text)?,
        "participants_other" => consultation.participants_other = count(field, text)?,
        "inputs" => consultation.inputs.text = text.trim_end().to_string(),
        "inputs_l2" => consultation.inputs.l2 = optional(text).map(|_| text.trim_end().to_string()),
        "response" => consultation.response.text = text.trim_end().to_string(),
        "response_l2" => {
            consultation.response.l2 = optional(text).map(|_| text.trim_end().to_string())
        }
        _ => return Err(refuse(field, text, Problem::UnknownField)),
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
    set_communication_item_field(&mut item, "text", text)?;
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
        set_consultation_field(&mut c, "participants_women", "1,204").unwrap();
        assert_eq!(c.participants_women, 1204);
        set_consultation_field(&mut c, "group:youth", "true").unwrap();
        assert!(c.groups.contains(&StakeholderGroup::Youth));
        set_consultation_field(&mut c, "group:youth", "false").unwrap();
        assert!(!c.groups.contains(&StakeholderGroup::Youth));
        let before = c.clone();
        for (field, text, problem) in [
            ("participants_men", "-3", Problem::Negative),
            ("participants_men", "many", Problem::NotANumber),
            ("date", "23/11/2026", Problem::NotADate),
            ("group:aliens", "true", Problem::UnknownChoice),
            ("title", " ", Problem::Required),
            ("kind", "x", Problem::UnknownField),
        ] {
            let err = set_consultation_field(&mut c, field, text).unwrap_err();
            assert_eq!(err.problem, problem, "{field}={text}");
            assert_eq!(c, before);
        }
    }

    #[test]
    fn communication_activities_take_plan_years_agencies_and_language_codes() {
        let plan = sample_plan();
        let mut a = plan.communication_activities[0].clone();
        set_communication_activity_field(&plan, &mut a, "languages", "KM, en ,").unwrap();
        assert_eq!(a.languages, vec!["km", "en"]);
        set_communication_activity_field(&plan, &mut a, "year", "").unwrap();
        assert_eq!(a.year, None);
        let before = a.clone();
        for (field, text, problem) in [
            ("year", "2099", Problem::YearOutsidePlan),
            ("languages", "Khmer language", Problem::UnknownChoice),
            ("responsible_agency_id", "nobody", Problem::UnknownChoice),
            ("activity_id", "nothing", Problem::UnknownChoice),
            ("title", "", Problem::Required),
        ] {
            let err = set_communication_activity_field(&plan, &mut a, field, text).unwrap_err();
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
