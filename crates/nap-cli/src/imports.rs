//! `nap import sheet`: a logframe or costing from a spreadsheet, reviewed before it is written.

use crate::output::{author, emit, CliError};
use crate::Format;
use nap_app::import::{CsvTarget, SheetImported, SheetRequest};
use std::fmt::Write as _;
use std::path::Path;

/// What `nap import sheet` was asked.
pub struct SheetArgs<'a> {
    pub plan: &'a Path,
    pub input: &'a Path,
    pub sheet: Option<String>,
    pub map: &'a [String],
    pub dry_run: bool,
    pub skip_invalid: bool,
    pub format: Format,
    /// With --new: the plan to create, checked like `nap new`.
    pub new: Option<nap_core::sample::NewPlan>,
    pub force: bool,
}

pub fn sheet(args: SheetArgs<'_>) -> Result<(), CliError> {
    let map = args
        .map
        .iter()
        .map(|m| {
            m.split_once('=')
                .map(|(f, c)| (f.trim().to_string(), c.trim().to_string()))
                .ok_or_else(|| {
                    CliError::BadRequest(format!(
                        "--map {m}: write FIELD=COLUMN, e.g. --map activity=C"
                    ))
                })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let target = match args.new {
        Some(spec) => CsvTarget::New {
            path: args.plan,
            spec,
            force: args.force,
        },
        None => CsvTarget::Existing(args.plan),
    };
    let request = SheetRequest {
        sheet: args.sheet,
        map,
        dry_run: args.dry_run,
        skip_invalid: args.skip_invalid,
    };
    let imported = nap_app::import::sheet(target, args.input, &request, &author())?;
    match args.format {
        Format::Json => emit(
            &(serde_json::to_string_pretty(&imported)
                .map_err(|e| CliError::Internal(e.to_string()))?
                + "\n"),
        )?,
        Format::Text => emit(&review_text(&imported))?,
    }
    if imported.written {
        eprintln!(
            "Imported {} rows from {} into {}.",
            imported.review.rows,
            args.input.display(),
            args.plan.display()
        );
    } else {
        eprintln!("Review only (--dry-run): nothing was written.");
    }
    Ok(())
}

/// The review as a person reads it in a terminal.
fn review_text(imported: &SheetImported) -> String {
    let r = &imported.review;
    let mut out = String::new();
    if !imported.sheet.is_empty() {
        let _ = writeln!(
            out,
            "Sheet \"{}\" (of {}), header on row {}.",
            imported.sheet,
            imported.sheets.join(", "),
            r.header_row
        );
    } else {
        if r.header_last_row > r.header_row {
            let _ = writeln!(
                out,
                "Header on rows {}–{}.",
                r.header_row, r.header_last_row
            );
        } else {
            let _ = writeln!(out, "Header on row {}.", r.header_row);
        }
    }
    let _ = writeln!(out, "\nColumns:");
    for c in &r.columns {
        let field = c.field.as_deref().unwrap_or("-");
        let hint = if c.note.code == "column_not_recognised" {
            " (use --map to read it)"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  {:<3} {:<32} {:<16} {}{hint}",
            c.column,
            c.header,
            field,
            c.described()
        );
    }
    let _ = writeln!(
        out,
        "\n{} to import:",
        if r.rows == 1 {
            "1 row".to_string()
        } else {
            format!("{} rows", r.rows)
        }
    );
    for c in &r.counts {
        let _ = writeln!(
            out,
            "  {:<14} {} new, {} matched",
            c.kind.replace('_', " "),
            c.created,
            c.matched
        );
    }
    let said = |list: &[nap_core::sheet_import::Said]| -> Vec<String> {
        list.iter().map(|s| s.message.clone()).collect()
    };
    let lists = [
        ("Agencies created", r.agencies_created.clone()),
        (
            "Placeholders for levels the sheet does not give",
            said(&r.placeholders),
        ),
        ("Notes", said(&r.notes)),
    ];
    for (title, items) in lists {
        if !items.is_empty() {
            let _ = writeln!(out, "\n{title}:");
            for i in items.iter() {
                let _ = writeln!(out, "  {i}");
            }
        }
    }
    if !r.amounts.is_empty() {
        let _ = writeln!(out, "\nAmounts by pillar and year (as in the sheet):");
        for a in &r.amounts {
            let _ = writeln!(
                out,
                "  {:<40} {} {:>22} {}",
                a.pillar, a.year, a.amount, a.currency
            );
        }
    }
    for c in &r.total_checks {
        let year = c.year.map_or("all years".to_string(), |y| y.to_string());
        let verdict = if c.difference == "0" {
            "agrees".to_string()
        } else {
            format!("differs by {}", c.difference)
        };
        let _ = writeln!(
            out,
            "Total on row {} ({year}): {} in the sheet, {} {} imported: {verdict}",
            c.row, c.sheet_total, c.imported, c.currency
        );
        if !c.converted.is_empty() {
            let _ = writeln!(
                out,
                "  (amounts in {} counted in {} at the plan's rate of their year)",
                c.converted.join(", "),
                c.currency
            );
        }
    }
    if !r.refused.is_empty() {
        let _ = writeln!(out, "\n{} refused:", r.refused.len());
        for f in &r.refused {
            let _ = writeln!(out, "  {f}");
        }
    }
    out
}
