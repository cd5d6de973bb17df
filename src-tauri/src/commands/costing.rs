//! Commands of the costing screen: the grid of cost lines, editing one cell, adding an
//! activity or a line, deleting a line, and undo/redo (which every screen shares).

use crate::error::{ErrorCode, IpcError};
use crate::state::AppState;
use nap_core::costing::compute;
use nap_core::costing::grid::{
    cost_grid as build_grid, grid_activity, grid_line_and_totals, grid_rows, grid_totals, CostGrid,
    GridActivity, GridFilter, GridLine, GridRows, GridTotals,
};
use nap_core::edit::{new_activity, new_cost_line, set_cost_line_field};
use nap_core::merge::Scope;
use nap_core::{CostLine, Id};
use nap_store::{now, Document};
use serde::Serialize;
use tauri::State;
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
const MAX_ROWS: u32 = 1000;

/// What Undo and Redo would do next: an action (`add`, `edit`, `delete`, `settings`) and
/// the kind of record.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct HistoryStep {
    pub action: String,
    pub kind: String,
}

/// The state of undo and redo.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct History {
    pub undo: Option<HistoryStep>,
    pub redo: Option<HistoryStep>,
}

fn no_line(id: Id) -> IpcError {
    IpcError {
        code: ErrorCode::RecordNotFound,
        message: format!("there is no cost line with id {id} in this plan"),
    }
}

/// In a copy sent for one agency, marks the lines outside its part as locked (the store
/// refuses edits to them; the screen greys them out).
fn lock_outside_part<'a>(doc: &Document, lines: impl IntoIterator<Item = &'a mut GridLine>) {
    if let Some(agency) = doc.scope_agency() {
        let part = Scope::of_agency(doc.plan(), agency);
        for line in lines {
            line.locked = !part.contains(line.id);
        }
    }
}

fn line_update(doc: &Document, filter: &GridFilter, id: Id) -> Result<LineUpdate, IpcError> {
    let costing = doc.costing()?;
    line_update_in(doc, doc.plan(), &costing, filter, id)
}

/// [`line_update`] as `plan` (the open plan, or a trial copy of it) costed as `costing`
/// would have it.
fn line_update_in(
    doc: &Document,
    plan: &nap_core::Plan,
    costing: &nap_core::costing::Costing,
    filter: &GridFilter,
    id: Id,
) -> Result<LineUpdate, IpcError> {
    let (mut line, row, totals) =
        grid_line_and_totals(plan, costing, filter, id).ok_or_else(|| no_line(id))?;
    lock_outside_part(doc, [&mut line]);
    Ok(LineUpdate { line, row, totals })
}

fn history_of(doc: &Document) -> History {
    let step = |l: Option<nap_store::UndoLabel>| {
        l.map(|l| HistoryStep {
            action: l.action,
            kind: l.kind,
        })
    };
    History {
        undo: step(doc.undo_label()),
        redo: step(doc.redo_label()),
    }
}

/// The first `rows` cost lines `filter` lets through (at most 1,000), the totals of all of
/// them, and the choices the screen offers.
#[tauri::command]
pub fn cost_grid(
    state: State<'_, AppState>,
    filter: GridFilter,
    rows: u32,
) -> Result<CostGrid, IpcError> {
    state.with_doc(|doc| {
        let costing = doc.costing()?;
        let mut grid = build_grid(doc.plan(), &costing, &filter, rows.min(MAX_ROWS) as usize);
        lock_outside_part(doc, &mut grid.lines);
        Ok(grid)
    })
}

/// Cost lines `offset..offset + limit` of those `filter` lets through (at most 1,000), as the
/// grid scrolls to them.
#[tauri::command]
pub fn cost_grid_rows(
    state: State<'_, AppState>,
    filter: GridFilter,
    offset: u32,
    limit: u32,
) -> Result<GridRows, IpcError> {
    state.with_doc(|doc| {
        let costing = doc.costing()?;
        let mut rows = grid_rows(
            doc.plan(),
            &costing,
            &filter,
            offset as usize,
            limit.min(MAX_ROWS) as usize,
        );
        lock_outside_part(doc, &mut rows.lines);
        Ok(rows)
    })
}

/// Sets one field of a cost line from the text typed in its cell. A refused value changes
/// nothing and comes back as an error whose code names the problem.
#[tauri::command]
pub fn set_cost_line(
    state: State<'_, AppState>,
    id: Id,
    field: String,
    value: String,
    filter: GridFilter,
) -> Result<LineUpdate, IpcError> {
    state.with_doc(|doc| {
        let (_, line) = typed_line(doc, id, &field, &value)?;
        doc.upsert(line)?;
        line_update(doc, &filter, id)
    })
}

/// What the line and the grid's totals would be with `value` typed into `field`, while it
/// is typed: nothing is saved and the plan is not changed. A value that would be refused
/// comes back as the error `set_cost_line` would give.
#[tauri::command]
pub fn preview_cost_line(
    state: State<'_, AppState>,
    id: Id,
    field: String,
    value: String,
    filter: GridFilter,
) -> Result<LineUpdate, IpcError> {
    state.with_doc(|doc| {
        let (at, line) = typed_line(doc, id, &field, &value)?;
        let mut plan = doc.plan().clone();
        plan.cost_lines[at] = line;
        line_update_in(doc, &plan, &compute(&plan, None)?, &filter, id)
    })
}

/// The cost line `id` with `value` typed into `field`, and its place in the plan's list. A
/// refused value comes back as the error naming the problem.
fn typed_line(
    doc: &Document,
    id: Id,
    field: &str,
    value: &str,
) -> Result<(usize, CostLine), IpcError> {
    let at = (doc.plan().cost_lines.iter())
        .position(|l| l.record.id == id)
        .ok_or_else(|| no_line(id))?;
    let mut line = doc.plan().cost_lines[at].clone();
    set_cost_line_field(doc.plan(), &mut line, field, value)?;
    Ok((at, line))
}

/// Adds an empty cost line to an activity.
#[tauri::command]
pub fn add_cost_line(
    state: State<'_, AppState>,
    activity_id: Id,
    item: String,
    filter: GridFilter,
) -> Result<LineUpdate, IpcError> {
    state.with_doc(|doc| {
        let item = if item.trim().is_empty() {
            "New cost line"
        } else {
            item.trim()
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
        line_update(doc, &filter, id)
    })
}

/// Adds an activity under an output; its code follows the output's last activity.
#[tauri::command]
pub fn add_activity(
    state: State<'_, AppState>,
    output_id: Id,
    title: String,
    lead_agency_id: Option<Id>,
) -> Result<GridActivity, IpcError> {
    state.with_doc(|doc| {
        let title = title.trim();
        if title.is_empty() {
            return Err(IpcError::required("an activity needs a title"));
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
        .ok_or_else(|| IpcError {
            code: ErrorCode::RecordNotFound,
            message: format!("there is no output with id {output_id} in this plan"),
        })?;
        let stored = doc.upsert(activity)?;
        let costing = doc.costing()?;
        grid_activity(doc.plan(), &costing, stored.record.id).ok_or_else(|| IpcError {
            code: ErrorCode::Internal,
            message: "the new activity is missing from the plan".into(),
        })
    })
}

/// Deletes a cost line; returns the totals of the lines the grid shows.
#[tauri::command]
pub fn delete_cost_line(
    state: State<'_, AppState>,
    id: Id,
    filter: GridFilter,
) -> Result<GridTotals, IpcError> {
    state.with_doc(|doc| {
        doc.delete::<CostLine>(id)?;
        let costing = doc.costing()?;
        Ok(grid_totals(doc.plan(), &costing, &filter))
    })
}

/// What Undo and Redo would do next.
#[tauri::command]
pub fn history(state: State<'_, AppState>) -> Result<History, IpcError> {
    state.with_doc(|doc| Ok(history_of(doc)))
}

/// Undoes the last edit (on any screen). Returns the new state of undo and redo.
#[tauri::command]
pub fn undo(state: State<'_, AppState>) -> Result<History, IpcError> {
    state.with_doc(|doc| {
        doc.undo()?;
        Ok(history_of(doc))
    })
}

/// Redoes the last undone edit.
#[tauri::command]
pub fn redo(state: State<'_, AppState>) -> Result<History, IpcError> {
    state.with_doc(|doc| {
        doc.redo()?;
        Ok(history_of(doc))
    })
}
