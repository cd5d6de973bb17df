//! What the dashboard shows: headline costing, cost by pillar and by year, the completeness of
//! the six elements, and the latest changes. Amounts are exact decimals rounded for display
//! here (the UI formats them, never computes with them); bar lengths come as percentages.

use crate::costing::rounding::round_to;
use crate::costing::views::Measure;
use crate::costing::{compute, cross_table, Costing, CostingError, Dimension, Member};
use crate::currency::currency;
use crate::model::*;
use crate::record::{Record, RecordKind};
use crate::text::LocalText;
use crate::validate::Labelled;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::HashSet;
use ts_rs::TS;

/// One bar: a label, an amount and its length as a percentage of the longest bar.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Bar {
    pub code: String,
    pub label: LocalText,
    #[ts(type = "string")]
    pub amount: Decimal,
    /// 0–100, one decimal.
    #[ts(type = "string")]
    pub percent: Decimal,
    /// For year bars: committed funding, and its length on the same scale.
    #[ts(type = "string | null")]
    pub committed: Option<Decimal>,
    #[ts(type = "string | null")]
    pub committed_percent: Option<Decimal>,
}

/// How complete one of the six elements is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Completeness {
    /// "narrative", "results_framework", "resources", "communication", "agency_plans",
    /// "coordination".
    pub element: String,
    pub done: u32,
    pub of: u32,
}

/// A recently changed record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RecentChange {
    pub kind: RecordKind,
    pub label: String,
    pub modified_by: String,
    pub modified: String,
}

/// Everything the dashboard shows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Dashboard {
    pub currency: String,
    #[ts(type = "string")]
    pub total_cost: Decimal,
    #[ts(type = "string")]
    pub committed: Decimal,
    #[ts(type = "string")]
    pub gap: Decimal,
    /// The gap as a percentage of cost, one decimal.
    #[ts(type = "string")]
    pub gap_percent: Decimal,
    pub by_pillar: Vec<Bar>,
    pub by_year: Vec<Bar>,
    pub completeness: Vec<Completeness>,
    pub recent: Vec<RecentChange>,
}

fn pct(part: Decimal, whole: Decimal) -> Decimal {
    if whole.is_zero() {
        return Decimal::ZERO;
    }
    (part * Decimal::from(100) / whole)
        .round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The completeness of the six elements, by the good-practice checks of SPEC §6.
pub fn completeness(plan: &Plan) -> Vec<Completeness> {
    let with_indicator: HashSet<Id> = plan.indicators.iter().filter_map(|i| i.parent_id).collect();
    let costed: HashSet<Id> = plan.cost_lines.iter().map(|l| l.activity_id).collect();
    let leads: HashSet<Id> = plan
        .activities
        .iter()
        .filter_map(|a| a.lead_agency_id)
        .collect();
    let planned: HashSet<Id> = plan.agency_plans.iter().map(|p| p.agency_id).collect();
    let cso: HashSet<Id> = plan
        .agencies
        .iter()
        .filter(|a| a.kind == AgencyKind::Csos)
        .map(|a| a.record.id)
        .collect();
    let comm_kinds: HashSet<_> = plan.communication.iter().map(|c| c.kind).collect();
    vec![
        Completeness {
            element: "narrative".into(),
            done: count(plan.narrative.iter().filter(|s| !s.body.is_blank()).count()),
            of: count(plan.narrative.len().max(7)),
        },
        Completeness {
            element: "results_framework".into(),
            done: count(
                plan.outcomes
                    .iter()
                    .filter(|o| with_indicator.contains(&o.record.id))
                    .count(),
            ),
            of: count(plan.outcomes.len()),
        },
        Completeness {
            element: "resources".into(),
            done: count(
                plan.activities
                    .iter()
                    .filter(|a| costed.contains(&a.record.id))
                    .count(),
            ),
            of: count(plan.activities.len()),
        },
        Completeness {
            element: "communication".into(),
            done: count(comm_kinds.len() + usize::from(!plan.communication_activities.is_empty())),
            of: 5,
        },
        Completeness {
            element: "agency_plans".into(),
            done: count(leads.iter().filter(|a| planned.contains(a)).count()),
            of: count(leads.len()),
        },
        Completeness {
            element: "coordination".into(),
            done: count(
                plan.bodies
                    .iter()
                    .filter(|b| {
                        !b.mandate.is_blank()
                            && b.member_ids
                                .iter()
                                .chain(&b.chair_ids)
                                .any(|m| cso.contains(m))
                    })
                    .count(),
            ),
            of: count(plan.bodies.len().max(1)),
        },
    ]
}

/// The `n` records changed last, newest first (records changed at the same moment in record
/// kind and then plan order). Only those `n` are described: describing every record of a
/// 30,000-line plan to keep eight took most of the dashboard's time.
fn recent(plan: &Plan, n: usize) -> Vec<RecentChange> {
    // The `n` newest (when, kind, index in its list), newest first; records changed at the
    // same moment in kind then plan order. Kept as they come instead of sorting all the
    // plan's records (35,000 in a large plan) to read eight.
    let mut newest: Vec<(&crate::time::Timestamp, RecordKind, usize)> = Vec::with_capacity(n + 1);
    for kind in RecordKind::ALL {
        crate::with_record_type!(kind, T => {
            for (i, r) in T::list(plan).iter().enumerate() {
                let when = &r.meta().modified;
                if newest.len() == n && newest.last().is_none_or(|last| when <= last.0) {
                    continue;
                }
                // After every record at least as new: one that came earlier wins a tie.
                let at = newest.partition_point(|kept| kept.0 >= when);
                newest.insert(at, (when, kind, i));
                newest.truncate(n);
            }
        });
    }
    newest
        .into_iter()
        .map(|(_, kind, i)| {
            crate::with_record_type!(kind, T => {
                let r = &T::list(plan)[i];
                RecentChange {
                    kind,
                    label: r.label(),
                    modified_by: r.meta().modified_by.clone(),
                    modified: r.meta().modified.to_string(),
                }
            })
        })
        .collect()
}

/// The dashboard of `plan`, amounts in its base currency rounded to the currency's minor unit.
pub fn dashboard(plan: &Plan) -> Result<Dashboard, CostingError> {
    Ok(dashboard_of(plan, &compute(plan, None)?))
}

/// The dashboard of `plan` from `c`, its costing in its base currency (one kept from an
/// earlier screen: costing the plan is most of the dashboard's work). Its funding
/// allocations are made for the dashboard and not kept in `c` unless they already are.
pub fn dashboard_of(plan: &Plan, c: &Costing) -> Dashboard {
    let unit = Decimal::new(1, currency(&c.currency).map_or(2, |x| x.minor_units));
    let allocations = c.allocations_unkept();
    let (committed, with_pledged) = &*allocations;
    let s = c.summary_with(plan, committed, with_pledged);
    let pillars = cross_table(plan, c, Dimension::Pillar, None, Measure::Cost);
    let max_pillar = pillars.row_totals.iter().copied().max().unwrap_or_default();
    let by_pillar = pillars
        .rows
        .iter()
        .zip(&pillars.row_totals)
        .filter(|(m, _)| m.member != Member::Contingency)
        .map(|(m, t)| Bar {
            code: m.code.clone(),
            label: m.label.clone(),
            amount: round_to(*t, unit),
            percent: pct(*t, max_pillar),
            committed: None,
            committed_percent: None,
        })
        .collect();
    let years = cross_table(plan, c, Dimension::Year, None, Measure::Cost);
    // The committed funding of each year (the rows of `years`, in year order).
    let funded: Vec<Decimal> = (0..years.rows.len())
        .map(|y| committed.year_total(y))
        .collect();
    let max_year = years
        .row_totals
        .iter()
        .chain(&funded)
        .copied()
        .max()
        .unwrap_or_default();
    let by_year = years
        .rows
        .iter()
        .zip(years.row_totals.iter().zip(&funded))
        .map(|(m, (t, f))| Bar {
            code: m.code.clone(),
            label: m.label.clone(),
            amount: round_to(*t, unit),
            percent: pct(*t, max_year),
            committed: Some(round_to(*f, unit)),
            committed_percent: Some(pct(*f, max_year)),
        })
        .collect();
    Dashboard {
        currency: c.currency.clone(),
        total_cost: round_to(s.total_cost, unit),
        committed: round_to(s.committed, unit),
        gap: round_to(s.gap, unit),
        gap_percent: pct(s.gap, s.total_cost),
        by_pillar,
        by_year,
        completeness: completeness(plan),
        recent: recent(plan, 8),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::sample_plan;

    #[test]
    fn the_recent_changes_are_the_newest_first_with_ties_in_kind_then_plan_order() {
        use crate::time::Timestamp;
        use crate::validate::Labelled;
        let mut plan = sample_plan();
        // Later than every record of the sample.
        let at = |minute: i64| Timestamp::from_unix_millis(1_900_000_000_000 + minute * 60_000);
        plan.cost_lines[5].record.modified = at(3);
        plan.activities[2].record.modified = at(2);
        plan.cost_lines[1].record.modified = at(1);
        plan.pillars[0].record.modified = at(1);
        plan.pillars[0].record.modified_by = "MOI focal point".into();
        let recent = recent(&plan, 4);
        let seen: Vec<(RecordKind, &str)> =
            recent.iter().map(|r| (r.kind, r.label.as_str())).collect();
        let line5 = plan.cost_lines[5].label();
        let activity2 = plan.activities[2].label();
        let pillar0 = plan.pillars[0].label();
        let line1 = plan.cost_lines[1].label();
        // Pillars come before cost lines in the kinds' order.
        let kinds = RecordKind::ALL;
        let position = |k| kinds.iter().position(|x| *x == k).unwrap();
        assert!(position(RecordKind::Pillar) < position(RecordKind::CostLine));
        assert_eq!(
            seen,
            [
                (RecordKind::CostLine, line5.as_str()),
                (RecordKind::Activity, activity2.as_str()),
                (RecordKind::Pillar, pillar0.as_str()),
                (RecordKind::CostLine, line1.as_str()),
            ]
        );
        assert_eq!(recent[0].modified, at(3).to_string());
        assert_eq!(recent[2].modified_by, "MOI focal point");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
        /// The newest kept as they come are what sorting every record (stable, newest
        /// first) and keeping the first `n` gives, with many records changed at one moment.
        #[test]
        fn the_recent_changes_are_those_sorting_every_record_gives(
            minutes in proptest::collection::vec(0i64..4, 0..80),
            n in 0usize..12,
        ) {
            use crate::time::Timestamp;
            let mut plan = sample_plan();
            let at = |minute: i64| Timestamp::from_unix_millis(1_900_000_000_000 + minute * 60_000);
            for (i, &m) in minutes.iter().enumerate() {
                match i % 4 {
                    0 => { let k = i % plan.cost_lines.len(); plan.cost_lines[k].record.modified = at(m); }
                    1 => { let k = i % plan.activities.len(); plan.activities[k].record.modified = at(m); }
                    2 => { let k = i % plan.outcomes.len(); plan.outcomes[k].record.modified = at(m); }
                    _ => { let k = i % plan.pillars.len(); plan.pillars[k].record.modified = at(m); }
                }
            }
            let mut all: Vec<(crate::time::Timestamp, RecordKind, String)> = Vec::new();
            for kind in RecordKind::ALL {
                crate::with_record_type!(kind, T => {
                    all.extend(T::list(&plan).iter().map(|r| (r.meta().modified.clone(), kind, r.label())));
                });
            }
            all.sort_by(|a, b| b.0.cmp(&a.0));
            all.truncate(n);
            let expected: Vec<(String, RecordKind, String)> =
                all.into_iter().map(|(when, kind, label)| (when.to_string(), kind, label)).collect();
            let seen: Vec<(String, RecordKind, String)> =
                recent(&plan, n).into_iter().map(|r| (r.modified, r.kind, r.label)).collect();
            proptest::prop_assert_eq!(seen, expected);
        }
    }

    /// The dashboard makes its funding allocations without keeping them in the costing, and
    /// shows what the costing's own (kept) allocations give.
    #[test]
    fn the_dashboard_is_the_same_whether_the_costings_allocations_are_kept_or_not() {
        use crate::sample::{generated_plan, PlanSize};
        use std::borrow::Cow;
        let plan = generated_plan(PlanSize::Medium);
        let c = compute(&plan, None).unwrap();
        let unkept = dashboard_of(&plan, &c);
        assert!(matches!(c.allocations_unkept(), Cow::Owned(_)));
        // Kept from here on.
        let funded = cross_table(&plan, &c, Dimension::Year, None, Measure::Committed);
        assert!(matches!(c.allocations_unkept(), Cow::Borrowed(_)));
        assert_eq!(dashboard_of(&plan, &c), unkept);
        let unit = Decimal::new(1, currency(&c.currency).map_or(2, |x| x.minor_units));
        let committed: Vec<Decimal> = unkept
            .by_year
            .iter()
            .map(|b| b.committed.unwrap())
            .collect();
        let expected: Vec<Decimal> = funded
            .row_totals
            .iter()
            .map(|t| round_to(*t, unit))
            .collect();
        assert_eq!(committed, expected);
        assert!(committed.iter().any(|c| !c.is_zero()));
        let s = c.summary(&plan);
        assert_eq!(unkept.gap, round_to(s.gap, unit));
        assert_eq!(unkept.committed, round_to(s.committed, unit));
    }

    #[test]
    fn the_sample_dashboard_matches_the_costing() {
        let plan = sample_plan();
        let d = dashboard(&plan).unwrap();
        let s = compute(&plan, None).unwrap().summary(&plan);
        assert_eq!(
            d.total_cost,
            s.total_cost
                .round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
        );
        assert_eq!(d.by_pillar.len(), 5);
        assert!(d.by_pillar.iter().any(|b| b.percent == Decimal::from(100)));
        assert_eq!(d.by_year.len(), 5);
        assert!(d
            .by_year
            .iter()
            .all(|b| b.committed_percent.unwrap() <= Decimal::from(100)));
        let elements: Vec<&str> = d.completeness.iter().map(|c| c.element.as_str()).collect();
        assert_eq!(
            elements,
            [
                "narrative",
                "results_framework",
                "resources",
                "communication",
                "agency_plans",
                "coordination"
            ]
        );
        let resources = &d.completeness[2];
        assert_eq!((resources.done, resources.of), (44, 44));
        assert!(d.completeness.iter().all(|c| c.done <= c.of));
        assert_eq!(d.recent.len(), 8);
        assert!(d.gap_percent > Decimal::ZERO && d.gap_percent < Decimal::from(100));
    }
}
