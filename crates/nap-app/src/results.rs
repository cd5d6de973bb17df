//! The results framework: the tree (pillar → outcome → output → activity) and its
//! indicators, and edits of them, each saved as one undoable edit (a move renumbers many
//! records in one step).

use crate::{find, AppError, ScopeLock};
use nap_core::edit::{
    move_result, move_result_to as move_result_to_place, new_activity, new_indicator, new_outcome,
    new_output, required_text, set_indicator_field, set_result_field, IndicatorField, ResultField,
    ResultLevel,
};
use nap_core::results::view::{results_view, ResultsView};
use nap_core::{Activity, Id, Indicator, Outcome, Output, Pillar};
use nap_store::{now, Document};

/// The results framework, with what lies outside a scoped copy's part marked read-only.
pub fn results(doc: &Document) -> ResultsView {
    let mut view = results_view(doc.plan());
    let lock = ScopeLock::of(doc);
    for node in &mut view.nodes {
        node.locked = lock.locks(node.id);
    }
    for row in &mut view.indicators {
        row.locked = lock.locks(row.id);
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

fn no_parent(parent: Id) -> AppError {
    AppError::RecordNotFound(format!("there is no result with id {parent} to add under"))
}

/// Sets one field of a pillar, outcome, output or activity (`title`, `title_l2`,
/// `description`, `description_l2`, `lead_agency_id`); a refused value changes nothing.
pub fn set_result(
    doc: &mut Document,
    level: ResultLevel,
    id: Id,
    field: ResultField,
    value: &str,
) -> Result<ResultsView, AppError> {
    let mut next = doc.plan().clone();
    set_result_field(&mut next, level, id, field, value)?;
    doc.edit_many(next, "edit", level_name(level))?;
    Ok(results(doc))
}

/// Moves a result one place up or down among its siblings; codes under both renumber.
pub fn move_result_step(
    doc: &mut Document,
    level: ResultLevel,
    id: Id,
    up: bool,
) -> Result<ResultsView, AppError> {
    let next = move_result(doc.plan(), level, id, up)?;
    doc.edit_many(next, "move", level_name(level))?;
    Ok(results(doc))
}

/// Moves a result to the place of its sibling `target` (dragged onto it); the siblings
/// between shift by one and codes under all of them renumber, as one undoable step.
pub fn move_result_to(
    doc: &mut Document,
    level: ResultLevel,
    id: Id,
    target: Id,
) -> Result<ResultsView, AppError> {
    let next = move_result_to_place(doc.plan(), level, id, target)?;
    doc.edit_many(next, "move", level_name(level))?;
    Ok(results(doc))
}

/// Adds an outcome under a pillar, an output under an outcome, or an activity under an
/// output, titled `title` and coded after its siblings.
pub fn add_result(doc: &mut Document, parent_id: Id, title: &str) -> Result<ResultsView, AppError> {
    let title = required_text("title", title)?;
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
    Ok(results(doc))
}

/// Deletes a result; refused (`still_referenced`) while results, indicators or cost lines
/// are under it.
pub fn delete_result(
    doc: &mut Document,
    level: ResultLevel,
    id: Id,
) -> Result<ResultsView, AppError> {
    match level {
        ResultLevel::Pillar => doc.delete::<Pillar>(id)?,
        ResultLevel::Outcome => doc.delete::<Outcome>(id)?,
        ResultLevel::Output => doc.delete::<Output>(id)?,
        ResultLevel::Activity => doc.delete::<Activity>(id)?,
    }
    Ok(results(doc))
}

/// Sets one field of an indicator (see [`nap_core::edit::set_indicator_field`]).
pub fn set_indicator(
    doc: &mut Document,
    id: Id,
    field: IndicatorField,
    value: &str,
) -> Result<ResultsView, AppError> {
    let mut indicator: Indicator = find(doc, id)?;
    set_indicator_field(doc.plan(), &mut indicator, field, value)?;
    doc.upsert(indicator)?;
    Ok(results(doc))
}

/// Adds an indicator for an outcome or output (`parent_id`), or of the goal (`None`).
pub fn add_indicator(
    doc: &mut Document,
    parent_id: Option<Id>,
    statement: &str,
) -> Result<ResultsView, AppError> {
    let statement = required_text("statement", statement)?;
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
    Ok(results(doc))
}

/// Deletes an indicator; refused (`still_referenced`) while progress values report on it.
pub fn delete_indicator(doc: &mut Document, id: Id) -> Result<ResultsView, AppError> {
    doc.delete::<Indicator>(id)?;
    Ok(results(doc))
}
