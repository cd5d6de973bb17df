//! Commands of the funding screen.

use crate::error::IpcError;
use crate::state::AppState;
use nap_core::edit::FundingSourceField;
use nap_core::funding::view::FundingView;
use nap_core::Id;
use tauri::State;

/// The funding sources, what the allocation makes of them, and the headline gap.
#[tauri::command]
pub fn funding(state: State<'_, AppState>) -> Result<FundingView, IpcError> {
    state.with_doc(|doc| nap_app::funding::funding(doc))
}

/// Sets one field of a source (`amount:YEAR`, `status`, `earmark_add`, …); refused values
/// change nothing.
#[tauri::command]
pub fn set_funding_source(
    state: State<'_, AppState>,
    id: Id,
    field: FundingSourceField,
    value: String,
) -> Result<FundingView, IpcError> {
    state.with_doc(|doc| nap_app::funding::set_funding_source(doc, id, field, &value))
}

#[tauri::command]
pub fn add_funding_source(
    state: State<'_, AppState>,
    name: String,
) -> Result<FundingView, IpcError> {
    state.with_doc(|doc| nap_app::funding::add_funding_source(doc, &name))
}

/// Refused (`still_referenced`) while cost lines name the source.
#[tauri::command]
pub fn delete_funding_source(state: State<'_, AppState>, id: Id) -> Result<FundingView, IpcError> {
    state.with_doc(|doc| nap_app::funding::delete_funding_source(doc, id))
}
