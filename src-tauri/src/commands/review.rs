//! The quality review of the open plan (the Review screen).

use crate::error::IpcError;
use crate::state::AppState;
use nap_app::review::QualityReview;
use tauri::State;

#[tauri::command(async)]
pub fn quality_review(state: State<'_, AppState>) -> Result<QualityReview, IpcError> {
    state.with_doc(|doc| Ok(nap_app::review::check(doc.plan())))
}
