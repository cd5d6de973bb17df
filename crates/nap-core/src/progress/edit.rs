//! Reporting: an indicator's value for a period, an activity's status for a period, and
//! what an activity spent in a year, each checked field by field and made into the record
//! to store. One record per indicator and period, per activity and period, and per
//! activity, year, funding source and currency: reporting again replaces the earlier
//! report (its id, so a merge sees a change, not a second report).

use super::Period;
use crate::edit::{amount, fresh_meta, refuse, variant, FieldError, Problem};
use crate::model::*;
use crate::time::{IsoDate, Timestamp};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An indicator's value for a period, as typed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProgressEntry {
    pub indicator_id: Id,
    /// `2027`, `2027-H1` or `2027-Q3`.
    pub period: String,
    pub value: String,
    /// `YYYY-MM-DD`, or empty.
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub breakdown: Vec<BreakdownEntry>,
}

/// One part of a value broken down, as typed: `sex`, `women`, `12`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BreakdownEntry {
    pub dimension: String,
    pub group: String,
    pub value: String,
}

/// An activity's status for a period, as chosen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StatusEntry {
    pub activity_id: Id,
    pub period: String,
    /// `not_started`, `on_track`, `delayed`, `completed` or `dropped`.
    pub status: String,
    #[serde(default)]
    pub note: String,
}

/// What an activity spent in a year, as typed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ExpenditureEntry {
    pub activity_id: Id,
    pub year: String,
    pub amount: String,
    /// ISO 4217 code; empty for the plan's base currency.
    #[serde(default)]
    pub currency: String,
    #[serde(default)]
    pub funding_source_id: Option<Id>,
    #[serde(default)]
    pub note: String,
}

fn period_in(plan: &Plan, text: &str) -> Result<Period, FieldError> {
    let period = Period::parse(text).ok_or_else(|| refuse("period", text, Problem::NotAPeriod))?;
    if period.year < plan.meta.start_year || period.year > plan.meta.end_year {
        return Err(refuse("period", text, Problem::YearOutsidePlan));
    }
    Ok(period)
}

/// `unknown_choice` unless `id` is one of the plan's activities.
fn known_activity(plan: &Plan, id: Id) -> Result<(), FieldError> {
    if plan.activities.iter().any(|a| a.record.id == id) {
        Ok(())
    } else {
        Err(refuse("activity", &id.to_string(), Problem::UnknownChoice))
    }
}

/// The meta of the record `existing` replaces, or a new one with `id`.
fn meta_for(existing: Option<&RecordMeta>, id: Id, now: &Timestamp, author: &str) -> RecordMeta {
    existing
        .cloned()
        .unwrap_or_else(|| fresh_meta(id, now, author))
}

/// The progress value `entry` describes, replacing the indicator's value for the same
/// period if there is one (else with the id `new_id`).
pub fn report_progress(
    plan: &Plan,
    entry: &ProgressEntry,
    new_id: Id,
    now: &Timestamp,
    author: &str,
) -> Result<ProgressValue, FieldError> {
    let indicator = plan
        .indicators
        .iter()
        .find(|i| i.record.id == entry.indicator_id)
        .ok_or_else(|| {
            refuse(
                "indicator",
                &entry.indicator_id.to_string(),
                Problem::UnknownChoice,
            )
        })?;
    let period = period_in(plan, &entry.period)?;
    let numeric = matches!(
        indicator.kind,
        IndicatorType::Number | IndicatorType::Percentage
    );
    let value_of = |field: &str, text: &str| -> Result<String, FieldError> {
        let t = text.trim();
        if t.is_empty() {
            return Err(refuse(field, text, Problem::Required));
        }
        if numeric {
            let v = crate::costing::csv_import::parse_number(t)
                .map_err(|_| refuse(field, text, Problem::NotANumber))?;
            return Ok(v.normalize().to_string());
        }
        Ok(t.to_string())
    };
    let value = value_of("value", &entry.value)?;
    let date = match entry.date.trim() {
        "" => None,
        d => Some(
            IsoDate::try_from(d.to_string())
                .map_err(|_| refuse("date", &entry.date, Problem::NotADate))?,
        ),
    };
    let mut breakdown = Vec::new();
    for b in &entry.breakdown {
        if b.value.trim().is_empty() {
            continue;
        }
        let dimension: Disaggregation = variant("breakdown", &b.dimension)?;
        if !indicator.disaggregation.contains(&dimension) {
            return Err(refuse("breakdown", &b.dimension, Problem::NotBrokenDown));
        }
        let group = crate::edit::required_text("breakdown", &b.group)?;
        breakdown.push(BreakdownValue {
            dimension,
            group,
            value: value_of("breakdown", &b.value)?,
        });
    }
    let existing = plan
        .progress
        .iter()
        .find(|p| p.indicator_id == entry.indicator_id && Period::parse(&p.period) == Some(period));
    Ok(ProgressValue {
        record: meta_for(existing.map(|p| &p.record), new_id, now, author),
        indicator_id: indicator.record.id,
        year: period.year,
        period: period.to_string(),
        value,
        note: entry.note.trim().to_string(),
        date,
        source: entry.source.trim().to_string(),
        breakdown,
    })
}

/// The status `entry` describes, replacing the activity's status for the same period.
pub fn report_status(
    plan: &Plan,
    entry: &StatusEntry,
    new_id: Id,
    now: &Timestamp,
    author: &str,
) -> Result<ActivityStatus, FieldError> {
    known_activity(plan, entry.activity_id)?;
    let period = period_in(plan, &entry.period)?;
    let status: ActivityState = variant("status", &entry.status)?;
    let existing = plan
        .activity_statuses
        .iter()
        .find(|s| s.activity_id == entry.activity_id && Period::parse(&s.period) == Some(period));
    Ok(ActivityStatus {
        record: meta_for(existing.map(|s| &s.record), new_id, now, author),
        activity_id: entry.activity_id,
        year: period.year,
        period: period.to_string(),
        status,
        note: entry.note.trim().to_string(),
    })
}

/// The expenditure `entry` describes, replacing what was recorded for the same activity,
/// year, funding source and currency.
pub fn report_expenditure(
    plan: &Plan,
    entry: &ExpenditureEntry,
    new_id: Id,
    now: &Timestamp,
    author: &str,
) -> Result<Expenditure, FieldError> {
    known_activity(plan, entry.activity_id)?;
    let year = crate::edit::year_in(plan, "year", &entry.year)?;
    let amount = amount("amount", &entry.amount)?;
    let currency = match entry.currency.trim() {
        "" => plan.meta.base_currency.clone(),
        c => crate::edit::rated_currency(plan, "currency", c)?,
    };
    if let Some(source) = entry.funding_source_id {
        if !plan.funding_sources.iter().any(|s| s.record.id == source) {
            return Err(refuse(
                "funding_source",
                &source.to_string(),
                Problem::UnknownChoice,
            ));
        }
    }
    let existing = plan.expenditures.iter().find(|e| {
        e.activity_id == entry.activity_id
            && e.year == year
            && e.funding_source_id == entry.funding_source_id
            && e.currency == currency
    });
    Ok(Expenditure {
        record: meta_for(existing.map(|e| &e.record), new_id, now, author),
        activity_id: entry.activity_id,
        year,
        amount,
        currency,
        funding_source_id: entry.funding_source_id,
        note: entry.note.trim().to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::sample_plan;
    use crate::validate::validate;

    fn now() -> Timestamp {
        Timestamp::from_unix_millis(1_800_000_000_000)
    }

    fn numeric_indicator(plan: &Plan) -> &Indicator {
        plan.indicators
            .iter()
            .find(|i| {
                i.kind == IndicatorType::Number && i.disaggregation.contains(&Disaggregation::Sex)
            })
            .or_else(|| {
                plan.indicators
                    .iter()
                    .find(|i| i.kind == IndicatorType::Number)
            })
            .expect("the sample has a number indicator")
    }

    fn entry(indicator: Id, period: &str, value: &str) -> ProgressEntry {
        ProgressEntry {
            indicator_id: indicator,
            period: period.into(),
            value: value.into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_value_is_stored_with_its_period_normalised_and_its_year() {
        let plan = sample_plan();
        let ind = numeric_indicator(&plan).record.id;
        let p = report_progress(
            &plan,
            &entry(ind, "2028 q2", "12.50"),
            Id::new_v4(),
            &now(),
            "t",
        )
        .expect("accepted");
        assert_eq!(
            (p.period.as_str(), p.year, p.value.as_str()),
            ("2028-Q2", 2028, "12.5")
        );
        let mut next = plan.clone();
        next.progress.push(p);
        assert_eq!(validate(&next), vec![]);
    }

    #[test]
    fn reporting_the_same_period_again_replaces_the_earlier_value() {
        let mut plan = sample_plan();
        let ind = numeric_indicator(&plan).record.id;
        let first =
            report_progress(&plan, &entry(ind, "2027", "3"), Id::new_v4(), &now(), "t").unwrap();
        plan.progress.push(first.clone());
        let again =
            report_progress(&plan, &entry(ind, " 2027 ", "4"), Id::new_v4(), &now(), "t").unwrap();
        assert_eq!(again.record.id, first.record.id);
        let other = report_progress(
            &plan,
            &entry(ind, "2027-H1", "2"),
            Id::new_v4(),
            &now(),
            "t",
        )
        .unwrap();
        assert_ne!(other.record.id, first.record.id);
    }

    #[test]
    fn bad_reports_are_refused_naming_the_field_and_the_problem() {
        let plan = sample_plan();
        let ind = numeric_indicator(&plan).record.id;
        let problem = |e: ProgressEntry| {
            report_progress(&plan, &e, Id::new_v4(), &now(), "t")
                .map(|_| ())
                .unwrap_err()
        };
        let e = problem(entry(ind, "2027-Q5", "1"));
        assert_eq!(
            (e.field.as_str(), e.problem),
            ("period", Problem::NotAPeriod)
        );
        let e = problem(entry(ind, "2040", "1"));
        assert_eq!(e.problem, Problem::YearOutsidePlan);
        let e = problem(entry(ind, "2027", "about ten"));
        assert_eq!(
            (e.field.as_str(), e.problem),
            ("value", Problem::NotANumber)
        );
        let e = problem(entry(ind, "2027", " "));
        assert_eq!(e.problem, Problem::Required);
        let e = problem(ProgressEntry {
            date: "2027-02-30".into(),
            ..entry(ind, "2027", "1")
        });
        assert_eq!(e.problem, Problem::NotADate);
        let e = problem(entry(Id::new_v4(), "2027", "1"));
        assert_eq!(e.problem, Problem::UnknownChoice);
        let undivided = plan
            .indicators
            .iter()
            .find(|i| !i.disaggregation.contains(&Disaggregation::Age))
            .expect("an indicator without age groups");
        let e = problem(ProgressEntry {
            breakdown: vec![BreakdownEntry {
                dimension: "age".into(),
                group: "15-24".into(),
                value: "1".into(),
            }],
            ..entry(undivided.record.id, "2027", "1")
        });
        assert_eq!(e.problem, Problem::NotBrokenDown);
    }

    #[test]
    fn a_breakdown_by_sex_is_kept_for_an_indicator_that_asks_for_it() {
        let plan = sample_plan();
        let ind = plan
            .indicators
            .iter()
            .find(|i| {
                i.disaggregation.contains(&Disaggregation::Sex)
                    && matches!(i.kind, IndicatorType::Number | IndicatorType::Percentage)
            })
            .expect("the sample has a numeric indicator by sex");
        let p = report_progress(
            &plan,
            &ProgressEntry {
                breakdown: vec![
                    BreakdownEntry {
                        dimension: "sex".into(),
                        group: "women".into(),
                        value: "7".into(),
                    },
                    BreakdownEntry {
                        dimension: "sex".into(),
                        group: "men".into(),
                        value: "".into(),
                    },
                ],
                ..entry(ind.record.id, "2027", "12")
            },
            Id::new_v4(),
            &now(),
            "t",
        )
        .unwrap();
        assert_eq!(p.breakdown.len(), 1, "an empty part is left out");
        assert_eq!(p.breakdown[0].group, "women");
    }

    #[test]
    fn statuses_and_spending_are_checked_and_replace_earlier_reports() {
        let mut plan = sample_plan();
        let act = plan.activities[0].record.id;
        let status = StatusEntry {
            activity_id: act,
            period: "2027".into(),
            status: "delayed".into(),
            note: String::new(),
        };
        let s = report_status(&plan, &status, Id::new_v4(), &now(), "t").unwrap();
        assert_eq!(s.status, ActivityState::Delayed);
        let bad = StatusEntry {
            status: "late".into(),
            ..status.clone()
        };
        assert_eq!(
            report_status(&plan, &bad, Id::new_v4(), &now(), "t")
                .unwrap_err()
                .problem,
            Problem::UnknownChoice
        );
        plan.activity_statuses.push(s.clone());
        let again = report_status(&plan, &status, Id::new_v4(), &now(), "t").unwrap();
        assert_eq!(again.record.id, s.record.id);

        let spent = ExpenditureEntry {
            activity_id: act,
            year: "2027".into(),
            amount: "1,250,000.5".into(),
            currency: String::new(),
            funding_source_id: None,
            note: String::new(),
        };
        let e = report_expenditure(&plan, &spent, Id::new_v4(), &now(), "t").unwrap();
        assert_eq!(e.amount.to_string(), "1250000.5");
        assert_eq!(e.currency, plan.meta.base_currency);
        for (bad, problem) in [
            (
                ExpenditureEntry {
                    amount: "-5".into(),
                    ..spent.clone()
                },
                Problem::Negative,
            ),
            (
                ExpenditureEntry {
                    year: "2099".into(),
                    ..spent.clone()
                },
                Problem::YearOutsidePlan,
            ),
            (
                ExpenditureEntry {
                    currency: "XYZ".into(),
                    ..spent.clone()
                },
                Problem::UnknownCurrency,
            ),
        ] {
            assert_eq!(
                report_expenditure(&plan, &bad, Id::new_v4(), &now(), "t")
                    .unwrap_err()
                    .problem,
                problem
            );
        }
    }
}
