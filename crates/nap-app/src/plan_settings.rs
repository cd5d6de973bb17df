//! The plan's costing settings (kept in the plan, unlike the user's preferences):
//! contingency, inflation per year, the costing base year, the presentation currency, and
//! exchange rates, and the plan's own names of classification codes. Each edit is checked by `nap_core::edit` and saved in its own transaction.

use crate::{find, AppError, ScopeLock};
use nap_core::costing::labels::{standard_name, standard_names};
use nap_core::edit::{
    as_percent, new_exchange_rate, set_classification_name, set_exchange_rate_field,
    set_plan_setting, ClassificationNameField, ExchangeRateField, NameChange, PlanSettingField,
};
use nap_core::model::{ClassificationName, ClassificationScheme, Plan};
use nap_core::{ExchangeRate, Id};
use nap_store::{now, Document};
use serde::Serialize;
use std::collections::BTreeSet;
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

/// One classification code as the settings screen lists it, with the plan's names for it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ClassificationRow {
    pub scheme: ClassificationScheme,
    pub code: String,
    /// The standard (English) name; empty for a code without one.
    pub standard_name: String,
    /// The plan's own name in the working language; empty for the standard name.
    pub name: String,
    /// The plan's name in the second language; empty when not written.
    pub name_l2: String,
    /// True when a cost line, catalogue item or activity of the plan carries the code. Economic
    /// codes are listed by the two- and three-digit groups the tables show, so a line's
    /// code 2211 counts for 22 and 221.
    pub used: bool,
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
    /// The English name of every currency a plan can use, by code, for the pickers.
    pub currency_names: std::collections::BTreeMap<String, String>,
    /// Every standard classification code, every code the plan uses and every code it
    /// names, by scheme (economic first) and code.
    pub classifications: Vec<ClassificationRow>,
    /// BCP 47 tag of the plan's working language ("en", "fr").
    pub working_language: String,
    /// BCP 47 code of the plan's second language ("km"); empty when it has none.
    pub second_language: String,
    /// The languages a plan can use, for the pickers.
    pub languages: Vec<nap_core::languages::Language>,
    /// True in a copy sent for one agency's part: the settings are read-only there.
    pub locked: bool,
}

/// The codes `plan` carries in `scheme`.
fn codes_used(plan: &Plan, scheme: ClassificationScheme) -> BTreeSet<String> {
    match scheme {
        ClassificationScheme::Economic => {
            let lines = plan
                .cost_lines
                .iter()
                .filter_map(|l| l.economic_code.as_deref());
            let items = plan.catalogue.iter().map(|i| i.economic_code.as_str());
            let mut codes = BTreeSet::new();
            for code in lines.chain(items).map(str::trim).filter(|c| !c.is_empty()) {
                // Tables group economic codes by their first two digits (three on the
                // command line): those are the names a reader sees.
                for digits in [2, 3] {
                    if code.chars().count() >= digits {
                        codes.insert(code.chars().take(digits).collect());
                    }
                }
            }
            codes
        }
        ClassificationScheme::Functional => plan
            .activities
            .iter()
            .map(|a| a.cofog.trim())
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .collect(),
    }
}

fn classification_rows(plan: &Plan) -> Vec<ClassificationRow> {
    let mut rows = Vec::new();
    for scheme in [
        ClassificationScheme::Economic,
        ClassificationScheme::Functional,
    ] {
        let used = codes_used(plan, scheme);
        let own: Vec<&ClassificationName> = plan
            .classification_names
            .iter()
            .filter(|n| n.scheme == scheme)
            .collect();
        let codes: BTreeSet<&str> = standard_names(scheme)
            .iter()
            .map(|(code, _)| *code)
            .chain(used.iter().map(String::as_str))
            .chain(own.iter().map(|n| n.code.as_str()))
            .collect();
        rows.extend(codes.into_iter().map(|code| {
            let name = own.iter().find(|n| n.code == code).map(|n| &n.name);
            ClassificationRow {
                scheme,
                code: code.to_string(),
                standard_name: standard_name(scheme, code).unwrap_or_default().to_string(),
                name: name.map(|n| n.text.clone()).unwrap_or_default(),
                name_l2: name.and_then(|n| n.l2.clone()).unwrap_or_default(),
                used: used.contains(code),
            }
        }));
    }
    rows
}

/// The settings of the open plan, as the settings screen shows them.
pub fn plan_settings(doc: &Document) -> PlanSettings {
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
        currencies: nap_core::currency::all()
            .into_iter()
            .map(|c| c.code.to_string())
            .filter(|c| *c != m.base_currency)
            .collect(),
        currency_names: crate::files::currency_choices()
            .into_iter()
            .map(|c| (c.code, c.name))
            .collect(),
        rated_currencies: doc
            .plan()
            .exchange_rates
            .iter()
            .map(|r| r.currency.clone())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect(),
        classifications: classification_rows(doc.plan()),
        working_language: m.working_language.clone(),
        second_language: m.second_language.clone().unwrap_or_default(),
        languages: nap_core::languages::LANGUAGES.to_vec(),
        locked: ScopeLock::of(doc).locks_plan_settings(),
    }
}

/// Refuses a change to the rates after which the plan could no longer be costed (a line's
/// currency left without a rate for one of its years): the costing screens would all fail.
fn still_costs(
    doc: &Document,
    change: impl FnOnce(&mut Vec<ExchangeRate>),
) -> Result<(), AppError> {
    let mut next = doc.plan().clone();
    change(&mut next.exchange_rates);
    nap_core::costing::compute(&next, None)
        .map(|_| ())
        .map_err(|e| {
            AppError::RateNeeded(format!(
                "the plan could not be costed after this change: {e}"
            ))
        })
}

/// Sets one setting from the text typed (`contingency`, `inflation:YEAR`,
/// `costing_base_year`, `presentation_currency`, `working_language`, `second_language`); a
/// refused value changes nothing.
pub fn set_plan_setting_field(
    doc: &mut Document,
    field: PlanSettingField,
    value: &str,
) -> Result<PlanSettings, AppError> {
    let mut meta = doc.plan().meta.clone();
    set_plan_setting(doc.plan(), &mut meta, field, value)?;
    doc.set_meta(meta)?;
    Ok(plan_settings(doc))
}

/// Sets one field of an exchange rate (`rate`, `year`, `date`, `source`).
pub fn set_exchange_rate(
    doc: &mut Document,
    id: Id,
    field: ExchangeRateField,
    value: &str,
) -> Result<PlanSettings, AppError> {
    let mut rate: ExchangeRate = find(doc, id)?;
    set_exchange_rate_field(doc.plan(), &mut rate, field, value)?;
    still_costs(doc, |rates| {
        for r in rates.iter_mut().filter(|r| r.record.id == id) {
            *r = rate.clone();
        }
    })?;
    doc.upsert(rate)?;
    Ok(plan_settings(doc))
}

/// Adds a rate for `currency` (for every year, dated today). A second rate for the same
/// currency and year is refused by the plan's validation.
pub fn add_exchange_rate(
    doc: &mut Document,
    currency: &str,
    rate: &str,
) -> Result<PlanSettings, AppError> {
    let new = new_exchange_rate(
        doc.plan(),
        currency,
        rate,
        Id::new_v4(),
        &now(),
        doc.author(),
    )?;
    doc.upsert(new)?;
    Ok(plan_settings(doc))
}

/// Deletes a rate; refused while a cost line or catalogue item needs it.
pub fn delete_exchange_rate(doc: &mut Document, id: Id) -> Result<PlanSettings, AppError> {
    still_costs(doc, |rates| rates.retain(|r| r.record.id != id))?;
    doc.delete::<ExchangeRate>(id)?;
    Ok(plan_settings(doc))
}

/// Names `code` of `scheme` (`economic` or `functional`): `field` is `name` (the working
/// language; blank for the standard name) or `name_l2` (the second language). Blanking both
/// gives the code back its standard name.
pub fn set_classification_name_field(
    doc: &mut Document,
    scheme: ClassificationScheme,
    code: &str,
    field: ClassificationNameField,
    value: &str,
) -> Result<PlanSettings, AppError> {
    match set_classification_name(doc.plan(), scheme, code, field, value, &now(), doc.author())? {
        NameChange::Put(name) => {
            doc.upsert(name)?;
        }
        NameChange::Remove(id) => doc.delete::<ClassificationName>(id)?,
        NameChange::Nothing => {}
    }
    Ok(plan_settings(doc))
}
