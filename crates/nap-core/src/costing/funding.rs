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
use super::engine::{CostUnit, Costing};
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

    /// All funding allocated in year index `year`.
    pub fn year_total(&self, year: usize) -> Decimal {
        let mut covered = vec![0i128; self.units];
        self.read_year(year, &mut covered);
        from_fixed(covered.iter().sum())
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

/// Pays up to `available` towards the remaining cost of `members` (unit indices in plan
/// order; members with no cost remaining take no share), pro rata; returns what was paid.
/// A member's remaining cost is its `amounts` less its `covered`, which is updated (it stays
/// from zero up to a positive amount, and zero for a negative one, which is never paid).
/// Amounts are fixed mantissas at `AMOUNT_SCALE` places (see `to_fixed`): one quantum is a
/// ten-billionth.
///
/// The remaining cost is derived, not kept beside `covered`: a list of it per pass was
/// fresh memory on every allocation, and on the large plan its first writes (page faults)
/// cost more than the subtractions.
///
/// Each member's share is `remaining × available / need` rounded down, computed with a
/// 64-bit binary fraction of `available / need` (exact to 2^-64 of the amount); the quanta
/// still to pay go one each to rounded-down members in plan order, so the shares add up to
/// exactly `available` and none exceeds its cost.
fn share<T: Slot>(
    available: i128,
    members: impl Iterator<Item = usize> + Clone,
    amounts: &[T],
    covered: &mut [T],
    rounded: &mut Vec<bool>,
) -> i128 {
    if available <= 0 {
        return 0;
    }
    let remaining = |covered: &[T], m: usize| (amounts[m].get() - covered[m].get()).max(0);
    let need: i128 = members.clone().map(|m| remaining(covered, m)).sum();
    if need <= 0 {
        return 0;
    }
    if need <= available {
        for m in members {
            let r = remaining(covered, m);
            covered[m].add(r);
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
        let x = remaining(covered, m) as u128;
        let low = (x & LOW) * u128::from(r);
        let high = (x >> 64) * u128::from(r);
        let q = (high + (low >> 64)).min(x) as i128;
        covered[m].add(q);
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
                if remaining(covered, m) > 0 && (!rounded_only || was_rounded) {
                    covered[m].add(1);
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

/// A unit's amount or covered amount in one year, as the allocation works on it: 64 bits
/// when every amount of the plan fits them (the walks then touch half the memory, and the
/// amounts are read where the costing keeps them), 128 otherwise. Either holds every value
/// exactly: a unit's covered amount lies between zero and its cost.
trait Slot: Copy + Default + Send {
    fn get(self) -> i128;
    /// Adds `v`, which keeps the slot within its unit's cost (see above).
    fn add(&mut self, v: i128);
    /// The `len` amounts of `amounts` from `start`: where the costing keeps them when they
    /// are held in this width, else copied into `copy`.
    fn year<'a>(
        amounts: &'a FixedAmounts,
        start: usize,
        len: usize,
        copy: &'a mut Vec<Self>,
    ) -> &'a [Self];
    /// The amounts `values` as the list an [`Allocation`] keeps.
    fn into_amounts(values: Vec<Self>) -> FixedAmounts;
    /// A list of `len` slots, in the memory of `recycled` (a list of an earlier costing) when
    /// it is given and of this width. Its slots hold anything: every year's row is written
    /// before it is read (see `allocate_year`).
    fn list(len: usize, recycled: Option<Vec<i64>>) -> Vec<Self>;
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
    fn year<'a>(
        amounts: &'a FixedAmounts,
        start: usize,
        len: usize,
        _: &'a mut Vec<Self>,
    ) -> &'a [Self] {
        amounts.narrow_slots(start, len)
    }
    fn into_amounts(values: Vec<Self>) -> FixedAmounts {
        FixedAmounts::from_narrow(values)
    }
    fn list(len: usize, recycled: Option<Vec<i64>>) -> Vec<Self> {
        match recycled {
            // Only the slots beyond the old length are written here; the others are
            // written by the thread whose years they hold, on both cores at once.
            Some(mut list) => {
                list.truncate(len);
                list.resize(len, 0);
                list
            }
            None => vec![0; len],
        }
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
    fn year<'a>(
        amounts: &'a FixedAmounts,
        start: usize,
        len: usize,
        copy: &'a mut Vec<Self>,
    ) -> &'a [Self] {
        copy.resize(len, 0);
        amounts.read_into(start, copy);
        copy
    }
    fn into_amounts(values: Vec<Self>) -> FixedAmounts {
        let mut amounts = FixedAmounts::zeros(values.len());
        amounts.write_from(0, &values);
        amounts
    }
    fn list(len: usize, _: Option<Vec<i64>>) -> Vec<Self> {
        vec![0; len]
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

/// How the allocation works; the result is the same whichever is used (tests hold them
/// equal).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Working {
    /// The committed sources' directed steps made once for both passes (see
    /// `allocate_year`), in 64-bit slots when `narrow` (only when every amount fits them:
    /// see `Slot`) and in 128-bit ones otherwise, the years split between `parts` threads
    /// (1 or 2).
    Shared { narrow: bool, parts: usize },
    /// Read straight from the module's documentation, in 128-bit amounts: each pass on its
    /// own and, in each year, every source's directed step, then every earmark, in plan
    /// order, then the pool. What the other way is tested against.
    #[cfg(test)]
    EachPassAlone,
}

impl Working {
    /// Below this many unit-years, a second thread's start costs more than the half of the
    /// work it takes over.
    const WORTH_A_THREAD: usize = 100_000;

    /// The fastest way for `units` cost units over `years` years.
    pub(crate) fn for_size(narrow: bool, units: usize, years: usize) -> Self {
        let parts = if units * years < Self::WORTH_A_THREAD {
            1
        } else {
            2
        };
        Self::Shared { narrow, parts }
    }
}

/// What both passes read in every year, made once.
struct YearInputs<'a> {
    /// Per source: whether it counts in the committed pass and in the with-pledged one
    /// (the first implies the second).
    counts: Vec<[bool; 2]>,
    /// Per source: the units directed to it, in plan order.
    directed: Vec<Vec<usize>>,
    /// Per source: the units in its earmarks, in plan order.
    earmarked: Vec<Vec<usize>>,
    /// Per source: its money per year, as fixed mantissas.
    money: Vec<Vec<i128>>,
    /// The sources without earmarks, whose remaining money is pooled.
    pooled: Vec<usize>,
    amounts: &'a FixedAmounts,
    stride: usize,
    n: usize,
}

impl<'a> YearInputs<'a> {
    fn new(
        inputs: &FundingInputs,
        units: &[CostUnit],
        amounts: &'a FixedAmounts,
        stride: usize,
        source_amounts: &[Vec<Decimal>],
    ) -> Self {
        let scopes = &inputs.scopes;
        let sources = &inputs.sources;
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
        let money: Vec<Vec<i128>> = source_amounts
            .iter()
            .map(|s| s.iter().map(|a| to_fixed(*a)).collect())
            .collect();
        let pooled: Vec<usize> = (0..sources.len())
            .filter(|&s| sources[s].1.is_empty())
            .collect();
        let counts: Vec<[bool; 2]> = (sources.iter())
            .map(|(status, _)| {
                [FundingPass::Committed, FundingPass::WithPledged].map(|pass| pass.counts(*status))
            })
            .collect();
        Self {
            counts,
            directed,
            earmarked,
            money,
            pooled,
            amounts,
            stride,
            n: units.len(),
        }
    }
}

/// What one pass holds while it allocates a year.
struct PassYear<'w, T> {
    /// The units' amounts in the year.
    amounts: &'w [T],
    covered: &'w mut [T],
    available: Vec<i128>,
    used: Vec<i128>,
}

impl<T: Slot> PassYear<'_, T> {
    /// The step of source `s` over `members`: pays what it can and notes its money used.
    fn pay(&mut self, s: usize, members: &[usize], rounded: &mut Vec<bool>) {
        if members.is_empty() {
            return;
        }
        let paid = share(
            self.available[s],
            members.iter().copied(),
            self.amounts,
            self.covered,
            rounded,
        );
        self.available[s] -= paid;
        self.used[s] += paid;
    }

    /// The steps after the directed ones: every source's earmark in plan order, then the
    /// pool of the sources without earmarks for every unit still uncovered.
    fn earmarks_then_pool(&mut self, inputs: &YearInputs, rounded: &mut Vec<bool>) {
        for (s, members) in inputs.earmarked.iter().enumerate() {
            self.pay(s, members, rounded);
        }
        let pool: i128 = inputs.pooled.iter().map(|&s| self.available[s]).sum();
        // Every unit: those already covered take no share.
        let mut paid = share(pool, 0..inputs.n, self.amounts, self.covered, rounded);
        // Drawn from the pooled sources in plan order.
        for &s in &inputs.pooled {
            let take = paid.min(self.available[s]);
            self.used[s] += take;
            self.available[s] -= take;
            paid -= take;
        }
    }
}

/// Working lists one thread keeps from year to year.
struct Scratch<T> {
    /// A year's amounts, when they must be copied to be read in `T` slots.
    amounts: Vec<T>,
    rounded: Vec<bool>,
}

/// Allocates year `y` in both passes: `covered` are that year's covered amounts of the
/// committed pass and of the with-pledged one (zeros on entry). Returns each source's money
/// used in the year, in each pass.
///
/// The directed steps of the committed sources are made once for both passes: each unit is
/// directed to one source at most and a step touches only its own source's units and money,
/// so those steps give the same in both passes, and the directed steps may be made in any
/// order. The with-pledged pass then starts from a copy and adds the pledged sources'
/// directed steps; each pass makes its earmark and pool steps on its own.
fn allocate_year<T: Slot>(
    inputs: &YearInputs,
    y: usize,
    covered: [&mut [T]; 2],
    scratch: &mut Scratch<T>,
) -> [Vec<i128>; 2] {
    let [committed_covered, pledged_covered] = covered;
    let amounts = T::year(
        inputs.amounts,
        y * inputs.stride,
        inputs.n,
        &mut scratch.amounts,
    );
    let rounded = &mut scratch.rounded;
    // Invariant: both rows are written whole before anything reads them (this one here, the
    // other by a copy of this one), so the allocation may be made in memory that held an
    // earlier costing's (`Slot::list`). Fresh memory is mapped by the system on first use:
    // written first, each page is mapped once; read first (`share` reads a covered amount
    // before it adds to it), it would be mapped to the shared zero page and then copied on
    // the first write, a second fault that also makes the other core flush its address cache.
    committed_covered.fill(T::default());
    let money = |pass: usize| -> Vec<i128> {
        (inputs.money.iter().zip(&inputs.counts))
            .map(|(m, counts)| if counts[pass] { m[y] } else { 0 })
            .collect()
    };
    let mut committed = PassYear {
        amounts,
        covered: committed_covered,
        available: money(0),
        used: vec![0; inputs.money.len()],
    };
    for (s, members) in inputs.directed.iter().enumerate() {
        if inputs.counts[s][0] {
            committed.pay(s, members, rounded);
        }
    }
    pledged_covered.copy_from_slice(committed.covered);
    let mut pledged = PassYear {
        amounts,
        covered: pledged_covered,
        available: (committed.available.iter().zip(money(1)).zip(&inputs.counts))
            .map(|((after_directed, all), counts)| if counts[0] { *after_directed } else { all })
            .collect(),
        used: committed.used.clone(),
    };
    for (s, members) in inputs.directed.iter().enumerate() {
        if inputs.counts[s][1] && !inputs.counts[s][0] {
            pledged.pay(s, members, rounded);
        }
    }
    committed.earmarks_then_pool(inputs, rounded);
    pledged.earmarks_then_pool(inputs, rounded);
    [committed.used, pledged.used]
}

/// Allocates the years `years` (whose covered amounts are `covered`, a row of `n` per year,
/// per pass); returns the money used, per year, per pass, per source.
fn allocate_years<T: Slot>(
    inputs: &YearInputs,
    years: std::ops::Range<usize>,
    covered: [&mut [T]; 2],
) -> Vec<[Vec<i128>; 2]> {
    let n = inputs.n;
    let mut scratch = Scratch {
        amounts: Vec::new(),
        rounded: Vec::with_capacity(n),
    };
    let [committed, pledged] = covered;
    let first = years.start;
    years
        .map(|y| {
            let row = (y - first) * n..(y - first + 1) * n;
            let rows = [&mut committed[row.clone()], &mut pledged[row]];
            allocate_year(inputs, y, rows, &mut scratch)
        })
        .collect()
}

/// Both passes over every year, in `T` slots, the years split between `parts` threads.
fn allocate_all<T: Slot>(
    inputs: &YearInputs,
    years: usize,
    parts: usize,
    mut recycled: Vec<Vec<i64>>,
) -> (Allocation, Allocation) {
    let n = inputs.n;
    let mut committed = T::list(years * n, recycled.pop());
    let mut pledged = T::list(years * n, recycled.pop());
    let split = if parts > 1 { years / 2 } else { years };
    let used_by_year = if split == 0 || split == years {
        allocate_years(inputs, 0..years, [&mut committed, &mut pledged])
    } else {
        let (committed_first, committed_rest) = committed.split_at_mut(split * n);
        let (pledged_first, pledged_rest) = pledged.split_at_mut(split * n);
        std::thread::scope(|scope| {
            let rest = scope
                .spawn(|| allocate_years(inputs, split..years, [committed_rest, pledged_rest]));
            let mut used = allocate_years(inputs, 0..split, [committed_first, pledged_first]);
            used.extend(
                rest.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            );
            used
        })
    };
    let used = |pass: usize| -> Vec<Vec<Decimal>> {
        (0..inputs.money.len())
            .map(|s| {
                (used_by_year.iter())
                    .map(|by_pass| from_fixed(by_pass[pass][s]))
                    .collect()
            })
            .collect()
    };
    (
        Allocation {
            used: used(0),
            covered: T::into_amounts(committed),
            units: n,
        },
        Allocation {
            used: used(1),
            covered: T::into_amounts(pledged),
            units: n,
        },
    )
}

/// Allocates the funding sources of `costing` to its cost units, year by year, once counting
/// committed sources and once counting committed and pledged ones; `working` says how (the
/// result is the same either way). `recycled` are lists of an earlier costing to make it in.
pub(crate) fn allocate(
    costing: &Costing,
    working: Working,
    recycled: Vec<Vec<i64>>,
) -> (Allocation, Allocation) {
    let inputs = YearInputs::new(
        &costing.funding,
        &costing.units,
        &costing.fixed,
        costing.stride,
        &costing.source_amounts,
    );
    let years = costing.years.len();
    match working {
        Working::Shared {
            narrow: true,
            parts,
        } => allocate_all::<i64>(&inputs, years, parts, recycled),
        Working::Shared {
            narrow: false,
            parts,
        } => allocate_all::<i128>(&inputs, years, parts, recycled),
        #[cfg(test)]
        Working::EachPassAlone => allocate_each_pass_alone(&inputs, years),
    }
}

/// [`Working::EachPassAlone`].
#[cfg(test)]
fn allocate_each_pass_alone(inputs: &YearInputs, years: usize) -> (Allocation, Allocation) {
    let n = inputs.n;
    let pass = |pass: usize| {
        let mut covered = FixedAmounts::zeros(years * n);
        let mut used = vec![vec![Decimal::ZERO; years]; inputs.money.len()];
        let mut rounded = Vec::new();
        for y in 0..years {
            let mut amounts = vec![0i128; n];
            (inputs.amounts).read_into(y * inputs.stride, &mut amounts);
            let mut covered_year = vec![0i128; n];
            let mut available: Vec<i128> = (inputs.money.iter().zip(&inputs.counts))
                .map(|(m, counts)| if counts[pass] { m[y] } else { 0 })
                .collect();
            let mut paid_by = vec![0i128; available.len()];
            for step in [&inputs.directed, &inputs.earmarked] {
                for (s, members) in step.iter().enumerate() {
                    let paid = share(
                        available[s],
                        members.iter().copied(),
                        &amounts,
                        &mut covered_year,
                        &mut rounded,
                    );
                    available[s] -= paid;
                    paid_by[s] += paid;
                }
            }
            let pool = inputs.pooled.iter().map(|&s| available[s]).sum();
            let mut left = share(pool, 0..n, &amounts, &mut covered_year, &mut rounded);
            for &s in &inputs.pooled {
                let drawn = left.min(available[s]);
                paid_by[s] += drawn;
                left -= drawn;
            }
            covered.write_from(y * n, &covered_year);
            for (s, paid) in paid_by.iter().enumerate() {
                used[s][y] = from_fixed(*paid);
            }
        }
        Allocation {
            covered,
            units: n,
            used,
        }
    };
    (pass(0), pass(1))
}
