//! Commands of the communication screen: the communication plan's statements and activities
//! and the consultations. `record` names which of the three an edit is for: `item`,
//! `activity` or `consultation`.

use crate::error::{ErrorCode, IpcError};
use crate::state::AppState;
use nap_core::communication_view::{communication_view, CommunicationView};
use nap_core::edit::{
    new_communication_activity, new_communication_item, new_consultation,
    set_communication_activity_field, set_communication_item_field, set_consultation_field,
};
use nap_core::merge::Scope;
use nap_core::{CommunicationActivity, CommunicationItem, Consultation, Id, Record};
use nap_store::{now, Document};
use tauri::State;

fn view_of(doc: &Document) -> CommunicationView {
    let mut view = communication_view(doc.plan());
    if let Some(agency) = doc.scope_agency() {
        let part = Scope::of_agency(doc.plan(), agency);
        let ids = (view.items.iter().map(|r| r.record.id))
            .chain(view.activities.iter().map(|r| r.record.id))
            .chain(view.consultations.iter().map(|r| r.record.id));
        view.locked = ids.filter(|id| !part.contains(*id)).collect();
    }
    view
}

fn bad_record(record: &str) -> IpcError {
    IpcError {
        code: ErrorCode::BadRequest,
        message: format!("`{record}` is not item, activity or consultation"),
    }
}

fn find<T: Record + Clone>(doc: &Document, id: Id) -> Result<T, IpcError> {
    T::list(doc.plan())
        .iter()
        .find(|r| r.meta().id == id)
        .cloned()
        .ok_or_else(|| IpcError {
            code: ErrorCode::RecordNotFound,
            message: format!("there is no {} with id {id} in this plan", T::KIND.name()),
        })
}

/// The open plan's communication plan and consultations.
#[tauri::command]
pub fn communication(state: State<'_, AppState>) -> Result<CommunicationView, IpcError> {
    state.with_doc(|doc| Ok(view_of(doc)))
}

/// Sets one field of a statement, communication activity or consultation (see the
/// `nap_core::edit` functions of each for the fields).
#[tauri::command]
pub fn set_communication(
    state: State<'_, AppState>,
    record: String,
    id: Id,
    field: String,
    value: String,
) -> Result<CommunicationView, IpcError> {
    state.with_doc(|doc| {
        match record.as_str() {
            "item" => {
                let mut item: CommunicationItem = find(doc, id)?;
                set_communication_item_field(&mut item, &field, &value)?;
                doc.upsert(item)?;
            }
            "activity" => {
                let mut activity: CommunicationActivity = find(doc, id)?;
                set_communication_activity_field(doc.plan(), &mut activity, &field, &value)?;
                doc.upsert(activity)?;
            }
            "consultation" => {
                let mut consultation: Consultation = find(doc, id)?;
                set_consultation_field(&mut consultation, &field, &value)?;
                doc.upsert(consultation)?;
            }
            other => return Err(bad_record(other)),
        }
        Ok(view_of(doc))
    })
}

/// Adds a statement of `item_kind` (objective, audience, key_message, channel) saying
/// `text`, a communication activity titled `text`, or a consultation titled `text`.
#[tauri::command]
pub fn add_communication(
    state: State<'_, AppState>,
    record: String,
    text: String,
    item_kind: Option<String>,
) -> Result<CommunicationView, IpcError> {
    state.with_doc(|doc| {
        let (id, at, author) = (Id::new_v4(), now(), doc.author().to_string());
        match record.as_str() {
            "item" => {
                let kind = item_kind.as_deref().unwrap_or("objective");
                doc.upsert(new_communication_item(kind, &text, id, &at, &author)?)?;
            }
            "activity" => {
                doc.upsert(new_communication_activity(&text, id, &at, &author)?)?;
            }
            "consultation" => {
                doc.upsert(new_consultation(&text, id, &at, &author)?)?;
            }
            other => return Err(bad_record(other)),
        }
        Ok(view_of(doc))
    })
}

/// Deletes a statement, communication activity or consultation.
#[tauri::command]
pub fn delete_communication(
    state: State<'_, AppState>,
    record: String,
    id: Id,
) -> Result<CommunicationView, IpcError> {
    state.with_doc(|doc| {
        match record.as_str() {
            "item" => doc.delete::<CommunicationItem>(id)?,
            "activity" => doc.delete::<CommunicationActivity>(id)?,
            "consultation" => doc.delete::<Consultation>(id)?,
            other => return Err(bad_record(other)),
        }
        Ok(view_of(doc))
    })
}
