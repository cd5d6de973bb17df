//! `nap send`, `nap merge`, `nap undo-merge`, and the scripted edits `nap list|set|delete`.

use crate::output::{author, emit, CliError};
use crate::Format;
use nap_app::{records, ErrorCode};
use nap_core::merge::{Action, MergeReport};
use nap_core::Id;
use nap_store::{Access, Document, PlanFile};
use serde_json::Value;
use std::path::Path;

pub fn send(file: &Path, out: &Path, agency: Option<&str>, note: &str) -> Result<(), CliError> {
    let mut doc = Document::open(file, &author())?;
    let sent = nap_app::sharing::send(&mut doc, out, agency, note)?;
    eprintln!(
        "Wrote {}{}.",
        sent.path.display(),
        sent.agency_code
            .map(|a| format!(", scoped to {a}'s part"))
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

/// Returns the exit status: 0, or that of `unresolved` when conflicts stopped the merge.
pub fn merge(
    file: &Path,
    incoming: &Path,
    dry_run: bool,
    format: Format,
    resolve: Option<&str>,
) -> Result<u8, CliError> {
    let resolve = nap_app::sharing::resolve_all(resolve)?;
    let mut doc = Document::open(file, &author())?;
    let merged = nap_app::sharing::merge_all(&mut doc, incoming, resolve, dry_run)?;
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
            .map_err(|e| CliError::Internal(e.to_string()))?
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
            ErrorCode::Unresolved.exit_code()
        } else {
            0
        },
    )
}

pub fn undo_merge(file: &Path) -> Result<(), CliError> {
    let mut doc = Document::open(file, &author())?;
    let undone = nap_app::sharing::undo_last(&mut doc)?;
    eprintln!(
        "Undid the merge of {} made at {}.",
        undone.from_file, undone.at
    );
    Ok(())
}

pub fn list(file: &Path, kind: &str, format: Format) -> Result<(), CliError> {
    let kind = records::kind_named(kind)?;
    let plan = PlanFile::open(file, Access::ReadOnly)?.load()?;
    let items = records::list(&plan, kind);
    match format {
        Format::Json => emit(&format!(
            "{}\n",
            serde_json::to_string_pretty(&items.iter().map(|(_, v)| v).collect::<Vec<_>>())
                .map_err(|e| CliError::Internal(e.to_string()))?
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

/// Opens `file` for a scripted edit of the record `id`.
fn open_record(file: &Path, id: &str) -> Result<(Document, Id), CliError> {
    let id = records::record_id(id)?;
    Ok((Document::open(file, &author())?, id))
}

pub fn set(file: &Path, id: &str, assignments: &[String]) -> Result<(), CliError> {
    if id == "plan" {
        let mut doc = Document::open(file, &author())?;
        records::set_plan(&mut doc, assignments)?;
        eprintln!("Updated the plan's settings.");
        return Ok(());
    }
    let (mut doc, id) = open_record(file, id)?;
    let kind = records::set_fields(&mut doc, id, assignments)?;
    eprintln!("Updated {} {id}.", kind.name().replace('_', " "));
    Ok(())
}

pub fn add(file: &Path, kind: &str, assignments: &[String]) -> Result<(), CliError> {
    // A lump sum is a cost line, given for any level of the results chain.
    if matches!(kind.trim(), "lump-sum" | "lump_sum") {
        let mut doc = Document::open(file, &author())?;
        let id = nap_app::costing::add_lump_sum_from_assignments(&mut doc, assignments)?;
        emit(&format!("{id}\n"))?;
        eprintln!("Added lump sum {id}.");
        return Ok(());
    }
    let kind = records::kind_named(kind)?;
    let mut doc = Document::open(file, &author())?;
    let what = kind.name().replace('_', " ");
    // A report for a period already reported replaces it: say so.
    if matches!(
        kind,
        nap_core::RecordKind::Progress
            | nap_core::RecordKind::ActivityStatus
            | nap_core::RecordKind::Expenditure
    ) {
        let done = nap_app::progress::add_from_assignments(&mut doc, kind, assignments)?;
        emit(&format!("{}\n", done.id))?;
        let verb = if done.replaced {
            "Replaced the earlier"
        } else {
            "Added"
        };
        eprintln!("{verb} {what} {}.", done.id);
        return Ok(());
    }
    let id = records::add(&mut doc, kind, assignments)?;
    emit(&format!("{id}\n"))?;
    eprintln!("Added {what} {id}.");
    Ok(())
}

pub fn delete(file: &Path, id: &str) -> Result<(), CliError> {
    let (mut doc, id) = open_record(file, id)?;
    let kind = records::delete(&mut doc, id)?;
    eprintln!("Deleted {} {id}.", kind.name().replace('_', " "));
    Ok(())
}
