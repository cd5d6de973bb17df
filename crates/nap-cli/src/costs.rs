//! `nap costs` and `nap import csv`.

use crate::output::{author, emit, CliError};
use nap_app::import::CsvTarget;
use nap_core::costing::render::{self, Style};
use nap_core::costing::rounding::format_amount;
use nap_core::costing::views::{mtef, Measure};
use nap_core::costing::{compute, cross_table, Dimension, Rounding};
use nap_core::currency::minor_units;
use nap_core::progress::render::{execution_csv, execution_text, ExecutionStyle};
use nap_core::Plan;
use nap_store::{Access, PlanFile};
use rust_decimal::Decimal;
use std::path::Path;

/// What `nap costs` was asked for.
pub struct CostsRequest {
    pub by: Vec<String>,
    pub format: CostsFormat,
    pub currency: Option<String>,
    pub rounding: String,
    pub reconcile: bool,
    pub budget_year: Option<i32>,
    pub measure: Measure,
    pub khmer: bool,
    /// Budget execution in this year: budget, spent and execution rate.
    pub execution: Option<i32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CostsFormat {
    Table,
    Csv,
    Json,
}

fn other(msg: impl Into<String>) -> CliError {
    CliError::BadRequest(msg.into())
}

pub fn costs(file: &Path, req: CostsRequest) -> Result<(), CliError> {
    let plan = PlanFile::open(file, Access::ReadOnly)?.load()?;
    let rounding = nap_app::plan::rounding(&req.rounding)?;
    let cur = req.currency.as_deref().map(str::to_uppercase);
    let costing = compute(&plan, cur.as_deref())?;
    let dims: Vec<Dimension> = req
        .by
        .iter()
        .map(|d| nap_app::plan::dimension(d))
        .collect::<Result<_, _>>()?;
    if dims.len() > 2 {
        return Err(other("--by may be given at most twice (rows and columns)"));
    }
    let style = Style {
        rounding,
        reconcile: req.reconcile,
        second_language: req.khmer,
    };
    if let Some(year) = req.execution {
        if dims.len() > 1 || req.budget_year.is_some() {
            return Err(other(
                "budget execution (--execution) takes at most one --by and no --budget-year",
            ));
        }
        let by = dims.first().copied().unwrap_or(Dimension::Pillar);
        let view = nap_core::progress::view::execution(&plan, &costing, by, year)
            .map_err(nap_app::AppError::from)?;
        let style = ExecutionStyle {
            rounding,
            minor_units: minor_units(&costing.currency),
            second_language: req.khmer,
        };
        match req.format {
            CostsFormat::Table => emit(&execution_text(&view, style))?,
            CostsFormat::Csv => emit(&execution_csv(&view, style))?,
            CostsFormat::Json => emit(&format!(
                "{}\n",
                pretty(&serde_json::to_value(&view).map_err(|e| other(e.to_string()))?)?
            ))?,
        }
        return Ok(());
    }
    if let Some(year) = req.budget_year {
        if dims.len() > 1 {
            return Err(other(
                "the MTEF view (--budget-year) takes at most one --by",
            ));
        }
        let rows = dims.first().copied().unwrap_or(Dimension::Pillar);
        let view =
            mtef(&plan, &costing, rows, year, req.measure).map_err(|e| other(e.to_string()))?;
        match req.format {
            CostsFormat::Table => {
                emit(&format!("Medium-term view, budget year {year}\n\n"))?;
                emit(&render::to_text(&view.years, style))?;
                emit("\n")?;
                emit(&render::to_text(&view.period, style))?;
            }
            CostsFormat::Csv => {
                emit(&render::to_csv(&view.years, style))?;
                emit("\n")?;
                emit(&render::to_csv(&view.period, style))?;
            }
            CostsFormat::Json => println!(
                "{}",
                pretty(&serde_json::json!({
                    "budget_year": year,
                    "mtef_years": render::to_json(&view.years, style),
                    "plan_period": render::to_json(&view.period, style),
                }))?
            ),
        }
        return Ok(());
    }
    if dims.is_empty() {
        return summary(&plan, &costing, rounding, req.format);
    }
    let table = cross_table(&plan, &costing, dims[0], dims.get(1).copied(), req.measure);
    match req.format {
        CostsFormat::Table => emit(&render::to_text(&table, style))?,
        CostsFormat::Csv => emit(&render::to_csv(&table, style))?,
        CostsFormat::Json => emit(&format!("{}\n", pretty(&render::to_json(&table, style))?))?,
    }
    Ok(())
}

fn pretty(v: &serde_json::Value) -> Result<String, CliError> {
    serde_json::to_string_pretty(v).map_err(|e| other(e.to_string()))
}

fn summary(
    plan: &Plan,
    costing: &nap_core::costing::Costing,
    rounding: Rounding,
    format: CostsFormat,
) -> Result<(), CliError> {
    let s = costing.summary(plan);
    let minor = minor_units(&costing.currency);
    let percent = |part: Decimal| -> String {
        if s.total_cost.is_zero() {
            "0.0".into()
        } else {
            (part * Decimal::from(100) / s.total_cost)
                .round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
                .to_string()
        }
    };
    let rows = [
        ("total_cost", "Total cost", s.total_cost),
        ("contingency", "  of which contingency", s.contingency),
        ("committed", "Committed funding", s.committed),
        ("pledged", "Pledged funding", s.pledged),
        ("expected", "Expected funding", s.expected),
        ("gap", "Funding gap (cost − committed)", s.gap),
        (
            "gap_with_pledged",
            "Funding gap with pledges",
            s.gap_with_pledged,
        ),
        (
            "unallocated_committed",
            "Committed funding its earmarks leave unused",
            s.unallocated_committed,
        ),
    ];
    match format {
        CostsFormat::Json => {
            let mut m = serde_json::Map::new();
            m.insert("currency".into(), costing.currency.clone().into());
            m.insert(
                "rounding".into(),
                serde_json::to_value(rounding).map_err(|e| other(e.to_string()))?,
            );
            for (key, _, v) in rows {
                m.insert(key.into(), format_amount(v, rounding, minor, "").into());
            }
            m.insert("gap_percent".into(), percent(s.gap).into());
            m.insert(
                "gap_with_pledged_percent".into(),
                percent(s.gap_with_pledged).into(),
            );
            emit(&format!("{}\n", pretty(&serde_json::Value::Object(m))?))?;
        }
        CostsFormat::Csv => {
            emit("measure,amount\n")?;
            for (key, _, v) in rows {
                emit(&format!(
                    "{key},{}\n",
                    format_amount(v, rounding, minor, "")
                ))?;
            }
            emit(&format!("gap_percent,{}\n", percent(s.gap)))?;
        }
        CostsFormat::Table => {
            let unit = match rounding {
                Rounding::Thousands => ", thousands",
                Rounding::Millions => ", millions",
                _ => "",
            };
            emit(&format!(
                "{} — {}–{} ({}{unit})\n\n",
                plan.meta.title.text, plan.meta.start_year, plan.meta.end_year, costing.currency
            ))?;
            let values: Vec<String> = rows
                .iter()
                .map(|r| format_amount(r.2, rounding, minor, ","))
                .collect();
            let w = values.iter().map(String::len).max().unwrap_or(0);
            for ((_, label, _), v) in rows.iter().zip(&values) {
                emit(&format!("{label:<46} {v:>w$}\n"))?;
            }
            emit(&format!(
                "{:<46} {:>w$}\n",
                "Funding gap, share of cost",
                format!("{} %", percent(s.gap))
            ))?;
        }
    }
    Ok(())
}

/// What `nap import csv` was asked for.
pub struct CsvRequest<'a> {
    pub plan: &'a Path,
    pub input: &'a Path,
    pub skip_invalid: bool,
    pub rates: &'a [String],
    /// Set for `--new`: the plan to create, checked like `nap new`.
    pub new: Option<nap_core::sample::NewPlan>,
    pub force: bool,
}

pub fn import_csv_command(req: CsvRequest<'_>) -> Result<(), CliError> {
    let rates = nap_app::import::exchange_rates(req.rates)?;
    let target = match req.new {
        Some(spec) => CsvTarget::New {
            path: req.plan,
            spec,
            force: req.force,
        },
        None => CsvTarget::Existing(req.plan),
    };
    let imported =
        nap_app::import::costing_csv(target, req.input, req.skip_invalid, &rates, &author())?;
    let a = &imported.added;
    eprintln!("Imported {} rows from {} into {}: {} cost lines, {} activities, {} outputs, {} outcomes, {} pillars and {} agencies added.",
        a.rows,
        req.input.display(),
        req.plan.display(),
        a.cost_lines,
        a.activities,
        a.outputs,
        a.outcomes,
        a.pillars,
        a.agencies
    );
    for w in &imported.warnings {
        eprintln!("note: {w}");
    }
    if !imported.skipped.is_empty() {
        eprintln!(
            "{} invalid rows were skipped:",
            nap_core::costing::csv_import::invalid_rows(&imported.skipped)
        );
        for e in &imported.skipped {
            eprintln!("  {e}");
        }
    }
    Ok(())
}
