//! Commands of the results framework screen.

use crate::error::IpcError;
use crate::state::AppState;
use nap_core::edit::{IndicatorField, ResultField, ResultLevel};
use nap_core::results::view::ResultsView;
use nap_core::Id;
use tauri::State;

/// The results tree and every indicator.
#[tauri::command]
pub fn results(state: State<'_, AppState>) -> Result<ResultsView, IpcError> {
    state.with_doc(|doc| Ok(nap_app::results::results(doc)))
}

/// Sets `title`, `title_l2`, `description`, `description_l2` or an activity's `lead_agency_id`.
#[tauri::command]
pub fn set_result(
    state: State<'_, AppState>,
    level: ResultLevel,
    id: Id,
    field: ResultField,
    value: String,
) -> Result<ResultsView, IpcError> {
    state.with_doc(|doc| nap_app::results::set_result(doc, level, id, field, &value))
}

/// Moves a result one place among its siblings; the codes under it renumber.
#[tauri::command]
pub fn move_result_step(
    state: State<'_, AppState>,
    level: ResultLevel,
    id: Id,
    up: bool,
) -> Result<ResultsView, IpcError> {
    state.with_doc(|doc| nap_app::results::move_result_step(doc, level, id, up))
}

/// Moves a result to the place of its sibling `target` (dragged onto it).
#[tauri::command]
pub fn move_result_to(
    state: State<'_, AppState>,
    level: ResultLevel,
    id: Id,
    target: Id,
) -> Result<ResultsView, IpcError> {
    state.with_doc(|doc| nap_app::results::move_result_to(doc, level, id, target))
}

/// Adds the next level down under a pillar, outcome or output.
#[tauri::command]
pub fn add_result(
    state: State<'_, AppState>,
    parent_id: Id,
    title: String,
) -> Result<ResultsView, IpcError> {
    state.with_doc(|doc| nap_app::results::add_result(doc, parent_id, &title))
}

/// Refused (`still_referenced`) while anything is under the result.
#[tauri::command]
pub fn delete_result(
    state: State<'_, AppState>,
    level: ResultLevel,
    id: Id,
) -> Result<ResultsView, IpcError> {
    state.with_doc(|doc| nap_app::results::delete_result(doc, level, id))
}

#[tauri::command]
pub fn set_indicator(
    state: State<'_, AppState>,
    id: Id,
    field: IndicatorField,
    value: String,
) -> Result<ResultsView, IpcError> {
    state.with_doc(|doc| nap_app::results::set_indicator(doc, id, field, &value))
}

/// An indicator of an outcome or output, or of the goal (`null`).
#[tauri::command]
pub fn add_indicator(
    state: State<'_, AppState>,
    parent_id: Option<Id>,
    statement: String,
) -> Result<ResultsView, IpcError> {
    state.with_doc(|doc| nap_app::results::add_indicator(doc, parent_id, &statement))
}

#[tauri::command]
pub fn delete_indicator(state: State<'_, AppState>, id: Id) -> Result<ResultsView, IpcError> {
    state.with_doc(|doc| nap_app::results::delete_indicator(doc, id))
}
