//! The user's own settings, kept in the app's data folder (not in plans): the interface
//! language and the name of their agency, recorded as the author of every change they make.

use crate::AppError;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// The author recorded until the user names their agency.
pub const DEFAULT_AUTHOR: &str = "NAP Studio";

/// The interface languages NAP Studio speaks.
pub const LANGUAGES: [&str; 2] = ["en", "km"];

/// The longest author name kept.
const AUTHOR_MAX_CHARS: usize = 120;

/// The user's settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Preferences {
    /// `en` or `km`.
    pub language: String,
    /// The user's agency or office, e.g. "MOI planning department"; empty until set.
    pub author: String,
    /// How many days automatic backups are kept (1 to 3650).
    #[serde(default = "default_backup_days")]
    pub backup_days: u32,
}

/// Backups are kept a month unless the user says otherwise.
pub const DEFAULT_BACKUP_DAYS: u32 = 30;

fn default_backup_days() -> u32 {
    DEFAULT_BACKUP_DAYS
}

impl Default for Preferences {
    fn default() -> Self {
        Self {
            language: "en".into(),
            author: String::new(),
            backup_days: DEFAULT_BACKUP_DAYS,
        }
    }
}

impl Preferences {
    /// The name recorded on edits.
    pub fn author_or_default(&self) -> &str {
        match self.author.trim() {
            "" => DEFAULT_AUTHOR,
            a => a,
        }
    }
}

fn file(data_dir: &Path) -> PathBuf {
    data_dir.join("preferences.json")
}

/// The saved settings, or the defaults when there are none (or they cannot be read).
pub fn load(data_dir: &Path) -> Preferences {
    std::fs::read(file(data_dir))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

/// Saves the settings, cleaned (the author trimmed and cut to 120 characters); an unknown
/// language is refused as `bad_request` and saves nothing.
pub fn save(data_dir: &Path, preferences: &Preferences) -> Result<Preferences, AppError> {
    if !LANGUAGES.contains(&preferences.language.as_str()) {
        return Err(AppError::BadRequest(format!(
            "`{}` is not a language of NAP Studio",
            preferences.language
        )));
    }
    let clean = Preferences {
        language: preferences.language.clone(),
        author: preferences
            .author
            .trim()
            .chars()
            .take(AUTHOR_MAX_CHARS)
            .collect(),
        backup_days: preferences.backup_days.clamp(1, 3650),
    };
    let json = serde_json::to_vec_pretty(&clean).map_err(|e| AppError::Internal(e.to_string()))?;
    std::fs::create_dir_all(data_dir).map_err(|e| AppError::io(data_dir, e))?;
    nap_store::write_atomically(&file(data_dir), &json, true)?;
    Ok(clean)
}
