//! Commands of the merge review. They read another file, so they run off the window's
//! thread.

use crate::error::IpcError;
use crate::state::AppState;
use nap_app::sharing::{MergeChoices, MergeEntry, MergeOutcome, MergeReview};
use tauri::State;

/// What merging a returned copy would change; nothing changes.
#[tauri::command(async)]
pub fn review_merge(state: State<'_, AppState>, path: String) -> Result<MergeReview, IpcError> {
    state.with_doc(|doc| nap_app::sharing::review_merge(doc, &path))
}

/// Merges the copy as decided; refused (`unresolved`) while a conflict has no side.
#[tauri::command(async)]
pub fn apply_merge(
    state: State<'_, AppState>,
    path: String,
    choices: MergeChoices,
) -> Result<MergeOutcome, IpcError> {
    state.with_doc(|doc| nap_app::sharing::apply_merge(doc, &path, &choices))
}

/// The merges made in the open plan, newest first.
#[tauri::command(async)]
pub fn merges(state: State<'_, AppState>) -> Result<Vec<MergeEntry>, IpcError> {
    state.with_doc(|doc| nap_app::sharing::merges(doc))
}

/// Undoes the last merge; returns the merges again.
#[tauri::command(async)]
pub fn undo_merge(state: State<'_, AppState>) -> Result<Vec<MergeEntry>, IpcError> {
    state.with_doc(nap_app::sharing::undo_merge)
}
