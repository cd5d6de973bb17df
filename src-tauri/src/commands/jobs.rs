//! The running export or import, for the window to show where it stands and to stop it.

use crate::state::AppState;
use nap_app::job::JobProgress;
use tauri::State;

/// Where the export or import that is running stands; `None` when none is.
#[tauri::command]
pub fn job_progress(state: State<'_, AppState>) -> Option<JobProgress> {
    state.running_job().map(|job| job.progress())
}

/// Asks the running export or import to stop before it writes anything. `true` when it will
/// (or nothing is running), `false` when it is already writing its file or saving the plan
/// and will finish.
#[tauri::command]
pub fn cancel_job(state: State<'_, AppState>) -> bool {
    state.running_job().is_none_or(|job| job.cancel())
}
