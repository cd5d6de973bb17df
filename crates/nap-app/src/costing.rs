//! The costing grid: cost lines filtered and fetched a block at a time, one cell edited (or
//! previewed while typed), lines and activities added, lines deleted.

use crate::progress::named;
use crate::{AppError, ScopeLock};
use nap_core::costing::compute;
use nap_core::costing::grid::{
    cost_grid as build_grid, grid_activity, grid_line_and_totals, grid_rows, grid_totals,
    previewed_line_and_totals, CostGrid, GridActivity, GridFilter, GridLine, GridRows, GridTotals,
};
use nap_core::costing::lump_sum::{self, LumpSumError, LumpSumTarget};
use nap_core::edit::{new_activity, new_cost_line, set_cost_line_field, CostLineField};
use nap_core::{CostLine, Id};
use nap_store::{now, Document};
use serde::Serialize;
use ts_rs::TS;

/// A line after an edit, with the totals of the lines the grid shows.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct LineUpdate {
    pub line: GridLine,
    /// The line's row among those the grid's filter shows; `None` when the filter hides it
    /// (a new line may fall outside it).
    pub row: Option<u32>,
    pub totals: GridTotals,
}

/// The most rows one call returns: a screenful many times over, and a bound on what one
/// call can make the web view hold.
pub const MAX_ROWS: u32 = 1000;

/// Marks the lines outside a scoped copy's part as locked (the store refuses edits to them;
/// the screen greys them out).
fn lock<'a>(doc: &Document, lines: impl IntoIterator<Item = &'a mut GridLine>) {
    let lock = ScopeLock::of(doc);
    for line in lines {
        line.locked = lock.locks(line.id);
    }
}

/// The line `id` and the totals, as `plan` (the open plan, or a trial copy of it) costed as
/// `costing` would have them.
fn line_update_in(
    doc: &Document,
    plan: &nap_core::Plan,
    costing: &nap_core::costing::Costing,
    filter: &GridFilter,
    id: Id,
) -> Result<LineUpdate, AppError> {
    let (mut line, row, totals) = grid_line_and_totals(plan, costing, filter, id)
        .ok_or_else(|| AppError::no_record("cost line", id))?;
    lock(doc, [&mut line]);
    Ok(LineUpdate { line, row, totals })
}

fn line_update(doc: &Document, filter: &GridFilter, id: Id) -> Result<LineUpdate, AppError> {
    let costing = doc.costing()?;
    line_update_in(doc, doc.plan(), &costing, filter, id)
}

/// The first `rows` cost lines `filter` lets through (at most [`MAX_ROWS`]), the totals of
/// all of them, and the choices the screen offers.
pub fn cost_grid(doc: &Document, filter: &GridFilter, rows: u32) -> Result<CostGrid, AppError> {
    let costing = doc.costing()?;
    let mut grid = build_grid(doc.plan(), &costing, filter, rows.min(MAX_ROWS) as usize);
    lock(doc, &mut grid.lines);
    Ok(grid)
}

/// Cost lines `offset..offset + limit` of those `filter` lets through (at most
/// [`MAX_ROWS`]), as the grid scrolls to them.
pub fn cost_grid_rows(
    doc: &Document,
    filter: &GridFilter,
    offset: u32,
    limit: u32,
) -> Result<GridRows, AppError> {
    let costing = doc.costing()?;
    let mut rows = grid_rows(
        doc.plan(),
        &costing,
        filter,
        offset as usize,
        limit.min(MAX_ROWS) as usize,
    );
    lock(doc, &mut rows.lines);
    Ok(rows)
}

/// The cost line `id` with `value` typed into `field`, and its place in the plan's list. A
/// refused value comes back as the error naming the problem.
fn typed_line(
    doc: &Document,
    id: Id,
    field: CostLineField,
    value: &str,
) -> Result<(usize, CostLine), AppError> {
    let at = (doc.plan().cost_lines.iter())
        .position(|l| l.record.id == id)
        .ok_or_else(|| AppError::no_record("cost line", id))?;
    let mut line = doc.plan().cost_lines[at].clone();
    set_cost_line_field(doc.plan(), &mut line, field, value)?;
    Ok((at, line))
}

/// Sets one field of a cost line from the text typed in its cell. A refused value changes
/// nothing and comes back as an error whose code names the problem.
pub fn set_cost_line(
    doc: &mut Document,
    id: Id,
    field: CostLineField,
    value: &str,
    filter: &GridFilter,
) -> Result<LineUpdate, AppError> {
    let (_, line) = typed_line(doc, id, field, value)?;
    doc.upsert(line)?;
    line_update(doc, filter, id)
}

/// What the line and the grid's totals would be with `value` typed into `field`, while it
/// is typed: nothing is saved and the plan is not changed. A value that would be refused
/// comes back as the error [`set_cost_line`] would give.
pub fn preview_cost_line(
    doc: &Document,
    id: Id,
    field: CostLineField,
    value: &str,
    filter: &GridFilter,
) -> Result<LineUpdate, AppError> {
    let (at, line) = typed_line(doc, id, field, value)?;
    // The plan's kept costing with the one line costed again, and the grid with the line
    // shown in its place: neither the plan nor the file changes.
    let recosted = doc.costing().ok().and_then(|kept| {
        let mut costing = (*kept).clone();
        let old = &doc.plan().cost_lines[at];
        costing
            .replace_line(doc.plan(), at, old, &line)
            .then_some(costing)
    });
    if let Some(costing) = recosted {
        let (mut shown, row, totals) =
            previewed_line_and_totals(doc.plan(), &costing, filter, at, &line)
                .ok_or_else(|| AppError::no_record("cost line", id))?;
        lock(doc, [&mut shown]);
        return Ok(LineUpdate {
            line: shown,
            row,
            totals,
        });
    }
    // A value that reaches beyond the line, or a plan that cannot be costed as it is (it
    // may be with the value typed): the plan with the line, costed anew.
    let mut plan = doc.plan().clone();
    plan.cost_lines[at] = line;
    line_update_in(doc, &plan, &compute(&plan, None)?, filter, id)
}

/// Adds a cost line to an activity ("New cost line" when `item` is blank).
pub fn add_cost_line(
    doc: &mut Document,
    activity_id: Id,
    item: &str,
    filter: &GridFilter,
) -> Result<LineUpdate, AppError> {
    let item = match item.trim() {
        "" => "New cost line",
        item => item,
    };
    let line = new_cost_line(
        doc.plan(),
        activity_id,
        item,
        Id::new_v4(),
        &now(),
        doc.author(),
    );
    let id = line.record.id;
    doc.upsert(line)?;
    line_update(doc, filter, id)
}

/// Adds a lump sum (an amount per year given as such) for a pillar, outcome, output or
/// activity, with `amounts` per year typed as a person types them ("40 000 000" is refused
/// like any grid cell would refuse it; none: the user types them in the grid afterwards).
/// A lump sum for a pillar, outcome or output goes to that record's budget holder, made the
/// first time (see [`nap_core::costing::lump_sum`]); all of it is one undo step, and a
/// refused amount adds nothing.
pub fn add_lump_sum(
    doc: &mut Document,
    target: LumpSumTarget,
    item: &str,
    amounts: &[(nap_core::Year, String)],
    filter: &GridFilter,
) -> Result<LineUpdate, AppError> {
    add_lump_sum_noted(doc, target, item, "", amounts, filter)
}

fn add_lump_sum_noted(
    doc: &mut Document,
    target: LumpSumTarget,
    item: &str,
    note: &str,
    amounts: &[(nap_core::Year, String)],
    filter: &GridFilter,
) -> Result<LineUpdate, AppError> {
    let mut next = doc.plan().clone();
    let id = lump_sum::add_lump_sum(
        &mut next,
        target,
        item,
        &[],
        Id::new_v4,
        &now(),
        doc.author(),
    )
    .map_err(|e| match e {
        LumpSumError::NoSuchRecord(what, id) => AppError::no_record(what, id),
        e => AppError::Invalid(e.to_string()),
    })?;
    if let Some(line) = next.cost_lines.iter_mut().rev().find(|l| l.record.id == id) {
        let plan_before = doc.plan();
        for (year, typed) in amounts {
            set_cost_line_field(plan_before, line, CostLineField::Quantity(*year), typed)?;
        }
        line.note = note.trim().to_string();
    }
    doc.edit_many(next, "add", "cost_line")?;
    line_update(doc, filter, id)
}

/// Adds a lump sum from `FIELD=VALUE` assignments, as `nap add lump-sum` takes them:
/// exactly one of `pillar=`, `outcome=`, `output=` or `activity=` (a code or id), the
/// amounts as `YEAR=AMOUNT`, and optionally `item=` and `note=`. Returns the line's id.
pub fn add_lump_sum_from_assignments(
    doc: &mut Document,
    assignments: &[String],
) -> Result<Id, AppError> {
    let plan = doc.plan();
    let mut target = None;
    let (mut item, mut note) = (String::new(), String::new());
    let mut amounts = Vec::new();
    for a in assignments {
        let (field, value) = a
            .split_once('=')
            .ok_or_else(|| AppError::BadRequest(format!("`{a}`: write FIELD=VALUE")))?;
        let field = field.trim().trim_end_matches("_id");
        let found = match field {
            "pillar" => Some(LumpSumTarget::Pillar(
                named(&plan.pillars, |r| &r.code, field, value)?.record.id,
            )),
            "outcome" => Some(LumpSumTarget::Outcome(
                named(&plan.outcomes, |r| &r.code, field, value)?.record.id,
            )),
            "output" => Some(LumpSumTarget::Output(
                named(&plan.outputs, |r| &r.code, field, value)?.record.id,
            )),
            "activity" => Some(LumpSumTarget::Activity(
                named(&plan.activities, |r| &r.code, field, value)?
                    .record
                    .id,
            )),
            "item" => {
                item = value.to_string();
                None
            }
            "note" => {
                note = value.trim().to_string();
                None
            }
            year => match year.parse::<nap_core::Year>() {
                Ok(y) => {
                    amounts.push((y, value.to_string()));
                    None
                }
                Err(_) => {
                    return Err(AppError::BadRequest(format!(
                        "a lump sum has no field `{field}`; write pillar=, outcome=, output= or \
                         activity= (a code), YEAR=AMOUNT for each year, item= and note="
                    )))
                }
            },
        };
        if let Some(found) = found {
            if target.replace(found).is_some() {
                return Err(AppError::BadRequest(
                    "a lump sum is for one pillar, outcome, output or activity: name only one"
                        .into(),
                ));
            }
        }
    }
    let target = target.ok_or_else(|| {
        AppError::BadRequest(
            "a lump sum needs what it is for: pillar=CODE, outcome=CODE, output=CODE or \
             activity=CODE"
                .into(),
        )
    })?;
    if amounts.is_empty() {
        return Err(AppError::BadRequest(
            "a lump sum needs at least one amount, written YEAR=AMOUNT (e.g. 2027=40000000)".into(),
        ));
    }
    let update = add_lump_sum_noted(doc, target, &item, &note, &amounts, &GridFilter::default())?;
    Ok(update.line.id)
}

/// Adds an activity under an output; its code follows the output's last activity.
pub fn add_activity(
    doc: &mut Document,
    output_id: Id,
    title: &str,
    lead_agency_id: Option<Id>,
) -> Result<GridActivity, AppError> {
    let title = title.trim();
    if title.is_empty() {
        return Err(AppError::Required("an activity needs a title".into()));
    }
    let activity = new_activity(
        doc.plan(),
        output_id,
        title,
        lead_agency_id,
        Id::new_v4(),
        &now(),
        doc.author(),
    )
    .ok_or_else(|| AppError::no_record("output", output_id))?;
    let stored = doc.upsert(activity)?;
    let costing = doc.costing()?;
    grid_activity(doc.plan(), &costing, stored.record.id)
        .ok_or_else(|| AppError::Internal("the new activity is missing from the plan".into()))
}

/// Deletes a cost line; returns the totals of the lines the grid shows.
pub fn delete_cost_line(
    doc: &mut Document,
    id: Id,
    filter: &GridFilter,
) -> Result<GridTotals, AppError> {
    doc.delete::<CostLine>(id)?;
    let costing = doc.costing()?;
    Ok(grid_totals(doc.plan(), &costing, filter))
}
