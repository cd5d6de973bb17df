//! The costing grid: cost lines filtered and fetched a block at a time, one cell edited (or
//! previewed while typed), lines and activities added, lines deleted.

use crate::{AppError, ScopeLock};
use nap_core::costing::compute;
use nap_core::costing::grid::{
    cost_grid as build_grid, grid_activity, grid_line_and_totals, grid_rows, grid_totals, CostGrid,
    GridActivity, GridFilter, GridLine, GridRows, GridTotals,
};
use nap_core::edit::{new_activity, new_cost_line, set_cost_line_field};
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
    field: &str,
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
    field: &str,
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
    field: &str,
    value: &str,
    filter: &GridFilter,
) -> Result<LineUpdate, AppError> {
    let (at, line) = typed_line(doc, id, field, value)?;
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
