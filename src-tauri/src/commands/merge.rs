//! Commands of the merge review. They read another file, so they run off the window's
//! thread.

use crate::error::IpcError;
use crate::state::AppState;
use nap_app::sharing::{MergeChoices, MergeEntry, MergeOutcome, MergeReview};
use tauri::State;

#[tauri::command(async)]
pub fn review_merge(state: State<'_, AppState>, path: String) -> Result<MergeReview, IpcError> {
    state.with_doc(|doc| nap_app::sharing::review_merge(doc, &path))
}

#[tauri::command(async)]
pub fn apply_merge(
    state: State<'_, AppState>,
    path: String,
    choices: MergeChoices,
) -> Result<MergeOutcome, IpcError> {
    state.with_doc(|doc| nap_app::sharing::apply_merge(doc, &path, &choices))
}

#[tauri::command(async)]
pub fn merges(state: State<'_, AppState>) -> Result<Vec<MergeEntry>, IpcError> {
    state.with_doc(|doc| nap_app::sharing::merges(doc))
}

#[tauri::command(async)]
pub fn undo_merge(state: State<'_, AppState>) -> Result<Vec<MergeEntry>, IpcError> {
    state.with_doc(nap_app::sharing::undo_merge)
}
