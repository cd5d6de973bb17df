//! Commands of the funding screen: the sources with what the allocation makes of them, and
//! edits of a source one field at a time, each saved in its own transaction.

use crate::error::{ErrorCode, IpcError};
use crate::state::AppState;
use nap_core::edit::{new_funding_source, set_funding_source_field};
use nap_core::funding_view::{funding_view, FundingView};
use nap_core::merge::Scope;
use nap_core::{FundingSource, Id};
use nap_store::{now, Document};
use tauri::State;

/// The view of `doc`, with the sources outside a scoped copy's part marked read-only.
fn view_of(doc: &Document) -> Result<FundingView, IpcError> {
    let mut view = funding_view(doc.plan())?;
    if let Some(agency) = doc.scope_agency() {
        let part = Scope::of_agency(doc.plan(), agency);
        for row in &mut view.sources {
            row.locked = !part.contains(row.id);
        }
    }
    Ok(view)
}

fn source_of(doc: &Document, id: Id) -> Result<FundingSource, IpcError> {
    doc.plan()
        .funding_sources
        .iter()
        .find(|s| s.record.id == id)
        .cloned()
        .ok_or_else(|| IpcError {
            code: ErrorCode::RecordNotFound,
            message: format!("there is no funding source with id {id} in this plan"),
        })
}

/// The open plan's funding sources and the funding gap.
#[tauri::command]
pub fn funding(state: State<'_, AppState>) -> Result<FundingView, IpcError> {
    state.with_doc(|doc| view_of(doc))
}

/// Sets one field of a funding source from the text typed (see
/// `nap_core::edit::set_funding_source_field` for the fields); a refused value changes nothing.
#[tauri::command]
pub fn set_funding_source(
    state: State<'_, AppState>,
    id: Id,
    field: String,
    value: String,
) -> Result<FundingView, IpcError> {
    state.with_doc(|doc| {
        let mut source = source_of(doc, id)?;
        set_funding_source_field(doc.plan(), &mut source, &field, &value)?;
        doc.upsert(source)?;
        view_of(doc)
    })
}

/// Adds a funding source named `name` (committed national budget in the base currency, no
/// amounts yet).
#[tauri::command]
pub fn add_funding_source(
    state: State<'_, AppState>,
    name: String,
) -> Result<FundingView, IpcError> {
    state.with_doc(|doc| {
        let name = nap_core::edit::required_text("name", &name)?;
        let source = new_funding_source(doc.plan(), &name, Id::new_v4(), &now(), doc.author());
        doc.upsert(source)?;
        view_of(doc)
    })
}

/// Deletes a funding source; refused (`still_referenced`) while cost lines name it.
#[tauri::command]
pub fn delete_funding_source(state: State<'_, AppState>, id: Id) -> Result<FundingView, IpcError> {
    state.with_doc(|doc| {
        doc.delete::<FundingSource>(id)?;
        view_of(doc)
    })
}
