//! `nap export annex|workbook|csv`.

use crate::output::{write_atomically, CliError};
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
