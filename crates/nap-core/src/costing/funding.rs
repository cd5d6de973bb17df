//! Allocation of funding to cost: deterministic, exact, and documented here.
//!
//! Each year of the plan period is allocated on its own (money of one year never pays for
//! another year's cost). Within a year, with the sources that count for the pass (committed
//! only, or committed and pledged; expected sources never count):
//!
//! 1. **Directed.** A source first pays for the cost lines that name it, in plan order of
//!    sources; when it cannot pay for all of them, it pays each the same share of its cost
//!    (pro rata).
//! 2. **Earmarked.** Each source with earmarks then pays, pro rata, for the still uncovered
//!    cost in its earmark: the activities, outputs, outcomes or pillars named, or the
//!    activities led by the agencies named. Contingency belongs to its activity.
//! 3. **Unearmarked.** The remaining money of all sources without earmarks is pooled and
//!    pays, pro rata, for every cost still uncovered. The pool is drawn from the sources in
//!    plan order (so a source is only partly used when an earlier one is fully used).
//!
//! Money left over is *unallocated* (it shows when earmarks keep money from the cost that
//! needs it). Pro rata shares are computed exactly and carried at the engine's
//! [`AMOUNT_SCALE`]; the last ten-billionths are given to the largest remainders so that the
//! shares add up to exactly the money allocated.

use super::engine::{CostUnit, AMOUNT_SCALE};
use crate::model::*;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::HashSet;

/// Which sources count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FundingPass {
    Committed,
    WithPledged,
}

impl FundingPass {
    fn counts(self, status: FundingStatus) -> bool {
        match self {
            Self::Committed => status == FundingStatus::Committed,
            Self::WithPledged => {
                matches!(status, FundingStatus::Committed | FundingStatus::Pledged)
            }
        }
    }
}

/// The result of one allocation pass.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Allocation {
    /// Funding covering each cost unit in each year (`[unit][year]`).
    pub covered: Vec<Vec<Decimal>>,
    /// Money of each source used in each year (`[source][year]`).
    pub used: Vec<Vec<Decimal>>,
}

impl Allocation {
    /// All funding allocated.
    pub fn total(&self) -> Decimal {
        self.covered.iter().flatten().sum()
    }
}

/// The activity-level facts earmarks are matched against.
struct Scope {
    activity: Id,
    output: Id,
    outcome: Option<Id>,
    pillar: Option<Id>,
    lead: Option<Id>,
}

fn in_earmark(scope: &Scope, e: &Earmark) -> bool {
    match e.target {
        EarmarkTarget::Activity => scope.activity == e.target_id,
        EarmarkTarget::Output => scope.output == e.target_id,
        EarmarkTarget::Outcome => scope.outcome == Some(e.target_id),
        EarmarkTarget::Pillar => scope.pillar == Some(e.target_id),
        EarmarkTarget::Agency => scope.lead == Some(e.target_id),
    }
}

/// Pays up to `available` towards the `remaining` cost of `members`, pro rata; returns what
/// was paid. `covered` and `remaining` are updated.
fn share(
    available: Decimal,
    members: &[usize],
    remaining: &mut [Decimal],
    covered: &mut [Decimal],
) -> Decimal {
    if available <= Decimal::ZERO || members.is_empty() {
        return Decimal::ZERO;
    }
    let need: Decimal = members.iter().map(|&m| remaining[m]).sum();
    if need.is_zero() {
        return Decimal::ZERO;
    }
    if need <= available {
        for &m in members {
            covered[m] += remaining[m];
            remaining[m] = Decimal::ZERO;
        }
        return need;
    }
    let ratio = available / need;
    let quantum = Decimal::new(1, AMOUNT_SCALE);
    let mut shares: Vec<(Decimal, Decimal, usize)> = members
        .iter()
        .map(|&m| {
            let exact = remaining[m] * ratio;
            let floor = exact.trunc_with_scale(AMOUNT_SCALE).min(remaining[m]);
            (floor, exact - floor, m)
        })
        .collect();
    let mut left = available - shares.iter().map(|s| s.0).sum::<Decimal>();
    // Hand the last quanta to the largest remainders (ties: plan order), never paying a unit
    // more than it costs.
    let k = (left / quantum).trunc();
    let k = usize::try_from(k.mantissa().max(0))
        .unwrap_or(usize::MAX)
        .min(shares.len());
    if k > 0 {
        let by_remainder = |a: &(Decimal, Decimal, usize), b: &(Decimal, Decimal, usize)| {
            b.1.cmp(&a.1).then(a.2.cmp(&b.2))
        };
        if k < shares.len() {
            shares.select_nth_unstable_by(k - 1, by_remainder);
        }
        for s in shares.iter_mut().take(k) {
            if s.0 + quantum <= remaining[s.2] {
                s.0 += quantum;
                left -= quantum;
            }
        }
    }
    let mut paid = Decimal::ZERO;
    for (amount, _, m) in shares {
        covered[m] += amount;
        remaining[m] -= amount;
        paid += amount;
    }
    paid
}

/// Allocates the sources counted by `pass` to the cost units, year by year.
pub fn allocate(
    plan: &Plan,
    units: &[CostUnit],
    source_amounts: &[Vec<Decimal>],
    pass: FundingPass,
) -> Allocation {
    let years = source_amounts
        .first()
        .map_or_else(|| units.first().map_or(0, |u| u.amounts.len()), |a| a.len());
    let outputs: std::collections::HashMap<Id, &Output> =
        plan.outputs.iter().map(|o| (o.record.id, o)).collect();
    let outcomes: std::collections::HashMap<Id, &Outcome> =
        plan.outcomes.iter().map(|o| (o.record.id, o)).collect();
    let scopes: Vec<Scope> = plan
        .activities
        .iter()
        .map(|a| {
            let outcome = outputs.get(&a.output_id).map(|o| o.outcome_id);
            Scope {
                activity: a.record.id,
                output: a.output_id,
                outcome,
                pillar: outcome.and_then(|o| outcomes.get(&o)).map(|o| o.pillar_id),
                lead: a.lead_agency_id,
            }
        })
        .collect();
    let counted: Vec<bool> = plan
        .funding_sources
        .iter()
        .map(|s| pass.counts(s.status))
        .collect();
    // Members of each step, fixed for all years.
    let directed: Vec<Vec<usize>> = (0..plan.funding_sources.len())
        .map(|s| {
            units
                .iter()
                .enumerate()
                .filter(|(_, u)| u.source == Some(s))
                .map(|(i, _)| i)
                .collect()
        })
        .collect();
    let earmarked: Vec<Vec<usize>> = plan
        .funding_sources
        .iter()
        .map(|s| {
            if s.earmarks.is_empty() {
                return vec![];
            }
            let activities: HashSet<usize> = scopes
                .iter()
                .enumerate()
                .filter(|(_, sc)| s.earmarks.iter().any(|e| in_earmark(sc, e)))
                .map(|(i, _)| i)
                .collect();
            units
                .iter()
                .enumerate()
                .filter(|(_, u)| activities.contains(&u.activity))
                .map(|(i, _)| i)
                .collect()
        })
        .collect();

    let mut covered = vec![vec![Decimal::ZERO; years]; units.len()];
    let mut used = vec![vec![Decimal::ZERO; years]; plan.funding_sources.len()];
    let mut remaining = vec![Decimal::ZERO; units.len()];
    let mut covered_year = vec![Decimal::ZERO; units.len()];
    let mut uncovered: Vec<usize> = Vec::with_capacity(units.len());
    for y in 0..years {
        for (i, u) in units.iter().enumerate() {
            remaining[i] = u.amounts[y];
            covered_year[i] = Decimal::ZERO;
        }
        let mut available: Vec<Decimal> = source_amounts
            .iter()
            .zip(&counted)
            .map(|(a, c)| if *c { a[y] } else { Decimal::ZERO })
            .collect();
        for s in 0..available.len() {
            let paid = share(
                available[s],
                &directed[s],
                &mut remaining,
                &mut covered_year,
            );
            available[s] -= paid;
            used[s][y] += paid;
        }
        for s in 0..available.len() {
            if earmarked[s].is_empty() {
                continue;
            }
            let paid = share(
                available[s],
                &earmarked[s],
                &mut remaining,
                &mut covered_year,
            );
            available[s] -= paid;
            used[s][y] += paid;
        }
        let pooled: Vec<usize> = (0..available.len())
            .filter(|&s| plan.funding_sources[s].earmarks.is_empty())
            .collect();
        let pool: Decimal = pooled.iter().map(|&s| available[s]).sum();
        uncovered.clear();
        uncovered.extend((0..units.len()).filter(|&i| remaining[i] > Decimal::ZERO));
        let mut paid = share(pool, &uncovered, &mut remaining, &mut covered_year);
        for &s in &pooled {
            let take = paid.min(available[s]);
            used[s][y] += take;
            available[s] -= take;
            paid -= take;
        }
        for (i, c) in covered_year.iter().enumerate() {
            covered[i][y] = *c;
        }
    }
    Allocation { covered, used }
}
