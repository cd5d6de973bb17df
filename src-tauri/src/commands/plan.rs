//! Commands about the open plan as a whole.

use crate::error::IpcError;
use crate::state::AppState;
use nap_core::{ElementCounts, LocalText, PlanStatus};
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

/// What the window shows about the open plan.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PlanSummary {
    /// The file's path as the user gave it.
    pub path: String,
    pub title: LocalText,
    pub country: String,
    pub country_name: LocalText,
    pub start_year: i32,
    pub end_year: i32,
    pub status: PlanStatus,
    pub base_currency: String,
    pub elements: ElementCounts,
}

#[tauri::command]
pub fn plan_summary(state: State<'_, AppState>) -> Result<PlanSummary, IpcError> {
    let guard = state.document.lock().map_err(|_| IpcError::no_plan())?;
    let Some(doc) = guard.as_ref() else {
        let open_error = state.open_error.lock().ok().and_then(|e| e.clone());
        return Err(open_error.unwrap_or_else(IpcError::no_plan));
    };
    let plan = doc.plan();
    let m = &plan.meta;
    Ok(PlanSummary {
        path: doc.file().path().display().to_string(),
        title: m.title.clone(),
        country: m.country.clone(),
        country_name: m.country_name.clone(),
        start_year: m.start_year,
        end_year: m.end_year,
        status: m.status,
        base_currency: m.base_currency.clone(),
        elements: ElementCounts::of(plan),
    })
}

/// The dashboard of the open plan: headline costing, cost by pillar and year, the
/// completeness of the six elements, recent changes.
#[tauri::command]
pub fn dashboard(state: State<'_, AppState>) -> Result<nap_core::dashboard::Dashboard, IpcError> {
    let guard = state.document.lock().map_err(|_| IpcError::no_plan())?;
    let doc = guard.as_ref().ok_or_else(IpcError::no_plan)?;
    Ok(nap_core::dashboard::dashboard(doc.plan())?)
}
