//! The commands: each parses nothing (clap did), calls the core and the store, and reports.

use crate::output::{author, emit, write_atomically, CliError};
use crate::{Format, SampleSize};
use nap_core::sample::{generated_plan, sample_plan, PlanSize};
use nap_core::{interchange, ElementCounts, Plan, RecordKind};
use nap_store::{Access, PlanFile};
use std::path::Path;

pub fn sample(size: SampleSize, out: &Path, force: bool) -> Result<(), CliError> {
    let plan = match size {
        SampleSize::Small => sample_plan(),
        SampleSize::Medium => generated_plan(PlanSize::Medium),
        SampleSize::Large => generated_plan(PlanSize::Large),
    };
    PlanFile::create(out, &plan, force)?;
    eprintln!(
        "Wrote {} ({} activities, {} cost lines).",
        out.display(),
        plan.activities.len(),
        plan.cost_lines.len()
    );
    Ok(())
}

/// What `nap new` is told about the plan.
pub struct NewArgs {
    pub title: String,
    pub country: String,
    pub start: i32,
    pub end: i32,
    pub currency: String,
    pub language: Option<String>,
    pub second_language: Option<String>,
}

pub fn new(out: &Path, args: NewArgs, force: bool) -> Result<(), CliError> {
    let spec = nap_app::files::described_plan(
        &args.title,
        &args.country,
        args.start,
        args.end,
        &args.currency,
        args.language.as_deref(),
        args.second_language.as_deref(),
    )?;
    nap_app::files::create_new(out, &spec, &author(), force)?;
    eprintln!("Created {}.", out.display());
    Ok(())
}

fn load(file: &Path) -> Result<(PlanFile, Plan), CliError> {
    let f = PlanFile::open(file, Access::ReadOnly)?;
    let plan = f.load()?;
    Ok((f, plan))
}

pub fn info(file: &Path, format: Format) -> Result<(), CliError> {
    let (f, plan) = load(file)?;
    let schema = f.schema_version()?;
    let m = &plan.meta;
    let elements = ElementCounts::of(&plan);
    match format {
        Format::Json => {
            let counts: serde_json::Map<String, serde_json::Value> = RecordKind::ALL
                .iter()
                .map(|k| (k.name().to_string(), k.count_in(&plan).into()))
                .collect();
            let v = serde_json::json!({
                "plan_id": m.record.id,
                "title": m.title,
                "country": m.country,
                "country_name": m.country_name,
                "period": { "start": m.start_year, "end": m.end_year },
                "status": m.status,
                "base_currency": m.base_currency,
                "presentation_currency": m.presentation_currency,
                "working_language": m.working_language,
                "second_language": m.second_language,
                "schema_version": schema,
                "format_version": plan.format_version,
                "modified": m.record.modified,
                "elements": elements,
                "counts": counts,
            });
            println!(
                "{}",
                serde_json::to_string_pretty(&v).map_err(|e| CliError::Internal(e.to_string()))?
            );
        }
        Format::Text => {
            let presentation = m
                .presentation_currency
                .as_deref()
                .map(|p| format!(" (presented also in {p})"))
                .unwrap_or_default();
            emit(&format!("Title:     {}\n", m.title.text))?;
            if let Some(l2) = &m.title.l2 {
                emit(&format!("           {l2}\n"))?;
            }
            emit(&format!(
                "Country:   {} ({})\n",
                m.country_name.text, m.country
            ))?;
            emit(&format!("Period:    {}–{}\n", m.start_year, m.end_year))?;
            emit(&format!("Status:    {:?}\n", m.status))?;
            emit(&format!("Currency:  {}{presentation}\n", m.base_currency))?;
            let name = |tag: &str| {
                nap_core::languages::language(tag)
                    .map_or(tag.to_string(), |l| l.english.to_string())
            };
            emit(&format!(
                "Languages: {}{}\n",
                name(&m.working_language),
                m.second_language
                    .as_deref()
                    .map(|l| format!(", second language {}", name(l)))
                    .unwrap_or_default()
            ))?;
            emit(&format!(
                "Schema:    file format {schema}, interchange format {}\n",
                plan.format_version
            ))?;
            emit("\n")?;
            emit("The six elements\n")?;
            let rows = [
                (
                    "1. Narrative local framework",
                    elements.narrative,
                    "sections",
                ),
                (
                    "2. Results framework (M&E)",
                    elements.results_framework,
                    "outcomes, outputs, activities and indicators",
                ),
                (
                    "3. Resources plan (costing)",
                    elements.resources,
                    "cost lines",
                ),
                (
                    "4. Communication plan",
                    elements.communication,
                    "items and activities",
                ),
                (
                    "5. Agency operational plans",
                    elements.agency_plans,
                    "agency plans",
                ),
                (
                    "6. Coordinating bodies (ToR)",
                    elements.coordination,
                    "bodies",
                ),
            ];
            for (name, n, what) in rows {
                emit(&format!("  {name:<32} {n:>6}  {what}\n"))?;
            }
            emit("\n")?;
            emit("Records\n")?;
            for k in RecordKind::ALL {
                emit(&format!("  {:<24} {:>6}\n", k.name(), k.count_in(&plan)))?;
            }
        }
    }
    Ok(())
}

pub fn export_json(file: &Path, out: Option<&Path>) -> Result<(), CliError> {
    let (_, plan) = load(file)?;
    let json = interchange::to_json(&plan);
    match out {
        Some(out) => write_atomically(out, json.as_bytes(), true)?,
        None => emit(&json)?,
    }
    Ok(())
}

pub fn import_json(input: &Path, out: &Path, force: bool) -> Result<(), CliError> {
    nap_app::import::interchange_json(input, out, force)?;
    eprintln!("Imported {} into {}.", input.display(), out.display());
    Ok(())
}

pub fn repair(
    file: &Path,
    out: Option<&Path>,
    force: bool,
    format: Format,
) -> Result<(), CliError> {
    let dest = match out {
        Some(out) => out.to_path_buf(),
        None => {
            let dir = file.parent().filter(|d| !d.as_os_str().is_empty());
            nap_app::files::repaired_copy_name(file, dir.unwrap_or(Path::new("")))
        }
    };
    let copy = nap_app::files::repair_copy(file, &dest, force)?;
    match format {
        Format::Json => emit(
            &(serde_json::to_string_pretty(&copy)
                .map_err(|e| CliError::Internal(e.to_string()))?
                + "\n"),
        )?,
        Format::Text => {
            for c in &copy.changes {
                match &c.record {
                    Some(r) => println!("{r}: {}. ({})", c.change, c.problem),
                    None => println!("Plan settings: {}. ({})", c.change, c.problem),
                }
            }
        }
    }
    match copy.changes.len() {
        0 => eprintln!(
            "The plan needed no repair; wrote an unchanged copy to {}.",
            copy.path
        ),
        n => eprintln!(
            "Wrote the repaired copy to {} ({n} change{}). {} has not been changed.",
            copy.path,
            if n == 1 { "" } else { "s" },
            file.display()
        ),
    }
    Ok(())
}

/// Prints the quality review; returns how many errors it found.
pub fn check(file: &Path, format: Format) -> Result<usize, CliError> {
    let (_, plan) = load(file)?;
    let review = nap_app::review::check(&plan);
    match format {
        Format::Json => emit(
            &(serde_json::to_string_pretty(&review)
                .map_err(|e| CliError::Internal(e.to_string()))?
                + "\n"),
        )?,
        Format::Text => {
            let mut out = String::new();
            for f in &review.findings {
                let severity = match f.severity {
                    nap_core::review::Severity::Error => "error",
                    nap_core::review::Severity::Warning => "warning",
                    nap_core::review::Severity::Advice => "advice",
                };
                out.push_str(&format!("{severity:<8} {:<34} {}\n", f.code, f.message));
            }
            out.push_str(&format!(
                "{} errors, {} warnings, {} pieces of advice.\n",
                review.errors, review.warnings, review.advice
            ));
            emit(&out)?;
        }
    }
    Ok(review.errors)
}
