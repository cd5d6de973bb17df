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
//! needs it). Pro rata shares are carried at the engine's `AMOUNT_SCALE` (a ten-billionth of
//! the currency unit): each is rounded down, and the ten-billionths still to pay go one each
//! to the rounded-down shares in plan order, so the shares add up to exactly the money
//! allocated and each is within a ten-billionth or two of its exact pro rata value.

use super::amounts::FixedAmounts;
use super::engine::CostUnit;
use super::FastMap;
use super::{from_fixed, to_fixed};
use crate::fasthash::FastSet;
use crate::model::*;
use rust_decimal::Decimal;
use serde::Serialize;

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
    /// Funding covering each cost unit in each year, as fixed mantissas, year by year
    /// (`[year × units + unit]`), the order the allocation works in.
    #[serde(skip)]
    pub(crate) covered: FixedAmounts,
    units: usize,
    /// Money of each source used in each year (`[source][year]`).
    pub used: Vec<Vec<Decimal>>,
}

impl Allocation {
    /// Funding covering cost unit `unit` in year index `year`.
    pub fn covered(&self, unit: usize, year: usize) -> Decimal {
        from_fixed(self.covered_fixed(unit, year))
    }

    /// Funding covering every unit in year index `year`, as fixed mantissas, into `out` (one
    /// per unit).
    pub(crate) fn read_year(&self, year: usize, out: &mut [i128]) {
        self.covered
            .read_into(year * self.units, &mut out[..self.units]);
    }

    pub(crate) fn covered_fixed(&self, unit: usize, year: usize) -> i128 {
        self.covered.get(year * self.units + unit)
    }

    /// All funding allocated.
    pub fn total(&self) -> Decimal {
        from_fixed(self.covered.sum())
    }
}

/// The activity-level facts earmarks are matched against.
#[derive(Debug, Clone, PartialEq)]
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

/// Pays up to `available` towards the `remaining` cost of `members` (unit indices in plan
/// order; members with no cost remaining take no share), pro rata; returns what was paid.
/// `covered` and `remaining` are updated. Amounts are fixed mantissas at `AMOUNT_SCALE`
/// places (see `to_fixed`): one quantum is a ten-billionth.
///
/// Each member's share is `remaining × available / need` rounded down, computed with a
/// 64-bit binary fraction of `available / need` (exact to 2^-64 of the amount); the quanta
/// still to pay go one each to rounded-down members in plan order, so the shares add up to
/// exactly `available` and none exceeds its cost.
fn share<T: Slot>(
    available: i128,
    members: impl Iterator<Item = usize> + Clone,
    remaining: &mut [T],
    covered: &mut [T],
    rounded: &mut Vec<bool>,
) -> i128 {
    if available <= 0 {
        return 0;
    }
    let need: i128 = members.clone().map(|m| remaining[m].get().max(0)).sum();
    if need <= 0 {
        return 0;
    }
    if need <= available {
        for m in members {
            let r = remaining[m].get().max(0);
            covered[m].add(r);
            remaining[m].add(-r);
        }
        return need;
    }
    // r / 2^64 ≈ available / need, by binary long division (available < need < 2^126).
    let (a, n) = (available as u128, need as u128);
    let (mut r, mut rem) = (0u64, a);
    for _ in 0..64 {
        rem <<= 1;
        r <<= 1;
        if rem >= n {
            rem -= n;
            r |= 1;
        }
    }
    const LOW: u128 = u64::MAX as u128;
    // Each member is paid its rounded-down share at once; `rounded` (a buffer the caller
    // keeps from call to call: a fresh one per call cost page faults on the large plan)
    // notes whose share was rounded down, for the last quanta.
    rounded.clear();
    let mut paid = 0;
    for m in members.clone() {
        let x = remaining[m].get().max(0) as u128;
        let low = (x & LOW) * u128::from(r);
        let high = (x >> 64) * u128::from(r);
        let q = (high + (low >> 64)).min(x) as i128;
        covered[m].add(q);
        remaining[m].add(-q);
        paid += q;
        rounded.push(low as u64 != 0);
    }
    let mut left = available - paid;
    // The last quanta go one each to members whose share was rounded down, in plan order,
    // then (only if the 64-bit fraction fell short by more) to any member not yet paid in
    // full. Each share stays within a quantum or two of its exact pro rata value.
    for rounded_only in [true, false] {
        while left > 0 {
            let before = left;
            for (m, &was_rounded) in members.clone().zip(rounded.iter()) {
                if left == 0 {
                    break;
                }
                if remaining[m].get() > 0 && (!rounded_only || was_rounded) {
                    covered[m].add(1);
                    remaining[m].add(-1);
                    left -= 1;
                }
            }
            if left == before || rounded_only {
                break;
            }
        }
    }
    available - left
}

/// A unit's remaining or covered amount in one year, as the allocation works on it: 64 bits
/// when every amount of the plan fits them (the walks then touch half the memory: on the
/// large plan a year's two lists fit the core's cache), 128 otherwise. Either holds every
/// value exactly: a unit's covered amount lies between zero and its cost, and so does what
/// remains of a cost that is not negative (a negative one is never paid).
trait Slot: Copy + Default + Send {
    fn get(self) -> i128;
    /// Adds `v`, which keeps the slot within its unit's cost (see above).
    fn add(&mut self, v: i128);
    /// The `out.len()` amounts of `amounts` from `start`.
    fn read(amounts: &FixedAmounts, start: usize, out: &mut [Self]);
    /// Sets the amounts of `amounts` from `start` to `values`.
    fn write(amounts: &mut FixedAmounts, start: usize, values: &[Self]);
}

impl Slot for i64 {
    #[inline]
    fn get(self) -> i128 {
        i128::from(self)
    }
    #[inline]
    fn add(&mut self, v: i128) {
        // Within the unit's cost, which fits 64 bits (the only case this slot is used for).
        *self += v as i64;
    }
    fn read(amounts: &FixedAmounts, start: usize, out: &mut [Self]) {
        out.copy_from_slice(amounts.narrow_slots(start, out.len()));
    }
    fn write(amounts: &mut FixedAmounts, start: usize, values: &[Self]) {
        amounts.write_narrow(start, values);
    }
}

impl Slot for i128 {
    #[inline]
    fn get(self) -> i128 {
        self
    }
    #[inline]
    fn add(&mut self, v: i128) {
        *self += v;
    }
    fn read(amounts: &FixedAmounts, start: usize, out: &mut [Self]) {
        amounts.read_into(start, out);
    }
    fn write(amounts: &mut FixedAmounts, start: usize, values: &[Self]) {
        amounts.write_from(start, values);
    }
}

/// What the allocation reads from the plan, taken when the plan is costed so that the
/// allocation can be made later, only when a view needs it (a cost grid edit does not).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FundingInputs {
    /// Per activity, in plan order.
    scopes: Vec<Scope>,
    /// Per funding source, in plan order: its status and earmarks.
    sources: Vec<(FundingStatus, Vec<Earmark>)>,
}

impl FundingInputs {
    pub(crate) fn of(plan: &Plan) -> Self {
        let outputs: FastMap<Id, &Output> = plan.outputs.iter().map(|o| (o.record.id, o)).collect();
        let outcomes: FastMap<Id, &Outcome> =
            plan.outcomes.iter().map(|o| (o.record.id, o)).collect();
        let scopes = plan
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
        let sources = (plan.funding_sources.iter())
            .map(|s| (s.status, s.earmarks.clone()))
            .collect();
        Self { scopes, sources }
    }
}

/// What one allocation pass reads, made once for both passes.
struct PassInputs<'a> {
    sources: &'a [(FundingStatus, Vec<Earmark>)],
    directed: &'a [Vec<usize>],
    earmarked: &'a [Vec<usize>],
    money: &'a [Vec<i128>],
    pooled: &'a [usize],
    amounts: &'a FixedAmounts,
    stride: usize,
    years: usize,
    n: usize,
}

/// One allocation pass over every year, its working amounts held in `T`.
fn run_pass<T: Slot>(inputs: &PassInputs, pass: FundingPass) -> Allocation {
    let PassInputs {
        sources,
        directed,
        earmarked,
        money,
        pooled,
        amounts,
        stride,
        years,
        n,
    } = *inputs;
    let counted: Vec<bool> = sources
        .iter()
        .map(|(status, _)| pass.counts(*status))
        .collect();
    let mut covered = FixedAmounts::zeros(years * n);
    let mut covered_year = vec![T::default(); n];
    let mut used = vec![vec![Decimal::ZERO; years]; sources.len()];
    let mut remaining = vec![T::default(); n];
    let mut used_year = vec![0i128; sources.len()];
    let mut rounded = Vec::with_capacity(n);
    for y in 0..years {
        T::read(amounts, y * stride, &mut remaining);
        covered_year.fill(T::default());
        let mut available: Vec<i128> = money
            .iter()
            .zip(&counted)
            .map(|(a, c)| if *c { a[y] } else { 0 })
            .collect();
        used_year.iter_mut().for_each(|u| *u = 0);
        // Every source's directed lines, then every source's earmark, in plan order.
        for step in [directed, earmarked] {
            for (s, members) in step.iter().enumerate() {
                if members.is_empty() {
                    continue;
                }
                let paid = share(
                    available[s],
                    members.iter().copied(),
                    &mut remaining,
                    &mut covered_year,
                    &mut rounded,
                );
                available[s] -= paid;
                used_year[s] += paid;
            }
        }
        let pool: i128 = pooled.iter().map(|&s| available[s]).sum();
        // Every unit: those already covered take no share.
        let mut paid = share(pool, 0..n, &mut remaining, &mut covered_year, &mut rounded);
        for &s in pooled {
            let take = paid.min(available[s]);
            used_year[s] += take;
            available[s] -= take;
            paid -= take;
        }
        for (s, u) in used_year.iter().enumerate() {
            used[s][y] = from_fixed(*u);
        }
        T::write(&mut covered, y * n, &covered_year);
    }
    Allocation {
        covered,
        units: n,
        used,
    }
}

/// Allocates the funding sources to the cost units, year by year, once counting committed
/// sources and once counting committed and pledged ones. `amounts` are the units' fixed
/// amounts year by year (`[year × stride + unit]`). The passes work in 64-bit amounts when
/// `narrow` (only when every amount fits them: see `Slot`) and in 128-bit ones otherwise; a
/// test holds the two equal.
pub(crate) fn allocate(
    inputs: &FundingInputs,
    units: &[CostUnit],
    amounts: &FixedAmounts,
    stride: usize,
    years: usize,
    source_amounts: &[Vec<Decimal>],
    narrow: bool,
) -> (Allocation, Allocation) {
    let scopes = &inputs.scopes;
    let sources = &inputs.sources;
    // Members of each step, fixed for all years and both passes.
    let mut directed: Vec<Vec<usize>> = vec![Vec::new(); sources.len()];
    for (i, u) in units.iter().enumerate() {
        if let Some(s) = u.source {
            directed[s].push(i);
        }
    }
    let earmarked: Vec<Vec<usize>> = sources
        .iter()
        .map(|(_, earmarks)| {
            if earmarks.is_empty() {
                return vec![];
            }
            let activities: FastSet<usize> = scopes
                .iter()
                .enumerate()
                .filter(|(_, sc)| earmarks.iter().any(|e| in_earmark(sc, e)))
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

    let n = units.len();
    let money: Vec<Vec<i128>> = source_amounts
        .iter()
        .map(|s| s.iter().map(|a| to_fixed(*a)).collect())
        .collect();
    let pooled: Vec<usize> = (0..sources.len())
        .filter(|&s| sources[s].1.is_empty())
        .collect();
    let inputs = PassInputs {
        sources,
        directed: &directed,
        earmarked: &earmarked,
        money: &money,
        pooled: &pooled,
        amounts,
        stride,
        years,
        n,
    };
    let run = |pass: FundingPass| {
        if narrow {
            run_pass::<i64>(&inputs, pass)
        } else {
            run_pass::<i128>(&inputs, pass)
        }
    };
    // The two passes are independent: on a large plan the second runs on another core while
    // this one runs the first (its allocation is most of its recompute). A small plan's
    // passes take less than starting a thread.
    const WORTH_A_THREAD: usize = 100_000;
    if n * years < WORTH_A_THREAD {
        return (run(FundingPass::Committed), run(FundingPass::WithPledged));
    }
    std::thread::scope(|scope| {
        let with_pledged = scope.spawn(|| run(FundingPass::WithPledged));
        let committed = run(FundingPass::Committed);
        let with_pledged = with_pledged
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (committed, with_pledged)
    })
}
