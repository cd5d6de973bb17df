//! Sending a copy of the plan to another ministry, and the merge review: what a returned copy would change, applying it as the
//! reviewer decided, the merges made so far, and undoing the last one.
//!
//! The review is not kept between calls: `apply_merge` reads the copy again and recomputes
//! the report, then applies the reviewer's decisions by record and field. A plan edited
//! between review and apply therefore never meets a stale report; a conflict that appeared
//! meanwhile has no decision and the merge is refused (`unresolved`).

use crate::files::chosen_path;
use crate::AppError;
use nap_core::merge::{describe, labels, Action, Change, Conflict, Decisions, Resolve};
use nap_core::{Id, RecordKind};
use nap_store::sharing::{merge, merge_history, undo_merge as undo_last_merge, MergeRecord, Sent};
use nap_store::Document;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
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
/// What merging the returned copy at `path` would change; nothing changes.
pub fn review_merge(doc: &mut Document, path: &str) -> Result<MergeReview, AppError> {
    let path = chosen_path(path, "choose the returned copy to merge")?;
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
}

/// Merges the copy at `path` as `choices` say, in one transaction, logged with who, when and
/// from which file. Refused with `unresolved` while a conflict has no chosen side, with
/// nothing changed.
/// Merges the copy at `path` as the reviewer decided, in one transaction that can be
/// undone; refused (`unresolved`, nothing merged) while a conflict has no chosen side.
pub fn apply_merge(
    doc: &mut Document,
    path: &str,
    choices: &MergeChoices,
) -> Result<MergeOutcome, AppError> {
    let path = chosen_path(path, "choose the returned copy to merge")?;
    let decisions = decisions_of(choices);
    // The store applies nothing while a conflict is undecided; say so by code.
    crate::backups::before(doc, crate::backups::Reason::Merge);
    let merged = merge(doc, &path, &decisions, false)?;
    let r = &merged.report;
    let undecided = decisions.undecided(r).len();
    if undecided > 0 {
        return Err(AppError::Unresolved(format!(
            "{undecided} conflicting field(s) have no chosen side; nothing was merged"
        )));
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

/// The merges made in the open plan, newest first.
pub fn merges(doc: &Document) -> Result<Vec<MergeEntry>, AppError> {
    Ok(merge_history(doc.file())?
        .into_iter()
        .map(MergeEntry::from)
        .collect())
}

/// The merges recorded in the open plan, newest first.
/// Restores the plan as it was before the last merge, and returns the merges again. Refused
/// (`changed_since_merge`) when the plan was edited since, as that edit would be lost.
/// Undoes the last merge; returns the merges again.
pub fn undo_merge(doc: &mut Document) -> Result<Vec<MergeEntry>, AppError> {
    undo_last_merge(doc)?;
    merges(doc)
}

/// A copy written for another ministry.
#[derive(Debug, Clone)]
pub struct SentCopy {
    pub path: std::path::PathBuf,
    /// The code of the agency whose part the copy is scoped to, as the plan writes it.
    pub agency_code: Option<String>,
}

/// The agency of the open plan whose code is `code` (any case); refused as `bad_request`.
pub fn agency_by_code<'a>(doc: &'a Document, code: &str) -> Result<&'a nap_core::Agency, AppError> {
    let code = code.trim();
    doc.plan()
        .agencies
        .iter()
        .find(|a| a.code.eq_ignore_ascii_case(code))
        .ok_or_else(|| AppError::BadRequest(format!("`{code}` is not an agency code of this plan")))
}

/// Writes a copy of the open plan for another ministry (see [`nap_store::sharing::send`]):
/// the copy remembers what it was sent from, so that it can be merged back; with an agency
/// code (not blank) it is scoped to that agency's part. An existing file is not replaced.
pub fn send(
    doc: &mut Document,
    out: &std::path::Path,
    agency_code: Option<&str>,
    note: &str,
) -> Result<SentCopy, AppError> {
    let agency = match agency_code.map(str::trim).filter(|c| !c.is_empty()) {
        None => None,
        Some(code) => {
            let agency = agency_by_code(doc, code)?;
            Some((agency.record.id, agency.code.clone()))
        }
    };
    let Sent { path, .. } =
        nap_store::sharing::send(doc, out, agency.as_ref().map(|a| a.0), note.trim())?;
    Ok(SentCopy {
        path,
        agency_code: agency.map(|a| a.1),
    })
}

/// How the command line settles every conflict of a merge at once: `ours` or `theirs`.
pub fn resolve_all(text: Option<&str>) -> Result<Option<Resolve>, AppError> {
    match text {
        None => Ok(None),
        Some("ours") => Ok(Some(Resolve::Ours)),
        Some("theirs") => Ok(Some(Resolve::Theirs)),
        Some(r) => Err(AppError::BadRequest(format!(
            "--resolve takes ours or theirs, not `{r}`"
        ))),
    }
}

/// Merges the copy at `incoming` taking every change, and settling every conflict as
/// `resolve` says (with none, a merge with conflicts changes nothing); `dry_run` only
/// reports. Conflicts are not an error here: the report lists them.
pub fn merge_all(
    doc: &mut Document,
    incoming: &std::path::Path,
    resolve: Option<Resolve>,
    dry_run: bool,
) -> Result<nap_store::sharing::Merged, AppError> {
    if !dry_run {
        crate::backups::before(doc, crate::backups::Reason::Merge);
    }
    Ok(merge(doc, incoming, &Decisions::all(resolve), dry_run)?)
}

/// Undoes the last merge; returns what it undid.
pub fn undo_last(doc: &mut Document) -> Result<nap_store::sharing::Undone, AppError> {
    Ok(undo_last_merge(doc)?)
}
