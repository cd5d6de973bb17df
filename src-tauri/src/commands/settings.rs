//! The user's own settings, kept in the app's data folder (not in plans): the interface
//! language and the name of their agency, recorded as the author of every change they make.

use crate::error::{ErrorCode, IpcError};
use crate::state::{data_dir, AppState};
use serde::{Deserialize, Serialize};
use tauri::State;
use ts_rs::TS;

/// The author recorded until the user names their agency.
pub(crate) const DEFAULT_AUTHOR: &str = "NAP Studio";

/// The user's settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Preferences {
    /// `en` or `km`.
    pub language: String,
    /// The user's agency or office, e.g. "MOI planning department"; empty until set.
    pub author: String,
}

impl Default for Preferences {
    fn default() -> Self {
        Self {
            language: "en".into(),
            author: String::new(),
        }
    }
}

impl Preferences {
    /// The name recorded on edits.
    pub(crate) fn author_or_default(&self) -> &str {
        let a = self.author.trim();
        if a.is_empty() {
            DEFAULT_AUTHOR
        } else {
            a
        }
    }
}

fn file() -> std::path::PathBuf {
    data_dir().join("preferences.json")
}

/// The saved settings, or the defaults when there are none (or they cannot be read).
pub(crate) fn load() -> Preferences {
    std::fs::read(file())
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

#[tauri::command]
pub fn preferences() -> Result<Preferences, IpcError> {
    Ok(load())
}

/// Saves the settings; the open plan records later edits under the new author.
#[tauri::command]
pub fn set_preferences(
    state: State<'_, AppState>,
    preferences: Preferences,
) -> Result<Preferences, IpcError> {
    if !["en", "km"].contains(&preferences.language.as_str()) {
        return Err(IpcError {
            code: ErrorCode::BadRequest,
            message: format!("`{}` is not a language of NAP Studio", preferences.language),
        });
    }
    let clean = Preferences {
        language: preferences.language,
        author: preferences.author.trim().chars().take(120).collect(),
    };
    let json = serde_json::to_vec_pretty(&clean).map_err(|e| IpcError {
        code: ErrorCode::Internal,
        message: e.to_string(),
    })?;
    std::fs::create_dir_all(data_dir()).map_err(|e| IpcError {
        code: ErrorCode::Io,
        message: format!("{}: {e}", data_dir().display()),
    })?;
    nap_store::write_atomically(&file(), &json, true)?;
    if let Some(doc) = state
        .document
        .lock()
        .map_err(|_| IpcError::no_plan())?
        .as_mut()
    {
        doc.set_author(clean.author_or_default());
    }
    Ok(clean)
}
