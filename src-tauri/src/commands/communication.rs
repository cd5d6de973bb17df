//! Commands of the communication screen: the communication plan and the consultations.

use crate::error::IpcError;
use crate::state::AppState;
use nap_core::communication::view::CommunicationView;
use nap_core::Id;
use tauri::State;

#[tauri::command]
pub fn communication(state: State<'_, AppState>) -> Result<CommunicationView, IpcError> {
    state.with_doc(|doc| Ok(nap_app::communication::communication(doc)))
}

#[tauri::command]
pub fn set_communication(
    state: State<'_, AppState>,
    record: String,
    id: Id,
    field: String,
    value: String,
) -> Result<CommunicationView, IpcError> {
    state
        .with_doc(|doc| nap_app::communication::set_communication(doc, &record, id, &field, &value))
}

#[tauri::command]
pub fn add_communication(
    state: State<'_, AppState>,
    record: String,
    text: String,
    item_kind: Option<String>,
) -> Result<CommunicationView, IpcError> {
    state.with_doc(|doc| {
        nap_app::communication::add_communication(doc, &record, &text, item_kind.as_deref())
    })
}

#[tauri::command]
pub fn delete_communication(
    state: State<'_, AppState>,
    record: String,
    id: Id,
) -> Result<CommunicationView, IpcError> {
    state.with_doc(|doc| nap_app::communication::delete_communication(doc, &record, id))
}
