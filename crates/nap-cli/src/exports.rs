//! `nap export annex|workbook|csv`: the options checked and the export made by the
//! application layer (`nap_app::export`), the result reported.

use crate::output::{emit, CliError};
use nap_app::export::{annex_rounding, csv_table, document_language, Export, ReportFormat};
use nap_store::{Access, PlanFile};
use std::path::Path;

fn load(file: &Path) -> Result<nap_core::Plan, CliError> {
    Ok(PlanFile::open(file, Access::ReadOnly)?.load()?)
}

fn write(file: &Path, out: &Path, export: Export) -> Result<(), CliError> {
    write_plan(&load(file)?, out, export)
}

fn write_plan(plan: &nap_core::Plan, out: &Path, export: Export) -> Result<(), CliError> {
    let done = export.write(plan, out)?;
    eprintln!("Wrote {} ({} KB).", done.path, done.kilobytes);
    Ok(())
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
    let plan = load(file)?;
    let export = Export::Annex {
        lang: document_language(&plan, lang)?,
        budget_year,
        currency,
        rounding: annex_rounding(rounding)?,
        reconcile,
    };
    write_plan(&plan, out, export)
}

pub fn workbook(
    file: &Path,
    out: &Path,
    currency: Option<String>,
    budget_year: Option<i32>,
) -> Result<(), CliError> {
    write(
        file,
        out,
        Export::Workbook {
            currency,
            budget_year,
        },
    )
}

pub fn csv(
    file: &Path,
    table: &str,
    out: Option<&Path>,
    currency: Option<String>,
) -> Result<(), CliError> {
    let export = Export::Csv {
        table: csv_table(table)?,
        currency,
    };
    match out {
        Some(out) => write(file, out, export),
        None => {
            let bytes = export.make(&load(file)?)?;
            emit(&String::from_utf8_lossy(&bytes))
        }
    }
}

pub fn iati(file: &Path, out: &Path) -> Result<(), CliError> {
    write(file, out, Export::Iati)
}

/// The format asked for, or else the one `out`'s extension names.
fn format_of(format: Option<&str>, out: &Path) -> Result<ReportFormat, CliError> {
    let format = match format {
        Some(f) => f.to_string(),
        None => out
            .extension()
            .map(|e| e.to_string_lossy().into_owned())
            .unwrap_or_default(),
    };
    ReportFormat::parse(&format)
}

pub fn document(file: &Path, out: &Path, format: Option<&str>, lang: &str) -> Result<(), CliError> {
    let plan = load(file)?;
    let export = Export::Document {
        lang: document_language(&plan, lang)?,
        format: format_of(format, out)?,
    };
    write_plan(&plan, out, export)
}

pub fn agency_plan(
    file: &Path,
    out: &Path,
    agency: &str,
    format: Option<&str>,
    lang: &str,
) -> Result<(), CliError> {
    let plan = load(file)?;
    let lang = document_language(&plan, lang)?;
    if agency.trim().eq_ignore_ascii_case("all") {
        let format = ReportFormat::parse(format.unwrap_or("pdf"))?;
        let done = nap_app::export::agency_plans_to_folder(&plan, out, lang, format)?;
        for d in &done {
            eprintln!("Wrote {} ({} KB).", d.path, d.kilobytes);
        }
        return Ok(());
    }
    let export = Export::AgencyPlan {
        lang,
        format: format_of(format, out)?,
        agency: agency.to_string(),
    };
    write_plan(&plan, out, export)
}

pub fn tor(
    file: &Path,
    out: &Path,
    body: Option<String>,
    format: Option<&str>,
    lang: &str,
) -> Result<(), CliError> {
    let plan = load(file)?;
    let export = Export::TermsOfReference {
        lang: document_language(&plan, lang)?,
        format: format_of(format, out)?,
        body,
    };
    write_plan(&plan, out, export)
}

pub fn progress_report(
    file: &Path,
    out: &Path,
    period: &str,
    format: Option<&str>,
    lang: &str,
) -> Result<(), CliError> {
    let plan = load(file)?;
    let format = format_of(format, out)?;
    let export = Export::ProgressReport {
        period: period.to_string(),
        lang: document_language(&plan, lang)?,
        format,
    };
    write_plan(&plan, out, export)
}
