//! What the funding screen shows: every funding source with its amounts per year as typed,
//! how much of each year's money the allocation uses (and so how much earmarks leave idle),
//! its earmarks by name, and the plan's headline funding figures. Amounts in the base
//! currency are rounded to its minor unit here; the UI formats them and computes nothing.

use crate::costing::grid::GridChoice;
use crate::costing::rounding::round_to;
use crate::costing::{compute, CostingError};
use crate::currency::minor_units;
use crate::model::*;
use crate::text::LocalText;
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

/// A record an earmark may name, with the code and name to show for it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct EarmarkChoice {
    pub target: EarmarkTarget,
    #[ts(type = "string")]
    pub id: Id,
    pub code: String,
    pub name: LocalText,
}

/// One funding source as the funding screen shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SourceRow {
    #[ts(type = "string")]
    pub id: Id,
    pub code: String,
    pub name: LocalText,
    pub kind: SourceKind,
    pub status: FundingStatus,
    #[ts(type = "string | null")]
    pub agency_id: Option<Id>,
    pub on_budget: bool,
    /// The currency its amounts are in.
    pub currency: String,
    /// The amount of each plan year as the user typed it, unformatted ("420000000"); empty
    /// for none.
    pub amounts: Vec<String>,
    /// All its amounts together, in its own currency.
    #[ts(type = "string")]
    pub total: Decimal,
    /// Of each year's money, what the allocation uses, in the base currency (zero for an
    /// expected source, which never counts).
    #[ts(type = "Array<string>")]
    pub allocated: Vec<Decimal>,
    /// Money the allocation leaves unused over the period, in the base currency: earmarks
    /// keep it from the cost that needs it, or there is more than the cost. Zero for an
    /// expected source.
    #[ts(type = "string")]
    pub unallocated: Decimal,
    /// True when `unallocated` is not zero (so that the UI never compares amounts).
    pub has_unallocated: bool,
    /// How many cost lines name this source.
    pub lines: u32,
    pub earmarks: Vec<EarmarkChoice>,
    pub modified_by: String,
    pub modified: String,
    /// True in a copy sent for one agency when the source is outside its part. The shell sets
    /// it; the core leaves it false.
    pub locked: bool,
}

/// Everything the funding screen shows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FundingView {
    /// The base currency of every amount but the sources' own.
    pub currency: String,
    pub years: Vec<i32>,
    #[ts(type = "string")]
    pub total_cost: Decimal,
    #[ts(type = "string")]
    pub committed: Decimal,
    #[ts(type = "string")]
    pub pledged: Decimal,
    #[ts(type = "string")]
    pub expected: Decimal,
    /// Cost not covered by committed funding.
    #[ts(type = "string")]
    pub gap: Decimal,
    /// The gap as a percentage of cost, one decimal.
    #[ts(type = "string")]
    pub gap_percent: Decimal,
    /// Cost not covered by committed and pledged funding.
    #[ts(type = "string")]
    pub gap_with_pledged: Decimal,
    pub sources: Vec<SourceRow>,
    /// The agencies a source may belong to.
    pub agencies: Vec<GridChoice>,
    /// Everything an earmark may name, pillars first, then outcomes, outputs, activities and
    /// agencies, each in plan order.
    pub earmark_choices: Vec<EarmarkChoice>,
    /// The currencies a source may be in: the base currency and those with a rate.
    pub currencies: Vec<String>,
}

fn choices(plan: &Plan) -> Vec<EarmarkChoice> {
    let choice = |target, id, code: &str, name: &LocalText| EarmarkChoice {
        target,
        id,
        code: code.to_string(),
        name: name.clone(),
    };
    let mut all = Vec::new();
    all.extend(
        (plan.pillars.iter())
            .map(|r| choice(EarmarkTarget::Pillar, r.record.id, &r.code, &r.title)),
    );
    all.extend(
        (plan.outcomes.iter())
            .map(|r| choice(EarmarkTarget::Outcome, r.record.id, &r.code, &r.title)),
    );
    all.extend(
        (plan.outputs.iter())
            .map(|r| choice(EarmarkTarget::Output, r.record.id, &r.code, &r.title)),
    );
    all.extend(
        (plan.activities.iter())
            .map(|r| choice(EarmarkTarget::Activity, r.record.id, &r.code, &r.title)),
    );
    all.extend(
        (plan.agencies.iter())
            .map(|r| choice(EarmarkTarget::Agency, r.record.id, &r.code, &r.name)),
    );
    all
}

fn percent_of(part: Decimal, whole: Decimal) -> Decimal {
    if whole.is_zero() {
        return Decimal::ZERO;
    }
    (part * Decimal::ONE_HUNDRED / whole)
        .round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}

/// The funding screen of `plan`, in its base currency.
pub fn funding_view(plan: &Plan) -> Result<FundingView, CostingError> {
    let costing = compute(plan, None)?;
    let unit = Decimal::new(1, minor_units(&costing.currency));
    let round = |d: Decimal| round_to(d, unit);
    let summary = costing.summary(plan);
    let all_choices = choices(plan);
    let mut line_counts = vec![0u32; plan.funding_sources.len()];
    for unit in &costing.units {
        if let (crate::costing::UnitKind::Line(_), Some(s)) = (unit.kind, unit.source) {
            line_counts[s] += 1;
        }
    }
    let sources = plan
        .funding_sources
        .iter()
        .enumerate()
        .map(|(s, source)| {
            let used = match source.status {
                FundingStatus::Committed => Some(&costing.committed().used[s]),
                FundingStatus::Pledged => Some(&costing.with_pledged().used[s]),
                FundingStatus::Expected => None,
            };
            let allocated: Vec<Decimal> = match used {
                Some(used) => used.iter().map(|&d| round(d)).collect(),
                None => vec![Decimal::ZERO; costing.years.len()],
            };
            let unallocated = match used {
                Some(used) => round(
                    costing.source_amounts[s].iter().sum::<Decimal>()
                        - used.iter().sum::<Decimal>(),
                ),
                None => Decimal::ZERO,
            };
            SourceRow {
                id: source.record.id,
                code: source.code.clone(),
                name: source.name.clone(),
                kind: source.kind,
                status: source.status,
                agency_id: source.agency_id,
                on_budget: source.on_budget,
                currency: source.currency.clone(),
                amounts: costing
                    .years
                    .iter()
                    .map(|y| {
                        source
                            .amounts
                            .get(y)
                            .map(|a| a.normalize().to_string())
                            .unwrap_or_default()
                    })
                    .collect(),
                total: source.amounts.values().sum::<Decimal>().normalize(),
                allocated,
                unallocated,
                has_unallocated: !unallocated.is_zero(),
                lines: line_counts[s],
                earmarks: source
                    .earmarks
                    .iter()
                    .filter_map(|e| {
                        all_choices
                            .iter()
                            .find(|c| c.target == e.target && c.id == e.target_id)
                            .cloned()
                    })
                    .collect(),
                modified_by: source.record.modified_by.clone(),
                modified: source.record.modified.to_string(),
                locked: false,
            }
        })
        .collect();
    let mut currencies = vec![plan.meta.base_currency.clone()];
    for r in &plan.exchange_rates {
        if !currencies.contains(&r.currency) {
            currencies.push(r.currency.clone());
        }
    }
    Ok(FundingView {
        currency: costing.currency.clone(),
        years: costing.years.clone(),
        total_cost: round(summary.total_cost),
        committed: round(summary.committed),
        pledged: round(summary.pledged),
        expected: round(summary.expected),
        gap: round(summary.gap),
        gap_percent: percent_of(summary.gap, summary.total_cost),
        gap_with_pledged: round(summary.gap_with_pledged),
        sources,
        agencies: GridChoice::agencies(plan),
        earmark_choices: all_choices,
        currencies,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::sample_plan;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn an_earmark_that_keeps_money_from_the_cost_shows_as_unallocated() {
        let mut plan = sample_plan();
        plan.cost_lines
            .iter_mut()
            .for_each(|l| l.funding_source_id = None);
        plan.funding_sources.truncate(1);
        let base = plan.meta.base_currency.clone();
        let source = &mut plan.funding_sources[0];
        source.status = FundingStatus::Committed;
        source.currency = base;
        source.amounts = (2026..=2030).map(|y| (y, d("1000"))).collect();
        // Earmarked to an activity with no cost at all: none of the money can be used.
        let uncosted = plan.activities[0].record.id;
        plan.cost_lines.retain(|l| l.activity_id != uncosted);
        plan.activities[0].contingency = Some(Decimal::ZERO);
        let source = &mut plan.funding_sources[0];
        source.earmarks = vec![Earmark {
            target: EarmarkTarget::Activity,
            target_id: uncosted,
        }];
        let view = funding_view(&plan).unwrap();
        let row = &view.sources[0];
        assert_eq!(row.total, d("5000"));
        assert!(row.allocated.iter().all(Decimal::is_zero));
        assert_eq!(row.unallocated, d("5000"));
        assert!(row.has_unallocated);
        assert_eq!(row.earmarks.len(), 1);
        assert_eq!(row.earmarks[0].id, uncosted);
        // Nothing funds the plan, so the gap is the whole cost.
        assert_eq!(view.gap, view.total_cost);
        assert_eq!(view.gap_percent, d("100.0"));

        // Without the earmark the pool pays for cost up to each year's 1000.
        plan.funding_sources[0].earmarks.clear();
        let view = funding_view(&plan).unwrap();
        let row = &view.sources[0];
        assert_eq!(row.allocated.iter().sum::<Decimal>(), d("5000"));
        assert!(row.unallocated.is_zero());
        assert!(!row.has_unallocated);
        assert_eq!(view.committed, d("5000"));
        assert_eq!(view.gap, view.total_cost - d("5000"));
    }

    #[test]
    fn amounts_come_as_typed_per_plan_year_and_expected_money_is_never_allocated() {
        let mut plan = sample_plan();
        let first = plan.meta.start_year;
        let source = &mut plan.funding_sources[0];
        source.amounts.clear();
        source.amounts.insert(first, d("1250.50"));
        source.status = FundingStatus::Expected;
        let view = funding_view(&plan).unwrap();
        let row = &view.sources[0];
        assert_eq!(row.amounts.len(), view.years.len());
        assert_eq!(row.amounts[0], "1250.5");
        assert!(row.amounts[1..].iter().all(String::is_empty));
        assert!(row.allocated.iter().all(Decimal::is_zero));
        assert!(row.unallocated.is_zero());
        let named = plan
            .cost_lines
            .iter()
            .filter(|l| l.funding_source_id == Some(plan.funding_sources[0].record.id))
            .count();
        assert_eq!(row.lines as usize, named);
        assert!(view.currencies.contains(&plan.meta.base_currency));
        assert_eq!(
            view.earmark_choices.len(),
            plan.pillars.len()
                + plan.outcomes.len()
                + plan.outputs.len()
                + plan.activities.len()
                + plan.agencies.len()
        );
    }
}
