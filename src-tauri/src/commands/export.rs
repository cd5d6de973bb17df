//! The export screen's commands: where to save (the file dialog, or a suggested path), the
//! export itself (off the window's thread, so a long annex never freezes it), and showing
//! the file in its folder afterwards.

use crate::error::{no_plan, IpcError};
use crate::state::AppState;
use nap_app::export::{ExportDone, ExportRequest, Requested};
use nap_app::AppError;
use tauri::State;

/// Where to save the export asked for, by default: a name made from the plan's and the
/// export's, in the user's documents folder (the request's own path is not read).
#[tauri::command]
pub fn suggested_export_path(
    state: State<'_, AppState>,
    request: ExportRequest,
) -> Result<String, IpcError> {
    let name = state.with_doc(|doc| Ok(request.suggested_name(doc.file().path())))?;
    Ok(crate::commands::files::documents_folder()
        .join(name)
        .display()
        .to_string())
}

/// The system's save dialog for the export asked for, starting from its path; `None` when
/// the user cancels.
#[tauri::command]
pub async fn choose_export_path<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    request: ExportRequest,
) -> Result<Option<String>, IpcError> {
    let ext = request.extension();
    Ok(crate::commands::files::ask_save_path(
        &app,
        &ext.to_uppercase(),
        ext,
        request.path(),
    ))
}

/// The agencies a copy for another ministry can be scoped to.
#[tauri::command]
pub fn plan_agencies(
    state: State<'_, AppState>,
) -> Result<Vec<nap_core::costing::grid::GridChoice>, IpcError> {
    state.with_doc(|doc| Ok(nap_core::costing::grid::GridChoice::agencies(doc.plan())))
}

/// Makes the export and writes it. The plan is copied first, so the window stays usable and
/// the plan editable while a long annex is made. Watched as a job (`job_progress`,
/// `cancel_job`); stopped before it writes, it leaves no file.
#[tauri::command]
pub async fn export_plan(
    state: State<'_, AppState>,
    request: ExportRequest,
) -> Result<ExportDone, IpcError> {
    let (export, path) = match request.checked()? {
        Requested::Copy { path, agency, note } => {
            return state.with_doc(|doc| nap_app::export::send_copy(doc, &path, &agency, &note))
        }
        Requested::File { export, path } => (export, path),
    };
    let plan = {
        let guard = state.lock_document()?;
        guard.as_ref().ok_or_else(no_plan)?.plan().clone()
    };
    let job = state.start_job();
    let watched = job.shared();
    tauri::async_runtime::spawn_blocking(move || export.write_watched(&plan, &path, &watched))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(IpcError::from)
}

#[tauri::command]
pub fn reveal_export(path: String) -> Result<(), IpcError> {
    tauri_plugin_opener::reveal_item_in_dir(&path).map_err(|e| {
        AppError::io(
            std::path::Path::new(&path),
            std::io::Error::other(e.to_string()),
        )
        .into()
    })
}
