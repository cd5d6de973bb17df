//! Opening and creating plans from the window: the open and save dialogs, recent plans, and
//! the new-plan wizard. A plan that cannot be opened leaves the open one as it was. Opening
//! and creating read and write whole files, so they run off the window's thread.

use crate::error::{no_plan, IpcError};
use crate::state::{data_dir, AppState};
use nap_app::files::{NewPlanChoices, NewPlanRequest, OpenedRepairedCopy, RecentPlan};
use nap_app::plan::PlanSummary;
use nap_store::Document;
use std::path::{Path, PathBuf};
use tauri::{Manager, State};
use tauri_plugin_dialog::DialogExt;

/// The author recorded on edits made in the app: the user's agency from their settings.
pub(crate) fn author() -> String {
    nap_app::preferences::load(&data_dir())
        .author_or_default()
        .to_string()
}

/// Makes `doc` the open plan and answers its summary (see [`make_open`]).
fn install<R: tauri::Runtime>(
    app: &tauri::AppHandle<R>,
    state: &AppState,
    doc: Document,
) -> Result<PlanSummary, IpcError> {
    let summary = nap_app::plan::summary(&doc);
    make_open(app, state, doc)?;
    Ok(summary)
}

/// Makes `doc` the open plan: the window's title, the recent list, a fresh undo history, and
/// no error left from a plan refused before.
pub(crate) fn make_open<R: tauri::Runtime>(
    app: &tauri::AppHandle<R>,
    state: &AppState,
    doc: Document,
) -> Result<(), IpcError> {
    nap_app::files::remember(&data_dir(), &doc);
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.set_title(&crate::window_title(doc.file().path()));
    }
    *state.document.lock().map_err(|_| no_plan())? = Some(doc);
    if let Ok(mut e) = state.open_error.lock() {
        *e = None;
    }
    if let Ok(mut r) = state.refused_path.lock() {
        *r = None;
    }
    Ok(())
}

#[tauri::command]
pub fn recent_plans() -> Result<Vec<RecentPlan>, IpcError> {
    Ok(nap_app::files::recent_plans(&data_dir()))
}

/// Opens another plan; a refused file leaves the open plan open.
#[tauri::command(async)]
pub fn open_plan<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    path: String,
) -> Result<PlanSummary, IpcError> {
    let doc = nap_app::files::open_or_view(Path::new(&path), &author())?;
    install(&app, &state, doc)
}

/// Writes a repaired copy of the inconsistent plan at `path` (beside it, or in the app's
/// data folder when that folder is read-only) and opens the copy; `path` is not changed.
#[tauri::command(async)]
pub fn open_repaired_copy<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    path: String,
) -> Result<OpenedRepairedCopy, IpcError> {
    let (doc, copy) = nap_app::files::open_repaired_copy(Path::new(&path), &data_dir(), &author())?;
    let summary = install(&app, &state, doc)?;
    Ok(OpenedRepairedCopy { summary, copy })
}

/// The languages and currencies the new-plan form offers.
#[tauri::command]
pub fn new_plan_choices() -> NewPlanChoices {
    nap_app::files::new_plan_choices()
}

#[tauri::command(async)]
pub fn create_plan<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    request: NewPlanRequest,
) -> Result<PlanSummary, IpcError> {
    let doc = nap_app::files::create(&request, &author())?;
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

#[tauri::command]
pub async fn choose_new_plan_path<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    current: String,
) -> Result<Option<String>, IpcError> {
    Ok(ask_save_path(&app, "NAP Studio plan", "nap", &current))
}

#[tauri::command]
pub fn suggested_plan_path(title: String) -> Result<String, IpcError> {
    Ok(documents_folder()
        .join(nap_app::files::suggested_plan_name(&title))
        .display()
        .to_string())
}
