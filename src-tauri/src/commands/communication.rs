//! Commands of the communication screen: the communication plan and the consultations.

use crate::error::IpcError;
use crate::state::AppState;
use nap_app::communication::CommunicationRecord;
use nap_core::communication::view::CommunicationView;
use nap_core::edit::{CommunicationActivityField, CommunicationItemField, ConsultationField};
use nap_core::Id;
use tauri::State;

/// The communication plan and the consultations.
#[tauri::command]
pub fn communication(state: State<'_, AppState>) -> Result<CommunicationView, IpcError> {
    state.with_doc(|doc| Ok(nap_app::communication::communication(doc)))
}

/// Sets one field of a statement (objective, audience, key message, channel).
#[tauri::command]
pub fn set_communication_item(
    state: State<'_, AppState>,
    id: Id,
    field: CommunicationItemField,
    value: String,
) -> Result<CommunicationView, IpcError> {
    state.with_doc(|doc| nap_app::communication::set_communication_item(doc, id, field, &value))
}

/// Sets one field of a communication activity.
#[tauri::command]
pub fn set_communication_activity(
    state: State<'_, AppState>,
    id: Id,
    field: CommunicationActivityField,
    value: String,
) -> Result<CommunicationView, IpcError> {
    state.with_doc(|doc| nap_app::communication::set_communication_activity(doc, id, field, &value))
}

/// Sets one field of a consultation (`group:GROUP` = true/false for who took part).
#[tauri::command]
pub fn set_consultation(
    state: State<'_, AppState>,
    id: Id,
    field: ConsultationField,
    value: String,
) -> Result<CommunicationView, IpcError> {
    state.with_doc(|doc| nap_app::communication::set_consultation(doc, id, field, &value))
}

/// `itemKind` (objective, audience, key_message, channel) for a statement, otherwise `null`.
#[tauri::command]
pub fn add_communication(
    state: State<'_, AppState>,
    record: CommunicationRecord,
    text: String,
    item_kind: Option<String>,
) -> Result<CommunicationView, IpcError> {
    state.with_doc(|doc| {
        nap_app::communication::add_communication(doc, record, &text, item_kind.as_deref())
    })
}

#[tauri::command]
pub fn delete_communication(
    state: State<'_, AppState>,
    record: CommunicationRecord,
    id: Id,
) -> Result<CommunicationView, IpcError> {
    state.with_doc(|doc| nap_app::communication::delete_communication(doc, record, id))
}
