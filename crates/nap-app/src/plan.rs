//! The open plan as a whole: what the window shows about it, the dashboard, and the budget
//! views (totals by one or two dimensions, or the medium-term view).

use crate::AppError;
use nap_core::costing::render::ShownTable;
use nap_core::costing::views::Measure;
use nap_core::costing::{compute, cross_table, render, Dimension, Rounding};
use nap_core::{ElementCounts, LocalText, PlanStatus};
use nap_store::Document;
use serde::{Deserialize, Serialize};
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
    /// The file or its medium cannot be written: the plan is open to read and export only.
    pub read_only: bool,
    /// The plan's working language (a BCP 47 tag: "en", "fr", "th"), which exports default to
    /// when the window's language is not one of the plan's.
    pub working_language: String,
    /// The plan's second language, which the editors name ("Title in Khmer"); `None` when
    /// the plan has none.
    pub second_language: Option<SecondLanguage>,
}

/// A plan's second language as the window names it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SecondLanguage {
    /// The BCP 47 tag, for the `lang` of the fields ("km", "fr-CI").
    pub tag: String,
    /// Its name in English ("Khmer") and in itself ("ខ្មែរ").
    pub english: String,
    pub native: String,
}

/// The summary of `doc`, as the window shows it.
pub fn summary(doc: &Document) -> PlanSummary {
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
        read_only: doc.is_read_only(),
        working_language: m.working_language.clone(),
        second_language: m.second_language.as_deref().and_then(|tag| {
            nap_core::languages::language(tag).map(|l| SecondLanguage {
                tag: tag.to_string(),
                english: l.english.to_string(),
                native: l.native.to_string(),
            })
        }),
    }
}

/// The dashboard of the open plan: headline costing, cost by pillar and year, the
/// completeness of the six elements, recent changes.
pub fn dashboard(doc: &Document) -> Result<nap_core::dashboard::Dashboard, AppError> {
    Ok(nap_core::dashboard::dashboard_of(
        doc.plan(),
        &*doc.costing()?,
    ))
}

/// Makes, for the plan just opened, what its first screens read: its costing, kept for the
/// plan until it changes. Called while the window is still loading, so that the dashboard
/// (and the costing grid after it) does not cost the plan while the officer waits. The
/// funding allocations are not made here: the dashboard makes its own in under 2 ms for
/// the large plan, and keeping them would hold about 5 MB more.
pub fn prepare_first_screens(doc: &Document) -> Result<(), AppError> {
    doc.costing()?;
    Ok(())
}

/// What budget view to show.
#[derive(Debug, Clone, Deserialize, TS)]
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

/// The dimension called `name`; refused as `bad_request` otherwise.
pub fn dimension(name: &str) -> Result<Dimension, AppError> {
    Dimension::parse(name).ok_or_else(|| {
        AppError::BadRequest(format!(
            "`{name}` is not a dimension: use one of {}",
            Dimension::NAMES.join(", ")
        ))
    })
}

/// The measure called `name` (cost, committed, gap, gap-with-pledged).
pub fn measure(name: &str) -> Result<Measure, AppError> {
    Ok(match name {
        "cost" => Measure::Cost,
        "committed" => Measure::Committed,
        "gap" => Measure::Gap,
        "gap-with-pledged" => Measure::GapWithPledged,
        other => return Err(AppError::BadRequest(format!("`{other}` is not a measure"))),
    })
}

/// The rounding called `name` (exact, unit, thousands, millions).
pub fn rounding(name: &str) -> Result<Rounding, AppError> {
    Rounding::parse(name).ok_or_else(|| {
        AppError::BadRequest(format!(
            "`{name}` is not a rounding mode: use exact, unit, thousands or millions"
        ))
    })
}

/// A budget view of the open plan, formatted for display.
pub fn budget_view(doc: &Document, request: &ViewRequest) -> Result<ShownTable, AppError> {
    let rows = dimension(&request.rows)?;
    let columns = request.columns.as_deref().map(dimension).transpose()?;
    let measure = measure(&request.measure)?;
    let rounding = rounding(&request.rounding)?;
    let currency = request.currency.as_deref().filter(|c| !c.is_empty());
    let costing = match currency {
        // The base-currency costing is kept between calls; another currency is costed anew.
        None => doc.costing()?,
        Some(currency) => std::sync::Arc::new(compute(doc.plan(), Some(currency))?),
    };
    let table = match request.budget_year {
        Some(year) => {
            nap_core::costing::views::mtef(doc.plan(), &costing, rows, year, measure)
                .map_err(|e| AppError::BadRequest(e.to_string()))?
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
