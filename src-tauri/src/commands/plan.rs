//! Commands about the open plan as a whole.

use crate::error::{no_plan, IpcError};
use crate::state::AppState;
use nap_app::plan::{PlanSummary, ViewRequest};
use tauri::State;

/// The open plan's summary; the page's first question. Asked off the window's thread, it
/// waits for the plan given at start, which is opened while the page loads.
#[tauri::command(async)]
pub fn plan_summary(state: State<'_, AppState>) -> Result<PlanSummary, IpcError> {
    let guard = state.lock_document()?;
    let Some(doc) = guard.as_ref() else {
        let open_error = state.open_error.lock().ok().and_then(|e| e.clone());
        return Err(open_error.unwrap_or_else(no_plan));
    };
    Ok(nap_app::plan::summary(doc))
}

/// The plan given at start that could not be opened, if any (see `plan_summary`'s error).
#[tauri::command]
pub fn refused_plan(state: State<'_, AppState>) -> Result<Option<String>, IpcError> {
    Ok(state.refused_path.lock().ok().and_then(|p| p.clone()))
}

/// The dashboard. Asked for with the summary as the page starts, and like it off the
/// window's thread, so that it waits for the plan given at start however long that takes to
/// open: on the window's thread it would be told `busy` after 150 ms (a large plan on a slow
/// laptop) and the first screen would stay empty.
#[tauri::command(async)]
pub fn dashboard(state: State<'_, AppState>) -> Result<nap_core::dashboard::Dashboard, IpcError> {
    state.with_doc(|doc| nap_app::plan::dashboard(doc))
}

#[tauri::command]
pub fn budget_view(
    state: State<'_, AppState>,
    request: ViewRequest,
) -> Result<nap_core::costing::render::ShownTable, IpcError> {
    state.with_doc(|doc| nap_app::plan::budget_view(doc, &request))
}
