//! Following the plan after adoption: indicator values, activity statuses and spending
//! reported per period, as the Progress screen and `nap add progress|activity-status|
//! expenditure` record them, and the views of progress and budget execution. Each report
//! is one undoable edit; reporting the same period again replaces the earlier report.

use crate::{AppError, ScopeLock};
use nap_core::costing::views::Dimension;
use nap_core::progress::edit::{
    report_expenditure, report_progress, report_status, BreakdownEntry, ExpenditureEntry,
    ProgressEntry, StatusEntry,
};
use nap_core::progress::view::{self, Execution, ExecutionError, ProgressView};
use nap_core::progress::Period;
use nap_core::{Id, Plan, Record, RecordKind, Year};
use nap_store::{now, Document};
use serde::Serialize;
use ts_rs::TS;

impl From<ExecutionError> for AppError {
    fn from(e: ExecutionError) -> Self {
        match e {
            ExecutionError::NoRate { .. } => AppError::RateNeeded(e.to_string()),
            ExecutionError::Dimension(_) => AppError::BadRequest(e.to_string()),
            ExecutionError::YearOutsidePlan(_) | ExecutionError::Overflow(_) => {
                AppError::Invalid(e.to_string())
            }
        }
    }
}

/// What a report did.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Reported {
    pub id: Id,
    /// True when it replaced an earlier report for the same period.
    pub replaced: bool,
}

fn save<T: Record>(doc: &mut Document, record: T) -> Result<Reported, AppError> {
    let id = record.meta().id;
    let replaced = T::list(doc.plan()).iter().any(|r| r.meta().id == id);
    doc.upsert(record)?;
    Ok(Reported { id, replaced })
}

/// Records an indicator's value for a period.
pub fn record_progress(doc: &mut Document, entry: &ProgressEntry) -> Result<Reported, AppError> {
    let record = report_progress(doc.plan(), entry, Id::new_v4(), &now(), doc.author())?;
    save(doc, record)
}

/// Records an activity's status for a period.
pub fn record_status(doc: &mut Document, entry: &StatusEntry) -> Result<Reported, AppError> {
    let record = report_status(doc.plan(), entry, Id::new_v4(), &now(), doc.author())?;
    save(doc, record)
}

/// Records what an activity spent in a year.
pub fn record_expenditure(
    doc: &mut Document,
    entry: &ExpenditureEntry,
) -> Result<Reported, AppError> {
    let record = report_expenditure(doc.plan(), entry, Id::new_v4(), &now(), doc.author())?;
    save(doc, record)
}

/// The period a user means: as written, or when empty the latest year with a report
/// (else the current year, kept within the plan period).
pub fn period_named(plan: &Plan, text: &str) -> Result<Period, AppError> {
    if text.trim().is_empty() {
        let reported = plan
            .progress
            .iter()
            .map(|p| p.year)
            .chain(plan.activity_statuses.iter().map(|s| s.year))
            .chain(plan.expenditures.iter().map(|e| e.year))
            .max();
        let this_year: Year = now().date().year();
        let year = reported
            .unwrap_or(this_year)
            .clamp(plan.meta.start_year, plan.meta.end_year);
        return Ok(Period::year(year));
    }
    let period = Period::parse(text).ok_or_else(|| {
        AppError::Field(nap_core::edit::FieldError {
            field: "period".into(),
            text: text.to_string(),
            problem: nap_core::edit::Problem::NotAPeriod,
        })
    })?;
    if period.year < plan.meta.start_year || period.year > plan.meta.end_year {
        return Err(AppError::Field(nap_core::edit::FieldError {
            field: "period".into(),
            text: text.to_string(),
            problem: nap_core::edit::Problem::YearOutsidePlan,
        }));
    }
    Ok(period)
}

/// The plan's progress in `period` (empty: see [`period_named`]), amounts rounded to the
/// currency's minor unit, with what lies outside a scoped copy's part marked locked.
pub fn progress(doc: &Document, period: &str) -> Result<ProgressView, AppError> {
    let period = period_named(doc.plan(), period)?;
    let costing = doc.costing()?;
    let mut view = view_of(doc.plan(), &costing, period)?;
    let lock = ScopeLock::of(doc);
    for i in &mut view.indicators {
        i.locked = lock.locks(i.indicator_id);
    }
    for a in &mut view.activities {
        a.locked = lock.locks(a.activity_id);
    }
    Ok(view)
}

/// The progress of `plan` in `period` as the screen and the progress report show it:
/// amounts rounded to the currency's minor unit (`nap costs --execution --rounding exact`
/// gives every digit).
pub fn view_of(
    plan: &Plan,
    costing: &nap_core::costing::Costing,
    period: Period,
) -> Result<ProgressView, AppError> {
    let mut view = view::progress_view(plan, costing, period)?;
    let minor = nap_core::currency::minor_units(&view.currency);
    view.by_pillar = view.by_pillar.rounded(minor);
    view.by_agency = view.by_agency.rounded(minor);
    for a in &mut view.activities {
        a.budget = a
            .budget
            .round_dp_with_strategy(minor, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        a.spent = a
            .spent
            .round_dp_with_strategy(minor, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    }
    Ok(view)
}

/// Budget, spending and execution rate in `year` by the dimension named `by`, in
/// `currency` (the base currency when `None`).
pub fn execution(
    doc: &Document,
    by: &str,
    year: Year,
    currency: Option<&str>,
) -> Result<Execution, AppError> {
    let dimension = Dimension::parse(by).ok_or_else(|| {
        AppError::BadRequest(format!(
            "`{by}` is not a dimension: use one of {}",
            Dimension::NAMES.join(", ")
        ))
    })?;
    let costing = match currency {
        None => doc.costing()?,
        Some(c) => std::sync::Arc::new(nap_core::costing::compute(doc.plan(), Some(c))?),
    };
    Ok(view::execution(doc.plan(), &costing, dimension, year)?)
}

/// The record of `list` a user names by id or by code (any case).
pub(crate) fn named<'p, T: Record>(
    list: &'p [T],
    code: impl Fn(&T) -> &str,
    field: &str,
    text: &str,
) -> Result<&'p T, AppError> {
    let t = text.trim();
    list.iter()
        .find(|r| r.meta().id.to_string() == t || code(r).eq_ignore_ascii_case(t))
        .ok_or_else(|| {
            AppError::BadRequest(format!(
                "{field}: no {} has the id or code `{}`",
                T::KIND.name().replace('_', " "),
                nap_core::text::quoted(t)
            ))
        })
}

/// Adds a report from `FIELD=VALUE` assignments, as `nap add progress|activity-status|
/// expenditure` takes them:
/// - progress: `indicator=CODE period=2027 value=12.5 [date=… source=… note=…]` and the
///   breakdown as `sex:women=7 age:15-24=3`;
/// - activity-status: `activity=CODE period=2027-H1 status=delayed [note=…]`;
/// - expenditure: `activity=CODE year=2027 amount=… [currency=USD source=CODE note=…]`.
pub fn add_from_assignments(
    doc: &mut Document,
    kind: RecordKind,
    assignments: &[String],
) -> Result<Reported, AppError> {
    let mut fields: Vec<(String, String)> = Vec::new();
    for a in assignments {
        let (f, v) = a
            .split_once('=')
            .ok_or_else(|| AppError::BadRequest(format!("`{a}`: write FIELD=VALUE")))?;
        fields.push((f.trim().trim_end_matches("_id").to_string(), v.to_string()));
    }
    let take = |name: &str| -> Option<String> {
        fields
            .iter()
            .rev()
            .find(|(f, _)| f == name)
            .map(|(_, v)| v.clone())
    };
    let need = |name: &str, example: &str| -> Result<String, AppError> {
        take(name).ok_or_else(|| {
            AppError::BadRequest(format!(
                "a {} needs {name}=… (e.g. {name}={example})",
                kind.name().replace('_', " ")
            ))
        })
    };
    let allowed: &[&str] = match kind {
        RecordKind::Progress => &[
            "indicator",
            "period",
            "year",
            "value",
            "date",
            "source",
            "note",
        ],
        RecordKind::ActivityStatus => &["activity", "period", "year", "status", "note"],
        _ => &[
            "activity",
            "year",
            "amount",
            "currency",
            "source",
            "funding_source",
            "note",
        ],
    };
    for (f, _) in &fields {
        let breakdown = kind == RecordKind::Progress && f.contains(':');
        if !allowed.contains(&f.as_str()) && !breakdown {
            return Err(AppError::BadRequest(format!(
                "a {} has no field `{f}`; its fields are {}{}",
                kind.name().replace('_', " "),
                allowed.join(", "),
                if kind == RecordKind::Progress {
                    ", and a breakdown as DIMENSION:GROUP=VALUE (sex:women=7)"
                } else {
                    ""
                }
            )));
        }
    }
    // A period may be given as its year alone (`year=2027`), as scripts written before
    // halves and quarters did; given both, they must agree.
    let period = match (take("period"), take("year")) {
        (Some(p), Some(y)) if kind != RecordKind::Expenditure => {
            let within = Period::parse(&p).is_some_and(|p| y.trim() == p.year.to_string());
            if !within {
                return Err(AppError::BadRequest(format!(
                    "period={p} does not fall in year={y}; give the period alone"
                )));
            }
            Some(p)
        }
        (Some(p), _) => Some(p),
        (None, y) if kind != RecordKind::Expenditure => y,
        (None, _) => None,
    };
    let need_period = || {
        period.clone().ok_or_else(|| {
            AppError::BadRequest(format!(
                "a {} needs period=… (e.g. period=2027 or period=2027-H1)",
                kind.name().replace('_', " ")
            ))
        })
    };
    let plan = doc.plan();
    // Statuses and spending are reported on an activity named by code or id.
    let activity = match kind {
        RecordKind::Progress => None,
        _ => Some(
            named(
                &plan.activities,
                |a| &a.code,
                "activity",
                &need("activity", "1.1.1.1")?,
            )?
            .record
            .id,
        ),
    };
    match kind {
        RecordKind::Progress => {
            let indicator = named(
                &plan.indicators,
                |i| &i.code,
                "indicator",
                &need("indicator", "1.2.a")?,
            )?;
            let breakdown = fields
                .iter()
                .filter_map(|(f, v)| {
                    let (dimension, group) = f.split_once(':')?;
                    Some(BreakdownEntry {
                        dimension: dimension.to_string(),
                        group: group.to_string(),
                        value: v.clone(),
                    })
                })
                .collect();
            let entry = ProgressEntry {
                indicator_id: indicator.record.id,
                period: need_period()?,
                value: need("value", "12.5")?,
                date: take("date").unwrap_or_default(),
                source: take("source").unwrap_or_default(),
                note: take("note").unwrap_or_default(),
                breakdown,
            };
            record_progress(doc, &entry)
        }
        RecordKind::ActivityStatus => {
            let entry = StatusEntry {
                activity_id: activity.unwrap_or_default(),
                period: need_period()?,
                status: need("status", "on_track")?.replace([' ', '-'], "_"),
                note: take("note").unwrap_or_default(),
            };
            record_status(doc, &entry)
        }
        RecordKind::Expenditure => {
            let source = match take("source").or_else(|| take("funding_source")) {
                Some(s) if !s.trim().is_empty() => Some(
                    named(&plan.funding_sources, |s| &s.code, "source", &s)?
                        .record
                        .id,
                ),
                _ => None,
            };
            let entry = ExpenditureEntry {
                activity_id: activity.unwrap_or_default(),
                year: need("year", "2027")?,
                amount: need("amount", "1500000")?,
                currency: take("currency").unwrap_or_default(),
                funding_source_id: source,
                note: take("note").unwrap_or_default(),
            };
            record_expenditure(doc, &entry)
        }
        other => Err(AppError::Internal(format!(
            "{} is not a kind of report",
            other.name()
        ))),
    }
}
