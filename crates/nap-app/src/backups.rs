//! Automatic backups of plans, kept in NAP Studio's data folder: before every import, merge
//! and restore of a version, and at the first opening of a plan each day. Each is a whole
//! copy made with SQLite's backup API, with a small description beside it (which plan, when,
//! why). Backups older than the user's setting (30 days by default) are removed when the
//! next one is made. A backup is restored as a new file beside the original, which is never
//! overwritten.
//!
//! A backup that cannot be written (a full disk, a read-only data folder) never stops the
//! edit it precedes: the edit is still one transaction, and undoable.

use crate::files::{copy_name, data_dir};
use crate::AppError;
use nap_store::{now, Access, Document, PlanFile};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// Why a backup was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Reason {
    /// The first opening of the plan on a day.
    Daily,
    Import,
    Merge,
    Restore,
}

/// A backup as the start screen and `nap backup list` show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BackupEntry {
    /// The backup file.
    pub path: String,
    /// The plan file it is a backup of.
    pub plan_path: String,
    pub title: String,
    /// When it was made (UTC, `YYYY-MM-DDTHH:MM:SS.mmmZ`).
    pub at: String,
    pub reason: Reason,
    #[ts(type = "number")]
    pub bytes: u64,
}

/// The folder that holds every backup.
fn root(data_dir: &Path) -> PathBuf {
    data_dir.join("backups")
}

/// The description kept beside `backup`.
fn sidecar(backup: &Path) -> PathBuf {
    backup.with_extension("json")
}

/// Makes a backup of the open plan now, into `data_dir`; returns its path. Removes this
/// plan's backups older than `keep_days`.
pub fn take(
    doc: &Document,
    data_dir: &Path,
    reason: Reason,
    keep_days: u32,
) -> Result<PathBuf, AppError> {
    let at = now();
    // One folder per plan (its id), so that a renamed file keeps its backups together.
    let folder = root(data_dir).join(doc.plan().meta.record.id.to_string());
    std::fs::create_dir_all(&folder).map_err(|e| AppError::io(&folder, e))?;
    let stamp: String = at
        .as_str()
        .chars()
        .take(19)
        .map(|c| if c == ':' { '-' } else { c })
        .collect();
    let reason_name = serde_json::to_value(reason)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    let path = (1..)
        .map(|n| match n {
            1 => folder.join(format!("{stamp} {reason_name}.nap")),
            n => folder.join(format!("{stamp} {reason_name} {n}.nap")),
        })
        .find(|p| !p.exists())
        .unwrap_or_else(|| folder.join(format!("{stamp} {reason_name}.nap")));
    doc.file().backup_to(&path)?;
    let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let entry = BackupEntry {
        path: path.display().to_string(),
        plan_path: std::fs::canonicalize(doc.file().path())
            .unwrap_or_else(|_| doc.file().path().to_path_buf())
            .display()
            .to_string(),
        title: doc.plan().meta.title.text.clone(),
        at: at.as_str().to_string(),
        reason,
        bytes,
    };
    let json = serde_json::to_vec_pretty(&entry).map_err(|e| AppError::Internal(e.to_string()))?;
    nap_store::write_atomically(&sidecar(&path), &json, false)?;
    prune(&folder, keep_days);
    Ok(path)
}

/// Removes the backups in `folder` made more than `keep_days` days ago.
fn prune(folder: &Path, keep_days: u32) {
    let cutoff =
        nap_core::Timestamp::from_unix_millis(now_millis() - i64::from(keep_days) * 86_400_000);
    for entry in entries_in(folder) {
        if entry.at.as_str() < cutoff.as_str() {
            let path = PathBuf::from(&entry.path);
            let _ = std::fs::remove_file(&path);
            let _ = std::fs::remove_file(sidecar(&path));
        }
    }
}

fn now_millis() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// The backups in one plan's folder whose description can be read and whose file is there.
fn entries_in(folder: &Path) -> Vec<BackupEntry> {
    let Ok(dir) = std::fs::read_dir(folder) else {
        return vec![];
    };
    dir.filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .filter_map(|p| {
            let entry: BackupEntry = serde_json::from_slice(&std::fs::read(&p).ok()?).ok()?;
            let file = p.with_extension("nap");
            file.exists().then(|| BackupEntry {
                path: file.display().to_string(),
                ..entry
            })
        })
        .collect()
}

/// A backup of the open plan before `reason` (an import, a merge, a restore), into the
/// data folder, kept for the user's number of days; `None` when none could be written.
pub fn before(doc: &Document, reason: Reason) -> Option<PathBuf> {
    if doc.is_read_only() {
        return None;
    }
    let dir = data_dir();
    let keep = crate::preferences::load(&dir).backup_days;
    take(doc, &dir, reason, keep).ok()
}

/// The day's backup of the open plan, when it has none yet today.
pub fn daily(doc: &Document) -> Option<PathBuf> {
    if doc.is_read_only() {
        return None;
    }
    let dir = data_dir();
    let today = now().date();
    let folder = root(&dir).join(doc.plan().meta.record.id.to_string());
    let made_today = entries_in(&folder)
        .iter()
        .any(|e| e.at.starts_with(today.as_str()));
    if made_today {
        return None;
    }
    before(doc, Reason::Daily)
}

/// Every backup in `data_dir`, newest first.
pub fn list(data_dir: &Path) -> Vec<BackupEntry> {
    let Ok(plans) = std::fs::read_dir(root(data_dir)) else {
        return vec![];
    };
    let mut all: Vec<BackupEntry> = plans
        .filter_map(Result::ok)
        .flat_map(|d| entries_in(&d.path()))
        .collect();
    all.sort_by(|a, b| b.at.cmp(&a.at).then(b.path.cmp(&a.path)));
    all
}

/// Writes the backup `backup` as a new plan file: `dest`, or else `NAME (from backup
/// DATE).nap` beside the plan it was taken of (or in `fallback_dir` when that folder is
/// gone). The original plan is never touched; a file at `dest` is refused. Returns the new
/// file.
pub fn restore(
    backup: &Path,
    dest: Option<&Path>,
    fallback_dir: &Path,
) -> Result<PathBuf, AppError> {
    // The backup must be a plan NAP Studio can open, before anything is written.
    let source = PlanFile::open(backup, Access::ReadOnly)?;
    source.load()?;
    let dest = match dest {
        Some(d) => d.to_path_buf(),
        None => {
            let entry: Option<BackupEntry> = std::fs::read(sidecar(backup))
                .ok()
                .and_then(|b| serde_json::from_slice(&b).ok());
            let original = entry
                .as_ref()
                .map_or_else(|| backup.to_path_buf(), |e| PathBuf::from(&e.plan_path));
            let day = entry.map_or(String::new(), |e| {
                format!(" {}", e.at.chars().take(10).collect::<String>())
            });
            let dir = original
                .parent()
                .filter(|d| d.is_dir())
                .unwrap_or(fallback_dir)
                .to_path_buf();
            copy_name(&original, &dir, &format!("from backup{day}"))
        }
    };
    if dest.exists() {
        return Err(AppError::Invalid(format!(
            "{} already exists; choose another name for the restored plan",
            dest.display()
        )));
    }
    source.backup_to(&dest)?;
    Ok(dest)
}
