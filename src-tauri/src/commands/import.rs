//! Commands of the Import screen: a spreadsheet reviewed, then imported into the open plan.
//! They read a whole workbook, so they run off the window's thread.

use crate::commands::files::author;
use crate::error::IpcError;
use crate::state::AppState;
use nap_app::import::{SheetImportRequest, SheetImported};
use tauri::State;
use tauri_plugin_dialog::DialogExt;

/// The system's open dialog for spreadsheets and Word documents; `None` when the user
/// cancels.
#[tauri::command]
pub async fn choose_sheet_to_import<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
) -> Result<Option<String>, IpcError> {
    Ok(app
        .dialog()
        .file()
        .add_filter("Spreadsheet or Word document", nap_app::sheets::EXTENSIONS)
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
        .map(|p| p.display().to_string()))
}

/// What importing the spreadsheet would do; nothing is written. Watched as a job
/// (`job_progress`, `cancel_job`).
#[tauri::command(async)]
pub fn review_sheet(
    state: State<'_, AppState>,
    request: SheetImportRequest,
) -> Result<SheetImported, IpcError> {
    let author = author();
    let job = state.start_job();
    state.with_doc(|doc| nap_app::import::review_sheet(doc, &request, &author, &job))
}

/// Imports the spreadsheet into the open plan, as one undoable edit. Watched as a job; stopped
/// before it saves, it changes nothing.
#[tauri::command(async)]
pub fn import_sheet(
    state: State<'_, AppState>,
    request: SheetImportRequest,
) -> Result<SheetImported, IpcError> {
    let author = author();
    let job = state.start_job();
    state.with_doc(|doc| nap_app::import::import_sheet(doc, &request, &author, &job))
}
