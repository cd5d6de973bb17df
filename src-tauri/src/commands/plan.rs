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
    /// For a copy sent for one agency's part: that agency's name (the rest is read-only).
    pub scope_agency: Option<String>,
}

/// The summary of `doc`, as the window shows it.
pub(crate) fn summary_of(doc: &nap_store::Document) -> PlanSummary {
    let plan = doc.plan();
    let m = &plan.meta;
    PlanSummary {
        path: doc.file().path().display().to_string(),
        title: m.title.clone(),
        country: m.country.clone(),
        country_name: m.country_name.clone(),
        start_year: m.start_year,
        end_year: m.end_year,
        status: m.status,
        base_currency: m.base_currency.clone(),
        elements: ElementCounts::of(plan),
        scope_agency: doc.scope_agency_name().map(str::to_string),
    }
}

#[tauri::command]
pub fn plan_summary(state: State<'_, AppState>) -> Result<PlanSummary, IpcError> {
    let guard = state.document.lock().map_err(|_| IpcError::no_plan())?;
    let Some(doc) = guard.as_ref() else {
        let open_error = state.open_error.lock().ok().and_then(|e| e.clone());
        return Err(open_error.unwrap_or_else(IpcError::no_plan));
    };
    Ok(summary_of(doc))
}

/// The dashboard of the open plan: headline costing, cost by pillar and year, the
/// completeness of the six elements, recent changes.
#[tauri::command]
pub fn dashboard(state: State<'_, AppState>) -> Result<nap_core::dashboard::Dashboard, IpcError> {
    let guard = state.document.lock().map_err(|_| IpcError::no_plan())?;
    let doc = guard.as_ref().ok_or_else(IpcError::no_plan)?;
    Ok(nap_core::dashboard::dashboard(doc.plan())?)
}

/// What budget view the UI asks for.
#[derive(Debug, Clone, serde::Deserialize, TS)]
#[ts(export)]
pub struct ViewRequest {
    /// A dimension name: pillar, outcome, output, activity, agency, year, economic, function,
    /// source, source-type, marker.
    pub rows: String,
    pub columns: Option<String>,
    /// cost, committed, gap or gap-with-pledged.
    pub measure: String,
    /// unit, thousands or millions.
    pub rounding: String,
    pub reconcile: bool,
    pub second_language: bool,
    /// The currency to show amounts in: the base currency when absent, otherwise one with an
    /// exchange rate.
    #[serde(default)]
    #[ts(optional)]
    pub currency: Option<String>,
    /// The medium-term view for this budget year: its year and the two outer years as
    /// columns (`columns` is then ignored).
    #[serde(default)]
    #[ts(optional)]
    pub budget_year: Option<i32>,
}

fn bad(message: String) -> IpcError {
    IpcError {
        code: crate::error::ErrorCode::BadRequest,
        message,
    }
}

/// A budget view (totals by one or two dimensions) of the open plan, formatted for display.
#[tauri::command]
pub fn budget_view(
    state: State<'_, AppState>,
    request: ViewRequest,
) -> Result<nap_core::costing::render::ShownTable, IpcError> {
    use nap_core::costing::views::Measure;
    use nap_core::costing::{compute, cross_table, render, Dimension, Rounding};
    let dim = |name: &str| {
        Dimension::parse(name).ok_or_else(|| bad(format!("`{name}` is not a dimension")))
    };
    let rows = dim(&request.rows)?;
    let columns = request.columns.as_deref().map(dim).transpose()?;
    let measure = match request.measure.as_str() {
        "cost" => Measure::Cost,
        "committed" => Measure::Committed,
        "gap" => Measure::Gap,
        "gap-with-pledged" => Measure::GapWithPledged,
        other => return Err(bad(format!("`{other}` is not a measure"))),
    };
    let rounding = Rounding::parse(&request.rounding)
        .ok_or_else(|| bad(format!("`{}` is not a rounding mode", request.rounding)))?;
    let guard = state.document.lock().map_err(|_| IpcError::no_plan())?;
    let doc = guard.as_ref().ok_or_else(IpcError::no_plan)?;
    let currency = request.currency.as_deref().filter(|c| !c.is_empty());
    let costing = match currency {
        None => doc.costing()?,
        Some(currency) => std::sync::Arc::new(compute(doc.plan(), Some(currency))?),
    };
    let table = match request.budget_year {
        Some(year) => {
            nap_core::costing::views::mtef(doc.plan(), &costing, rows, year, measure)
                .map_err(|e| bad(e.to_string()))?
                .years
        }
        None => cross_table(doc.plan(), &costing, rows, columns, measure),
    };
    Ok(render::to_shown(
        &table,
        render::Style {
            rounding,
            reconcile: request.reconcile,
            second_language: request.second_language,
        },
    ))
}
