//! Line amounts, contingency and the headline summary.

use super::funding::{allocate, Allocation, FundingPass};
use super::quantize;
use crate::model::*;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::HashMap;

/// Decimal places at which every line-year amount is carried (see the module rules).
pub const AMOUNT_SCALE: u32 = 10;

/// Why a plan cannot be costed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CostingError {
    /// Amounts in these currencies cannot be converted because no rate is given for these
    /// years (neither for the year nor plan-wide).
    #[error("no exchange rate for {}: add the rate in the plan's costing settings", .0.iter().map(|(c, y)| format!("{c} in {y}")).collect::<Vec<_>>().join(", "))]
    MissingRates(Vec<(String, Year)>),
    /// A line that names a catalogue item that does not exist and lacks its own values.
    #[error("cost line {0} has no unit cost or currency and no catalogue item to take them from")]
    IncompleteLine(Id),
    /// The currency asked for is not a known ISO 4217 code.
    #[error("`{0}` is not a known ISO 4217 currency code")]
    UnknownCurrency(String),
    /// An amount is too large to compute exactly (beyond 28 significant digits).
    #[error("an amount is too large to compute exactly (cost line {0})")]
    Overflow(Id),
}

/// What a cost unit is: a cost line, or the contingency of an activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "index", rename_all = "snake_case")]
pub enum UnitKind {
    /// Index into `plan.cost_lines`.
    Line(usize),
    /// Contingency of the activity at this index into `plan.activities`.
    Contingency(usize),
}

/// One costed item with its amount in every year of the plan period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CostUnit {
    pub kind: UnitKind,
    /// Index into `plan.activities`.
    pub activity: usize,
    /// Amount per year, aligned with [`Costing::years`], in [`Costing::currency`].
    pub amounts: Vec<Decimal>,
    /// Resolved GFS economic code (empty for contingency).
    pub economic_code: String,
    /// Index into `plan.funding_sources` of the source the line names.
    pub source: Option<usize>,
}

/// The costed plan: every line and contingency amount per year, and how funding covers them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Costing {
    /// ISO 4217 code of every amount.
    pub currency: String,
    /// The plan period.
    pub years: Vec<Year>,
    /// Lines in plan order, then contingency per activity (only where it is not zero).
    pub units: Vec<CostUnit>,
    /// Funding allocated from committed sources.
    pub committed: Allocation,
    /// Funding allocated from committed and pledged sources.
    pub with_pledged: Allocation,
    /// Each funding source's amount per year in `currency` (all statuses).
    pub source_amounts: Vec<Vec<Decimal>>,
}

/// The headline figures of a costed plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub total_cost: Decimal,
    /// Of which contingency.
    pub contingency: Decimal,
    /// Committed funding available over the plan period.
    pub committed: Decimal,
    /// Pledged funding available over the plan period.
    pub pledged: Decimal,
    /// Expected (not yet pledged) funding.
    pub expected: Decimal,
    /// Cost not covered by committed funding.
    pub gap: Decimal,
    /// Cost not covered by committed and pledged funding.
    pub gap_with_pledged: Decimal,
    /// Committed funding that its earmarks leave unused.
    pub unallocated_committed: Decimal,
}

impl Costing {
    /// Position of `year` in [`Costing::years`].
    pub fn year_index(&self, year: Year) -> Option<usize> {
        self.years.iter().position(|y| *y == year)
    }

    /// Total cost over all units and years.
    pub fn total(&self) -> Decimal {
        self.units.iter().flat_map(|u| &u.amounts).sum()
    }

    /// The headline figures.
    pub fn summary(&self, plan: &Plan) -> Summary {
        let total_cost = self.total();
        let contingency = self
            .units
            .iter()
            .filter(|u| matches!(u.kind, UnitKind::Contingency(_)))
            .flat_map(|u| &u.amounts)
            .sum();
        let by_status = |status: FundingStatus| -> Decimal {
            plan.funding_sources
                .iter()
                .zip(&self.source_amounts)
                .filter(|(s, _)| s.status == status)
                .flat_map(|(_, a)| a)
                .sum()
        };
        let committed_allocated = self.committed.total();
        Summary {
            total_cost,
            contingency,
            committed: by_status(FundingStatus::Committed),
            pledged: by_status(FundingStatus::Pledged),
            expected: by_status(FundingStatus::Expected),
            gap: total_cost - committed_allocated,
            gap_with_pledged: total_cost - self.with_pledged.total(),
            unallocated_committed: by_status(FundingStatus::Committed) - committed_allocated,
        }
    }
}

/// Converts amounts of any currency into the costing currency, per year.
struct Rates<'p> {
    plan: &'p Plan,
    target: &'p str,
    years: &'p [Year],
    cache: HashMap<&'p str, Vec<Decimal>>,
    missing: Vec<(String, Year)>,
}

impl<'p> Rates<'p> {
    /// Base-currency units per one unit of `currency` in `year`.
    fn to_base(plan: &Plan, currency: &str, year: Year) -> Option<Decimal> {
        if currency == plan.meta.base_currency {
            return Some(Decimal::ONE);
        }
        let mut general = None;
        for r in plan
            .exchange_rates
            .iter()
            .filter(|r| r.currency == currency)
        {
            match r.year {
                Some(y) if y == year => return Some(r.rate),
                None => general = Some(r.rate),
                _ => {}
            }
        }
        general
    }

    /// Factors converting one unit of `currency` into the costing currency, per year.
    fn factors(&mut self, currency: &'p str) -> &[Decimal] {
        if !self.cache.contains_key(currency) {
            let mut out = Vec::with_capacity(self.years.len());
            for &y in self.years {
                let from = Self::to_base(self.plan, currency, y);
                let to = Self::to_base(self.plan, self.target, y);
                if from.is_none() {
                    self.missing.push((currency.to_string(), y));
                }
                if to.is_none() {
                    self.missing.push((self.target.to_string(), y));
                }
                out.push(match (from, to) {
                    (Some(f), Some(t)) if f == t => Decimal::ONE,
                    (Some(f), Some(t)) if !t.is_zero() => f / t,
                    _ => Decimal::ZERO,
                });
            }
            self.cache.insert(currency, out);
        }
        &self.cache[currency]
    }
}

/// Inflation factor per year of `years`, compounding from the costing base year.
fn inflation_factors(plan: &Plan, years: &[Year]) -> Vec<Decimal> {
    years
        .iter()
        .map(|&y| {
            let mut f = Decimal::ONE;
            for step in (plan.meta.costing_base_year + 1)..=y {
                let rate = plan.meta.inflation.get(&step).copied().unwrap_or_default();
                f *= Decimal::ONE + rate;
            }
            f
        })
        .collect()
}

/// Costs the plan in `currency` (the base currency when `None`).
///
/// The plan is assumed valid (see [`crate::validate`]); costing errors are those validation
/// does not cover, such as missing exchange rates.
pub fn compute(plan: &Plan, currency: Option<&str>) -> Result<Costing, CostingError> {
    let target = currency.unwrap_or(&plan.meta.base_currency);
    if crate::currency::currency(target).is_none() {
        return Err(CostingError::UnknownCurrency(target.to_string()));
    }
    let years: Vec<Year> = plan.years().collect();
    let inflation = inflation_factors(plan, &years);
    let mut rates = Rates {
        plan,
        target,
        years: &years,
        cache: HashMap::new(),
        missing: Vec::new(),
    };
    let activity_index: HashMap<Id, usize> = plan
        .activities
        .iter()
        .enumerate()
        .map(|(i, a)| (a.record.id, i))
        .collect();
    let catalogue: HashMap<Id, &CatalogueItem> =
        plan.catalogue.iter().map(|c| (c.record.id, c)).collect();
    let source_index: HashMap<Id, usize> = plan
        .funding_sources
        .iter()
        .enumerate()
        .map(|(i, s)| (s.record.id, i))
        .collect();

    // Per (currency, inflates) the factor to apply to unit cost × quantity in each year.
    let mut line_factors: HashMap<(&str, bool), Vec<Decimal>> = HashMap::new();
    let mut units = Vec::with_capacity(plan.cost_lines.len() + plan.activities.len());
    let mut activity_totals: Vec<Vec<Decimal>> =
        vec![vec![Decimal::ZERO; years.len()]; plan.activities.len()];
    for (li, line) in plan.cost_lines.iter().enumerate() {
        let item = line.catalogue_item_id.and_then(|id| catalogue.get(&id));
        let unit_cost = line.unit_cost.or(item.map(|i| i.unit_cost));
        let line_currency = line
            .currency
            .as_deref()
            .or(item.map(|i| i.currency.as_str()));
        let (Some(unit_cost), Some(line_currency)) = (unit_cost, line_currency) else {
            return Err(CostingError::IncompleteLine(line.record.id));
        };
        let economic_code = line
            .economic_code
            .clone()
            .or(item.map(|i| i.economic_code.clone()))
            .unwrap_or_default();
        let Some(&activity) = activity_index.get(&line.activity_id) else {
            continue;
        };
        let factors = line_factors
            .entry((line_currency, line.inflate))
            .or_insert_with(|| {
                rates
                    .factors(line_currency)
                    .iter()
                    .zip(&inflation)
                    .map(|(c, i)| if line.inflate { *c * *i } else { *c })
                    .collect()
            });
        let mut amounts = vec![Decimal::ZERO; years.len()];
        for (&year, &q) in &line.quantities {
            let Some(yi) = years.iter().position(|y| *y == year) else {
                continue;
            };
            let exact = unit_cost
                .checked_mul(q)
                .and_then(|v| v.checked_mul(factors[yi]))
                .ok_or(CostingError::Overflow(line.record.id))?;
            amounts[yi] = quantize(exact, AMOUNT_SCALE);
            activity_totals[activity][yi] += amounts[yi];
        }
        units.push(CostUnit {
            kind: UnitKind::Line(li),
            activity,
            amounts,
            economic_code,
            source: line
                .funding_source_id
                .and_then(|s| source_index.get(&s).copied()),
        });
    }
    if !rates.missing.is_empty() {
        let mut missing = std::mem::take(&mut rates.missing);
        missing.sort();
        missing.dedup();
        return Err(CostingError::MissingRates(missing));
    }
    for (ai, activity) in plan.activities.iter().enumerate() {
        let rate = activity.contingency.unwrap_or(plan.meta.contingency);
        if rate.is_zero() {
            continue;
        }
        let amounts: Vec<Decimal> = activity_totals[ai]
            .iter()
            .map(|t| quantize(*t * rate, AMOUNT_SCALE))
            .collect();
        if amounts.iter().all(Decimal::is_zero) {
            continue;
        }
        units.push(CostUnit {
            kind: UnitKind::Contingency(ai),
            activity: ai,
            amounts,
            economic_code: String::new(),
            source: None,
        });
    }

    let mut source_amounts = Vec::with_capacity(plan.funding_sources.len());
    for s in &plan.funding_sources {
        let factors = rates.factors(&s.currency).to_vec();
        source_amounts.push(
            years
                .iter()
                .zip(&factors)
                .map(|(y, f)| {
                    quantize(
                        s.amounts.get(y).copied().unwrap_or_default() * *f,
                        AMOUNT_SCALE,
                    )
                })
                .collect::<Vec<_>>(),
        );
    }
    if !rates.missing.is_empty() {
        let mut missing = rates.missing;
        missing.sort();
        missing.dedup();
        return Err(CostingError::MissingRates(missing));
    }
    let committed = allocate(plan, &units, &source_amounts, FundingPass::Committed);
    let with_pledged = allocate(plan, &units, &source_amounts, FundingPass::WithPledged);
    Ok(Costing {
        currency: target.to_string(),
        years,
        units,
        committed,
        with_pledged,
        source_amounts,
    })
}
