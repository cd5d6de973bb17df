//! The costing grid: every cost line with its classification, its inputs as the user typed
//! them and its amounts per year, as the desktop app's costing screen shows them. Amounts
//! leave as formatted text in the costing currency; the interface never computes with them.

use super::rounding::{format_amount, Rounding};
use super::{from_fixed, Costing, UnitKind};
use crate::currency::minor_units;
use crate::fasthash::FastMap;
use crate::model::{CostLine, Id, Plan, Year};
use crate::text::LocalText;
use crate::time::Timestamp;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One cost line in the grid.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct GridLine {
    pub id: Id,
    pub activity_id: Id,
    /// The activity's code, e.g. "1.2.1.3".
    pub activity_code: String,
    pub pillar_id: Option<Id>,
    pub lead_agency_id: Option<Id>,
    pub item: LocalText,
    pub catalogue_item_id: Option<Id>,
    /// As the line states it (empty when it follows its catalogue item).
    pub unit: String,
    /// As the line states it, unformatted ("18000.00"); empty when it follows its catalogue
    /// item.
    pub unit_cost: String,
    pub currency: String,
    pub economic_code: String,
    pub funding_source_id: Option<Id>,
    /// Quantity per plan year, unformatted; empty for a year without quantity.
    pub quantities: Vec<String>,
    /// Amount per plan year in the costing currency, formatted with thousands separators.
    pub amounts: Vec<String>,
    pub total: String,
    pub inflate: bool,
    /// An amount per year given as such (see [`super::lump_sum`]): its year cells hold the
    /// amounts, and its unit and unit cost are not a price.
    pub lump_sum: bool,
    pub note: String,
    /// Who last changed the line, and when.
    pub modified_by: String,
    pub modified: Timestamp,
    /// Read-only here: outside the part of a copy sent for one agency. The grid itself knows
    /// nothing of copies and leaves this false; the app sets it.
    pub locked: bool,
}

/// An activity lines can be added to, with where it sits.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct GridActivity {
    pub id: Id,
    pub code: String,
    pub title: LocalText,
    pub pillar_id: Option<Id>,
    pub lead_agency_id: Option<Id>,
}

/// A choice offered by a filter or a picker.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct GridChoice {
    pub id: Id,
    pub code: String,
    pub name: LocalText,
}

impl GridChoice {
    /// Every agency of `plan`, in plan order, as a choice for a picker.
    pub fn agencies(plan: &Plan) -> Vec<Self> {
        (plan.agencies.iter())
            .map(|a| Self {
                id: a.record.id,
                code: a.code.clone(),
                name: a.name.clone(),
            })
            .collect()
    }
}

/// A unit-cost catalogue entry, for the picker.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct GridCatalogueItem {
    pub id: Id,
    pub code: String,
    pub name: LocalText,
    pub unit: String,
    /// Unformatted, in `currency`.
    pub unit_cost: String,
    pub currency: String,
    pub economic_code: String,
}

/// Which lines the grid shows; `None` shows all.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, TS)]
#[ts(export)]
pub struct GridFilter {
    pub pillar_id: Option<Id>,
    pub lead_agency_id: Option<Id>,
    pub funding_source_id: Option<Id>,
}

/// Totals of the lines a grid shows, per year and overall, formatted.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct GridTotals {
    pub per_year: Vec<String>,
    pub total: String,
    /// Number of lines shown.
    pub lines: u32,
}

/// The grid: its first lines, the totals of all the lines it shows, and the choices the
/// screen offers. The screen asks for further lines with [`grid_rows`] as they scroll into
/// view, so that a 30,000-line plan never crosses IPC or sits in the web view whole.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CostGrid {
    pub currency: String,
    pub years: Vec<Year>,
    /// The first lines the filter lets through (as many as were asked for); `totals.lines`
    /// says how many there are in all.
    pub lines: Vec<GridLine>,
    pub totals: GridTotals,
    pub activities: Vec<GridActivity>,
    /// Outputs, which new activities go under.
    pub outputs: Vec<GridChoice>,
    /// Outcomes, which a lump sum can be given for (as can pillars, outputs, activities).
    pub outcomes: Vec<GridChoice>,
    pub pillars: Vec<GridChoice>,
    pub agencies: Vec<GridChoice>,
    pub sources: Vec<GridChoice>,
    pub catalogue: Vec<GridCatalogueItem>,
}

/// Lines `offset..offset + lines.len()` of those a filter lets through, in grid order.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct GridRows {
    pub offset: u32,
    pub lines: Vec<GridLine>,
    /// How many lines the filter lets through in all.
    pub count: u32,
}

/// Where each activity sits: its pillar, through its output and outcome.
fn activity_pillars(plan: &Plan) -> FastMap<Id, Option<Id>> {
    let outcome_pillar: FastMap<Id, Id> = plan
        .outcomes
        .iter()
        .map(|o| (o.record.id, o.pillar_id))
        .collect();
    let output_pillar: FastMap<Id, Option<Id>> = plan
        .outputs
        .iter()
        .map(|o| (o.record.id, outcome_pillar.get(&o.outcome_id).copied()))
        .collect();
    plan.activities
        .iter()
        .map(|a| {
            (
                a.record.id,
                output_pillar.get(&a.output_id).copied().flatten(),
            )
        })
        .collect()
}

/// Each activity's place in the results tree (pillars, their outcomes, their outputs, their
/// activities, each in plan order): the grid shows an activity's lines there, so that a line
/// or an activity added later (at the end of the plan's lists) sits with its siblings.
fn activity_ranks(plan: &Plan) -> FastMap<Id, usize> {
    let mut outcomes: FastMap<Id, Vec<Id>> = FastMap::default();
    for o in &plan.outcomes {
        outcomes.entry(o.pillar_id).or_default().push(o.record.id);
    }
    let mut outputs: FastMap<Id, Vec<Id>> = FastMap::default();
    for o in &plan.outputs {
        outputs.entry(o.outcome_id).or_default().push(o.record.id);
    }
    let mut activities: FastMap<Id, Vec<Id>> = FastMap::default();
    for a in &plan.activities {
        activities.entry(a.output_id).or_default().push(a.record.id);
    }
    let children = |map: &FastMap<Id, Vec<Id>>, id: Id| map.get(&id).cloned().unwrap_or_default();
    let mut ranks = FastMap::default();
    for pillar in &plan.pillars {
        for outcome in children(&outcomes, pillar.record.id) {
            for output in children(&outputs, outcome) {
                for activity in children(&activities, output) {
                    let next = ranks.len();
                    ranks.insert(activity, next);
                }
            }
        }
    }
    ranks
}

fn plain(value: Option<Decimal>) -> String {
    value.map(|d| d.normalize().to_string()).unwrap_or_default()
}

struct Formatter {
    minor: u32,
}

impl Formatter {
    fn new(costing: &Costing) -> Self {
        Self {
            minor: minor_units(&costing.currency),
        }
    }

    fn amount(&self, value: Decimal) -> String {
        format_amount(value, Rounding::Unit, self.minor, ",")
    }
}

/// Index of each line's costing unit.
fn line_units(costing: &Costing) -> Vec<usize> {
    let mut units = Vec::new();
    for (u, unit) in costing.units.iter().enumerate() {
        if let UnitKind::Line(li) = unit.kind {
            if units.len() <= li {
                units.resize(li + 1, usize::MAX);
            }
            units[li] = u;
        }
    }
    units
}

/// What every grid line needs to know about the plan, built once per request.
struct GridContext<'a> {
    plan: &'a Plan,
    /// A line shown in place of the plan's line at that index (a preview of a typed value).
    swapped: Option<(usize, &'a CostLine)>,
    costing: &'a Costing,
    fmt: Formatter,
    pillars: FastMap<Id, Option<Id>>,
    activity_index: FastMap<Id, usize>,
    activity_ranks: FastMap<Id, usize>,
    units: Vec<usize>,
}

impl<'a> GridContext<'a> {
    fn new(plan: &'a Plan, costing: &'a Costing) -> Self {
        Self {
            plan,
            swapped: None,
            costing,
            fmt: Formatter::new(costing),
            pillars: activity_pillars(plan),
            activity_index: plan
                .activities
                .iter()
                .enumerate()
                .map(|(i, a)| (a.record.id, i))
                .collect(),
            activity_ranks: activity_ranks(plan),
            units: line_units(costing),
        }
    }

    /// The costing unit of the line at index `li`, if it has one.
    fn unit_of(&self, li: usize) -> Option<usize> {
        self.units.get(li).copied().filter(|&u| u != usize::MAX)
    }

    /// The cost line at index `li`, or the line shown in its place.
    fn cost_line(&self, li: usize) -> &'a CostLine {
        match self.swapped {
            Some((at, line)) if at == li => line,
            _ => &self.plan.cost_lines[li],
        }
    }

    fn line(&self, li: usize) -> GridLine {
        let (plan, costing) = (self.plan, self.costing);
        let line = self.cost_line(li);
        let activity = self
            .activity_index
            .get(&line.activity_id)
            .map(|&i| &plan.activities[i]);
        let amounts: Vec<Decimal> = self.unit_of(li).map_or_else(
            || vec![Decimal::ZERO; costing.years.len()],
            |u| costing.amounts(u),
        );
        GridLine {
            id: line.record.id,
            activity_id: line.activity_id,
            activity_code: activity.map(|a| a.code.clone()).unwrap_or_default(),
            pillar_id: self.pillars.get(&line.activity_id).copied().flatten(),
            lead_agency_id: activity.and_then(|a| a.lead_agency_id),
            item: line.item.clone(),
            catalogue_item_id: line.catalogue_item_id,
            unit: line.unit.clone().unwrap_or_default(),
            unit_cost: plain(line.unit_cost),
            currency: line.currency.clone().unwrap_or_default(),
            economic_code: line.economic_code.clone().unwrap_or_default(),
            funding_source_id: line.funding_source_id,
            quantities: costing
                .years
                .iter()
                .map(|y| plain(line.quantities.get(y).copied()))
                .collect(),
            amounts: amounts.iter().map(|&a| self.fmt.amount(a)).collect(),
            total: self.fmt.amount(amounts.iter().sum()),
            inflate: line.inflate,
            lump_sum: line.is_lump_sum(),
            note: line.note.clone(),
            modified_by: line.record.modified_by.clone(),
            modified: line.record.modified.clone(),
            locked: false,
        }
    }

    fn activity(&self, a: &crate::model::Activity) -> GridActivity {
        GridActivity {
            id: a.record.id,
            code: a.code.clone(),
            title: a.title.clone(),
            pillar_id: self.pillars.get(&a.record.id).copied().flatten(),
            lead_agency_id: a.lead_agency_id,
        }
    }

    /// True when `filter` lets the line at index `li` through.
    fn passes(&self, filter: &GridFilter, li: usize) -> bool {
        let line = self.cost_line(li);
        let lead = self
            .activity_index
            .get(&line.activity_id)
            .and_then(|&i| self.plan.activities[i].lead_agency_id);
        let pillar = self.pillars.get(&line.activity_id).copied().flatten();
        filter.pillar_id.is_none_or(|p| pillar == Some(p))
            && filter.lead_agency_id.is_none_or(|a| lead == Some(a))
            && filter
                .funding_source_id
                .is_none_or(|s| line.funding_source_id == Some(s))
    }

    /// Where the line at index `li` comes in the grid: by its activity's place in the
    /// results tree, then in plan order.
    fn order_key(&self, li: usize) -> (usize, usize) {
        let activity = self.cost_line(li).activity_id;
        let rank = self
            .activity_ranks
            .get(&activity)
            .copied()
            .unwrap_or(usize::MAX);
        (rank, li)
    }

    /// The indices of the lines `filter` lets through, in grid order.
    fn shown(&self, filter: &GridFilter) -> Vec<usize> {
        let mut shown: Vec<usize> = (0..self.plan.cost_lines.len())
            .filter(|&li| self.passes(filter, li))
            .collect();
        shown.sort_by_cached_key(|&li| self.order_key(li));
        shown
    }

    /// The totals of the lines `filter` lets through, and the indices of those lines in grid
    /// order.
    fn totals(&self, filter: &GridFilter) -> (GridTotals, Vec<usize>) {
        let shown = self.shown(filter);
        // Summed as the engine's fixed mantissas (exact, and far from overflowing: see
        // MAX_AMOUNT), made decimals once per year.
        let mut fixed = vec![0i128; self.costing.years.len()];
        for u in shown.iter().filter_map(|&li| self.unit_of(li)) {
            for (y, total) in fixed.iter_mut().enumerate() {
                *total += self.costing.amount_fixed(u, y);
            }
        }
        let per_year: Vec<Decimal> = fixed.into_iter().map(from_fixed).collect();
        let totals = GridTotals {
            total: self.fmt.amount(per_year.iter().sum()),
            per_year: per_year.iter().map(|&a| self.fmt.amount(a)).collect(),
            lines: u32::try_from(shown.len()).unwrap_or(u32::MAX),
        };
        (totals, shown)
    }

    /// The line at `li`, its row among the lines `filter` lets through (`None` if the filter
    /// hides it), and the totals of those lines.
    fn line_row_and_totals(
        &self,
        filter: &GridFilter,
        li: usize,
    ) -> (GridLine, Option<u32>, GridTotals) {
        let (totals, shown) = self.totals(filter);
        let row = shown
            .iter()
            .position(|&x| x == li)
            .and_then(|r| u32::try_from(r).ok());
        (self.line(li), row, totals)
    }
}

/// The grid of `plan`'s cost lines that `filter` lets through: the first `rows` of them,
/// the totals of all of them, and the choices the screen offers.
pub fn cost_grid(plan: &Plan, costing: &Costing, filter: &GridFilter, rows: usize) -> CostGrid {
    let ctx = GridContext::new(plan, costing);
    let (totals, shown) = ctx.totals(filter);
    let lines: Vec<GridLine> = shown
        .into_iter()
        .take(rows)
        .map(|li| ctx.line(li))
        .collect();
    let choice = |id: Id, code: &str, name: &LocalText| GridChoice {
        id,
        code: code.to_string(),
        name: name.clone(),
    };
    CostGrid {
        currency: costing.currency.clone(),
        years: costing.years.clone(),
        totals,
        lines,
        activities: plan.activities.iter().map(|a| ctx.activity(a)).collect(),
        outputs: plan
            .outputs
            .iter()
            .map(|o| choice(o.record.id, &o.code, &o.title))
            .collect(),
        outcomes: plan
            .outcomes
            .iter()
            .map(|o| choice(o.record.id, &o.code, &o.title))
            .collect(),
        pillars: plan
            .pillars
            .iter()
            .map(|p| choice(p.record.id, &p.code, &p.title))
            .collect(),
        agencies: GridChoice::agencies(plan),
        sources: plan
            .funding_sources
            .iter()
            .map(|s| choice(s.record.id, &s.code, &s.name))
            .collect(),
        catalogue: plan
            .catalogue
            .iter()
            .map(|c| GridCatalogueItem {
                id: c.record.id,
                code: c.code.clone(),
                name: c.name.clone(),
                unit: c.unit.clone(),
                unit_cost: c.unit_cost.normalize().to_string(),
                currency: c.currency.clone(),
                economic_code: c.economic_code.clone(),
            })
            .collect(),
    }
}

/// Lines `offset..offset + limit` of those `filter` lets through (fewer at the end).
pub fn grid_rows(
    plan: &Plan,
    costing: &Costing,
    filter: &GridFilter,
    offset: usize,
    limit: usize,
) -> GridRows {
    let ctx = GridContext::new(plan, costing);
    let shown = ctx.shown(filter);
    GridRows {
        offset: u32::try_from(offset).unwrap_or(u32::MAX),
        lines: shown
            .iter()
            .skip(offset)
            .take(limit)
            .map(|&li| ctx.line(li))
            .collect(),
        count: u32::try_from(shown.len()).unwrap_or(u32::MAX),
    }
}

/// One line of the grid, its row among the lines `filter` lets through (`None` if the
/// filter hides it), and the totals of those lines: what the screen needs after an edit,
/// without sending the grid again. `None` if there is no such line.
pub fn grid_line_and_totals(
    plan: &Plan,
    costing: &Costing,
    filter: &GridFilter,
    id: Id,
) -> Option<(GridLine, Option<u32>, GridTotals)> {
    let li = plan.cost_lines.iter().position(|l| l.record.id == id)?;
    Some(GridContext::new(plan, costing).line_row_and_totals(filter, li))
}

/// [`grid_line_and_totals`] for the line at `index` as it would be as `line` (a typed
/// value's preview: the plan is not changed), with `costing` the costing of the plan with
/// that line. `None` if there is no line at `index`.
pub fn previewed_line_and_totals(
    plan: &Plan,
    costing: &Costing,
    filter: &GridFilter,
    index: usize,
    line: &CostLine,
) -> Option<(GridLine, Option<u32>, GridTotals)> {
    if index >= plan.cost_lines.len() {
        return None;
    }
    let mut ctx = GridContext::new(plan, costing);
    ctx.swapped = Some((index, line));
    Some(ctx.line_row_and_totals(filter, index))
}

/// The totals of the lines `filter` shows (after a line was deleted, say).
pub fn grid_totals(plan: &Plan, costing: &Costing, filter: &GridFilter) -> GridTotals {
    GridContext::new(plan, costing).totals(filter).0
}

/// Activity `id` as the grid lists it, with its pillar. `None` if there is no such activity.
pub fn grid_activity(plan: &Plan, costing: &Costing, id: Id) -> Option<GridActivity> {
    let a = plan.activities.iter().find(|a| a.record.id == id)?;
    Some(GridContext::new(plan, costing).activity(a))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::costing::compute;
    use crate::sample::sample_plan;

    #[test]
    fn the_grid_adds_up_to_the_engine_and_filters_by_pillar() {
        let plan = sample_plan();
        let costing = compute(&plan, None).expect("costs");
        let all = cost_grid(&plan, &costing, &GridFilter::default(), usize::MAX);
        assert_eq!(all.lines.len(), plan.cost_lines.len());
        // Contingency is not a line: the lines' total is the plan total less contingency.
        let summary = costing.summary(&plan);
        let fmt = Formatter::new(&costing);
        assert_eq!(
            all.totals.total,
            fmt.amount(summary.total_cost - summary.contingency)
        );
        let pillar = plan.pillars[1].record.id;
        let filter = GridFilter {
            pillar_id: Some(pillar),
            ..GridFilter::default()
        };
        let some = cost_grid(&plan, &costing, &filter, usize::MAX);
        assert!(!some.lines.is_empty() && some.lines.len() < all.lines.len());
        assert!(some.lines.iter().all(|l| l.pillar_id == Some(pillar)));
        let one = &some.lines[0];
        let (line, row, totals) =
            grid_line_and_totals(&plan, &costing, &filter, one.id).expect("the line");
        assert_eq!(&line, one);
        assert_eq!(row, Some(0));
        let last = some.lines.last().expect("lines");
        let (_, row, _) = grid_line_and_totals(&plan, &costing, &filter, last.id).expect("line");
        assert_eq!(row, u32::try_from(some.lines.len() - 1).ok());
        // A line of another pillar is hidden by the filter.
        let other = all
            .lines
            .iter()
            .find(|l| l.pillar_id != Some(pillar))
            .expect("line");
        let (_, row, _) = grid_line_and_totals(&plan, &costing, &filter, other.id).expect("line");
        assert_eq!(row, None);
        assert_eq!(totals, some.totals);
        assert_eq!(grid_totals(&plan, &costing, &filter), some.totals);
        let activity = grid_activity(&plan, &costing, line.activity_id).expect("activity");
        assert_eq!(
            Some(&activity),
            all.activities.iter().find(|a| a.id == line.activity_id)
        );
        assert_eq!(line.quantities.len(), costing.years.len());
    }

    #[test]
    fn the_grid_comes_in_windows_that_put_together_make_the_whole() {
        let plan = sample_plan();
        let costing = compute(&plan, None).expect("costs");
        let filter = GridFilter {
            pillar_id: Some(plan.pillars[1].record.id),
            ..GridFilter::default()
        };
        let whole = cost_grid(&plan, &costing, &filter, usize::MAX);
        let first = cost_grid(&plan, &costing, &filter, 3);
        assert_eq!(first.lines, whole.lines[..3]);
        assert_eq!(first.totals, whole.totals);
        let count = whole.lines.len();
        let mut joined = Vec::new();
        let mut offset = 0;
        while offset < count + 4 {
            let rows = grid_rows(&plan, &costing, &filter, offset, 4);
            assert_eq!(rows.offset as usize, offset);
            assert_eq!(rows.count as usize, count);
            assert_eq!(rows.lines.len(), 4.min(count.saturating_sub(offset)));
            joined.extend(rows.lines);
            offset += 4;
        }
        assert_eq!(joined, whole.lines);
    }

    #[test]
    fn a_line_added_later_shows_with_the_lines_of_its_activity() {
        let mut plan = sample_plan();
        // Added at the end of the plan's list, as the store adds it.
        let mut added = plan.cost_lines[0].clone();
        added.record.id = Id::from_u128(7_000);
        let activity = added.activity_id;
        plan.cost_lines.push(added);
        let costing = compute(&plan, None).expect("costs");
        let grid = cost_grid(&plan, &costing, &GridFilter::default(), usize::MAX);
        let rows: Vec<usize> = (grid.lines.iter().enumerate())
            .filter(|(_, l)| l.activity_id == activity)
            .map(|(r, _)| r)
            .collect();
        assert!(
            rows.windows(2).all(|w| w[1] == w[0] + 1),
            "together: {rows:?}"
        );
        let at = *rows.last().unwrap();
        assert_eq!(grid.lines[at].id, Id::from_u128(7_000));
        assert!(at + 1 < grid.lines.len(), "not at the end of the grid");
        let (_, row, _) = grid_line_and_totals(
            &plan,
            &costing,
            &GridFilter::default(),
            Id::from_u128(7_000),
        )
        .expect("the line");
        assert_eq!(row, u32::try_from(at).ok());
        // Activities come in results-tree order: their codes never go backwards.
        let codes: Vec<&str> = grid
            .lines
            .iter()
            .map(|l| l.activity_code.as_str())
            .collect();
        let key = |c: &str| {
            c.split('.')
                .map(|p| p.parse::<u32>().unwrap())
                .collect::<Vec<_>>()
        };
        assert!(codes.windows(2).all(|w| key(w[0]) <= key(w[1])));
    }
}
