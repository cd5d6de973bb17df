//! The communication plan's statements and activities, and the consultations.

use crate::{find, AppError, ScopeLock};
use nap_core::communication::view::{communication_view, CommunicationView};
use nap_core::edit::{
    new_communication_activity, new_communication_item, new_consultation,
    set_communication_activity_field, set_communication_item_field, set_consultation_field,
    CommunicationActivityField, CommunicationItemField, ConsultationField,
};
use nap_core::{CommunicationActivity, CommunicationItem, Consultation, Id};
use nap_store::{now, Document};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

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

/// Which of the screen's three kinds of record an addition or deletion is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CommunicationRecord {
    /// An objective, audience, key message or channel of the communication plan.
    Item,
    /// A communication activity.
    Activity,
    Consultation,
}

/// Sets one field of a statement of the communication plan.
pub fn set_communication_item(
    doc: &mut Document,
    id: Id,
    field: CommunicationItemField,
    value: &str,
) -> Result<CommunicationView, AppError> {
    let mut item: CommunicationItem = find(doc, id)?;
    set_communication_item_field(&mut item, field, value)?;
    doc.upsert(item)?;
    Ok(communication(doc))
}

/// Sets one field of a communication activity.
pub fn set_communication_activity(
    doc: &mut Document,
    id: Id,
    field: CommunicationActivityField,
    value: &str,
) -> Result<CommunicationView, AppError> {
    let mut activity: CommunicationActivity = find(doc, id)?;
    set_communication_activity_field(doc.plan(), &mut activity, field, value)?;
    doc.upsert(activity)?;
    Ok(communication(doc))
}

/// Sets one field of a consultation.
pub fn set_consultation(
    doc: &mut Document,
    id: Id,
    field: ConsultationField,
    value: &str,
) -> Result<CommunicationView, AppError> {
    let mut consultation: Consultation = find(doc, id)?;
    set_consultation_field(&mut consultation, field, value)?;
    doc.upsert(consultation)?;
    Ok(communication(doc))
}

/// Adds a statement of `item_kind` (objective, audience, key_message, channel; objective
/// when `None`) saying `text`, a communication activity titled `text`, or a consultation
/// titled `text`.
pub fn add_communication(
    doc: &mut Document,
    record: CommunicationRecord,
    text: &str,
    item_kind: Option<&str>,
) -> Result<CommunicationView, AppError> {
    let (id, at, author) = (Id::new_v4(), now(), doc.author().to_string());
    match record {
        CommunicationRecord::Item => {
            let kind = item_kind.unwrap_or("objective");
            doc.upsert(new_communication_item(kind, text, id, &at, &author)?)?;
        }
        CommunicationRecord::Activity => {
            doc.upsert(new_communication_activity(text, id, &at, &author)?)?;
        }
        CommunicationRecord::Consultation => {
            doc.upsert(new_consultation(text, id, &at, &author)?)?;
        }
    }
    Ok(communication(doc))
}

/// Deletes a statement, communication activity or consultation.
pub fn delete_communication(
    doc: &mut Document,
    record: CommunicationRecord,
    id: Id,
) -> Result<CommunicationView, AppError> {
    match record {
        CommunicationRecord::Item => doc.delete::<CommunicationItem>(id)?,
        CommunicationRecord::Activity => doc.delete::<CommunicationActivity>(id)?,
        CommunicationRecord::Consultation => doc.delete::<Consultation>(id)?,
    }
    Ok(communication(doc))
}
