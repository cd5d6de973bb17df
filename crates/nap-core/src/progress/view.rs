//! What the Progress screen, `nap progress`, `nap costs --execution` and the progress
//! report show: each indicator against its target for a period, where each activity stands
//! and what it spent, and budget execution (spent against budget) by a dimension.
//!
//! # Rules
//!
//! - **The value for a period** is the latest value reported within it (a year holds its
//!   halves and quarters): latest period end, then latest date, then latest edit.
//! - **The target for a period** is the indicator's target for the period's year, else its
//!   next later target (the one it is heading for).
//! - **Achievement** (number and percentage indicators): with a numeric baseline that
//!   differs from the target, the share of the distance from baseline to target covered,
//!   `(actual − baseline) / (target − baseline)`; otherwise `actual / target`. Shown in
//!   per cent to one decimal, half away from zero. A yes/no indicator is achieved when the
//!   value is the target. Rated [`Rating::Achieved`] from 100 %, [`Rating::Partly`] from
//!   50 %, [`Rating::Behind`] below. Scale and qualitative indicators are not rated.
//! - **Spending** is converted to the costing currency at the year's exchange rate (rule 3
//!   of the costing engine) and carried at the engine's precision. **Execution rate** =
//!   spent / budget in per cent (one decimal); none where the budget is zero.

use super::Period;
use crate::costing::views::{cross_table, Dimension, Measure, Member, MemberInfo};
use crate::costing::{exchange_factor, quantize, Costing, AMOUNT_SCALE};
use crate::model::*;
use crate::text::LocalText;
use crate::time::{IsoDate, Timestamp};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::HashMap;
use ts_rs::TS;

/// How far an indicator got towards its target in a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Rating {
    /// At or beyond the target.
    Achieved,
    /// Half-way or more.
    Partly,
    /// Less than half-way.
    Behind,
    /// No value reported for the period.
    NoData,
    /// A value, but nothing to rate it against (no target, or a qualitative indicator).
    NotRated,
}

/// One indicator in a period.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct IndicatorProgress {
    pub indicator_id: Id,
    pub code: String,
    pub statement: LocalText,
    pub level: IndicatorLevel,
    pub kind: IndicatorType,
    pub unit: String,
    /// Code of the pillar the indicator's result belongs to; empty for impact indicators.
    pub pillar_code: String,
    /// Code of the agency that reports it.
    pub responsible: Option<String>,
    pub disaggregation: Vec<Disaggregation>,
    pub baseline: Option<String>,
    pub target: Option<String>,
    /// The year the target is for (the period's year or a later one).
    pub target_year: Option<Year>,
    pub actual: Option<String>,
    /// The period the actual value was reported for.
    pub actual_period: Option<String>,
    /// Per cent of the way to the target, one decimal.
    #[ts(type = "string | null")]
    pub achieved_percent: Option<Decimal>,
    pub rating: Rating,
    pub breakdown: Vec<BreakdownValue>,
    pub note: String,
    pub source: String,
    pub date: Option<IsoDate>,
    /// Outside a scoped copy's part (set by the application layer).
    pub locked: bool,
}

/// One activity in a period.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ActivityProgress {
    pub activity_id: Id,
    pub code: String,
    pub title: LocalText,
    pub pillar_code: String,
    /// Code of the lead agency.
    pub lead_agency: Option<String>,
    /// The latest status reported within the period.
    pub status: Option<ActivityState>,
    pub status_period: Option<String>,
    pub note: String,
    /// Cost in the period's year, in the costing currency.
    #[ts(type = "string")]
    pub budget: Decimal,
    /// Spent in the period's year, in the costing currency.
    #[ts(type = "string")]
    pub spent: Decimal,
    #[ts(type = "string | null")]
    pub execution_percent: Option<Decimal>,
    /// Outside a scoped copy's part (set by the application layer).
    pub locked: bool,
}

/// How many indicators have each rating.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RatingCounts {
    pub achieved: usize,
    pub partly: usize,
    pub behind: usize,
    pub no_data: usize,
    pub not_rated: usize,
}

/// How many activities have each status in the period.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct StatusCounts {
    pub not_started: usize,
    pub on_track: usize,
    pub delayed: usize,
    pub completed: usize,
    pub dropped: usize,
    pub not_reported: usize,
}

/// The plan's progress in one period.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ProgressView {
    pub period: String,
    pub year: Year,
    /// Currency of the budget and spending figures.
    pub currency: String,
    pub indicators: Vec<IndicatorProgress>,
    pub activities: Vec<ActivityProgress>,
    pub ratings: RatingCounts,
    pub statuses: StatusCounts,
    /// Periods the screen offers: every plan year, and every half or quarter reported.
    pub periods: Vec<String>,
    pub by_pillar: Execution,
    pub by_agency: Execution,
    /// The funding sources spending can be recorded against.
    pub sources: Vec<crate::costing::grid::GridChoice>,
}

/// One row of an execution table.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ExecutionRow {
    /// What the row is in the costing view (a record, contingency, "no lead agency"), so
    /// that an export can name the view's own rows in its language.
    #[serde(skip)]
    #[ts(skip)]
    pub member: crate::costing::Member,
    pub code: String,
    pub label: LocalText,
    #[ts(type = "string")]
    pub budget: Decimal,
    #[ts(type = "string")]
    pub spent: Decimal,
    /// Spent / budget in per cent, one decimal; `None` when the budget is zero.
    #[ts(type = "string | null")]
    pub rate: Option<Decimal>,
}

impl Execution {
    /// The same figures rounded to `minor_units` decimal places (half away from zero), for a
    /// screen; the rates stay as computed from the exact amounts.
    pub fn rounded(mut self, minor_units: u32) -> Self {
        for r in self.rows.iter_mut().chain([&mut self.total]) {
            r.budget = quantize(r.budget, minor_units);
            r.spent = quantize(r.spent, minor_units);
        }
        self
    }
}

/// Budget execution in a year by one dimension. Invariant: the total row's budget and spent
/// are the exact sums of the rows'.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Execution {
    pub year: Year,
    pub currency: String,
    /// The dimension's command-line name.
    pub dimension: String,
    pub rows: Vec<ExecutionRow>,
    pub total: ExecutionRow,
}

/// Why an execution view cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExecutionError {
    #[error("{0} is not a year of the plan period")]
    YearOutsidePlan(Year),
    #[error("spending is recorded per activity and funding source, so it cannot be shown by {0}; use pillar, outcome, output, activity, agency, source or year")]
    Dimension(&'static str),
    #[error(
        "spending in {currency} in {year} has no exchange rate into {target}; add one in Settings"
    )]
    NoRate {
        currency: String,
        year: Year,
        target: String,
    },
    #[error("spending converted into {0} is beyond the largest amount NAP Studio takes")]
    Overflow(String),
}

fn percent(part: Decimal, whole: Decimal) -> Option<Decimal> {
    if whole.is_zero() {
        return None;
    }
    part.checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|p| p.checked_div(whole))
        .map(|p| quantize(p, 1))
}

fn number(text: &str) -> Option<Decimal> {
    text.trim().parse().ok()
}

/// The achievement and rating of `actual` against `target` for an indicator of `kind`.
pub fn rate(
    kind: IndicatorType,
    baseline: Option<&str>,
    target: Option<&str>,
    actual: Option<&str>,
) -> (Option<Decimal>, Rating) {
    let Some(actual) = actual else {
        return (None, Rating::NoData);
    };
    let Some(target) = target else {
        return (None, Rating::NotRated);
    };
    let by_share = |p: Decimal| {
        let rating = if p >= Decimal::ONE_HUNDRED {
            Rating::Achieved
        } else if p >= Decimal::from(50) {
            Rating::Partly
        } else {
            Rating::Behind
        };
        (Some(p), rating)
    };
    match kind {
        IndicatorType::Number | IndicatorType::Percentage => {
            let (Some(a), Some(t)) = (number(actual), number(target)) else {
                return (None, Rating::NotRated);
            };
            let share = match baseline.and_then(number) {
                Some(b) if b != t => percent(a - b, t - b),
                _ => percent(a, t),
            };
            match share {
                Some(p) => by_share(p),
                None => (None, Rating::NotRated),
            }
        }
        IndicatorType::YesNo => {
            let yes = |s: &str| {
                matches!(
                    s.trim().to_lowercase().as_str(),
                    "yes" | "true" | "1" | "oui" | "បាទ" | "ចាស"
                )
            };
            if yes(actual) == yes(target) {
                (Some(Decimal::ONE_HUNDRED), Rating::Achieved)
            } else {
                (Some(Decimal::ZERO), Rating::Behind)
            }
        }
        IndicatorType::Scale | IndicatorType::Qualitative => (None, Rating::NotRated),
    }
}

/// Where each record sits in the results framework, to group by pillar.
struct Tree<'p> {
    pillar_of_outcome: HashMap<Id, &'p str>,
    outcome_of_output: HashMap<Id, Id>,
    output_of_activity: HashMap<Id, Id>,
    outcome_pillar_id: HashMap<Id, Id>,
    agency_code: HashMap<Id, &'p str>,
}

impl<'p> Tree<'p> {
    fn of(plan: &'p Plan) -> Self {
        let pillar_code: HashMap<Id, &str> = plan
            .pillars
            .iter()
            .map(|p| (p.record.id, p.code.as_str()))
            .collect();
        Self {
            pillar_of_outcome: plan
                .outcomes
                .iter()
                .filter_map(|o| Some((o.record.id, *pillar_code.get(&o.pillar_id)?)))
                .collect(),
            outcome_pillar_id: plan
                .outcomes
                .iter()
                .map(|o| (o.record.id, o.pillar_id))
                .collect(),
            outcome_of_output: plan
                .outputs
                .iter()
                .map(|o| (o.record.id, o.outcome_id))
                .collect(),
            output_of_activity: plan
                .activities
                .iter()
                .map(|a| (a.record.id, a.output_id))
                .collect(),
            agency_code: plan
                .agencies
                .iter()
                .map(|a| (a.record.id, a.code.as_str()))
                .collect(),
        }
    }

    fn outcome_of(&self, level: IndicatorLevel, parent: Option<Id>) -> Option<Id> {
        match level {
            IndicatorLevel::Impact => None,
            IndicatorLevel::Outcome => parent,
            IndicatorLevel::Output => self.outcome_of_output.get(&parent?).copied(),
        }
    }

    fn pillar_code(&self, outcome: Option<Id>) -> String {
        outcome
            .and_then(|o| self.pillar_of_outcome.get(&o))
            .map_or(String::new(), |c| c.to_string())
    }

    fn activity_outcome(&self, activity: Id) -> Option<Id> {
        let output = self.output_of_activity.get(&activity)?;
        self.outcome_of_output.get(output).copied()
    }
}

/// The latest of `items` reported within `period`.
fn latest_in<'a, T>(
    items: impl Iterator<Item = &'a T>,
    period: Period,
    key: impl Fn(&T) -> (&str, Option<&IsoDate>, &Timestamp),
) -> Option<&'a T>
where
    T: 'a,
{
    items
        .filter_map(|r| {
            let (p, date, modified) = key(r);
            let p = Period::parse(p).filter(|p| period.contains(*p))?;
            Some(((p.months().1, date.cloned(), modified.clone()), r))
        })
        .max_by(|a, b| a.0.cmp(&b.0))
        .map(|(_, r)| r)
}

/// Each indicator of `plan` in `period`, in the plan's order.
pub fn indicator_progress(plan: &Plan, period: Period) -> Vec<IndicatorProgress> {
    let tree = Tree::of(plan);
    let mut by_indicator: HashMap<Id, Vec<&ProgressValue>> = HashMap::new();
    for p in &plan.progress {
        by_indicator.entry(p.indicator_id).or_default().push(p);
    }
    plan.indicators
        .iter()
        .map(|i| {
            let reported = by_indicator.get(&i.record.id).map_or(&[][..], |v| &v[..]);
            let value = latest_in(reported.iter().copied(), period, |p| {
                (&p.period, p.date.as_ref(), &p.record.modified)
            });
            let (target_year, target) = match i.targets.get(&period.year) {
                Some(t) => (Some(period.year), Some(t.clone())),
                None => i
                    .targets
                    .range(period.year..)
                    .next()
                    .map_or((None, None), |(y, t)| (Some(*y), Some(t.clone()))),
            };
            let (achieved_percent, rating) = rate(
                i.kind,
                i.baseline_value.as_deref(),
                target.as_deref(),
                value.map(|v| v.value.as_str()),
            );
            IndicatorProgress {
                indicator_id: i.record.id,
                code: i.code.clone(),
                statement: i.statement.clone(),
                level: i.level,
                kind: i.kind,
                unit: i.unit.clone(),
                pillar_code: tree.pillar_code(tree.outcome_of(i.level, i.parent_id)),
                responsible: i
                    .responsible_agency_id
                    .and_then(|a| tree.agency_code.get(&a))
                    .map(|c| c.to_string()),
                disaggregation: i.disaggregation.clone(),
                baseline: i.baseline_value.clone(),
                target,
                target_year,
                actual: value.map(|v| v.value.clone()),
                actual_period: value.map(|v| v.period.clone()),
                achieved_percent,
                rating,
                breakdown: value.map(|v| v.breakdown.clone()).unwrap_or_default(),
                note: value.map(|v| v.note.clone()).unwrap_or_default(),
                source: value.map(|v| v.source.clone()).unwrap_or_default(),
                date: value.and_then(|v| v.date.clone()),
                locked: false,
            }
        })
        .collect()
}

/// Spending of `plan` in `year`, each record converted into `currency`.
fn spending_in<'p>(
    plan: &'p Plan,
    year: Year,
    currency: &str,
) -> Result<Vec<(&'p Expenditure, Decimal)>, ExecutionError> {
    plan.expenditures
        .iter()
        .filter(|e| e.year == year)
        .map(|e| {
            let factor = exchange_factor(plan, &e.currency, currency, year).ok_or_else(|| {
                ExecutionError::NoRate {
                    currency: e.currency.clone(),
                    year,
                    target: currency.to_string(),
                }
            })?;
            let amount = e
                .amount
                .checked_mul(factor)
                .map(|v| quantize(v, AMOUNT_SCALE))
                .ok_or_else(|| ExecutionError::Overflow(currency.to_string()))?;
            Ok((e, amount))
        })
        .collect()
}

/// Budget, spending and execution rate in `year` by `dimension`, in the costing's currency.
pub fn execution(
    plan: &Plan,
    costing: &Costing,
    dimension: Dimension,
    year: Year,
) -> Result<Execution, ExecutionError> {
    if costing.year_index(year).is_none() {
        return Err(ExecutionError::YearOutsidePlan(year));
    }
    match dimension {
        Dimension::Economic { .. }
        | Dimension::Function
        | Dimension::SourceType
        | Dimension::Marker => return Err(ExecutionError::Dimension(dimension.name())),
        _ => {}
    }
    let tree = Tree::of(plan);
    let activities: HashMap<Id, &Activity> =
        plan.activities.iter().map(|a| (a.record.id, a)).collect();
    let member_of = |e: &Expenditure| -> Member {
        let id = match dimension {
            Dimension::Year => return Member::Year(e.year),
            Dimension::Source => e.funding_source_id,
            Dimension::Activity => Some(e.activity_id),
            Dimension::Output => tree.output_of_activity.get(&e.activity_id).copied(),
            Dimension::Outcome => tree.activity_outcome(e.activity_id),
            Dimension::Pillar => tree
                .activity_outcome(e.activity_id)
                .and_then(|o| tree.outcome_pillar_id.get(&o).copied()),
            _ => activities
                .get(&e.activity_id)
                .and_then(|a| a.lead_agency_id),
        };
        id.map_or(Member::Unassigned, Member::Record)
    };
    let mut spent: HashMap<Member, Decimal> = HashMap::new();
    for (e, amount) in spending_in(plan, year, &costing.currency)? {
        *spent.entry(member_of(e)).or_default() += amount;
    }
    let table = if dimension == Dimension::Year {
        cross_table(plan, costing, Dimension::Year, None, Measure::Cost)
    } else {
        cross_table(
            plan,
            costing,
            dimension,
            Some(Dimension::Year),
            Measure::Cost,
        )
    };
    let column = table
        .columns
        .iter()
        .position(|c| c.member == Member::Year(year));
    let mut rows: Vec<ExecutionRow> = Vec::new();
    let mut seen: Vec<Member> = Vec::new();
    for (r, info) in table.rows.iter().enumerate() {
        let budget = match dimension {
            Dimension::Year if info.member != Member::Year(year) => continue,
            Dimension::Year => table.row_totals[r],
            _ => column.map_or(Decimal::ZERO, |c| table.cells[r][c]),
        };
        let s = spent.get(&info.member).copied().unwrap_or_default();
        seen.push(info.member.clone());
        rows.push(row(info, budget, s));
    }
    // Spending where nothing was budgeted: an agency that leads nothing costed, spending
    // with no funding source.
    let mut extra: Vec<(&Member, &Decimal)> =
        spent.iter().filter(|(m, _)| !seen.contains(m)).collect();
    extra.sort_by(|a, b| a.0.cmp(b.0));
    for (member, amount) in extra {
        rows.push(row(
            &member_info(plan, dimension, member),
            Decimal::ZERO,
            *amount,
        ));
    }
    let budget: Decimal = rows.iter().map(|r| r.budget).sum();
    let total_spent: Decimal = rows.iter().map(|r| r.spent).sum();
    Ok(Execution {
        year,
        currency: costing.currency.clone(),
        dimension: dimension.name().to_string(),
        rows,
        total: ExecutionRow {
            member: crate::costing::Member::Total,
            code: String::new(),
            label: LocalText::both("Total", "សរុប"),
            budget,
            spent: total_spent,
            rate: percent(total_spent, budget),
        },
    })
}

fn row(info: &MemberInfo, budget: Decimal, spent: Decimal) -> ExecutionRow {
    ExecutionRow {
        member: info.member.clone(),
        code: info.code.clone(),
        label: info.label.clone(),
        budget,
        spent,
        rate: percent(spent, budget),
    }
}

/// The code and name of a member that holds spending but no budget.
fn member_info(plan: &Plan, dimension: Dimension, member: &Member) -> MemberInfo {
    let (code, label) = match member {
        Member::Record(id) => {
            let found = match dimension {
                Dimension::Agency => plan
                    .agencies
                    .iter()
                    .find(|a| a.record.id == *id)
                    .map(|a| (a.code.clone(), a.name.clone())),
                Dimension::Source => plan
                    .funding_sources
                    .iter()
                    .find(|s| s.record.id == *id)
                    .map(|s| (s.code.clone(), s.name.clone())),
                _ => plan
                    .activities
                    .iter()
                    .find(|a| a.record.id == *id)
                    .map(|a| (a.code.clone(), a.title.clone())),
            };
            found.unwrap_or_else(|| (String::new(), LocalText::new(id.to_string())))
        }
        Member::Year(y) => (y.to_string(), LocalText::new(y.to_string())),
        _ => match dimension {
            Dimension::Agency => (
                String::new(),
                LocalText::both("No lead agency", "គ្មានស្ថាប័នដឹកនាំ"),
            ),
            Dimension::Source => (
                String::new(),
                LocalText::both("No funding source named", "មិនបានបញ្ជាក់ប្រភពមូលនិធិ"),
            ),
            _ => (
                String::new(),
                LocalText::both("Not classified", "មិនបានចាត់ថ្នាក់"),
            ),
        },
    };
    MemberInfo {
        member: member.clone(),
        code,
        label,
    }
}

/// Every activity in `period`: its latest status, and its budget and spending in the
/// period's year.
pub fn activity_progress(
    plan: &Plan,
    costing: &Costing,
    period: Period,
) -> Result<Vec<ActivityProgress>, ExecutionError> {
    let tree = Tree::of(plan);
    let yi = costing
        .year_index(period.year)
        .ok_or(ExecutionError::YearOutsidePlan(period.year))?;
    let mut budget = vec![Decimal::ZERO; plan.activities.len()];
    for (u, unit) in costing.units.iter().enumerate() {
        budget[unit.activity] += costing.amount(u, yi);
    }
    let index: HashMap<Id, usize> = plan
        .activities
        .iter()
        .enumerate()
        .map(|(i, a)| (a.record.id, i))
        .collect();
    let mut spent = vec![Decimal::ZERO; plan.activities.len()];
    for (e, amount) in spending_in(plan, period.year, &costing.currency)? {
        if let Some(&i) = index.get(&e.activity_id) {
            spent[i] += amount;
        }
    }
    let mut statuses: HashMap<Id, Vec<&ActivityStatus>> = HashMap::new();
    for s in &plan.activity_statuses {
        statuses.entry(s.activity_id).or_default().push(s);
    }
    Ok(plan
        .activities
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let reported = statuses.get(&a.record.id).map_or(&[][..], |v| &v[..]);
            let status = latest_in(reported.iter().copied(), period, |s| {
                (&s.period, None, &s.record.modified)
            });
            ActivityProgress {
                activity_id: a.record.id,
                code: a.code.clone(),
                title: a.title.clone(),
                pillar_code: tree.pillar_code(tree.activity_outcome(a.record.id)),
                lead_agency: a
                    .lead_agency_id
                    .and_then(|l| tree.agency_code.get(&l))
                    .map(|c| c.to_string()),
                status: status.map(|s| s.status),
                status_period: status.map(|s| s.period.clone()),
                note: status.map(|s| s.note.clone()).unwrap_or_default(),
                budget: budget[i],
                spent: spent[i],
                execution_percent: percent(spent[i], budget[i]),
                locked: false,
            }
        })
        .collect())
}

/// The periods worth offering: every year of the plan, and every half or quarter that has
/// a report, in order.
pub fn reported_periods(plan: &Plan) -> Vec<String> {
    let mut periods: Vec<Period> = plan.years().map(Period::year).collect();
    let reported = plan
        .progress
        .iter()
        .map(|p| p.period.as_str())
        .chain(plan.activity_statuses.iter().map(|s| s.period.as_str()));
    for p in reported.filter_map(Period::parse) {
        if !periods.contains(&p) {
            periods.push(p);
        }
    }
    periods.sort();
    periods.iter().map(Period::to_string).collect()
}

/// The plan's progress in `period`, costed by `costing`.
pub fn progress_view(
    plan: &Plan,
    costing: &Costing,
    period: Period,
) -> Result<ProgressView, ExecutionError> {
    let indicators = indicator_progress(plan, period);
    let activities = activity_progress(plan, costing, period)?;
    let mut ratings = RatingCounts::default();
    for i in &indicators {
        *match i.rating {
            Rating::Achieved => &mut ratings.achieved,
            Rating::Partly => &mut ratings.partly,
            Rating::Behind => &mut ratings.behind,
            Rating::NoData => &mut ratings.no_data,
            Rating::NotRated => &mut ratings.not_rated,
        } += 1;
    }
    let mut statuses = StatusCounts::default();
    for a in &activities {
        *match a.status {
            Some(ActivityState::NotStarted) => &mut statuses.not_started,
            Some(ActivityState::OnTrack) => &mut statuses.on_track,
            Some(ActivityState::Delayed) => &mut statuses.delayed,
            Some(ActivityState::Completed) => &mut statuses.completed,
            Some(ActivityState::Dropped) => &mut statuses.dropped,
            None => &mut statuses.not_reported,
        } += 1;
    }
    Ok(ProgressView {
        period: period.to_string(),
        year: period.year,
        currency: costing.currency.clone(),
        by_pillar: execution(plan, costing, Dimension::Pillar, period.year)?,
        by_agency: execution(plan, costing, Dimension::Agency, period.year)?,
        indicators,
        activities,
        ratings,
        statuses,
        periods: reported_periods(plan),
        sources: plan
            .funding_sources
            .iter()
            .map(|s| crate::costing::grid::GridChoice {
                id: s.record.id,
                code: s.code.clone(),
                name: s.name.clone(),
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::costing::compute;
    use crate::sample::sample_plan;
    use crate::time::Timestamp;

    fn d(s: &str) -> Decimal {
        s.parse().expect("a decimal literal")
    }

    #[test]
    fn achievement_is_the_share_of_the_way_from_baseline_to_target() {
        use IndicatorType as T;
        // 48 → 58, now 53: half-way.
        assert_eq!(
            rate(T::Percentage, Some("48"), Some("58"), Some("53")),
            (Some(d("50.0")), Rating::Partly)
        );
        // Falling indicators work the same way: 40 → 20, now 35 is a quarter of the way.
        assert_eq!(
            rate(T::Number, Some("40"), Some("20"), Some("35")),
            (Some(d("25.0")), Rating::Behind)
        );
        // No baseline: actual over target, to one decimal.
        assert_eq!(
            rate(T::Number, None, Some("3"), Some("2")),
            (Some(d("66.7")), Rating::Partly)
        );
        assert_eq!(
            rate(T::Number, Some("0"), Some("10"), Some("12")),
            (Some(d("120.0")), Rating::Achieved)
        );
        assert_eq!(
            rate(T::Number, None, Some("10"), None),
            (None, Rating::NoData)
        );
        assert_eq!(
            rate(T::Number, None, None, Some("4")),
            (None, Rating::NotRated)
        );
        assert_eq!(
            rate(T::Number, Some("5"), Some("5"), Some("5")).1,
            Rating::Achieved
        );
        assert_eq!(
            rate(T::YesNo, None, Some("yes"), Some("Yes")).1,
            Rating::Achieved
        );
        assert_eq!(
            rate(T::YesNo, None, Some("yes"), Some("no")).1,
            Rating::Behind
        );
        assert_eq!(
            rate(T::Qualitative, None, Some("better"), Some("good")).1,
            Rating::NotRated
        );
    }

    fn value(plan: &Plan, code: &str, period: &str, value: &str, day: u32) -> ProgressValue {
        let indicator = plan
            .indicators
            .iter()
            .find(|i| i.code == code)
            .expect("indicator");
        let p = Period::parse(period).expect("period");
        ProgressValue {
            record: RecordMeta::new(
                Id::new_v4(),
                &Timestamp::from_unix_millis(1_800_000_000_000),
                "t",
            ),
            indicator_id: indicator.record.id,
            year: p.year,
            period: period.into(),
            value: value.into(),
            note: format!("{period} report"),
            date: IsoDate::from_ymd(p.year, 12, day),
            source: String::new(),
            breakdown: vec![],
        }
    }

    #[test]
    fn the_value_for_a_period_is_the_latest_reported_within_it() {
        let mut plan = sample_plan();
        let code = plan.indicators[1].code.clone();
        for (period, v) in [("2027-Q1", "1"), ("2027-Q3", "3"), ("2028-Q1", "9")] {
            plan.progress.push(value(&plan, &code, period, v, 1));
        }
        let actual = |period: &str| {
            let p = Period::parse(period).expect("period");
            let row = indicator_progress(&plan, p)
                .into_iter()
                .find(|r| r.code == code)
                .expect("row");
            (row.actual, row.actual_period)
        };
        assert_eq!(actual("2027"), (Some("3".into()), Some("2027-Q3".into())));
        assert_eq!(
            actual("2027-H1"),
            (Some("1".into()), Some("2027-Q1".into()))
        );
        assert_eq!(actual("2027-Q2"), (None, None));
        assert_eq!(actual("2028").0, Some("9".into()));
    }

    #[test]
    fn execution_adds_spending_converted_at_the_years_rate_and_totals_exactly() {
        let plan = sample_plan();
        let costing = compute(&plan, None).expect("the sample costs");
        let e = execution(&plan, &costing, Dimension::Pillar, 2026).expect("view");
        // Independently: every 2026 spending record in base currency at the plan's rate.
        let rate_of = |cur: &str| -> Decimal {
            if cur == plan.meta.base_currency {
                return Decimal::ONE;
            }
            let rates: Vec<&ExchangeRate> = plan
                .exchange_rates
                .iter()
                .filter(|r| r.currency == cur)
                .collect();
            rates
                .iter()
                .find(|r| r.year == Some(2026))
                .or_else(|| rates.iter().find(|r| r.year.is_none()))
                .expect("a rate")
                .rate
        };
        let expected: Decimal = plan
            .expenditures
            .iter()
            .filter(|x| x.year == 2026)
            .map(|x| x.amount * rate_of(&x.currency))
            .sum();
        assert!(!expected.is_zero(), "the sample records spending in 2026");
        assert_eq!(e.total.spent, expected);
        assert_eq!(
            e.total.spent,
            e.rows.iter().map(|r| r.spent).sum::<Decimal>()
        );
        assert_eq!(
            e.total.budget,
            e.rows.iter().map(|r| r.budget).sum::<Decimal>()
        );
        // The budget is the costed plan's 2026 cost.
        let y = costing.year_index(2026).expect("year");
        let cost_2026: Decimal = (0..costing.units.len()).map(|u| costing.amount(u, y)).sum();
        assert_eq!(e.total.budget, cost_2026);
        assert_eq!(
            e.total.rate,
            Some(quantize(expected * Decimal::ONE_HUNDRED / cost_2026, 1))
        );
        // By year, the same totals in the one row of the year asked for.
        let by_year = execution(&plan, &costing, Dimension::Year, 2026).expect("view");
        assert_eq!(by_year.rows.len(), 1);
        assert_eq!(
            (by_year.total.budget, by_year.total.spent),
            (cost_2026, expected)
        );
    }

    #[test]
    fn spending_where_nothing_was_budgeted_still_shows_and_unknown_ways_are_refused() {
        let mut plan = sample_plan();
        let costing = compute(&plan, None).expect("costs");
        // An activity with spending but whose lead agency leads nothing costed.
        let agency = plan
            .agencies
            .iter()
            .find(|a| {
                !plan
                    .activities
                    .iter()
                    .any(|x| x.lead_agency_id == Some(a.record.id))
            })
            .expect("an agency that leads nothing")
            .record
            .id;
        let mut spent = plan.expenditures[0].clone();
        spent.record.id = Id::new_v4();
        spent.year = 2027;
        spent.currency = plan.meta.base_currency.clone();
        spent.amount = d("1000");
        let activity = plan
            .activities
            .iter_mut()
            .find(|a| a.record.id == spent.activity_id)
            .expect("activity");
        activity.lead_agency_id = Some(agency);
        plan.expenditures.push(spent);
        let costing2 = compute(&plan, None).expect("costs");
        let e = execution(&plan, &costing2, Dimension::Agency, 2027).expect("view");
        let code = &plan
            .agencies
            .iter()
            .find(|a| a.record.id == agency)
            .expect("a")
            .code;
        let row = e
            .rows
            .iter()
            .find(|r| &r.code == code)
            .expect("a row for the agency");
        assert!(row.spent >= d("1000"));
        assert!(matches!(
            execution(&plan, &costing, Dimension::Function, 2027),
            Err(ExecutionError::Dimension("function"))
        ));
        assert!(matches!(
            execution(&plan, &costing, Dimension::Pillar, 2045),
            Err(ExecutionError::YearOutsidePlan(2045))
        ));
    }

    #[test]
    fn spending_in_a_currency_without_a_rate_is_refused_naming_it() {
        let mut plan = sample_plan();
        plan.expenditures[0].currency = "EUR".into();
        plan.exchange_rates.retain(|r| r.currency != "EUR");
        let costing = compute(&plan, None).expect("costs");
        let year = plan.expenditures[0].year;
        assert!(matches!(
            execution(&plan, &costing, Dimension::Pillar, year),
            Err(ExecutionError::NoRate { currency, .. }) if currency == "EUR"
        ));
    }

    #[test]
    fn the_view_counts_ratings_and_statuses_over_every_indicator_and_activity() {
        let plan = sample_plan();
        let costing = compute(&plan, None).expect("costs");
        let v = progress_view(&plan, &costing, Period::year(2026)).expect("view");
        let r = &v.ratings;
        assert_eq!(
            r.achieved + r.partly + r.behind + r.no_data + r.not_rated,
            plan.indicators.len()
        );
        assert_eq!(r.no_data, plan.indicators.len() - plan.progress.len());
        let s = &v.statuses;
        assert_eq!(
            s.not_started + s.on_track + s.delayed + s.completed + s.dropped + s.not_reported,
            plan.activities.len()
        );
        assert_eq!(
            s.not_reported,
            plan.activities.len() - plan.activity_statuses.len()
        );
        assert_eq!(v.periods.first().map(String::as_str), Some("2026"));
        assert_eq!(v.periods.len(), 5);
    }
}
