//! `nap version save|list|diff|restore` and `nap backup list|restore`.

use crate::output::{author, emit, CliError};
use crate::Format;
use nap_app::versions;
use nap_core::costing::rounding::{format_amount, Rounding};
use nap_core::currency::currency;
use nap_core::merge::Action;
use nap_store::Document;
use std::path::Path;

fn json(value: &impl serde::Serialize) -> Result<(), CliError> {
    emit(
        &(serde_json::to_string_pretty(value).map_err(|e| CliError::Internal(e.to_string()))?
            + "\n"),
    )
}

/// `nap version save PLAN --name N [--note T] [--status S]`.
pub fn save(file: &Path, name: &str, note: &str, status: Option<&str>) -> Result<(), CliError> {
    let mut doc = Document::open(file, &author())?;
    let saved = versions::save(&mut doc, name, note, status)?;
    eprintln!("Saved version \"{}\" ({}).", saved.name, saved.id);
    Ok(())
}

/// `nap version list PLAN`.
pub fn list(file: &Path, format: Format) -> Result<(), CliError> {
    let doc = Document::open_read_only(file, &author())?;
    let all = versions::list(&doc)?;
    match format {
        Format::Json => json(&all),
        Format::Text => {
            let mut out = String::new();
            for v in &all {
                let status = serde_json::to_value(v.status)
                    .ok()
                    .and_then(|s| s.as_str().map(str::to_string))
                    .unwrap_or_default();
                out.push_str(&format!(
                    "{}  {}  {:<13} {}{}{}\n",
                    v.id,
                    &v.saved.as_str()[..10],
                    status,
                    v.name,
                    if v.note.is_empty() {
                        String::new()
                    } else {
                        format!(" — {}", v.note)
                    },
                    if v.has_snapshot { "" } else { " (no snapshot)" }
                ));
            }
            if all.is_empty() {
                eprintln!("This plan has no named versions yet: `nap version save` makes one.");
            }
            emit(&out)
        }
    }
}

/// `nap version diff PLAN FROM [TO]`: TO is the plan as it is now when not given.
pub fn diff(file: &Path, from: &str, to: Option<&str>, format: Format) -> Result<(), CliError> {
    let doc = Document::open_read_only(file, &author())?;
    let from = versions::named(&doc, from)?;
    let to = to.map(|t| versions::named(&doc, t)).transpose()?;
    let c = versions::compare(&doc, from, to)?;
    if let Format::Json = format {
        return json(&c);
    }
    let mut out = String::new();
    if c.changes.is_empty() {
        out.push_str("No records differ.\n");
    }
    for e in &c.elements {
        out.push_str(&format!(
            "{:<20} {} added, {} changed, {} deleted\n",
            e.element, e.added, e.changed, e.deleted
        ));
    }
    out.push('\n');
    for ch in &c.changes {
        let action = match ch.action {
            Action::Add => "added",
            Action::Change => "changed",
            Action::Delete => "deleted",
        };
        out.push_str(&format!("{action:<8} {} {}\n", ch.kind, ch.label));
        for f in &ch.fields {
            out.push_str(&format!(
                "         {}: {} → {}\n",
                f.field, f.before, f.after
            ));
        }
    }
    let minor = currency(&c.currency).map_or(2, |x| x.minor_units);
    let fmt = |v| format_amount(v, Rounding::Unit, minor, ",");
    out.push_str(&format!("\nCost by pillar ({})\n", c.currency));
    for r in &c.cost_by_pillar {
        let label = if r.code.is_empty() {
            r.label.text.clone()
        } else {
            format!("{} {}", r.code, r.label.text)
        };
        out.push_str(&format!(
            "{:<44} {:>20} {:>20} {:>20}\n",
            label.chars().take(44).collect::<String>(),
            fmt(r.before),
            fmt(r.after),
            fmt(r.change)
        ));
    }
    out.push_str(&format!(
        "{:<44} {:>20} {:>20} {:>20}\n",
        "Total",
        fmt(c.total_before),
        fmt(c.total_after),
        fmt(c.total_after - c.total_before)
    ));
    emit(&out)
}

/// `nap version restore PLAN VERSION`.
pub fn restore(file: &Path, version: &str) -> Result<(), CliError> {
    let mut doc = Document::open(file, &author())?;
    let id = versions::named(&doc, version)?;
    let done = versions::restore(&mut doc, id)?;
    eprintln!(
        "Restored version \"{}\": {} records and settings changed.{}",
        version.trim(),
        done.changed,
        done.backup
            .map(|b| format!(" The plan as it was is backed up in {b}."))
            .unwrap_or_default()
    );
    Ok(())
}

/// `nap backup list`.
pub fn backup_list(format: Format) -> Result<(), CliError> {
    let all = nap_app::backups::list(&nap_app::files::data_dir());
    match format {
        Format::Json => json(&all),
        Format::Text => {
            let mut out = String::new();
            for b in &all {
                let reason = serde_json::to_value(b.reason)
                    .ok()
                    .and_then(|s| s.as_str().map(str::to_string))
                    .unwrap_or_default();
                out.push_str(&format!(
                    "{}  {:<8} {}  ({})\n    {}\n",
                    &b.at[..16],
                    reason,
                    b.title,
                    b.plan_path,
                    b.path
                ));
            }
            if all.is_empty() {
                eprintln!("There are no backups yet.");
            }
            emit(&out)
        }
    }
}

/// `nap backup restore BACKUP [-o OUT]`.
pub fn backup_restore(backup: &Path, out: Option<&Path>) -> Result<(), CliError> {
    let cwd = std::env::current_dir().map_err(|e| CliError::io(Path::new("."), e))?;
    let written = nap_app::backups::restore(backup, out, &cwd)?;
    eprintln!("Wrote {}.", written.display());
    Ok(())
}
