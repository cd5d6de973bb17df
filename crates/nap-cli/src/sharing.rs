//! `nap send`, `nap merge`, `nap undo-merge`, and the scripted edits `nap list|set|delete`.

use crate::output::{emit, CliError};
use crate::Format;
use nap_core::merge::{Action, Decisions, MergeReport, Resolve, BOOKKEEPING};
use nap_core::{with_record_type, Id, Labelled, Record, RecordKind};
use nap_store::sharing::{merge as merge_copy, send as send_copy, undo_merge as undo};
use nap_store::{Access, Document, PlanFile};
use serde_json::{Map, Value};
use std::path::Path;

/// Exit code of `nap merge` when conflicts stop it (distinct from 1, any other failure).
pub const CONFLICTS_EXIT: u8 = 3;

fn author() -> String {
    std::env::var("NAP_AUTHOR").unwrap_or_else(|_| "nap command line".into())
}

fn other(msg: impl Into<String>) -> CliError {
    CliError::Other(msg.into())
}

pub fn send(file: &Path, out: &Path, agency: Option<&str>, note: &str) -> Result<(), CliError> {
    let mut doc = Document::open(file, &author())?;
    let agency_id = match agency {
        None => None,
        Some(code) => Some(
            doc.plan()
                .agencies
                .iter()
                .find(|a| a.code.eq_ignore_ascii_case(code))
                .map(|a| a.record.id)
                .ok_or_else(|| other(format!("`{code}` is not an agency code of this plan")))?,
        ),
    };
    let sent = send_copy(&mut doc, out, agency_id, note)?;
    eprintln!(
        "Wrote {}{}.",
        sent.path.display(),
        agency
            .map(|a| format!(", scoped to {}'s part", a.to_uppercase()))
            .unwrap_or_default()
    );
    Ok(())
}

fn short(v: &Option<Value>) -> String {
    match v {
        None => "(absent)".into(),
        Some(Value::String(s)) => format!("{s:?}"),
        Some(Value::Object(m)) if m.contains_key("text") => {
            format!("{:?}", m["text"].as_str().unwrap_or_default())
        }
        Some(other) => {
            let s = other.to_string();
            if s.len() > 80 {
                format!("{}…", &s[..77])
            } else {
                s
            }
        }
    }
}

fn report_text(report: &MergeReport, applied: bool, dry_run: bool) -> String {
    let mut out = String::new();
    for (title, action) in [
        ("Adds", Action::Add),
        ("Changes", Action::Change),
        ("Deletes", Action::Delete),
    ] {
        let items: Vec<_> = report
            .changes
            .iter()
            .filter(|c| c.action == action)
            .collect();
        if items.is_empty() {
            continue;
        }
        out.push_str(&format!("{title} ({}):\n", items.len()));
        for c in items {
            let who = if c.author.is_empty() {
                String::new()
            } else {
                format!(" — by {} at {}", c.author, c.at)
            };
            out.push_str(&format!(
                "  {} \"{}\" [{}]{who}\n",
                c.kind.replace('_', " "),
                c.label,
                c.id
            ));
            if action == Action::Change {
                for f in &c.fields {
                    out.push_str(&format!(
                        "      {}: {} → {}\n",
                        f.field,
                        short(&f.ours),
                        short(&f.theirs)
                    ));
                }
            }
        }
    }
    if !report.conflicts.is_empty() {
        out.push_str(&format!("Conflicts ({}):\n", report.conflicts.len()));
        for c in &report.conflicts {
            out.push_str(&format!(
                "  {} \"{}\" [{}] {}\n",
                c.kind.replace('_', " "),
                c.label,
                c.id,
                c.values.field
            ));
            let when = |t: &Option<nap_core::Timestamp>| {
                t.as_ref().map(|t| format!(" at {t}")).unwrap_or_default()
            };
            out.push_str(&format!(
                "      ours:   {} (by {}{})\n",
                short(&c.values.ours),
                c.our_author,
                when(&c.our_time)
            ));
            out.push_str(&format!(
                "      theirs: {} (by {}{})\n",
                short(&c.values.theirs),
                c.their_author,
                when(&c.their_time)
            ));
        }
    }
    if !report.refused.is_empty() {
        out.push_str(&format!(
            "Refused, outside the copy's part ({}):\n",
            report.refused.len()
        ));
        for c in &report.refused {
            out.push_str(&format!(
                "  {} \"{}\" [{}]\n",
                c.kind.replace('_', " "),
                c.label,
                c.id
            ));
        }
    }
    if report.is_empty() {
        out.push_str("Nothing new: the plan already has everything in this copy.\n");
    } else if dry_run {
        out.push_str("Dry run: nothing was changed.\n");
    } else if applied {
        out.push_str("Merged.\n");
    } else if !report.conflicts.is_empty() {
        out.push_str(
            "Nothing was merged: resolve the conflicts with --resolve ours or --resolve theirs.\n",
        );
    }
    out
}

/// Returns the exit code (0, or [`CONFLICTS_EXIT`]).
pub fn merge(
    file: &Path,
    incoming: &Path,
    dry_run: bool,
    format: Format,
    resolve: Option<&str>,
) -> Result<u8, CliError> {
    let resolve = match resolve {
        None => None,
        Some("ours") => Some(Resolve::Ours),
        Some("theirs") => Some(Resolve::Theirs),
        Some(r) => return Err(other(format!("--resolve takes ours or theirs, not `{r}`"))),
    };
    let mut doc = Document::open(file, &author())?;
    let merged = merge_copy(&mut doc, incoming, &Decisions::all(resolve), dry_run)?;
    match format {
        Format::Json => emit(&format!(
            "{}\n",
            serde_json::to_string_pretty(&serde_json::json!({
                "applied": merged.applied,
                "dry_run": dry_run,
                "sent_by": merged.info.sent_by,
                "sent_at": merged.info.sent_at,
                "scope_agency_id": merged.info.scope_agency_id,
                "report": merged.report,
            }))
            .map_err(|e| other(e.to_string()))?
        ))?,
        Format::Text => {
            emit(&format!(
                "Copy sent by {} at {}{}\n",
                merged.info.sent_by,
                merged.info.sent_at,
                if merged.info.note.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", merged.info.note)
                }
            ))?;
            emit(&report_text(&merged.report, merged.applied, dry_run))?;
        }
    }
    Ok(
        if !merged.report.conflicts.is_empty() && resolve.is_none() {
            CONFLICTS_EXIT
        } else {
            0
        },
    )
}

pub fn undo_merge(file: &Path) -> Result<(), CliError> {
    let mut doc = Document::open(file, &author())?;
    let undone = undo(&mut doc)?;
    eprintln!(
        "Undid the merge of {} made at {}.",
        undone.from_file, undone.at
    );
    Ok(())
}

fn kind_arg(kind: &str) -> Result<RecordKind, CliError> {
    let alias = match kind {
        "body" | "bodies" => "body",
        "source" | "sources" => "funding_source",
        "line" | "cost-line" | "lines" => "cost_line",
        "item" => "catalogue_item",
        other => other,
    };
    RecordKind::from_name(alias.trim_end_matches('s'))
        .or_else(|| RecordKind::from_name(alias))
        .ok_or_else(|| {
            let kinds: Vec<&str> = RecordKind::ALL.iter().map(|k| k.name()).collect();
            other(format!(
                "`{kind}` is not a kind of record: use one of {}",
                kinds.join(", ")
            ))
        })
}

pub fn list(file: &Path, kind: &str, format: Format) -> Result<(), CliError> {
    let kind = kind_arg(kind)?;
    let plan = PlanFile::open(file, Access::ReadOnly)?.load()?;
    let items: Vec<(String, Value)> = with_record_type!(kind, T => {
        T::list(&plan).iter().map(|r| (r.label(), serde_json::to_value(r).unwrap_or(Value::Null))).collect()
    });
    match format {
        Format::Json => emit(&format!(
            "{}\n",
            serde_json::to_string_pretty(&items.iter().map(|(_, v)| v).collect::<Vec<_>>())
                .map_err(|e| other(e.to_string()))?
        )),
        Format::Text => {
            let mut out = String::new();
            for (label, v) in &items {
                out.push_str(&format!(
                    "{}  {label}\n",
                    v["id"].as_str().unwrap_or_default()
                ));
            }
            emit(&out)
        }
    }
}

/// The value for `field` given as text: parsed as JSON when the field holds structured data
/// (lists, per-year maps, numbers, true/false); text fields take the text as it is, and
/// two-language text sets the working-language text.
fn field_value(current: Option<&Value>, field: &str, text: &str) -> Result<Value, CliError> {
    let json = || {
        serde_json::from_str::<Value>(text)
            .map_err(|e| other(format!("{field}: `{text}` is not valid here ({e})")))
    };
    Ok(match current {
        Some(Value::String(_)) => Value::String(text.to_string()),
        Some(Value::Object(m)) if m.contains_key("text") && m.contains_key("l2") => {
            let mut m = m.clone();
            m.insert("text".into(), Value::String(text.to_string()));
            Value::Object(m)
        }
        Some(Value::Null) | None => json().unwrap_or_else(|_| Value::String(text.to_string())),
        Some(_) => json()?,
    })
}

fn find_kind(doc: &Document, id: Id) -> Result<RecordKind, CliError> {
    doc.kind_of(id)
        .ok_or_else(|| other(format!("there is no record with id {id} in this plan")))
}

/// Opens `file` for a scripted edit of record `id`: the document, the id and its kind.
fn open_record(file: &Path, id: &str) -> Result<(Document, Id, RecordKind), CliError> {
    let id: Id = id.parse().map_err(|_| {
        other(format!(
            "`{id}` is not a record id (a UUID, as `nap list` shows)"
        ))
    })?;
    let doc = Document::open(file, &author())?;
    let kind = find_kind(&doc, id)?;
    Ok((doc, id, kind))
}

pub fn set(file: &Path, id: &str, assignments: &[String]) -> Result<(), CliError> {
    let (mut doc, id, kind) = open_record(file, id)?;
    with_record_type!(kind, T => {
        let record = T::list(doc.plan()).iter().find(|r| r.meta().id == id).cloned().ok_or_else(|| other("record vanished"))?;
        let mut v = serde_json::to_value(&record).map_err(|e| other(e.to_string()))?;
        let obj: &mut Map<String, Value> = v.as_object_mut().ok_or_else(|| other("record is not an object"))?;
        for a in assignments {
            let (field, text) = a.split_once('=').ok_or_else(|| other(format!("`{a}`: write FIELD=VALUE")))?;
            if BOOKKEEPING.contains(&field) {
                return Err(other(format!("{field} is kept by NAP Studio and cannot be set")));
            }
            if !obj.contains_key(field) {
                let fields: Vec<&String> = obj.keys().filter(|k| !BOOKKEEPING.contains(&k.as_str())).collect();
                return Err(other(format!("a {} has no field `{field}`; its fields are {}", kind.name().replace('_', " "), fields.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", "))));
            }
            let value = field_value(obj.get(field), field, text)?;
            obj.insert(field.to_string(), value);
        }
        let updated: T = serde_json::from_value(v).map_err(|e| other(format!("the new values do not fit a {}: {e}", kind.name().replace('_', " "))))?;
        doc.upsert(updated)?;
        Ok::<(), CliError>(())
    })?;
    eprintln!("Updated {} {id}.", kind.name().replace('_', " "));
    Ok(())
}

pub fn delete(file: &Path, id: &str) -> Result<(), CliError> {
    let (mut doc, id, kind) = open_record(file, id)?;
    with_record_type!(kind, T => doc.delete::<T>(id))?;
    eprintln!("Deleted {} {id}.", kind.name().replace('_', " "));
    Ok(())
}
