//! Sending copies of a plan and merging them back (see `docs/sharing.md`).
//!
//! Design: when a copy is sent, the plan as it is at that moment is stored — in the sender's
//! file and in the copy — as a *sync base* with a fresh id, and the copy records that id. A
//! returning copy is merged three ways (`nap_core::merge`) against that base: its changes
//! since the base apply, ours since the base stay, and a field both changed differently is a
//! conflict. Each merge is logged with the plan before it, so it can be undone.

use crate::document::{now, Document};
use crate::error::StoreError;
use crate::file::{Access, PlanFile};
use nap_core::interchange::{from_json, to_json};
use nap_core::merge::{apply, three_way, Decisions, MergeReport, Resolve};
use nap_core::{validate, Id, Plan};
use rusqlite::{params, OptionalExtension};
use std::path::{Path, PathBuf};

/// What a copy knows about where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyInfo {
    pub base_id: Option<Id>,
    pub scope_agency_id: Option<Id>,
    pub sent_by: String,
    pub sent_at: String,
    pub note: String,
}

fn parse_id(s: Option<String>) -> Option<Id> {
    s.and_then(|s| s.parse().ok())
}

/// The copy information of `file` (`None` for an original plan).
pub fn copy_info(file: &PlanFile) -> Result<Option<CopyInfo>, StoreError> {
    Ok(file
        .conn()
        .query_row(
            "SELECT base_id, scope_agency_id, sent_by, sent_at, note FROM copy_info",
            [],
            |r| {
                Ok(CopyInfo {
                    base_id: parse_id(r.get(0)?),
                    scope_agency_id: parse_id(r.get(1)?),
                    sent_by: r.get(2)?,
                    sent_at: r.get(3)?,
                    note: r.get(4)?,
                })
            },
        )
        .optional()?)
}

fn sync_base(file: &PlanFile, id: Id) -> Result<Option<Plan>, StoreError> {
    let json: Option<String> = file
        .conn()
        .query_row(
            "SELECT plan_json FROM sync_base WHERE id = ?1",
            [id.to_string()],
            |r| r.get(0),
        )
        .optional()?;
    json.map(|j| {
        from_json(&j).map_err(|e| {
            StoreError::Damaged(format!(
                "a stored sync base cannot be read: {}",
                nap_core::text::cut_long(&e.to_string())
            ))
        })
    })
    .transpose()
}

/// The agency whose part the copy `base_id` was sent for, as the sender recorded it in
/// `file` (by its code, looked up in the plan as it was when sent: `base`); `None` for a
/// copy of the whole plan.
fn sent_scope(file: &PlanFile, base_id: Id, base: &Plan) -> Result<Option<Id>, StoreError> {
    let to_agency: Option<String> = file
        .conn()
        .query_row(
            "SELECT to_agency FROM sync_base WHERE id = ?1",
            [base_id.to_string()],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    to_agency
        .map(|code| {
            base.agencies
                .iter()
                .find(|a| a.code == code)
                .map(|a| a.record.id)
                .ok_or_else(|| {
                    StoreError::Damaged(format!(
                        "the copy was sent for agency `{code}`, which the plan as sent does not have"
                    ))
                })
        })
        .transpose()
}

/// What `send` wrote.
#[derive(Debug, Clone)]
pub struct Sent {
    pub path: PathBuf,
    pub base_id: Id,
    pub scope_agency_id: Option<Id>,
}

/// Writes a copy of the open plan to `out` for another ministry, optionally scoped to
/// `agency`'s part. Refuses to replace an existing file. The copy appears complete or not at
/// all.
pub fn send(
    doc: &mut Document,
    out: &Path,
    agency: Option<Id>,
    note: &str,
) -> Result<Sent, StoreError> {
    if out.exists() {
        return Err(StoreError::AlreadyExists(out.to_path_buf()));
    }
    let plan = doc.plan().clone();
    if let Some(a) = agency {
        if !plan.agencies.iter().any(|x| x.record.id == a) {
            return Err(StoreError::RecordNotFound {
                kind: nap_core::RecordKind::Agency,
                id: a,
            });
        }
    }
    let base_id = Id::new_v4();
    let json = to_json(&plan);
    let at = now();
    let author = doc.author().to_string();
    let agency_code = agency
        .and_then(|a| plan.agencies.iter().find(|x| x.record.id == a))
        .map(|a| a.code.clone());
    let insert_base = |tx: &rusqlite::Transaction<'_>| -> Result<(), StoreError> {
        tx.execute(
            "INSERT INTO sync_base (id, created, created_by, to_agency, note, plan_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![base_id.to_string(), at.as_str(), author, agency_code, note, json],
        )?;
        Ok(())
    };
    // The copy, built under a temporary name and renamed when complete.
    let tmp = out.with_file_name(format!(
        ".{}.{}.sending",
        out.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        std::process::id()
    ));
    let _ = std::fs::remove_file(&tmp);
    let result = (|| -> Result<(), StoreError> {
        let mut copy = PlanFile::create(&tmp, &plan, true)?;
        let conn = copy.conn_mut()?;
        let tx = conn.transaction()?;
        insert_base(&tx)?;
        tx.execute(
            "INSERT INTO copy_info (singleton, base_id, scope_agency_id, sent_by, sent_at, note) VALUES (1, ?1, ?2, ?3, ?4, ?5)",
            params![base_id.to_string(), agency.map(|a| a.to_string()), author, at.as_str(), note],
        )?;
        tx.commit()?;
        drop(copy);
        std::fs::rename(&tmp, out).map_err(|e| StoreError::Io {
            path: out.to_path_buf(),
            source: e,
        })
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    // Our own record of the base, so the copy can be merged back even if it came back
    // without it.
    let conn = doc.file_mut().conn_mut()?;
    let tx = conn.transaction()?;
    insert_base(&tx)?;
    tx.commit()?;
    Ok(Sent {
        path: out.to_path_buf(),
        base_id,
        scope_agency_id: agency,
    })
}

/// The result of merging (or of a dry run).
#[derive(Debug, Clone)]
pub struct Merged {
    pub report: MergeReport,
    pub info: CopyInfo,
    /// True when the plan was changed.
    pub applied: bool,
    /// The incoming copy's plan, as read (to show its records by name in a review).
    pub theirs: Plan,
}

/// The fingerprint a merge log keeps of the plan a merge left, to refuse undoing the merge
/// once the plan has changed: the SHA-256 of its interchange JSON, in hex.
fn plan_hash(plan: &Plan) -> String {
    use sha2::Digest;
    format!("{:x}", sha2::Sha256::digest(to_json(plan).as_bytes()))
}

/// Whether `plan` is the plan a merge log's `fingerprint` was taken of. Logs written before
/// SHA-256 hold a 16-digit fingerprint (a 64-bit Fx hash of the same JSON), still read so
/// that a merge made then can be undone.
fn is_plan_of(fingerprint: &str, plan: &Plan) -> bool {
    if fingerprint.len() == 16 {
        format!("{:016x}", legacy_fx_fingerprint(to_json(plan).as_bytes())) == fingerprint
    } else {
        plan_hash(plan) == fingerprint
    }
}

/// The 64-bit fingerprint merge logs kept before SHA-256: rustc's Fx step over the bytes
/// taken eight at a time, little-endian, the last word padded with zeros. Only read.
fn legacy_fx_fingerprint(bytes: &[u8]) -> u64 {
    bytes.chunks(8).fold(0u64, |hash, chunk| {
        let mut word = [0u8; 8];
        word[..chunk.len()].copy_from_slice(chunk);
        (hash.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
    })
}

/// Merges the copy at `incoming` into the open plan as `decisions` say (see
/// [`Decisions`]). With `dry_run`, or while a conflict is undecided, nothing changes and the
/// report says what would happen.
pub fn merge(
    doc: &mut Document,
    incoming: &Path,
    decisions: &Decisions,
    dry_run: bool,
) -> Result<Merged, StoreError> {
    let theirs_file = PlanFile::open(incoming, Access::ReadOnly)?;
    let theirs = theirs_file.load()?;
    let ours = doc.plan().clone();
    if theirs.meta.record.id != ours.meta.record.id {
        return Err(StoreError::ForeignPlan {
            path: incoming.to_path_buf(),
            ours: ours.meta.title.text.clone(),
            theirs: theirs.meta.title.text.clone(),
        });
    }
    let mut info = copy_info(&theirs_file)?
        .filter(|i| i.base_id.is_some())
        .ok_or_else(|| StoreError::NoCommonBase(incoming.to_path_buf()))?;
    let base_id = info.base_id.unwrap_or_default();
    let base = match sync_base(doc.file(), base_id)? {
        Some(b) => {
            // We sent this copy: its part is what we recorded when sending it, whatever the
            // copy says now (a receiver could have cleared its own copy information to
            // change records outside its part).
            info.scope_agency_id = sent_scope(doc.file(), base_id, &b)?;
            b
        }
        None => sync_base(&theirs_file, base_id)?
            .ok_or_else(|| StoreError::NoCommonBase(incoming.to_path_buf()))?,
    };
    let report = three_way(&base, &ours, &theirs, info.scope_agency_id);
    let blocked = !decisions.undecided(&report).is_empty();
    if dry_run || blocked || (report.changes.is_empty() && report.conflicts.is_empty()) {
        return Ok(Merged {
            report,
            info,
            applied: false,
            theirs,
        });
    }
    let merged = apply(&ours, &theirs, &report, decisions);
    let errors = validate(&merged);
    if !errors.is_empty() {
        return Err(StoreError::Invalid(errors));
    }
    let before = to_json(&ours);
    let after_hash = plan_hash(&merged);
    let author = doc.author().to_string();
    let accepted = report
        .changes
        .iter()
        .filter(|c| decisions.accepts(c))
        .count();
    let taken = report
        .conflicts
        .iter()
        .filter(|c| decisions.side(c) == Some(Resolve::Theirs))
        .count();
    let summary = format!(
        "{accepted} changes applied, {} turned down; {} conflicts ({} kept ours, {taken} took theirs); {} refused",
        report.changes.len() - accepted,
        report.conflicts.len(),
        report.conflicts.len() - taken,
        report.refused.len()
    );
    let from = incoming.display().to_string();
    doc.file_mut().write_changes_and(&ours, &merged, |tx| {
        tx.execute(
            "INSERT INTO merge_log (id, at, author, from_file, base_id, summary, before_json, after_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![Id::new_v4().to_string(), now().as_str(), author, from, base_id.to_string(), summary, before, after_hash],
        )?;
        Ok(())
    })?;
    doc.set_plan(merged, true);
    Ok(Merged {
        report,
        info,
        applied: true,
        theirs,
    })
}

/// One merge recorded in a plan's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeRecord {
    pub at: String,
    pub author: String,
    pub from_file: String,
    /// What was applied, turned down, settled and refused.
    pub summary: String,
    /// Whether the merge has been undone.
    pub undone: bool,
}

/// The merges recorded in `file`, newest first.
pub fn merge_history(file: &PlanFile) -> Result<Vec<MergeRecord>, StoreError> {
    let mut stmt = file.conn().prepare(
        "SELECT at, author, from_file, summary, undone FROM merge_log ORDER BY at DESC, rowid DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(MergeRecord {
            at: r.get(0)?,
            author: r.get(1)?,
            from_file: r.get(2)?,
            summary: r.get(3)?,
            undone: r.get::<_, i64>(4)? != 0,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// What an undone merge was.
#[derive(Debug, Clone)]
pub struct Undone {
    pub from_file: String,
    pub at: String,
}

/// Restores the plan as it was before the last merge, in one transaction. Refused when the
/// plan has been edited since that merge.
pub fn undo_merge(doc: &mut Document) -> Result<Undone, StoreError> {
    let last: Option<(String, String, String, String, String)> = doc
        .file()
        .conn()
        .query_row(
            "SELECT id, at, from_file, before_json, after_hash FROM merge_log WHERE undone = 0 ORDER BY at DESC, rowid DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    let Some((id, at, from_file, before_json, after_hash)) = last else {
        return Err(StoreError::NothingToUndo);
    };
    let current = doc.plan().clone();
    if !is_plan_of(&after_hash, &current) {
        return Err(StoreError::ChangedSinceMerge);
    }
    let before = from_json(&before_json).map_err(|e| {
        StoreError::Damaged(format!(
            "the merge log cannot be read: {}",
            nap_core::text::cut_long(&e.to_string())
        ))
    })?;
    doc.file_mut().write_changes_and(&current, &before, |tx| {
        tx.execute("UPDATE merge_log SET undone = 1 WHERE id = ?1", [&id])?;
        Ok(())
    })?;
    doc.set_plan(before, false);
    Ok(Undone { from_file, at })
}
