//! Commands of the agency plans screen.

use crate::error::IpcError;
use crate::state::AppState;
use nap_core::agency_plans::view::AgencyPlanView;
use nap_core::edit::{AgencyPlanField, SubActivityField};
use nap_core::Id;
use tauri::State;

/// One agency's operational plan (the first agency leading activities when `null`).
#[tauri::command]
pub fn agency_plan(
    state: State<'_, AppState>,
    agency_id: Option<Id>,
    second_language: bool,
) -> Result<AgencyPlanView, IpcError> {
    state.with_doc(|doc| nap_app::agency_plans::agency_plan(doc, agency_id, second_language))
}

#[tauri::command]
pub fn start_agency_plan(
    state: State<'_, AppState>,
    agency_id: Id,
    second_language: bool,
) -> Result<AgencyPlanView, IpcError> {
    state.with_doc(|doc| nap_app::agency_plans::start_agency_plan(doc, agency_id, second_language))
}

#[tauri::command]
pub fn set_agency_plan(
    state: State<'_, AppState>,
    id: Id,
    field: AgencyPlanField,
    value: String,
    second_language: bool,
) -> Result<AgencyPlanView, IpcError> {
    state.with_doc(|doc| {
        nap_app::agency_plans::set_agency_plan(doc, id, field, &value, second_language)
    })
}

#[tauri::command]
pub fn add_sub_activity(
    state: State<'_, AppState>,
    agency_plan_id: Id,
    activity_id: Id,
    title: String,
    second_language: bool,
) -> Result<AgencyPlanView, IpcError> {
    state.with_doc(|doc| {
        nap_app::agency_plans::add_sub_activity(
            doc,
            agency_plan_id,
            activity_id,
            &title,
            second_language,
        )
    })
}

/// Sets `title`, `year`, `quarter:N` (true/false), `budget_line`, `economic_code` or `budget`.
#[tauri::command]
pub fn set_sub_activity(
    state: State<'_, AppState>,
    id: Id,
    field: SubActivityField,
    value: String,
    second_language: bool,
) -> Result<AgencyPlanView, IpcError> {
    state.with_doc(|doc| {
        nap_app::agency_plans::set_sub_activity(doc, id, field, &value, second_language)
    })
}

#[tauri::command]
pub fn delete_sub_activity(
    state: State<'_, AppState>,
    id: Id,
    second_language: bool,
) -> Result<AgencyPlanView, IpcError> {
    state.with_doc(|doc| nap_app::agency_plans::delete_sub_activity(doc, id, second_language))
}
