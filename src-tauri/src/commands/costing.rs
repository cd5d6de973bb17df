//! Commands of the costing screen, and undo/redo (which every screen shares).

use crate::error::IpcError;
use crate::state::AppState;
use nap_app::costing::LineUpdate;
use nap_app::history::History;
use nap_core::costing::grid::{CostGrid, GridActivity, GridFilter, GridRows, GridTotals};
use nap_core::costing::lump_sum::LumpSumTarget;
use nap_core::edit::CostLineField;
use nap_core::Id;
use tauri::State;

/// The grid with its first `rows` lines; the rest come from `costGridRows` as they scroll into
/// view.
#[tauri::command]
pub fn cost_grid(
    state: State<'_, AppState>,
    filter: GridFilter,
    rows: u32,
) -> Result<CostGrid, IpcError> {
    state.with_doc(|doc| nap_app::costing::cost_grid(doc, &filter, rows))
}

#[tauri::command]
pub fn cost_grid_rows(
    state: State<'_, AppState>,
    filter: GridFilter,
    offset: u32,
    limit: u32,
) -> Result<GridRows, IpcError> {
    state.with_doc(|doc| nap_app::costing::cost_grid_rows(doc, &filter, offset, limit))
}

/// Sets one field of a cost line from the text typed; refused values change nothing.
#[tauri::command]
pub fn set_cost_line(
    state: State<'_, AppState>,
    id: Id,
    field: CostLineField,
    value: String,
    filter: GridFilter,
) -> Result<LineUpdate, IpcError> {
    state.with_doc(|doc| nap_app::costing::set_cost_line(doc, id, field, &value, &filter))
}

/// What the line and totals would be with `value` typed into `field`; saves nothing.
#[tauri::command]
pub fn preview_cost_line(
    state: State<'_, AppState>,
    id: Id,
    field: CostLineField,
    value: String,
    filter: GridFilter,
) -> Result<LineUpdate, IpcError> {
    state.with_doc(|doc| nap_app::costing::preview_cost_line(doc, id, field, &value, &filter))
}

#[tauri::command]
pub fn add_cost_line(
    state: State<'_, AppState>,
    activity_id: Id,
    item: String,
    filter: GridFilter,
) -> Result<LineUpdate, IpcError> {
    state.with_doc(|doc| nap_app::costing::add_cost_line(doc, activity_id, &item, &filter))
}

/// A lump sum (amounts per year typed in its year cells) for a pillar, outcome, output or
/// activity; one given above an activity goes to that record's budget holder.
#[tauri::command]
pub fn add_lump_sum(
    state: State<'_, AppState>,
    target: LumpSumTarget,
    item: String,
    filter: GridFilter,
) -> Result<LineUpdate, IpcError> {
    // The amounts are typed in the grid's year cells afterwards, as for any line.
    state.with_doc(|doc| nap_app::costing::add_lump_sum(doc, target, &item, &[], &filter))
}

#[tauri::command]
pub fn add_activity(
    state: State<'_, AppState>,
    output_id: Id,
    title: String,
    lead_agency_id: Option<Id>,
) -> Result<GridActivity, IpcError> {
    state.with_doc(|doc| nap_app::costing::add_activity(doc, output_id, &title, lead_agency_id))
}

#[tauri::command]
pub fn delete_cost_line(
    state: State<'_, AppState>,
    id: Id,
    filter: GridFilter,
) -> Result<GridTotals, IpcError> {
    state.with_doc(|doc| nap_app::costing::delete_cost_line(doc, id, &filter))
}

#[tauri::command]
pub fn history(state: State<'_, AppState>) -> Result<History, IpcError> {
    state.with_doc(|doc| Ok(nap_app::history::history(doc)))
}

#[tauri::command]
pub fn undo(state: State<'_, AppState>) -> Result<History, IpcError> {
    state.with_doc(nap_app::history::undo)
}

#[tauri::command]
pub fn redo(state: State<'_, AppState>) -> Result<History, IpcError> {
    state.with_doc(nap_app::history::redo)
}
