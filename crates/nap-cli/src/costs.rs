//! `nap costs` and `nap import csv`.

use crate::output::{author, emit, CliError};
use nap_core::costing::csv_import::{import_csv, MAX_CSV_BYTES};
use nap_core::costing::render::{self, Style};
use nap_core::costing::rounding::format_amount;
use nap_core::costing::views::{mtef, Measure};
use nap_core::costing::{compute, cross_table, Dimension, Rounding};
use nap_core::currency::currency;
use nap_core::sample::{new_plan, NewPlan};
use nap_core::{ExchangeRate, Id, Plan, RecordMeta};
use nap_store::{now, Access, Document, PlanFile};
use rust_decimal::Decimal;
use std::io::Read;
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
    let minor = currency(&costing.currency).map_or(2, |c| c.minor_units);
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
    /// Set for `--new`: the new plan's metadata.
    pub new: Option<NewPlan>,
    pub force: bool,
}

/// Parses `CUR=RATE` options.
fn parse_rates(rates: &[String]) -> Result<Vec<(String, Decimal)>, CliError> {
    rates
        .iter()
        .map(|r| {
            let (c, v) = r.split_once('=').ok_or_else(|| {
                other(format!(
                    "--rate `{r}`: write it as CURRENCY=RATE, e.g. USD=4100"
                ))
            })?;
            let c = c.trim().to_uppercase();
            if currency(&c).is_none() {
                return Err(other(format!(
                    "--rate `{r}`: `{c}` is not a known ISO 4217 currency code"
                )));
            }
            let v: Decimal = v
                .trim()
                .parse()
                .map_err(|_| other(format!("--rate `{r}`: `{v}` is not a number")))?;
            if v <= Decimal::ZERO {
                return Err(other(format!(
                    "--rate `{r}`: the rate must be greater than zero"
                )));
            }
            Ok((c, v))
        })
        .collect()
}

fn set_rates(plan: &mut Plan, rates: &[(String, Decimal)], source: &str) {
    let now = now();
    for (cur, rate) in rates {
        match plan
            .exchange_rates
            .iter_mut()
            .find(|r| &r.currency == cur && r.year.is_none())
        {
            Some(r) => {
                r.rate = *rate;
                r.date = now.date();
                r.source = source.to_string();
                r.record.modified = now.clone();
                r.record.modified_by = author();
            }
            None => plan.exchange_rates.push(ExchangeRate {
                record: RecordMeta::new(Id::new_v4(), &now, &author()),
                currency: cur.clone(),
                year: None,
                rate: *rate,
                date: now.date(),
                source: source.to_string(),
            }),
        }
    }
}

pub fn import_csv_command(req: CsvRequest<'_>) -> Result<(), CliError> {
    let rates = parse_rates(req.rates)?;
    let f = std::fs::File::open(req.input).map_err(|e| CliError::io(req.input, e))?;
    let len = f.metadata().map_err(|e| CliError::io(req.input, e))?.len();
    if len > MAX_CSV_BYTES as u64 {
        return Err(CliError::Input {
            path: req.input.to_path_buf(),
            message: format!("the file is {len} bytes; the largest costing CSV accepted is {MAX_CSV_BYTES} bytes"),
        });
    }
    let mut bytes = Vec::new();
    f.take(MAX_CSV_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| CliError::io(req.input, e))?;
    let source = format!("set when importing {}", req.input.display());
    let now = now();
    let mut doc = None;
    let base = match &req.new {
        Some(spec) => {
            if !req.force && req.plan.exists() {
                return Err(nap_store::StoreError::AlreadyExists(req.plan.to_path_buf()).into());
            }
            let mut p = new_plan(spec, &now, &author(), Id::new_v4);
            p.pillars.clear();
            p
        }
        None => {
            let d = Document::open(req.plan, &author())?;
            let p = d.plan().clone();
            doc = Some(d);
            p
        }
    };
    let mut base = base;
    set_rates(&mut base, &rates, &source);
    let imported = import_csv(&base, &bytes, req.skip_invalid, &now, &author(), Id::new_v4)
        .map_err(|e| CliError::Input {
            path: req.input.to_path_buf(),
            message: e.to_string(),
        })?;
    match doc {
        Some(mut d) => d.replace(imported.plan)?,
        None => {
            PlanFile::create(req.plan, &imported.plan, req.force)?;
        }
    }
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
        eprintln!("{} invalid rows were skipped:", imported.skipped.len());
        for e in &imported.skipped {
            eprintln!("  {e}");
        }
    }
    Ok(())
}
