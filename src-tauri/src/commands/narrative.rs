//! Commands of the narrative screen.

use crate::error::IpcError;
use crate::state::AppState;
use nap_core::edit::NarrativeField;
use nap_core::narrative::view::NarrativeView;
use nap_core::Id;
use tauri::State;

/// The narrative sections, each with its Markdown and preview in both languages.
#[tauri::command]
pub fn narrative(state: State<'_, AppState>) -> Result<NarrativeView, IpcError> {
    state.with_doc(|doc| Ok(nap_app::narrative::narrative(doc)))
}

/// Sets `title`, `title_l2`, `body`, `body_l2` or `kind` of a section.
#[tauri::command]
pub fn set_narrative(
    state: State<'_, AppState>,
    id: Id,
    field: NarrativeField,
    value: String,
) -> Result<NarrativeView, IpcError> {
    state.with_doc(|doc| nap_app::narrative::set_narrative(doc, id, field, &value))
}

#[tauri::command]
pub fn add_narrative_section(
    state: State<'_, AppState>,
    kind: String,
    title: String,
) -> Result<NarrativeView, IpcError> {
    state.with_doc(|doc| nap_app::narrative::add_narrative_section(doc, &kind, &title))
}

#[tauri::command]
pub fn move_narrative(
    state: State<'_, AppState>,
    id: Id,
    up: bool,
) -> Result<NarrativeView, IpcError> {
    state.with_doc(|doc| nap_app::narrative::move_narrative(doc, id, up))
}

#[tauri::command]
pub fn delete_narrative_section(
    state: State<'_, AppState>,
    id: Id,
) -> Result<NarrativeView, IpcError> {
    state.with_doc(|doc| nap_app::narrative::delete_narrative_section(doc, id))
}
