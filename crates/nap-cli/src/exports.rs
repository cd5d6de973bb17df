//! `nap export annex|workbook|csv`.

use crate::output::{emit, write_atomically, CliError};
use nap_core::costing::Rounding;
use nap_export::{annex as make_annex, AnnexOptions, Lang};
use nap_store::{now, Access, PlanFile};
use std::path::Path;

fn other(msg: impl Into<String>) -> CliError {
    CliError::Other(msg.into())
}

pub fn annex(
    file: &Path,
    out: &Path,
    lang: &str,
    budget_year: Option<i32>,
    currency: Option<String>,
    rounding: &str,
    reconcile: bool,
) -> Result<(), CliError> {
    let lang = Lang::parse(lang).ok_or_else(|| {
        other(format!(
            "`{lang}` is not a language of the annex: use en or km"
        ))
    })?;
    let rounding = match Rounding::parse(rounding) {
        Some(Rounding::Exact) | None => {
            return Err(other(format!(
            "`{rounding}` is not a rounding mode for the annex: use unit, thousands or millions"
        )))
        }
        Some(r) => r,
    };
    let plan = PlanFile::open(file, Access::ReadOnly)?.load()?;
    let opts = AnnexOptions {
        lang,
        budget_year,
        currency,
        rounding,
        reconcile,
        date: now().date(),
    };
    let bytes = make_annex(&plan, &opts).map_err(|e| other(e.to_string()))?;
    write_atomically(out, &bytes, true)?;
    eprintln!("Wrote {} ({} bytes).", out.display(), bytes.len());
    Ok(())
}

pub fn workbook(
    file: &Path,
    out: &Path,
    currency: Option<String>,
    budget_year: Option<i32>,
) -> Result<(), CliError> {
    let plan = PlanFile::open(file, Access::ReadOnly)?.load()?;
    let opts = nap_export::WorkbookOptions {
        currency,
        budget_year,
    };
    let bytes = nap_export::workbook(&plan, &opts).map_err(|e| other(e.to_string()))?;
    write_atomically(out, &bytes, true)?;
    eprintln!("Wrote {} ({} bytes).", out.display(), bytes.len());
    Ok(())
}

pub fn csv(
    file: &Path,
    table: &str,
    out: Option<&Path>,
    currency: Option<String>,
) -> Result<(), CliError> {
    let which = nap_export::CsvTable::parse(table).ok_or_else(|| {
        other(format!(
            "`{table}` is not a table: use lines, pillar-year, agency-year or source-year"
        ))
    })?;
    let plan = PlanFile::open(file, Access::ReadOnly)?.load()?;
    let cur = currency.map(|c| c.to_uppercase());
    let text =
        nap_export::csv_table(&plan, which, cur.as_deref()).map_err(|e| other(e.to_string()))?;
    match out {
        Some(out) => write_atomically(out, text.as_bytes(), true)?,
        None => emit(&text)?,
    }
    Ok(())
}
