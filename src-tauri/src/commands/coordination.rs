//! Commands of the coordination screen: the bodies, their terms of reference and the
//! organisation chart, and edits of them, each saved as one undoable edit.

use crate::error::{ErrorCode, IpcError};
use crate::state::AppState;
use nap_core::coordination_view::{coordination_view, CoordinationView};
use nap_core::edit::{new_body, set_body_field};
use nap_core::merge::Scope;
use nap_core::{CoordinatingBody, Id};
use nap_store::{now, Document};
use tauri::State;

fn view_of(doc: &Document) -> CoordinationView {
    let mut view = coordination_view(doc.plan());
    if let Some(agency) = doc.scope_agency() {
        let part = Scope::of_agency(doc.plan(), agency);
        for row in &mut view.bodies {
            row.locked = !part.contains(row.id);
        }
    }
    view
}

/// The open plan's coordinating bodies and organisation chart.
#[tauri::command]
pub fn coordination(state: State<'_, AppState>) -> Result<CoordinationView, IpcError> {
    state.with_doc(|doc| Ok(view_of(doc)))
}

/// Sets one field of a body (see `nap_core::edit::set_body_field`).
#[tauri::command]
pub fn set_body(
    state: State<'_, AppState>,
    id: Id,
    field: String,
    value: String,
) -> Result<CoordinationView, IpcError> {
    state.with_doc(|doc| {
        let mut body = doc
            .plan()
            .bodies
            .iter()
            .find(|b| b.record.id == id)
            .cloned()
            .ok_or_else(|| IpcError {
                code: ErrorCode::RecordNotFound,
                message: format!("there is no coordinating body with id {id} in this plan"),
            })?;
        set_body_field(doc.plan(), &mut body, &field, &value)?;
        doc.upsert(body)?;
        Ok(view_of(doc))
    })
}

/// Adds a body named `name`, reporting to `reports_to_id` (`null` for a top body).
#[tauri::command]
pub fn add_body(
    state: State<'_, AppState>,
    name: String,
    reports_to_id: Option<Id>,
) -> Result<CoordinationView, IpcError> {
    state.with_doc(|doc| {
        let body = new_body(
            doc.plan(),
            &name,
            reports_to_id,
            Id::new_v4(),
            &now(),
            doc.author(),
        )?;
        doc.upsert(body)?;
        Ok(view_of(doc))
    })
}

/// Deletes a body; refused (`still_referenced`) while other bodies report to it.
#[tauri::command]
pub fn delete_body(state: State<'_, AppState>, id: Id) -> Result<CoordinationView, IpcError> {
    state.with_doc(|doc| {
        doc.delete::<CoordinatingBody>(id)?;
        Ok(view_of(doc))
    })
}
