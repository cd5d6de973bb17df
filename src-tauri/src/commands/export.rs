//! The export screen's commands: where to save (the file dialog, or a suggested path), the
//! export itself (off the UI thread, so a long annex never freezes the window), and showing
//! the file in its folder afterwards.

use crate::commands::files::chosen_path;
use crate::error::{ErrorCode, IpcError};
use crate::state::AppState;
use nap_core::costing::Rounding;
use nap_export::{AnnexOptions, CsvTable, Lang, WorkbookOptions};
use nap_store::now;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use tauri::State;
use ts_rs::TS;

/// What to export, and where.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct ExportRequest {
    /// `annex`, `workbook`, `json` or `csv`.
    pub kind: String,
    /// The file to write (replaced if it exists).
    pub path: String,
    /// The annex's language: `en` or `km`.
    pub lang: String,
    /// The annex's rounding: `unit`, `thousands` or `millions`.
    pub rounding: String,
    /// The CSV table: `lines`, `pillar-year`, `agency-year` or `source-year`.
    pub table: String,
    /// For a copy for another ministry: the code of the agency whose part it is scoped to
    /// (empty: the whole plan), and a note for the receiver.
    #[serde(default)]
    pub agency: String,
    #[serde(default)]
    pub note: String,
}

/// A finished export.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ExportDone {
    pub path: String,
    /// Size of the file in kilobytes (rounded up).
    pub kilobytes: u32,
}

fn bad(message: String) -> IpcError {
    IpcError {
        code: ErrorCode::BadRequest,
        message,
    }
}

/// The file extension of an export kind.
fn extension(kind: &str) -> Result<&'static str, IpcError> {
    Ok(match kind {
        "annex" => "pdf",
        "workbook" => "xlsx",
        "json" => "json",
        "csv" => "csv",
        "copy" => "nap",
        other => return Err(bad(format!("`{other}` is not an export"))),
    })
}

/// A file name for the export of the plan at `plan_path`: "<plan> – annex (km).pdf".
fn suggested_name(
    plan_path: &Path,
    kind: &str,
    lang: &str,
    table: &str,
) -> Result<String, IpcError> {
    let stem = plan_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "plan".into());
    let what = match kind {
        "annex" => format!("budget annex ({lang})"),
        "workbook" => "budget workbook".to_string(),
        "csv" => format!("costs {table}"),
        // For a copy, `table` carries the agency it is scoped to, if any.
        "copy" if table.is_empty() || table == "whole plan" => "copy".to_string(),
        "copy" => format!("copy for {table}"),
        _ => "plan".to_string(),
    };
    Ok(format!("{stem} - {what}.{}", extension(kind)?))
}

fn plan_path(state: &State<'_, AppState>) -> Result<PathBuf, IpcError> {
    let guard = state.document.lock().map_err(|_| IpcError::no_plan())?;
    let doc = guard.as_ref().ok_or_else(IpcError::no_plan)?;
    Ok(doc.file().path().to_path_buf())
}

/// The path an export is saved to unless the user picks another.
#[tauri::command]
pub fn suggested_export_path(
    state: State<'_, AppState>,
    kind: String,
    lang: String,
    table: String,
) -> Result<String, IpcError> {
    let name = suggested_name(&plan_path(&state)?, &kind, &lang, &table)?;
    Ok(crate::commands::files::documents_folder()
        .join(name)
        .display()
        .to_string())
}

/// Asks where to save with the system's file dialog, starting from `current`. `None` when
/// the user cancels.
#[tauri::command]
pub async fn choose_export_path<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    kind: String,
    current: String,
) -> Result<Option<String>, IpcError> {
    let ext = extension(&kind)?;
    Ok(crate::commands::files::ask_save_path(
        &app,
        &ext.to_uppercase(),
        ext,
        &current,
    ))
}

fn make(plan: &nap_core::Plan, request: &ExportRequest) -> Result<Vec<u8>, IpcError> {
    let failed = |e: nap_export::ExportError| IpcError {
        code: ErrorCode::Costing,
        message: e.to_string(),
    };
    Ok(match request.kind.as_str() {
        "annex" => {
            let lang = Lang::parse(&request.lang)
                .ok_or_else(|| bad(format!("`{}` is not a language of the annex", request.lang)))?;
            let rounding = match Rounding::parse(&request.rounding) {
                Some(Rounding::Exact) | None => {
                    return Err(bad(format!(
                        "`{}` is not a rounding mode",
                        request.rounding
                    )))
                }
                Some(r) => r,
            };
            let opts = AnnexOptions {
                lang,
                budget_year: None,
                currency: None,
                rounding,
                reconcile: false,
                date: now().date(),
            };
            nap_export::annex(plan, &opts).map_err(failed)?
        }
        "workbook" => nap_export::workbook(
            plan,
            &WorkbookOptions {
                currency: None,
                budget_year: None,
            },
        )
        .map_err(failed)?,
        "json" => nap_core::interchange::to_json(plan).into_bytes(),
        "csv" => {
            let table = CsvTable::parse(&request.table)
                .ok_or_else(|| bad(format!("`{}` is not a table", request.table)))?;
            nap_export::csv_table(plan, table, None)
                .map_err(failed)?
                .into_bytes()
        }
        other => return Err(bad(format!("`{other}` is not an export"))),
    })
}

/// Writes a copy of the open plan for another ministry (see `nap_store::sharing::send`):
/// the copy remembers what it was sent from, so that it can be merged back; with an agency
/// it is scoped to that agency's part. An existing file is not replaced.
fn send_copy(state: &State<'_, AppState>, request: &ExportRequest) -> Result<ExportDone, IpcError> {
    let path = chosen_path(&request.path, "choose where to save the copy")?;
    let mut guard = state.document.lock().map_err(|_| IpcError::no_plan())?;
    let doc = guard.as_mut().ok_or_else(IpcError::no_plan)?;
    let agency = match request.agency.trim() {
        "" => None,
        code => Some(
            doc.plan()
                .agencies
                .iter()
                .find(|a| a.code.eq_ignore_ascii_case(code))
                .map(|a| a.record.id)
                .ok_or_else(|| bad(format!("`{code}` is not an agency of this plan")))?,
        ),
    };
    let sent = nap_store::sharing::send(doc, &path, agency, request.note.trim())?;
    let bytes = std::fs::metadata(&sent.path).map_or(0, |m| m.len());
    Ok(ExportDone {
        path: sent.path.display().to_string(),
        kilobytes: u32::try_from(bytes.div_ceil(1024)).unwrap_or(u32::MAX),
    })
}

/// The agencies a copy can be scoped to: code and name.
#[tauri::command]
pub fn plan_agencies(
    state: State<'_, AppState>,
) -> Result<Vec<nap_core::costing::grid::GridChoice>, IpcError> {
    state.with_doc(|doc| Ok(nap_core::costing::grid::GridChoice::agencies(doc.plan())))
}

/// Makes the export and writes it. The plan is copied first, so the window stays usable and
/// the plan editable while a long annex is made.
#[tauri::command]
pub async fn export_plan(
    state: State<'_, AppState>,
    request: ExportRequest,
) -> Result<ExportDone, IpcError> {
    if request.kind == "copy" {
        return send_copy(&state, &request);
    }
    let plan = {
        let guard = state.document.lock().map_err(|_| IpcError::no_plan())?;
        guard.as_ref().ok_or_else(IpcError::no_plan)?.plan().clone()
    };
    tauri::async_runtime::spawn_blocking(move || {
        let path = chosen_path(&request.path, "choose where to save the export")?;
        let bytes = make(&plan, &request)?;
        nap_store::write_atomically(&path, &bytes, true)?;
        Ok(ExportDone {
            path: path.display().to_string(),
            kilobytes: u32::try_from(bytes.len().div_ceil(1024)).unwrap_or(u32::MAX),
        })
    })
    .await
    .map_err(|e| IpcError {
        code: ErrorCode::Internal,
        message: e.to_string(),
    })?
}

/// Shows an exported file in the system's file manager.
#[tauri::command]
pub fn reveal_export(path: String) -> Result<(), IpcError> {
    tauri_plugin_opener::reveal_item_in_dir(&path).map_err(|e| IpcError {
        code: ErrorCode::Io,
        message: format!("{path}: {e}"),
    })
}
