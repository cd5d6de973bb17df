//! Commands of the narrative screen: the sections with their previews, and edits of them,
//! each saved as one undoable edit.

use crate::error::{ErrorCode, IpcError};
use crate::state::AppState;
use nap_core::edit::{move_narrative_section, new_narrative_section, set_narrative_field};
use nap_core::merge::Scope;
use nap_core::narrative_view::{narrative_view, NarrativeView};
use nap_core::{Id, NarrativeSection};
use nap_store::{now, Document};
use tauri::State;

fn view_of(doc: &Document) -> NarrativeView {
    let mut view = narrative_view(doc.plan());
    if let Some(agency) = doc.scope_agency() {
        let part = Scope::of_agency(doc.plan(), agency);
        for row in &mut view.sections {
            row.locked = !part.contains(row.id);
        }
    }
    view
}

/// The open plan's narrative.
#[tauri::command]
pub fn narrative(state: State<'_, AppState>) -> Result<NarrativeView, IpcError> {
    state.with_doc(|doc| Ok(view_of(doc)))
}

/// Sets `title`, `title_l2`, `body`, `body_l2` or `kind` of a section.
#[tauri::command]
pub fn set_narrative(
    state: State<'_, AppState>,
    id: Id,
    field: String,
    value: String,
) -> Result<NarrativeView, IpcError> {
    state.with_doc(|doc| {
        let mut section = doc
            .plan()
            .narrative
            .iter()
            .find(|s| s.record.id == id)
            .cloned()
            .ok_or_else(|| IpcError {
                code: ErrorCode::RecordNotFound,
                message: format!("there is no narrative section with id {id} in this plan"),
            })?;
        set_narrative_field(&mut section, &field, &value)?;
        doc.upsert(section)?;
        Ok(view_of(doc))
    })
}

/// Adds an empty section of `kind` titled `title` at the end.
#[tauri::command]
pub fn add_narrative_section(
    state: State<'_, AppState>,
    kind: String,
    title: String,
) -> Result<NarrativeView, IpcError> {
    state.with_doc(|doc| {
        let section = new_narrative_section(&kind, &title, Id::new_v4(), &now(), doc.author())?;
        doc.upsert(section)?;
        Ok(view_of(doc))
    })
}

/// Moves a section one place up or down.
#[tauri::command]
pub fn move_narrative(
    state: State<'_, AppState>,
    id: Id,
    up: bool,
) -> Result<NarrativeView, IpcError> {
    state.with_doc(|doc| {
        let next = move_narrative_section(doc.plan(), id, up)?;
        doc.edit_many(next, "move", "narrative_section")?;
        Ok(view_of(doc))
    })
}

/// Deletes a section.
#[tauri::command]
pub fn delete_narrative_section(
    state: State<'_, AppState>,
    id: Id,
) -> Result<NarrativeView, IpcError> {
    state.with_doc(|doc| {
        doc.delete::<NarrativeSection>(id)?;
        Ok(view_of(doc))
    })
}
