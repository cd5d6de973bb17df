//! Commands of the Versions screen, and the start screen's backups.

use crate::error::IpcError;
use crate::state::{data_dir, AppState};
use nap_app::backups::BackupEntry;
use nap_app::plan::PlanSummary;
use nap_app::versions::{Restored, VersionEntry};
use nap_core::versions::Comparison;
use nap_core::Id;
use std::path::Path;
use tauri::State;

/// The named versions, oldest first.
#[tauri::command(async)]
pub fn versions(state: State<'_, AppState>) -> Result<Vec<VersionEntry>, IpcError> {
    state.with_doc(|doc| nap_app::versions::list(doc))
}

#[tauri::command(async)]
pub fn save_version(
    state: State<'_, AppState>,
    name: String,
    note: String,
    status: Option<String>,
) -> Result<Vec<VersionEntry>, IpcError> {
    state.with_doc(|doc| {
        nap_app::versions::save(doc, &name, &note, status.as_deref())?;
        nap_app::versions::list(doc)
    })
}

/// What differs from version `from` to version `to` (or to the plan as it is now, `null`).
#[tauri::command(async)]
pub fn compare_versions(
    state: State<'_, AppState>,
    from: Id,
    to: Option<Id>,
) -> Result<Comparison, IpcError> {
    state.with_doc(|doc| nap_app::versions::compare(doc, from, to))
}

/// Makes the plan what the version held, as one undoable edit, after a backup.
#[tauri::command(async)]
pub fn restore_version(state: State<'_, AppState>, id: Id) -> Result<Restored, IpcError> {
    state.with_doc(|doc| nap_app::versions::restore(doc, id))
}

/// Every automatic backup, newest first.
#[tauri::command(async)]
pub fn backups() -> Result<Vec<BackupEntry>, IpcError> {
    Ok(nap_app::backups::list(&data_dir()))
}

/// Writes the backup at `path` as a new plan file beside its plan and opens it.
#[tauri::command(async)]
pub fn restore_backup<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    path: String,
) -> Result<PlanSummary, IpcError> {
    let written = nap_app::backups::restore(Path::new(&path), None, &data_dir())?;
    crate::commands::files::open_plan(app, state, written.display().to_string())
}
