//! Commands of the merge review: what a returned copy would change, applying it as the
//! reviewer decided, the merges made so far, and undoing the last one.
//!
//! The review is not kept between calls: `apply_merge` reads the copy again and recomputes
//! the report, then applies the reviewer's decisions by record and field. A plan edited
//! between review and apply therefore never meets a stale report; a conflict that appeared
//! meanwhile has no decision and the merge is refused (`unresolved`).

use crate::commands::files::chosen_path;
use crate::error::{ErrorCode, IpcError};
use crate::state::AppState;
use nap_core::merge::{describe, labels, Action, Change, Conflict, Decisions, Resolve};
use nap_core::{Id, RecordKind};
use nap_store::sharing::{merge, merge_history, undo_merge as undo_last_merge, MergeRecord};
use nap_store::Document;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use tauri::State;
use ts_rs::TS;

/// One field of a change, as text for reading.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ReviewField {
    pub field: String,
    /// Our value ("" when the record is new).
    pub ours: String,
    /// The incoming value ("" when the record is deleted).
    pub theirs: String,
}

/// A change the incoming copy brings for one record.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ReviewChange {
    /// `RecordKind::element` of the record (`results_framework`, `resources`, …), or `plan`.
    pub element: String,
    pub kind: String,
    #[ts(type = "string")]
    pub id: Id,
    pub label: String,
    /// `add`, `change` or `delete`.
    pub action: String,
    pub fields: Vec<ReviewField>,
    pub author: String,
    pub at: String,
}

/// A field changed differently on both sides (`field` "(record)": changed on one side,
/// deleted on the other).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ReviewConflict {
    pub element: String,
    pub kind: String,
    #[ts(type = "string")]
    pub id: Id,
    pub label: String,
    pub field: String,
    pub base: String,
    pub ours: String,
    pub theirs: String,
    /// Whether the record still exists on each side.
    pub ours_exists: bool,
    pub theirs_exists: bool,
    pub our_author: String,
    pub our_time: String,
    pub their_author: String,
    pub their_time: String,
}

/// What merging a returned copy would do, for review before anything changes.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct MergeReview {
    pub path: String,
    pub sent_by: String,
    pub sent_at: String,
    pub note: String,
    /// The agency the copy was scoped to, by name.
    pub scope_agency: Option<String>,
    pub changes: Vec<ReviewChange>,
    pub conflicts: Vec<ReviewConflict>,
    /// Changes from a scoped copy outside its agency's part: shown, never applied.
    pub refused: Vec<ReviewChange>,
}

/// Which side wins a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Side {
    Ours,
    Theirs,
}

/// A change the reviewer turned down.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ChangeKey {
    pub kind: String,
    #[ts(type = "string")]
    pub id: Id,
}

/// The side chosen for one conflicting field.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ConflictChoice {
    pub kind: String,
    #[ts(type = "string")]
    pub id: Id,
    pub field: String,
    pub side: Side,
}

/// The reviewer's decisions.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MergeChoices {
    pub rejected: Vec<ChangeKey>,
    pub chosen: Vec<ConflictChoice>,
}

/// What an applied merge did.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct MergeOutcome {
    pub applied: u32,
    pub turned_down: u32,
    pub kept_ours: u32,
    pub took_theirs: u32,
    pub refused: u32,
}

/// A merge in the plan's history.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct MergeEntry {
    pub at: String,
    pub author: String,
    pub from_file: String,
    pub summary: String,
    pub undone: bool,
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn element_of(kind: &str) -> String {
    RecordKind::from_name(kind)
        .map_or("plan", RecordKind::element)
        .to_string()
}

fn review_change(c: &Change, names: &HashMap<Id, String>) -> ReviewChange {
    ReviewChange {
        element: element_of(&c.kind),
        kind: c.kind.clone(),
        id: c.id,
        label: c.label.clone(),
        action: match c.action {
            Action::Add => "add",
            Action::Change => "change",
            Action::Delete => "delete",
        }
        .into(),
        fields: c
            .fields
            .iter()
            .map(|f| ReviewField {
                field: f.field.clone(),
                ours: describe(f.ours.as_ref(), names),
                theirs: describe(f.theirs.as_ref(), names),
            })
            .collect(),
        author: c.author.clone(),
        at: c.at.as_str().to_string(),
    }
}

fn review_conflict(c: &Conflict, names: &HashMap<Id, String>) -> ReviewConflict {
    let v = &c.values;
    ReviewConflict {
        element: element_of(&c.kind),
        kind: c.kind.clone(),
        id: c.id,
        label: c.label.clone(),
        field: v.field.clone(),
        base: describe(v.base.as_ref(), names),
        ours: describe(v.ours.as_ref(), names),
        theirs: describe(v.theirs.as_ref(), names),
        ours_exists: v.ours.is_some(),
        theirs_exists: v.theirs.is_some(),
        our_author: c.our_author.clone(),
        our_time: c.our_time.as_ref().map_or("", |t| t.as_str()).to_string(),
        their_author: c.their_author.clone(),
        their_time: c.their_time.as_ref().map_or("", |t| t.as_str()).to_string(),
    }
}

fn decisions_of(choices: &MergeChoices) -> Decisions {
    Decisions {
        rejected: choices
            .rejected
            .iter()
            .map(|k| (k.kind.clone(), k.id))
            .collect(),
        chosen: choices
            .chosen
            .iter()
            .map(|c| {
                let side = match c.side {
                    Side::Ours => Resolve::Ours,
                    Side::Theirs => Resolve::Theirs,
                };
                ((c.kind.clone(), c.id, c.field.clone()), side)
            })
            .collect(),
        otherwise: None,
    }
}

/// What merging the copy at `path` into the open plan would do; nothing changes. A file of
/// another plan, not sent from this one, newer, damaged or not a plan is refused by its code.
#[tauri::command]
pub fn review_merge(state: State<'_, AppState>, path: String) -> Result<MergeReview, IpcError> {
    let path = chosen_path(&path, "choose the returned copy to merge")?;
    state.with_doc(|doc| {
        let dry = merge(doc, &path, &Decisions::all(None), true)?;
        let names = labels(&[doc.plan(), &dry.theirs]);
        let scope_agency = dry
            .info
            .scope_agency_id
            .map(|id| names.get(&id).cloned().unwrap_or_else(|| id.to_string()));
        Ok(MergeReview {
            path: path.display().to_string(),
            sent_by: dry.info.sent_by,
            sent_at: dry.info.sent_at,
            note: dry.info.note,
            scope_agency,
            changes: dry
                .report
                .changes
                .iter()
                .map(|c| review_change(c, &names))
                .collect(),
            conflicts: dry
                .report
                .conflicts
                .iter()
                .map(|c| review_conflict(c, &names))
                .collect(),
            refused: dry
                .report
                .refused
                .iter()
                .map(|c| review_change(c, &names))
                .collect(),
        })
    })
}

/// Merges the copy at `path` as `choices` say, in one transaction, logged with who, when and
/// from which file. Refused with `unresolved` while a conflict has no chosen side, with
/// nothing changed.
#[tauri::command]
pub fn apply_merge(
    state: State<'_, AppState>,
    path: String,
    choices: MergeChoices,
) -> Result<MergeOutcome, IpcError> {
    let path = chosen_path(&path, "choose the returned copy to merge")?;
    let decisions = decisions_of(&choices);
    state.with_doc(|doc| {
        // The store applies nothing while a conflict is undecided; say so by code.
        let merged = merge(doc, &path, &decisions, false)?;
        let r = &merged.report;
        let undecided = decisions.undecided(r).len();
        if undecided > 0 {
            return Err(IpcError {
                code: ErrorCode::Unresolved,
                message: format!(
                    "{undecided} conflicting field(s) have no chosen side; nothing was merged"
                ),
            });
        }
        let applied = r.changes.iter().filter(|c| decisions.accepts(c)).count();
        let took_theirs = r
            .conflicts
            .iter()
            .filter(|c| decisions.side(c) == Some(Resolve::Theirs))
            .count();
        Ok(MergeOutcome {
            applied: count(applied),
            turned_down: count(r.changes.len() - applied),
            kept_ours: count(r.conflicts.len() - took_theirs),
            took_theirs: count(took_theirs),
            refused: count(r.refused.len()),
        })
    })
}

impl From<MergeRecord> for MergeEntry {
    fn from(m: MergeRecord) -> Self {
        Self {
            at: m.at,
            author: m.author,
            from_file: m.from_file,
            summary: m.summary,
            undone: m.undone,
        }
    }
}

fn history_of(doc: &Document) -> Result<Vec<MergeEntry>, IpcError> {
    Ok(merge_history(doc.file())?
        .into_iter()
        .map(MergeEntry::from)
        .collect())
}

/// The merges recorded in the open plan, newest first.
#[tauri::command]
pub fn merges(state: State<'_, AppState>) -> Result<Vec<MergeEntry>, IpcError> {
    state.with_doc(|doc| history_of(doc))
}

/// Restores the plan as it was before the last merge, and returns the merges again. Refused
/// (`changed_since_merge`) when the plan was edited since, as that edit would be lost.
#[tauri::command]
pub fn undo_merge(state: State<'_, AppState>) -> Result<Vec<MergeEntry>, IpcError> {
    state.with_doc(|doc| {
        undo_last_merge(doc)?;
        history_of(doc)
    })
}
