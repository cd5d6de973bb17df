//! The communication plan's statements and activities, and the consultations. `record`
//! names which of the three an edit is for: `item`, `activity` or `consultation`.

use crate::{find, AppError, ScopeLock};
use nap_core::communication::view::{communication_view, CommunicationView};
use nap_core::edit::{
    new_communication_activity, new_communication_item, new_consultation,
    set_communication_activity_field, set_communication_item_field, set_consultation_field,
};
use nap_core::{CommunicationActivity, CommunicationItem, Consultation, Id};
use nap_store::{now, Document};

/// The communication plan and consultations, with the records outside a scoped copy's part
/// listed as locked.
pub fn communication(doc: &Document) -> CommunicationView {
    let mut view = communication_view(doc.plan());
    let lock = ScopeLock::of(doc);
    let ids = (view.items.iter().map(|r| r.record.id))
        .chain(view.activities.iter().map(|r| r.record.id))
        .chain(view.consultations.iter().map(|r| r.record.id));
    view.locked = ids.filter(|id| lock.locks(*id)).collect();
    view
}

fn bad_record(record: &str) -> AppError {
    AppError::BadRequest(format!("`{record}` is not item, activity or consultation"))
}

/// Sets one field of a statement, communication activity or consultation (see the
/// `nap_core::edit` functions of each for the fields).
pub fn set_communication(
    doc: &mut Document,
    record: &str,
    id: Id,
    field: &str,
    value: &str,
) -> Result<CommunicationView, AppError> {
    match record {
        "item" => {
            let mut item: CommunicationItem = find(doc, id)?;
            set_communication_item_field(&mut item, field, value)?;
            doc.upsert(item)?;
        }
        "activity" => {
            let mut activity: CommunicationActivity = find(doc, id)?;
            set_communication_activity_field(doc.plan(), &mut activity, field, value)?;
            doc.upsert(activity)?;
        }
        "consultation" => {
            let mut consultation: Consultation = find(doc, id)?;
            set_consultation_field(&mut consultation, field, value)?;
            doc.upsert(consultation)?;
        }
        other => return Err(bad_record(other)),
    }
    Ok(communication(doc))
}

/// Adds a statement of `item_kind` (objective, audience, key_message, channel; objective
/// when `None`) saying `text`, a communication activity titled `text`, or a consultation
/// titled `text`.
pub fn add_communication(
    doc: &mut Document,
    record: &str,
    text: &str,
    item_kind: Option<&str>,
) -> Result<CommunicationView, AppError> {
    let (id, at, author) = (Id::new_v4(), now(), doc.author().to_string());
    match record {
        "item" => {
            let kind = item_kind.unwrap_or("objective");
            doc.upsert(new_communication_item(kind, text, id, &at, &author)?)?;
        }
        "activity" => {
            doc.upsert(new_communication_activity(text, id, &at, &author)?)?;
        }
        "consultation" => {
            doc.upsert(new_consultation(text, id, &at, &author)?)?;
        }
        other => return Err(bad_record(other)),
    }
    Ok(communication(doc))
}

/// Deletes a statement, communication activity or consultation.
pub fn delete_communication(
    doc: &mut Document,
    record: &str,
    id: Id,
) -> Result<CommunicationView, AppError> {
    match record {
        "item" => doc.delete::<CommunicationItem>(id)?,
        "activity" => doc.delete::<CommunicationActivity>(id)?,
        "consultation" => doc.delete::<Consultation>(id)?,
        other => return Err(bad_record(other)),
    }
    Ok(communication(doc))
}
