//! Commands of the coordination screen.

use crate::error::IpcError;
use crate::state::AppState;
use nap_core::coordination::view::CoordinationView;
use nap_core::edit::{BodyField, ReportingEventField};
use nap_core::Id;
use tauri::State;

/// The coordinating bodies and their organisation chart.
#[tauri::command]
pub fn coordination(state: State<'_, AppState>) -> Result<CoordinationView, IpcError> {
    state.with_doc(|doc| Ok(nap_app::coordination::coordination(doc)))
}

/// Sets one field of a body (`name`, `reports_to_id`, `member:AGENCY` = true/false, …).
#[tauri::command]
pub fn set_body(
    state: State<'_, AppState>,
    id: Id,
    field: BodyField,
    value: String,
) -> Result<CoordinationView, IpcError> {
    state.with_doc(|doc| nap_app::coordination::set_body(doc, id, field, &value))
}

#[tauri::command]
pub fn add_body(
    state: State<'_, AppState>,
    name: String,
    reports_to_id: Option<Id>,
) -> Result<CoordinationView, IpcError> {
    state.with_doc(|doc| nap_app::coordination::add_body(doc, &name, reports_to_id))
}

/// Refused (`still_referenced`) while bodies report to it.
#[tauri::command]
pub fn delete_body(state: State<'_, AppState>, id: Id) -> Result<CoordinationView, IpcError> {
    state.with_doc(|doc| nap_app::coordination::delete_body(doc, id))
}

/// Sets `title`, `title_l2`, `frequency`, `due`, `responsible_agency_id` or `recipient` of a
/// report of the reporting calendar.
#[tauri::command]
pub fn set_reporting_event(
    state: State<'_, AppState>,
    id: Id,
    field: ReportingEventField,
    value: String,
) -> Result<CoordinationView, IpcError> {
    state.with_doc(|doc| nap_app::coordination::set_reporting_event(doc, id, field, &value))
}

#[tauri::command]
pub fn add_reporting_event(
    state: State<'_, AppState>,
    title: String,
) -> Result<CoordinationView, IpcError> {
    state.with_doc(|doc| nap_app::coordination::add_reporting_event(doc, &title))
}

#[tauri::command]
pub fn delete_reporting_event(
    state: State<'_, AppState>,
    id: Id,
) -> Result<CoordinationView, IpcError> {
    state.with_doc(|doc| nap_app::coordination::delete_reporting_event(doc, id))
}
