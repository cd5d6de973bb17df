//! The quality review of the open plan (the Review screen).

use crate::error::IpcError;
use crate::state::AppState;
use nap_app::review::QualityReview;
use tauri::State;

/// What the plan still lacks to be a high-impact NAP.
#[tauri::command(async)]
pub fn quality_review(state: State<'_, AppState>) -> Result<QualityReview, IpcError> {
    state.with_doc(|doc| Ok(nap_app::review::check(doc.plan())))
}

/// Marks the translations of `fields` of record `id` (the plan's own when `None`) as checked
/// against their changed text; returns the review without them.
#[tauri::command(async)]
pub fn confirm_translations(
    state: State<'_, AppState>,
    id: Option<nap_core::Id>,
    fields: Vec<String>,
) -> Result<QualityReview, IpcError> {
    state.with_doc(|doc| {
        nap_app::records::confirm_translations(doc, id, &fields)?;
        Ok(nap_app::review::check(doc.plan()))
    })
}
