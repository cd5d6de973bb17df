//! Named versions of the open plan ("Draft for consultation", "Cabinet submission"): saved
//! with a snapshot of the plan, listed, compared with each other or with the plan as it is
//! now, and restored as one undoable edit (after a backup of the plan as it was).

use crate::AppError;
use nap_core::versions::{compare as compare_plans, Comparison};
use nap_core::{Id, NamedVersion, Plan, PlanStatus, RecordMeta, Timestamp};
use nap_store::{now, Document};
use serde::Serialize;
use ts_rs::TS;

/// A named version as the Versions screen and `nap version list` show it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct VersionEntry {
    pub id: Id,
    pub name: String,
    pub note: String,
    pub status: PlanStatus,
    /// When it was saved, and by whom.
    pub saved: Timestamp,
    pub author: String,
    /// False for a version that came with the plan from another file (an import, a merged
    /// copy, the sample): it can be listed, not compared or restored.
    pub has_snapshot: bool,
}

/// The plan's named versions, oldest first.
pub fn list(doc: &Document) -> Result<Vec<VersionEntry>, AppError> {
    let with_snapshot = doc.file().snapshot_ids()?;
    Ok(doc
        .plan()
        .versions
        .iter()
        .map(|v| VersionEntry {
            id: v.record.id,
            name: v.name.clone(),
            note: v.note.clone(),
            status: v.status,
            saved: v.record.created.clone(),
            author: v.record.modified_by.clone(),
            has_snapshot: with_snapshot.contains(&v.record.id),
        })
        .collect())
}

/// Saves the plan as it is now under `name`, with `note`, and the status given (`draft`,
/// `consultation`, `submitted`, `endorsed`) or else the plan's own.
pub fn save(
    doc: &mut Document,
    name: &str,
    note: &str,
    status: Option<&str>,
) -> Result<VersionEntry, AppError> {
    let name = nap_core::edit::required_text("name", name)?;
    if doc
        .plan()
        .versions
        .iter()
        .any(|v| v.name.trim().eq_ignore_ascii_case(&name))
    {
        return Err(AppError::Invalid(format!(
            "a version is already named `{}`; choose another name",
            nap_core::text::quoted(&name)
        )));
    }
    let status = match status.map(str::trim).filter(|s| !s.is_empty()) {
        None => doc.plan().meta.status,
        Some(s) => {
            serde_json::from_value(serde_json::Value::String(s.to_string())).map_err(|_| {
                AppError::BadRequest(format!(
                    "`{}` is not a plan status: use draft, consultation, submitted or endorsed",
                    nap_core::text::quoted(s)
                ))
            })?
        }
    };
    let version = doc.save_version(NamedVersion {
        record: RecordMeta::new(Id::new_v4(), &now(), doc.author()),
        name,
        note: note.trim().to_string(),
        status,
    })?;
    let id = version.record.id;
    list(doc)?
        .into_iter()
        .find(|v| v.id == id)
        .ok_or_else(|| AppError::Internal("the saved version is not listed".into()))
}

/// The version a user names: its id, or its name (any case).
pub fn named(doc: &Document, text: &str) -> Result<Id, AppError> {
    let t = text.trim();
    doc.plan()
        .versions
        .iter()
        .find(|v| v.record.id.to_string() == t || v.name.trim().eq_ignore_ascii_case(t))
        .map(|v| v.record.id)
        .ok_or_else(|| {
            AppError::RecordNotFound(format!(
                "this plan has no version named `{}`; `nap version list` shows them",
                nap_core::text::quoted(t)
            ))
        })
}

fn snapshot(doc: &Document, id: Id) -> Result<Plan, AppError> {
    doc.version_snapshot(id)?.ok_or_else(|| {
        let name = doc
            .plan()
            .versions
            .iter()
            .find(|v| v.record.id == id)
            .map_or(id.to_string(), |v| v.name.clone());
        AppError::Invalid(format!(
            "this file holds no snapshot of version `{}` (it came with the plan from another file: an import, a merged copy or the sample), so it cannot be compared or restored",
            nap_core::text::quoted(&name)
        ))
    })
}

/// What differs from version `from` to version `to`, or to the plan as it is now when
/// `to` is `None`; costs rounded to the currency's minor unit.
pub fn compare(doc: &Document, from: Id, to: Option<Id>) -> Result<Comparison, AppError> {
    let before = snapshot(doc, from)?;
    let after = match to {
        Some(id) => snapshot(doc, id)?,
        None => doc.plan().clone(),
    };
    let comparison = compare_plans(&before, &after)?;
    let minor = nap_core::currency::minor_units(&comparison.currency);
    Ok(comparison.rounded(minor))
}

/// What a restore did.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Restored {
    /// Records (and the plan's settings) changed.
    pub changed: usize,
    /// The backup of the plan as it was before, when one could be written.
    pub backup: Option<String>,
}

/// Makes the plan what version `id` held, as one undoable edit, after a backup of the plan
/// as it is now.
pub fn restore(doc: &mut Document, id: Id) -> Result<Restored, AppError> {
    snapshot(doc, id)?;
    let backup = crate::backups::before(doc, crate::backups::Reason::Restore);
    let changed = doc.restore_version(id)?;
    Ok(Restored {
        changed,
        backup: backup.map(|p| p.display().to_string()),
    })
}
