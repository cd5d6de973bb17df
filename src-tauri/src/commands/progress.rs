//! Commands of the Progress screen: the plan's progress in a period, and reports recorded
//! from it (each answered with the period's progress as it now is).

use crate::error::IpcError;
use crate::state::AppState;
use nap_core::progress::edit::{ExpenditureEntry, ProgressEntry, StatusEntry};
use nap_core::progress::view::ProgressView;
use tauri::State;

/// The plan's progress in a period (`2027`, `2027-H1`, `2027-Q3`; empty: the latest year
/// reported).
#[tauri::command(async)]
pub fn progress(state: State<'_, AppState>, period: String) -> Result<ProgressView, IpcError> {
    state.with_doc(|doc| nap_app::progress::progress(doc, &period))
}

/// Records an indicator's value for a period (replacing an earlier one); returns `period`'s
/// progress.
#[tauri::command(async)]
pub fn report_progress(
    state: State<'_, AppState>,
    entry: ProgressEntry,
    period: String,
) -> Result<ProgressView, IpcError> {
    state.with_doc(|doc| {
        nap_app::progress::record_progress(doc, &entry)?;
        nap_app::progress::progress(doc, &period)
    })
}

#[tauri::command(async)]
pub fn report_status(
    state: State<'_, AppState>,
    entry: StatusEntry,
    period: String,
) -> Result<ProgressView, IpcError> {
    state.with_doc(|doc| {
        nap_app::progress::record_status(doc, &entry)?;
        nap_app::progress::progress(doc, &period)
    })
}

#[tauri::command(async)]
pub fn report_expenditure(
    state: State<'_, AppState>,
    entry: ExpenditureEntry,
    period: String,
) -> Result<ProgressView, IpcError> {
    state.with_doc(|doc| {
        nap_app::progress::record_expenditure(doc, &entry)?;
        nap_app::progress::progress(doc, &period)
    })
}
