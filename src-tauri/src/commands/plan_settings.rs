//! Commands of the plan's costing settings (kept in the plan, unlike the user's preferences):
//! contingency, inflation per year, the costing base year, the presentation currency, and
//! exchange rates. Each edit is checked by `nap_core::edit` and saved in its own transaction.

use crate::error::{ErrorCode, IpcError};
use crate::state::AppState;
use nap_core::currency::CURRENCIES;
use nap_core::edit::{as_percent, new_exchange_rate, set_exchange_rate_field, set_plan_setting};
use nap_core::{ExchangeRate, Id};
use nap_store::{now, Document};
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

/// One exchange rate as the settings screen shows it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RateRow {
    #[ts(type = "string")]
    pub id: Id,
    pub currency: String,
    /// The year it applies to; empty for every year without its own rate.
    pub year: String,
    /// Units of base currency per unit, unformatted ("4100").
    pub rate: String,
    pub date: String,
    pub source: String,
    pub modified_by: String,
    pub modified: String,
}

/// The plan's costing settings, as text for the screen's fields.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PlanSettings {
    pub base_currency: String,
    /// Empty for none.
    pub presentation_currency: String,
    pub costing_base_year: i32,
    /// The plan's years, and the inflation of each as a percentage ("3"; empty for none).
    pub years: Vec<i32>,
    pub inflation: Vec<String>,
    /// A percentage ("5").
    pub contingency: String,
    pub rates: Vec<RateRow>,
    /// Every currency code a rate can be added for (all known ones but the base currency).
    pub currencies: Vec<String>,
    /// The currencies that have a rate, once each: the choices of presentation currency.
    pub rated_currencies: Vec<String>,
    /// True in a copy sent for one agency's part: the settings are read-only there.
    pub locked: bool,
}

fn settings_of(doc: &Document) -> PlanSettings {
    let m = &doc.plan().meta;
    let years: Vec<i32> = (m.start_year..=m.end_year).collect();
    PlanSettings {
        base_currency: m.base_currency.clone(),
        presentation_currency: m.presentation_currency.clone().unwrap_or_default(),
        costing_base_year: m.costing_base_year,
        inflation: years
            .iter()
            .map(|y| {
                m.inflation
                    .get(y)
                    .map(|&r| as_percent(r))
                    .unwrap_or_default()
            })
            .collect(),
        years,
        contingency: as_percent(m.contingency),
        rates: doc
            .plan()
            .exchange_rates
            .iter()
            .map(|r| RateRow {
                id: r.record.id,
                currency: r.currency.clone(),
                year: r.year.map(|y| y.to_string()).unwrap_or_default(),
                rate: r.rate.normalize().to_string(),
                date: r.date.as_str().to_string(),
                source: r.source.clone(),
                modified_by: r.record.modified_by.clone(),
                modified: r.record.modified.as_str().to_string(),
            })
            .collect(),
        currencies: CURRENCIES
            .iter()
            .map(|c| c.code.to_string())
            .filter(|c| *c != m.base_currency)
            .collect(),
        rated_currencies: doc
            .plan()
            .exchange_rates
            .iter()
            .map(|r| r.currency.clone())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect(),
        locked: doc.scope_agency().is_some(),
    }
}

fn rate_of(doc: &Document, id: Id) -> Result<ExchangeRate, IpcError> {
    doc.plan()
        .exchange_rates
        .iter()
        .find(|r| r.record.id == id)
        .cloned()
        .ok_or_else(|| IpcError {
            code: ErrorCode::RecordNotFound,
            message: format!("there is no exchange rate with id {id} in this plan"),
        })
}

/// Refuses a change to the rates after which the plan could no longer be costed (a line's
/// currency left without a rate for one of its years): the costing screens would all fail.
fn still_costs(
    doc: &Document,
    change: impl FnOnce(&mut Vec<ExchangeRate>),
) -> Result<(), IpcError> {
    let mut next = doc.plan().clone();
    change(&mut next.exchange_rates);
    nap_core::costing::compute(&next, None)
        .map(|_| ())
        .map_err(|e| IpcError {
            code: ErrorCode::RateNeeded,
            message: format!("the plan could not be costed after this change: {e}"),
        })
}

/// The open plan's costing settings.
#[tauri::command]
pub fn plan_settings(state: State<'_, AppState>) -> Result<PlanSettings, IpcError> {
    state.with_doc(|doc| Ok(settings_of(doc)))
}

/// Sets one setting from the text typed (`contingency`, `inflation:YEAR`,
/// `costing_base_year`, `presentation_currency`); a refused value changes nothing.
#[tauri::command]
pub fn set_plan_setting_field(
    state: State<'_, AppState>,
    field: String,
    value: String,
) -> Result<PlanSettings, IpcError> {
    state.with_doc(|doc| {
        let mut meta = doc.plan().meta.clone();
        set_plan_setting(doc.plan(), &mut meta, &field, &value)?;
        doc.set_meta(meta)?;
        Ok(settings_of(doc))
    })
}

/// Sets one field of an exchange rate (`rate`, `year`, `date`, `source`).
#[tauri::command]
pub fn set_exchange_rate(
    state: State<'_, AppState>,
    id: Id,
    field: String,
    value: String,
) -> Result<PlanSettings, IpcError> {
    state.with_doc(|doc| {
        let mut rate = rate_of(doc, id)?;
        set_exchange_rate_field(doc.plan(), &mut rate, &field, &value)?;
        still_costs(doc, |rates| {
            for r in rates.iter_mut().filter(|r| r.record.id == id) {
                *r = rate.clone();
            }
        })?;
        doc.upsert(rate)?;
        Ok(settings_of(doc))
    })
}

/// Adds a rate for `currency` (for every year, dated today). A second rate for the same
/// currency and year is refused by the plan's validation.
#[tauri::command]
pub fn add_exchange_rate(
    state: State<'_, AppState>,
    currency: String,
    rate: String,
) -> Result<PlanSettings, IpcError> {
    state.with_doc(|doc| {
        let new = new_exchange_rate(
            doc.plan(),
            &currency,
            &rate,
            Id::new_v4(),
            &now(),
            doc.author(),
        )?;
        doc.upsert(new)?;
        Ok(settings_of(doc))
    })
}

/// Deletes a rate; refused while a cost line or catalogue item needs it.
#[tauri::command]
pub fn delete_exchange_rate(state: State<'_, AppState>, id: Id) -> Result<PlanSettings, IpcError> {
    state.with_doc(|doc| {
        still_costs(doc, |rates| rates.retain(|r| r.record.id != id))?;
        doc.delete::<ExchangeRate>(id)?;
        Ok(settings_of(doc))
    })
}
