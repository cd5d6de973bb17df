//! Commands of the results framework screen: the tree and its indicators, and edits of them,
//! each saved as one undoable edit (a move renumbers many records in one step).

use crate::error::{ErrorCode, IpcError};
use crate::state::AppState;
use nap_core::edit::{
    move_result, move_result_to as move_result_to_place, new_activity, new_indicator, new_outcome,
    new_output, required_text, set_indicator_field, set_result_field, ResultLevel,
};
use nap_core::merge::Scope;
use nap_core::results_view::{results_view, ResultsView};
use nap_core::{Activity, Id, Indicator, Outcome, Output, Pillar};
use nap_store::{now, Document};
use tauri::State;

/// The view of `doc`, with what lies outside a scoped copy's part marked read-only.
fn view_of(doc: &Document) -> ResultsView {
    let mut view = results_view(doc.plan());
    if let Some(agency) = doc.scope_agency() {
        let part = Scope::of_agency(doc.plan(), agency);
        for node in &mut view.nodes {
            node.locked = !part.contains(node.id);
        }
        for row in &mut view.indicators {
            row.locked = !part.contains(row.id);
        }
    }
    view
}

fn level_name(level: ResultLevel) -> &'static str {
    match level {
        ResultLevel::Pillar => "pillar",
        ResultLevel::Outcome => "outcome",
        ResultLevel::Output => "output",
        ResultLevel::Activity => "activity",
    }
}

fn no_parent(parent: Id) -> IpcError {
    IpcError {
        code: ErrorCode::RecordNotFound,
        message: format!("there is no result with id {parent} to add under"),
    }
}

/// The open plan's results framework.
#[tauri::command]
pub fn results(state: State<'_, AppState>) -> Result<ResultsView, IpcError> {
    state.with_doc(|doc| Ok(view_of(doc)))
}

/// Sets one field of a pillar, outcome, output or activity (`title`, `title_l2`,
/// `description`, `description_l2`, `lead_agency_id`); a refused value changes nothing.
#[tauri::command]
pub fn set_result(
    state: State<'_, AppState>,
    level: ResultLevel,
    id: Id,
    field: String,
    value: String,
) -> Result<ResultsView, IpcError> {
    state.with_doc(|doc| {
        let mut next = doc.plan().clone();
        set_result_field(&mut next, level, id, &field, &value)?;
        doc.edit_many(next, "edit", level_name(level))?;
        Ok(view_of(doc))
    })
}

/// Moves a result one place up or down among its siblings; codes under both renumber.
#[tauri::command]
pub fn move_result_step(
    state: State<'_, AppState>,
    level: ResultLevel,
    id: Id,
    up: bool,
) -> Result<ResultsView, IpcError> {
    state.with_doc(|doc| {
        let next = move_result(doc.plan(), level, id, up)?;
        doc.edit_many(next, "move", level_name(level))?;
        Ok(view_of(doc))
    })
}

/// Moves a result to the place of its sibling `target` (dragged onto it); the siblings
/// between shift by one and codes under all of them renumber, as one undoable step.
#[tauri::command]
pub fn move_result_to(
    state: State<'_, AppState>,
    level: ResultLevel,
    id: Id,
    target: Id,
) -> Result<ResultsView, IpcError> {
    state.with_doc(|doc| {
        let next = move_result_to_place(doc.plan(), level, id, target)?;
        doc.edit_many(next, "move", level_name(level))?;
        Ok(view_of(doc))
    })
}

/// Adds an outcome under a pillar, an output under an outcome, or an activity under an
/// output, titled `title` and coded after its siblings.
#[tauri::command]
pub fn add_result(
    state: State<'_, AppState>,
    parent_id: Id,
    title: String,
) -> Result<ResultsView, IpcError> {
    state.with_doc(|doc| {
        let title = required_text("title", &title)?;
        let plan = doc.plan();
        let (id, at, author) = (Id::new_v4(), now(), doc.author().to_string());
        if let Some(o) = new_outcome(plan, parent_id, &title, id, &at, &author) {
            doc.upsert(o)?;
        } else if let Some(o) = new_output(plan, parent_id, &title, id, &at, &author) {
            doc.upsert(o)?;
        } else if let Some(a) = new_activity(plan, parent_id, &title, None, id, &at, &author) {
            doc.upsert(a)?;
        } else {
            return Err(no_parent(parent_id));
        }
        Ok(view_of(doc))
    })
}

/// Deletes a result; refused (`still_referenced`) while results, indicators or cost lines
/// are under it.
#[tauri::command]
pub fn delete_result(
    state: State<'_, AppState>,
    level: ResultLevel,
    id: Id,
) -> Result<ResultsView, IpcError> {
    state.with_doc(|doc| {
        match level {
            ResultLevel::Pillar => doc.delete::<Pillar>(id)?,
            ResultLevel::Outcome => doc.delete::<Outcome>(id)?,
            ResultLevel::Output => doc.delete::<Output>(id)?,
            ResultLevel::Activity => doc.delete::<Activity>(id)?,
        }
        Ok(view_of(doc))
    })
}

/// Sets one field of an indicator (see `nap_core::edit::set_indicator_field`).
#[tauri::command]
pub fn set_indicator(
    state: State<'_, AppState>,
    id: Id,
    field: String,
    value: String,
) -> Result<ResultsView, IpcError> {
    state.with_doc(|doc| {
        let mut indicator = doc
            .plan()
            .indicators
            .iter()
            .find(|i| i.record.id == id)
            .cloned()
            .ok_or_else(|| IpcError {
                code: ErrorCode::RecordNotFound,
                message: format!("there is no indicator with id {id} in this plan"),
            })?;
        set_indicator_field(doc.plan(), &mut indicator, &field, &value)?;
        doc.upsert(indicator)?;
        Ok(view_of(doc))
    })
}

/// Adds an indicator for an outcome or output (`parent_id`), or of the goal (`null`).
#[tauri::command]
pub fn add_indicator(
    state: State<'_, AppState>,
    parent_id: Option<Id>,
    statement: String,
) -> Result<ResultsView, IpcError> {
    state.with_doc(|doc| {
        let statement = required_text("statement", &statement)?;
        let indicator = new_indicator(
            doc.plan(),
            parent_id,
            &statement,
            Id::new_v4(),
            &now(),
            doc.author(),
        )
        .ok_or_else(|| no_parent(parent_id.unwrap_or_default()))?;
        doc.upsert(indicator)?;
        Ok(view_of(doc))
    })
}

/// Deletes an indicator; refused (`still_referenced`) while progress values report on it.
#[tauri::command]
pub fn delete_indicator(state: State<'_, AppState>, id: Id) -> Result<ResultsView, IpcError> {
    state.with_doc(|doc| {
        doc.delete::<Indicator>(id)?;
        Ok(view_of(doc))
    })
}
