//! Opening and creating plans from the window: the open and save dialogs, recent plans, and
//! the new-plan wizard. A plan that cannot be opened leaves the open one as it was.

use crate::commands::plan::{summary_of, PlanSummary};
use crate::error::{ErrorCode, IpcError};
use crate::state::{data_dir, AppState};
use nap_core::sample::{new_plan, sample_plan, NewPlan};
use nap_store::{now, Document, PlanFile};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use tauri::{Manager, State};
use tauri_plugin_dialog::DialogExt;
use ts_rs::TS;

/// The author recorded on edits made in the app: the user's agency from their settings.
pub(crate) fn author() -> String {
    crate::commands::settings::load()
        .author_or_default()
        .to_string()
}

/// How many plans the start screen remembers.
const RECENT_LIMIT: usize = 10;

/// A plan opened before.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RecentPlan {
    pub path: String,
    /// The plan's title when it was last opened.
    pub title: String,
    /// When it was last opened (ISO 8601).
    pub opened: String,
}

/// What the new-plan wizard asks.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct NewPlanRequest {
    /// Where to create the file (an existing file is not replaced).
    pub path: String,
    pub title: String,
    /// ISO 3166-1 alpha-2, e.g. KH.
    pub country: String,
    pub start_year: i32,
    pub end_year: i32,
    /// ISO 4217, e.g. KHR.
    pub currency: String,
    /// Start from the built-in sample plan instead of the standard structure.
    pub from_sample: bool,
}

fn recent_file() -> PathBuf {
    data_dir().join("recent.json")
}

fn read_recent() -> Vec<RecentPlan> {
    std::fs::read(recent_file())
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

/// Puts `doc` first in the recent plans. Failing to remember is not worth an error.
pub(crate) fn remember(doc: &Document) {
    let path = doc.file().path().display().to_string();
    let mut recent = read_recent();
    recent.retain(|r| r.path != path);
    recent.insert(
        0,
        RecentPlan {
            path,
            title: doc.plan().meta.title.text.clone(),
            opened: now().as_str().to_string(),
        },
    );
    recent.truncate(RECENT_LIMIT);
    if let Ok(json) = serde_json::to_vec_pretty(&recent) {
        let _ = std::fs::create_dir_all(data_dir());
        let _ = nap_store::write_atomically(&recent_file(), &json, true);
    }
}

/// Makes `doc` the open plan: the window's title, the recent list, a fresh undo history.
fn install<R: tauri::Runtime>(
    app: &tauri::AppHandle<R>,
    state: &State<'_, AppState>,
    doc: Document,
) -> Result<PlanSummary, IpcError> {
    remember(&doc);
    let summary = summary_of(&doc);
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.set_title(&crate::window_title(doc.file().path()));
    }
    *state.document.lock().map_err(|_| IpcError::no_plan())? = Some(doc);
    if let Ok(mut e) = state.open_error.lock() {
        *e = None;
    }
    Ok(summary)
}

/// The plans opened before that still exist, most recent first.
#[tauri::command]
pub fn recent_plans() -> Result<Vec<RecentPlan>, IpcError> {
    Ok(read_recent()
        .into_iter()
        .filter(|r| Path::new(&r.path).is_file())
        .collect())
}

/// Opens the plan at `path` in place of the open one. A file that is not a plan, is damaged
/// or comes from a newer version is refused with its code, and the open plan stays open.
#[tauri::command]
pub fn open_plan<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    path: String,
) -> Result<PlanSummary, IpcError> {
    let doc = Document::open(Path::new(&path), &author())?;
    install(&app, &state, doc)
}

/// The system's open dialog for plans; `None` when the user cancels.
#[tauri::command]
pub async fn choose_plan_to_open<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
) -> Result<Option<String>, IpcError> {
    Ok(app
        .dialog()
        .file()
        .add_filter("NAP Studio plan", &["nap"])
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
        .map(|p| p.display().to_string()))
}

/// The system's save dialog for a `filter` file (extension `ext`), starting from the folder
/// and name of `current`; `None` when the user cancels.
pub(crate) fn ask_save_path<R: tauri::Runtime>(
    app: &tauri::AppHandle<R>,
    filter: &str,
    ext: &str,
    current: &str,
) -> Option<String> {
    let current = PathBuf::from(current);
    let mut dialog = app.dialog().file().add_filter(filter, &[ext]);
    if let Some(dir) = current.parent().filter(|d| d.is_dir()) {
        dialog = dialog.set_directory(dir);
    }
    if let Some(name) = current.file_name() {
        dialog = dialog.set_file_name(name.to_string_lossy());
    }
    dialog
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
        .map(|p| p.display().to_string())
}

/// Where files are suggested: the Documents folder, else home.
pub(crate) fn documents_folder() -> PathBuf {
    directories::UserDirs::new()
        .and_then(|u| {
            u.document_dir()
                .map(Path::to_path_buf)
                .or_else(|| Some(u.home_dir().to_path_buf()))
        })
        .unwrap_or_else(std::env::temp_dir)
}

/// The system's save dialog for a new plan file, starting from `current`.
#[tauri::command]
pub async fn choose_new_plan_path<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    current: String,
) -> Result<Option<String>, IpcError> {
    Ok(ask_save_path(&app, "NAP Studio plan", "nap", &current))
}

/// Where a new plan is suggested: the Documents folder (else home), named after its title.
#[tauri::command]
pub fn suggested_plan_path(title: String) -> Result<String, IpcError> {
    let name: String = title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || " -_".contains(c) {
                c
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let name = if name.is_empty() {
        "New plan".to_string()
    } else {
        name
    };
    Ok(documents_folder()
        .join(format!("{name}.nap"))
        .display()
        .to_string())
}

/// The file the user named in `text` (trimmed); refused as `required` with `what` when it
/// names no file.
pub(crate) fn chosen_path(text: &str, what: &str) -> Result<PathBuf, IpcError> {
    let path = PathBuf::from(text.trim());
    if path.file_name().is_none() {
        return Err(IpcError::required(what));
    }
    Ok(path)
}

fn refuse(message: String) -> IpcError {
    IpcError {
        code: ErrorCode::Invalid,
        message,
    }
}

/// Creates a plan file from the wizard's answers and opens it.
#[tauri::command]
pub fn create_plan<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    request: NewPlanRequest,
) -> Result<PlanSummary, IpcError> {
    let path = chosen_path(&request.path, "choose where to create the plan")?;
    let plan = if request.from_sample {
        sample_plan()
    } else {
        let title = request.title.trim();
        if title.is_empty() {
            return Err(IpcError::required("a plan needs a title"));
        }
        let country = request.country.trim().to_uppercase();
        if country.len() != 2 || !country.chars().all(|c| c.is_ascii_alphabetic()) {
            return Err(refuse(format!(
                "`{country}` is not a two-letter country code (e.g. KH)"
            )));
        }
        let currency = request.currency.trim().to_uppercase();
        if nap_core::currency::currency(&currency).is_none() {
            return Err(IpcError {
                code: ErrorCode::Field(nap_core::edit::Problem::UnknownCurrency),
                message: format!("`{currency}` is not a currency code NAP Studio knows"),
            });
        }
        if !(2000..=2100).contains(&request.start_year)
            || request.end_year < request.start_year
            || request.end_year - request.start_year > 20
        {
            return Err(refuse(format!(
                "{}–{} is not a plan period (first year 2000–2100, at most 20 years)",
                request.start_year, request.end_year
            )));
        }
        let spec = NewPlan {
            title: title.to_string(),
            country,
            start_year: request.start_year,
            end_year: request.end_year,
            currency,
        };
        new_plan(&spec, &now(), &author(), uuid::Uuid::new_v4)
    };
    PlanFile::create(&path, &plan, false)?;
    let doc = Document::open(&path, &author())?;
    install(&app, &state, doc)
}
