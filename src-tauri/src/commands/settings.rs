//! The user's own settings (see `nap_app::preferences`), kept in the app's data folder.

use crate::error::IpcError;
use crate::state::{data_dir, AppState};
use nap_app::preferences::Preferences;
use tauri::State;

#[tauri::command]
pub fn preferences() -> Result<Preferences, IpcError> {
    Ok(nap_app::preferences::load(&data_dir()))
}

/// Saves the settings; the open plan records later edits under the new author.
#[tauri::command]
pub fn set_preferences(
    state: State<'_, AppState>,
    preferences: Preferences,
) -> Result<Preferences, IpcError> {
    let saved = nap_app::preferences::save(&data_dir(), &preferences)?;
    if let Some(doc) = state.lock_document()?.as_mut() {
        doc.set_author(saved.author_or_default());
    }
    Ok(saved)
}
