//! Line amounts, contingency and the headline summary.

use super::amounts::FixedAmounts;
use super::funding::{allocate, Allocation, FundingInputs, Working};
use super::price::{rounded_amount, YearPrice};
use super::FastMap;
use super::{from_fixed, mul_to_fixed, quantize, to_fixed};
use crate::model::*;
use crate::validate::{Labelled, RecordRef};
use rust_decimal::Decimal;
use serde::Serialize;
use std::borrow::Cow;

/// Decimal places at which every line-year amount is carried (see the module rules).
pub const AMOUNT_SCALE: u32 = 10;

/// The largest line-year (or funding source-year) amount costed: 10^18 currency units (as a
/// fixed mantissa), far beyond any budget, so that sums over a million line-years stay within
/// `i128` and within `Decimal`: every total is exact and no sum can overflow.
pub(crate) const MAX_AMOUNT: i128 = 10_i128.pow(28);

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
    /// A cost line's or funding source's amount in one year, converted and inflated, is
    /// above [`MAX_AMOUNT`] (10^18 currency units): each entry is within the entry limits,
    /// but their product is not a budget figure.
    #[error("{record}: its amount for one year, after exchange rate and inflation, is above 1,000,000,000,000,000,000 {currency}, the largest amount NAP Studio computes; check its unit cost, quantity, exchange rate and the plan's inflation")]
    Overflow { record: RecordRef, currency: String },
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

/// One costed item; its amounts are [`Costing::amounts`] of its index.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CostUnit {
    pub kind: UnitKind,
    /// Index into `plan.activities`.
    pub activity: usize,
    /// Index into [`Costing::economic_codes`] of the resolved GFS economic code (contingency
    /// has the empty code).
    pub economic: u32,
    /// Index into `plan.funding_sources` of the source the line names.
    pub source: Option<usize>,
}

/// The costed plan: every line and contingency amount per year, and how funding covers them.
/// The funding allocation is made the first time it is asked for ([`Costing::committed`],
/// [`Costing::with_pledged`]): the cost grid, which a cell edit updates, never needs it.
#[derive(Debug, Clone)]
pub struct Costing {
    /// ISO 4217 code of every amount.
    pub currency: String,
    /// The plan period.
    pub years: Vec<Year>,
    /// Lines in plan order, then contingency per activity (only where it is not zero).
    pub units: Vec<CostUnit>,
    /// What the allocation reads from the plan.
    pub(crate) funding: FundingInputs,
    /// The committed and the with-pledged allocation, once made.
    allocations: std::sync::OnceLock<(Allocation, Allocation)>,
    /// Lists of the costing this one replaced ([`compute_again`]), for the allocation to be
    /// made in.
    recycled: Recycled,
    /// Each funding source's amount per year in `currency` (all statuses).
    pub source_amounts: Vec<Vec<Decimal>>,
    /// The distinct economic codes the units use.
    pub economic_codes: Vec<String>,
    /// The units' amounts as fixed mantissas, year by year (`[year × stride + unit]`).
    pub(crate) fixed: FixedAmounts,
    /// Distance between two years' amounts in `fixed` (at least the number of units).
    pub(crate) stride: usize,
    /// Each activity's line amounts per year, as fixed mantissas (`[activity × years +
    /// year]`): what its contingency is a share of.
    activity_totals: Vec<i128>,
}

/// Memory a costing no longer needed lends to the allocation of the one that replaced it:
/// lists of 64-bit slots, whose contents do not matter.
#[derive(Debug, Default)]
struct Recycled(std::sync::Mutex<Vec<Vec<i64>>>);

impl Recycled {
    fn take(&self) -> Vec<Vec<i64>> {
        std::mem::take(
            &mut *self
                .0
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
        )
    }
}

/// A copy lends nothing: the lists are memory, not part of the costing's value.
impl Clone for Recycled {
    fn clone(&self) -> Self {
        Self::default()
    }
}

/// The lists of a costing no longer needed, emptied of meaning, for [`compute_again`].
#[derive(Default)]
struct Spare {
    fixed: Vec<i64>,
    units: Vec<CostUnit>,
    activity_totals: Vec<i128>,
    /// For the allocation: those of the costing's allocation if it was made, or those it was
    /// lent.
    covered: Vec<Vec<i64>>,
}

impl From<Costing> for Spare {
    fn from(costing: Costing) -> Self {
        let mut covered = costing.recycled.take();
        if let Some((committed, with_pledged)) = costing.allocations.into_inner() {
            covered.push(committed.covered.into_narrow());
            covered.push(with_pledged.covered.into_narrow());
        }
        Self {
            fixed: costing.fixed.into_narrow(),
            units: costing.units,
            activity_totals: costing.activity_totals,
            covered,
        }
    }
}

/// Two costings are equal when they cost and fund alike (the allocation is made to compare).
impl PartialEq for Costing {
    fn eq(&self, other: &Self) -> bool {
        self.currency == other.currency
            && self.years == other.years
            && self.units == other.units
            && self.source_amounts == other.source_amounts
            && self.economic_codes == other.economic_codes
            && self.fixed == other.fixed
            && self.stride == other.stride
            && self.activity_totals == other.activity_totals
            && self.allocations() == other.allocations()
    }
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
    /// Funding allocated from committed sources.
    pub fn committed(&self) -> &Allocation {
        &self.allocations().0
    }

    /// Funding allocated from committed and pledged sources.
    pub fn with_pledged(&self) -> &Allocation {
        &self.allocations().1
    }

    fn allocations(&self) -> &(Allocation, Allocation) {
        self.allocations.get_or_init(|| self.allocate())
    }

    /// Both allocations (committed, and with pledged): those kept in this costing when a
    /// screen has made them, or else made now and not kept. For a costing kept for the plan
    /// (the grid's), where keeping them would hold two more amounts per cost unit and year
    /// (about 5 MB for a 30,000-line plan) for figures made in under 2 ms.
    pub fn allocations_unkept(&self) -> Cow<'_, (Allocation, Allocation)> {
        match self.allocations.get() {
            Some(kept) => Cow::Borrowed(kept),
            None => Cow::Owned(self.allocate()),
        }
    }

    /// Both allocations made anew, in 64-bit working amounts when every amount fits them.
    fn allocate(&self) -> (Allocation, Allocation) {
        let working =
            Working::for_size(self.fixed.all_narrow(), self.units.len(), self.years.len());
        self.allocate_as(working)
    }

    /// Both allocations made anew, as `working` says.
    pub(crate) fn allocate_as(&self, working: Working) -> (Allocation, Allocation) {
        allocate(self, working, self.recycled.take())
    }

    /// Makes this costing that of the plan it was made for with the cost line at `li`
    /// changed from `before` to `line` (`plan` is that plan, before or after the change: only
    /// its other records are read): the line's amounts and its activity's contingency
    /// are made again, and the funding allocation is left to be made when asked for, so a
    /// cell edit costs the same on a plan of any size. Returns `false`, leaving the costing
    /// as it was, when the change reaches further: another activity, catalogue item, funding
    /// source or economic code, a currency without a rate, a contingency that appears or
    /// goes, or an amount [`compute`] would refuse. [`compute`] then gives the costing (or
    /// the error). The result equals what [`compute`] gives for `plan` (a property test
    /// holds the two together).
    pub fn replace_line(
        &mut self,
        plan: &Plan,
        li: usize,
        before: &CostLine,
        line: &CostLine,
    ) -> bool {
        let Some(unit) = self.units.get(li) else {
            return false;
        };
        let (ai, economic) = (unit.activity, unit.economic as usize);
        let same_place = unit.kind == UnitKind::Line(li)
            && line.activity_id == before.activity_id
            && line.catalogue_item_id == before.catalogue_item_id
            && line.funding_source_id == before.funding_source_id;
        if !same_place {
            return false;
        }
        let item = (line.catalogue_item_id)
            .and_then(|id| plan.catalogue.iter().find(|c| c.record.id == id));
        let inputs = line.inputs(item);
        let (Some(unit_cost), Some(currency)) = (inputs.unit_cost, inputs.currency) else {
            return false;
        };
        let code = inputs.economic_code.unwrap_or_default();
        if self.economic_codes.get(economic).map(String::as_str) != Some(code) {
            return false;
        }
        let mut rates = Rates::new(plan, &self.currency, &self.years);
        let factors = rates.factors(currency).to_vec();
        for (&year, q) in &line.quantities {
            if let Some(yi) = year_position(&self.years, year).filter(|_| !q.is_zero()) {
                rates.used(currency, yi);
            }
        }
        if !rates.missing.is_empty() {
            return false;
        }
        let inflation = inflation_factors(plan, &self.years);
        let Some(price) = line_price(unit_cost, &factors, &inflation, line.inflate) else {
            return false;
        };
        let ny = self.years.len();
        let mut amounts = vec![0i128; ny];
        for (&year, &q) in &line.quantities {
            let Some(yi) = year_position(&self.years, year) else {
                continue;
            };
            let Some(m) = price[yi].amount(q) else {
                return false;
            };
            amounts[yi] = m;
        }
        let totals: Vec<i128> = (0..ny)
            .map(|yi| {
                self.activity_totals[ai * ny + yi] - self.fixed.get(yi * self.stride + li)
                    + amounts[yi]
            })
            .collect();
        let Some(activity) = plan.activities.get(ai) else {
            return false;
        };
        let rate = activity.contingency.unwrap_or(plan.meta.contingency);
        let contingency_unit = (self.units.iter().enumerate().skip(plan.cost_lines.len()))
            .find(|(_, u)| u.kind == UnitKind::Contingency(ai))
            .map(|(i, _)| i);
        let has_contingency = !rate.is_zero() && totals.iter().any(|t| *t != 0);
        if has_contingency != contingency_unit.is_some() {
            return false;
        }
        for (yi, m) in amounts.into_iter().enumerate() {
            self.fixed.set(yi * self.stride + li, m);
            self.activity_totals[ai * ny + yi] = totals[yi];
            if let Some(c) = contingency_unit {
                self.fixed
                    .set(yi * self.stride + c, contingency_amount(totals[yi], rate));
            }
        }
        self.allocations = std::sync::OnceLock::new();
        true
    }

    /// Position of `year` in [`Costing::years`].
    pub fn year_index(&self, year: Year) -> Option<usize> {
        self.years.iter().position(|y| *y == year)
    }

    /// Total cost over all units and years.
    pub fn total(&self) -> Decimal {
        from_fixed(self.fixed.sum())
    }

    /// The amount of unit `unit` in year index `year`, in [`Costing::currency`].
    pub fn amount(&self, unit: usize, year: usize) -> Decimal {
        from_fixed(self.amount_fixed(unit, year))
    }

    /// The amounts of unit `unit` in every year, aligned with [`Costing::years`].
    pub fn amounts(&self, unit: usize) -> Vec<Decimal> {
        (0..self.years.len())
            .map(|y| self.amount(unit, y))
            .collect()
    }

    /// The resolved GFS economic code of unit `unit`.
    pub fn economic_code(&self, unit: usize) -> &str {
        &self.economic_codes[self.units[unit].economic as usize]
    }

    /// Every unit's amount in year index `year`, as fixed mantissas, into `out` (one per
    /// unit).
    pub(crate) fn read_year(&self, year: usize, out: &mut [i128]) {
        self.fixed
            .read_into(year * self.stride, &mut out[..self.units.len()]);
    }

    /// The amount of unit `unit` in year index `year`, as a fixed mantissa.
    pub(crate) fn amount_fixed(&self, unit: usize, year: usize) -> i128 {
        self.fixed.get(year * self.stride + unit)
    }

    /// The headline figures.
    pub fn summary(&self, plan: &Plan) -> Summary {
        self.summary_with(plan, self.committed(), self.with_pledged())
    }

    /// The headline figures, with the allocations `committed` and `with_pledged` of this
    /// costing (see [`Costing::allocations_unkept`]).
    pub fn summary_with(
        &self,
        plan: &Plan,
        committed: &Allocation,
        with_pledged: &Allocation,
    ) -> Summary {
        let total_cost = self.total();
        let contingency = from_fixed(
            self.units
                .iter()
                .enumerate()
                .filter(|(_, u)| matches!(u.kind, UnitKind::Contingency(_)))
                .flat_map(|(i, _)| (0..self.years.len()).map(move |y| (i, y)))
                .map(|(i, y)| self.amount_fixed(i, y))
                .sum(),
        );
        let by_status = |status: FundingStatus| -> Decimal {
            plan.funding_sources
                .iter()
                .zip(&self.source_amounts)
                .filter(|(s, _)| s.status == status)
                .flat_map(|(_, a)| a)
                .sum()
        };
        let committed_allocated = committed.total();
        Summary {
            total_cost,
            contingency,
            committed: by_status(FundingStatus::Committed),
            pledged: by_status(FundingStatus::Pledged),
            expected: by_status(FundingStatus::Expected),
            gap: total_cost - committed_allocated,
            gap_with_pledged: total_cost - with_pledged.total(),
            unallocated_committed: by_status(FundingStatus::Committed) - committed_allocated,
        }
    }
}

/// Converts amounts of any currency into the costing currency, per year.
struct Rates<'p> {
    plan: &'p Plan,
    target: &'p str,
    years: &'p [Year],
    cache: FastMap<&'p str, Vec<Decimal>>,
    missing: Vec<(String, Year)>,
    /// Per currency converted from, the years (by position) it has no rate in. Such a year
    /// is missing only once an amount in that currency falls in it ([`Rates::used`]): a
    /// line in euros in 2026 alone needs the euro's rate of 2026, not of every year.
    gaps: FastMap<&'p str, Vec<bool>>,
}

impl<'p> Rates<'p> {
    fn new(plan: &'p Plan, target: &'p str, years: &'p [Year]) -> Self {
        Self {
            plan,
            target,
            years,
            cache: FastMap::default(),
            missing: Vec::new(),
            gaps: FastMap::default(),
        }
    }

    /// Whether `currency` (whose factors were asked for) lacks a rate in some year.
    fn has_gaps(&self, currency: &str) -> bool {
        self.gaps.contains_key(currency)
    }

    /// An amount in `currency` falls in the year at `yi`: its rate is missing if that year
    /// is one of its gaps (noted once).
    fn used(&mut self, currency: &str, yi: usize) {
        if let Some(gap) = self.gaps.get_mut(currency).and_then(|g| g.get_mut(yi)) {
            if std::mem::take(gap) {
                self.missing.push((currency.to_string(), self.years[yi]));
            }
        }
    }

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
            for (yi, &y) in self.years.iter().enumerate() {
                let from = Self::to_base(self.plan, currency, y);
                let to = Self::to_base(self.plan, self.target, y);
                if from.is_none() {
                    let n = self.years.len();
                    self.gaps.entry(currency).or_insert_with(|| vec![false; n])[yi] = true;
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

/// Units of `to` per one unit of `from` in `year`, by the plan's exchange rates (rule 3);
/// `None` when either currency has no rate for that year.
pub fn exchange_factor(plan: &Plan, from: &str, to: &str, year: Year) -> Option<Decimal> {
    let f = Rates::to_base(plan, from, year)?;
    let t = Rates::to_base(plan, to, year)?;
    if f == t {
        Some(Decimal::ONE)
    } else if t.is_zero() {
        None
    } else {
        f.checked_div(t)
    }
}

/// Index of `year` in the plan years (consecutive, so no search is needed).
fn year_position(years: &[Year], year: Year) -> Option<usize> {
    let first = *years.first()?;
    usize::try_from(year - first)
        .ok()
        .filter(|&i| i < years.len())
}

/// A line's price per year of the plan: its unit cost in the costing currency (`factors`),
/// inflated (`inflation`) when it inflates. `None` when a product overflows.
fn line_price(
    unit_cost: Decimal,
    factors: &[Decimal],
    inflation: &[Decimal],
    inflates: bool,
) -> Option<Vec<YearPrice>> {
    factors
        .iter()
        .zip(inflation)
        .map(|(c, i)| {
            let factor = if inflates { c.checked_mul(*i)? } else { *c };
            unit_cost.checked_mul(factor).map(YearPrice::new)
        })
        .collect()
}

/// An activity's contingency in a year: `rate` of its line amounts that year (`total`, a
/// fixed mantissa), rounded half away from zero to `AMOUNT_SCALE` places.
pub(crate) fn contingency_amount(total: i128, rate: Decimal) -> i128 {
    share_in_64_bits(total, rate).unwrap_or_else(|| {
        let total = from_fixed(total);
        mul_to_fixed(total, rate).unwrap_or_else(|| to_fixed(quantize(total * rate, AMOUNT_SCALE)))
    })
}

/// `total × rate` rounded half away from zero to a whole mantissa, as [`contingency_amount`]
/// makes it, in 64-bit divisions: `None` unless `|total|`, `rate`'s mantissa and the product
/// below fit 64 bits (any amount below 922 million at a rate of a few places).
///
/// With `d` = 10^scale and `r` the rate's mantissa, `total = a·d + b` (b < d) gives
/// `total × r / d = a·r + b·r / d`, whose only division is of `b·r`: the general path's
/// 128-bit product and division (two calls into the runtime, and a `Decimal` made of the
/// total first) took a sixth of the time of costing the large plan's amounts.
fn share_in_64_bits(total: i128, rate: Decimal) -> Option<i128> {
    let t = u64::try_from(total.unsigned_abs()).ok()?;
    let r = u64::try_from(rate.mantissa().unsigned_abs()).ok()?;
    let d = 10u64.checked_pow(rate.scale())?;
    let rest = (t % d).checked_mul(r)?;
    let (quotient, remainder) = (rest / d, rest % d);
    let half_or_more = 2 * u128::from(remainder) >= u128::from(d);
    let magnitude =
        u128::from(t / d) * u128::from(r) + u128::from(quotient) + u128::from(half_or_more);
    let m = i128::try_from(magnitude).ok()?;
    Some(if (total < 0) != rate.is_sign_negative() {
        -m
    } else {
        m
    })
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

/// Cost lines from which [`compute`] splits the lines between two threads: below it the
/// second thread's start (tens of microseconds) outweighs the work it takes over.
const LINES_WORTH_A_THREAD: usize = 4_000;

/// Costs the plan in `currency` (the base currency when `None`).
///
/// The plan is assumed valid (see [`crate::validate()`]); costing errors are those validation
/// does not cover, such as missing exchange rates.
pub fn compute(plan: &Plan, currency: Option<&str>) -> Result<Costing, CostingError> {
    compute_in_parts(plan, currency, parts_for(plan))
}

/// How many runs (and threads) cost `plan`'s lines fastest.
fn parts_for(plan: &Plan) -> usize {
    if plan.cost_lines.len() >= LINES_WORTH_A_THREAD {
        2
    } else {
        1
    }
}

/// [`compute`] in the memory of `previous`, a costing no longer needed (typically the plan's
/// before an edit): the result is the same, but the lists of amounts (a few megabytes on a
/// large plan) are not asked of the system again, whose first use of each new page costs a
/// fault. `previous` is used up, whether or not `plan` can be costed.
pub fn compute_again(
    plan: &Plan,
    currency: Option<&str>,
    previous: Costing,
) -> Result<Costing, CostingError> {
    compute_with(plan, currency, parts_for(plan), Spare::from(previous))
}

/// What costing a run of consecutive cost lines reads: the plan and what was derived from it
/// once for every run.
struct LineContext<'p> {
    plan: &'p Plan,
    target: &'p str,
    years: &'p [Year],
    inflation: &'p [Decimal],
    activity_index: &'p FastMap<Id, usize>,
    /// Position in `plan.catalogue` of each item.
    catalogue: &'p FastMap<Id, usize>,
    source_index: &'p FastMap<Id, usize>,
}

/// One run of lines costed: its units (numbered from the run's first line, `economic`
/// indexing `economic_codes`), and what the run adds to the whole.
struct CostedRun<'p> {
    units: Vec<CostUnit>,
    /// The economic codes of the run's units, in order of first use; the first is "".
    economic_codes: Vec<&'p str>,
    /// `[activity × years + year]`, as in [`Costing`].
    activity_totals: Vec<i128>,
    /// Amounts beyond 64 bits, which the run's columns cannot hold: (position in the year's
    /// columns counted from the run's first column, year index, mantissa).
    wide: Vec<(usize, usize, i128)>,
    missing: Vec<(String, Year)>,
    /// The first error of the run, which ends it: [`compute`] reports the plan's first.
    error: Option<CostingError>,
}

impl<'p> LineContext<'p> {
    /// Costs `lines` (whose first is at `first` in the plan) into `columns`, one slice per
    /// year with a slot per line of the run (a line without an activity leaves no unit, so
    /// the run's units fill the first slots). `units` (empty) and `activity_totals` (zeros,
    /// `[activity × years + year]`) are the lists the run fills: the first run's become the
    /// costing's, so they are made with room for the other runs' units and the contingency
    /// units.
    fn cost(
        &self,
        first: usize,
        lines: &'p [CostLine],
        mut columns: Vec<&mut [i64]>,
        units: Vec<CostUnit>,
        activity_totals: Vec<i128>,
    ) -> CostedRun<'p> {
        let ny = self.years.len();
        let mut rates = Rates::new(self.plan, self.target, self.years);
        // Price per year for each (unit cost, currency, inflates): lines that share a
        // catalogue item share it, so each line-year costs one multiplication. Keyed by the
        // unit cost's exact representation: `Decimal`'s own hash normalises the value, slow
        // on a hot path.
        let mut prices: Vec<Vec<YearPrice>> = Vec::new();
        // Per price: its currency lacks a rate in some year (see `Rates::gaps`).
        let mut price_gaps: Vec<bool> = Vec::new();
        let mut price_index: FastMap<([u8; 16], &str, bool), usize> = FastMap::default();
        // Per catalogue item, for lines that do not inflate and lines that do: the price
        // and economic code of a line that takes its unit cost, currency and code from the
        // item, found once (most lines of a plan built from a catalogue are such lines).
        let mut from_item: Vec<[Option<(usize, u32)>; 2]> =
            vec![[None, None]; self.plan.catalogue.len()];
        // Lines of an activity follow one another: its position is looked up once.
        let mut last_activity: Option<(Id, usize)> = None;
        let mut run = CostedRun {
            units,
            economic_codes: vec![""],
            activity_totals,
            wide: Vec::new(),
            missing: Vec::new(),
            error: None,
        };
        let mut economic_index: FastMap<&str, u32> = FastMap::from_iter([("", 0)]);
        for (offset, line) in lines.iter().enumerate() {
            let item_at = line
                .catalogue_item_id
                .and_then(|id| self.catalogue.get(&id).copied());
            let item = item_at.map(|i| &self.plan.catalogue[i]);
            let inputs = line.inputs(item);
            let (Some(unit_cost), Some(line_currency)) = (inputs.unit_cost, inputs.currency) else {
                run.error = Some(CostingError::IncompleteLine(line.record.id));
                break;
            };
            let activity = match last_activity {
                Some((id, at)) if id == line.activity_id => at,
                _ => match self.activity_index.get(&line.activity_id) {
                    Some(&at) => {
                        last_activity = Some((line.activity_id, at));
                        at
                    }
                    None => continue,
                },
            };
            let overflow = || CostingError::Overflow {
                record: line.as_ref_(),
                currency: self.target.to_string(),
            };
            let all_from_item = (line.unit_cost.is_none()
                && line.currency.is_none()
                && line.economic_code.is_none())
            .then_some(item_at)
            .flatten();
            let known = all_from_item.and_then(|i| from_item[i][usize::from(line.inflate)]);
            let (price_at, economic) = match known {
                Some(found) => found,
                None => {
                    let code = inputs.economic_code.unwrap_or_default();
                    let codes = &mut run.economic_codes;
                    let economic = *economic_index.entry(code).or_insert_with(|| {
                        codes.push(code);
                        (codes.len() - 1) as u32
                    });
                    let key = (unit_cost.serialize(), line_currency, line.inflate);
                    let price_at = match price_index.get(&key) {
                        Some(&at) => at,
                        None => {
                            let factors = rates.factors(line_currency);
                            let Some(price) =
                                line_price(unit_cost, factors, self.inflation, line.inflate)
                            else {
                                run.error = Some(overflow());
                                break;
                            };
                            prices.push(price);
                            price_gaps.push(rates.has_gaps(line_currency));
                            price_index.insert(key, prices.len() - 1);
                            prices.len() - 1
                        }
                    };
                    if let Some(i) = all_from_item {
                        from_item[i][usize::from(line.inflate)] = Some((price_at, economic));
                    }
                    (price_at, economic)
                }
            };
            let price = &prices[price_at];
            let gaps = price_gaps[price_at];
            let slot = run.units.len();
            for (&year, &q) in &line.quantities {
                let Some(yi) = year_position(self.years, year) else {
                    continue;
                };
                if gaps && !q.is_zero() {
                    rates.used(line_currency, yi);
                }
                let Some(m) = price[yi].amount(q) else {
                    run.error = Some(overflow());
                    break;
                };
                match i64::try_from(m) {
                    Ok(narrow) => columns[yi][slot] = narrow,
                    Err(_) => run.wide.push((slot, yi, m)),
                }
                run.activity_totals[activity * ny + yi] += m;
            }
            if run.error.is_some() {
                break;
            }
            run.units.push(CostUnit {
                kind: UnitKind::Line(first + offset),
                activity,
                economic,
                source: line
                    .funding_source_id
                    .and_then(|s| self.source_index.get(&s).copied()),
            });
        }
        run.missing = rates.missing;
        run
    }
}

/// [`compute`] with the cost lines split into `parts` runs (1 or 2), each costed on its own
/// thread; the result does not depend on `parts` (a test holds the two together).
pub(crate) fn compute_in_parts(
    plan: &Plan,
    currency: Option<&str>,
    parts: usize,
) -> Result<Costing, CostingError> {
    compute_with(plan, currency, parts, Spare::default())
}

/// [`compute_in_parts`] in the memory of `spare`.
fn compute_with(
    plan: &Plan,
    currency: Option<&str>,
    parts: usize,
    spare: Spare,
) -> Result<Costing, CostingError> {
    let target = currency.unwrap_or(&plan.meta.base_currency);
    if crate::currency::currency(target).is_none() {
        return Err(CostingError::UnknownCurrency(target.to_string()));
    }
    let years: Vec<Year> = plan.years().collect();
    let inflation = inflation_factors(plan, &years);
    let activity_index: FastMap<Id, usize> = plan
        .activities
        .iter()
        .enumerate()
        .map(|(i, a)| (a.record.id, i))
        .collect();
    let catalogue: FastMap<Id, usize> = (plan.catalogue.iter().enumerate())
        .map(|(i, c)| (c.record.id, i))
        .collect();
    let source_index: FastMap<Id, usize> = plan
        .funding_sources
        .iter()
        .enumerate()
        .map(|(i, s)| (s.record.id, i))
        .collect();

    let ny = years.len();
    // Year by year, with room for every line and every activity's contingency, so that the
    // allocation and the views read each year's amounts as one contiguous slice.
    let stride = plan.cost_lines.len() + plan.activities.len();
    let mut fixed = FixedAmounts::zeros_in(spare.fixed, stride * ny);
    let context = LineContext {
        plan,
        target,
        years: &years,
        inflation: &inflation,
        activity_index: &activity_index,
        catalogue: &catalogue,
        source_index: &source_index,
    };
    let lines = &plan.cost_lines[..];
    let mut first_units = spare.units;
    first_units.clear();
    first_units.reserve(lines.len() + plan.activities.len());
    let mut first_totals = spare.activity_totals;
    first_totals.clear();
    first_totals.resize(plan.activities.len() * ny, 0);
    let split = if parts > 1 {
        lines.len() / 2
    } else {
        lines.len()
    };
    let (first, second) = {
        let (first_columns, second_columns) = fixed.split_columns(stride, split, lines.len());
        if split < lines.len() {
            std::thread::scope(|scope| {
                let context = &context;
                let second = scope.spawn(move || {
                    let units = Vec::with_capacity(lines.len() - split);
                    let totals = vec![0; plan.activities.len() * ny];
                    context.cost(split, &lines[split..], second_columns, units, totals)
                });
                let first =
                    context.cost(0, &lines[..split], first_columns, first_units, first_totals);
                let second = second
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                (first, Some(second))
            })
        } else {
            (
                context.cost(0, lines, first_columns, first_units, first_totals),
                None,
            )
        }
    };
    if let Some(error) = first.error {
        return Err(error);
    }
    let mut missing = first.missing;
    let mut economic_codes: Vec<String> =
        first.economic_codes.iter().map(|c| c.to_string()).collect();
    let mut units = first.units;
    let mut activity_totals = first.activity_totals;
    // Amounts beyond 64 bits are set once every narrow slot is in place: setting one moves
    // its block of slots to wide storage.
    let mut wide = first.wide;
    if let Some(second) = second {
        if let Some(error) = second.error {
            return Err(error);
        }
        missing.extend(second.missing);
        // The second run's codes are numbered after the first's, in order of first use, as
        // one run over every line numbers them.
        let renumbered: Vec<u32> = (second.economic_codes.iter())
            .map(|code| match economic_codes.iter().position(|c| c == code) {
                Some(at) => at as u32,
                None => {
                    economic_codes.push(code.to_string());
                    (economic_codes.len() - 1) as u32
                }
            })
            .collect();
        // Lines of the first run without an activity left their slots empty: the second
        // run's units move up to follow the first's.
        let (from, to) = (split, units.len());
        if from != to {
            for yi in 0..ny {
                let start = yi * stride;
                fixed.move_narrow(start + from..start + from + second.units.len(), start + to);
            }
        }
        wide.extend(
            second
                .wide
                .into_iter()
                .map(|(slot, yi, m)| (to + slot, yi, m)),
        );
        units.extend(second.units.into_iter().map(|u| CostUnit {
            economic: renumbered[u.economic as usize],
            ..u
        }));
        for (total, t) in activity_totals.iter_mut().zip(second.activity_totals) {
            *total += t;
        }
    }
    for (slot, yi, m) in wide {
        fixed.set(yi * stride + slot, m);
    }
    let mut rates = Rates::new(plan, target, &years);
    rates.missing = missing;
    if !rates.missing.is_empty() {
        let mut missing = std::mem::take(&mut rates.missing);
        missing.sort();
        missing.dedup();
        return Err(CostingError::MissingRates(missing));
    }
    for (ai, activity) in plan.activities.iter().enumerate() {
        let rate = activity.contingency.unwrap_or(plan.meta.contingency);
        let totals = &activity_totals[ai * ny..(ai + 1) * ny];
        if rate.is_zero() || totals.iter().all(|t| *t == 0) {
            continue;
        }
        let unit = units.len();
        for (yi, t) in totals.iter().enumerate() {
            fixed.set(yi * stride + unit, contingency_amount(*t, rate));
        }
        units.push(CostUnit {
            kind: UnitKind::Contingency(ai),
            activity: ai,
            economic: 0,
            source: None,
        });
    }

    let mut source_amounts = Vec::with_capacity(plan.funding_sources.len());
    for s in &plan.funding_sources {
        let factors = rates.factors(&s.currency).to_vec();
        for (yi, y) in years.iter().enumerate() {
            if s.amounts.get(y).is_some_and(|a| !a.is_zero()) {
                rates.used(&s.currency, yi);
            }
        }
        let amounts: Option<Vec<Decimal>> = years
            .iter()
            .zip(&factors)
            .map(|(y, f)| {
                let a = s.amounts.get(y).copied().unwrap_or_default();
                rounded_amount(a, *f).map(from_fixed)
            })
            .collect();
        source_amounts.push(amounts.ok_or_else(|| CostingError::Overflow {
            record: s.as_ref_(),
            currency: target.to_string(),
        })?);
    }
    if !rates.missing.is_empty() {
        let mut missing = rates.missing;
        missing.sort();
        missing.dedup();
        return Err(CostingError::MissingRates(missing));
    }
    Ok(Costing {
        currency: target.to_string(),
        years,
        units,
        funding: FundingInputs::of(plan),
        allocations: std::sync::OnceLock::new(),
        recycled: Recycled(std::sync::Mutex::new(spare.covered)),
        source_amounts,
        economic_codes,
        fixed,
        stride,
        activity_totals,
    })
}

#[cfg(test)]
mod contingency_tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]
        /// The 64-bit path gives what the general path gives (the total as a decimal times
        /// the rate, in `i128` or else in `Decimal` arithmetic, rounded half away from zero
        /// to `AMOUNT_SCALE` places).
        #[test]
        fn a_contingency_is_the_rate_of_the_total_rounded_half_away_from_zero(
            total in prop_oneof![
                -1_000_000_000_000i128..1_000_000_000_000,
                any::<i64>().prop_map(i128::from),
                -(1i128 << 90)..(1i128 << 90),
            ],
            // Rates as validation allows them, from 0 to 1, with up to 28 places.
            rate in prop_oneof![
                (0i64..=100, 0u32..=4).prop_map(|(m, s)| Decimal::new(m.min(10i64.pow(s)), s)),
                (0u32..=28).prop_flat_map(|s| {
                    (0..=10i128.pow(s)).prop_map(move |m| Decimal::from_i128_with_scale(m, s))
                }),
            ],
        ) {
            let decimal = from_fixed(total);
            let general = mul_to_fixed(decimal, rate)
                .unwrap_or_else(|| to_fixed(quantize(decimal * rate, AMOUNT_SCALE)));
            prop_assert_eq!(contingency_amount(total, rate), general);
        }
    }

    #[test]
    fn halves_of_a_ten_billionth_round_away_from_zero() {
        let rate = Decimal::new(5, 2);
        // 0.05 × 10 quanta = half a quantum: one; 0.05 × 9 = 0.45: none.
        assert_eq!(contingency_amount(10, rate), 1);
        assert_eq!(contingency_amount(-10, rate), -1);
        assert_eq!(contingency_amount(9, rate), 0);
        assert_eq!(contingency_amount(10, -rate), -1);
        assert!(
            share_in_64_bits(10, rate).is_some(),
            "the 64-bit path is taken"
        );
    }
}
