//! Repairing a plan that breaks its own rules (a file changed outside NAP Studio): the least
//! change that makes it valid, each change stated, so that a person can open a repaired copy
//! and see exactly what differs from the damaged original.
//!
//! Invariants: the result passes [`validate`]; a record is removed only when no smaller
//! change makes it valid (a cost line whose activity is missing, a second record with the
//! same id); a reference that may be empty is cleared rather than its record removed; a value
//! outside the plan period or a negative quantity loses that year only. Problems that no
//! change can fix without guessing what was meant (the plan period, the country, the base
//! currency) are returned, and nothing is repaired.

use crate::record::{Record, RecordKind};
use crate::validate::{validate, Labelled, RecordRef, ValidationError};
use crate::{model::*, with_record_type};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::HashSet;
use ts_rs::TS;

/// One change the repair made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RepairChange {
    /// The record changed or removed; `None` for the plan's own settings.
    pub record: Option<RecordRef>,
    /// What was wrong, as validation states it.
    pub problem: String,
    /// What the repair did about it.
    pub change: String,
}

/// A repaired plan and what was changed to get it.
#[derive(Debug, Clone)]
pub struct Repaired {
    pub plan: Plan,
    pub changes: Vec<RepairChange>,
}

/// Rounds of repair before giving up: each round removes or clears something, and removals
/// cascade at most down the results chain (pillar → outcome → output → activity → line).
const MAX_ROUNDS: usize = 12;

/// The least-changed valid plan near `plan`, with the list of changes; or the problems that
/// cannot be repaired without guessing (then nothing is changed).
pub fn repair(plan: &Plan) -> Result<Repaired, Vec<ValidationError>> {
    let mut plan = plan.clone();
    let mut changes = Vec::new();
    remove_duplicate_ids(&mut plan, &mut changes);
    for _ in 0..MAX_ROUNDS {
        let problems = validate(&plan);
        if problems.is_empty() {
            return Ok(Repaired { plan, changes });
        }
        let unrepairable: Vec<ValidationError> = problems
            .iter()
            .filter(|p| {
                matches!(
                    p,
                    ValidationError::InvalidPeriod { .. }
                        | ValidationError::InvalidCountry { .. }
                        | ValidationError::UnknownCurrency { record: None, .. }
                )
            })
            .cloned()
            .collect();
        if !unrepairable.is_empty() {
            return Err(unrepairable);
        }
        let before = changes.len();
        for problem in problems {
            fix(&mut plan, &problem, &mut changes);
        }
        if changes.len() == before {
            break;
        }
    }
    Err(validate(&plan))
}

/// Keeps the first record with each id (in the order of [`RecordKind::ALL`]) and removes
/// the others: a later record cannot be told apart from the first by any reference to it.
fn remove_duplicate_ids(plan: &mut Plan, changes: &mut Vec<RepairChange>) {
    let mut seen = HashSet::new();
    for kind in RecordKind::ALL {
        with_record_type!(kind, T => {
            let mut kept = Vec::new();
            for r in std::mem::take(T::list_mut(plan)) {
                if seen.insert(r.meta().id) {
                    kept.push(r);
                } else {
                    changes.push(RepairChange {
                        record: Some(r.as_ref_()),
                        problem: ValidationError::DuplicateId { id: r.meta().id }.to_string(),
                        change: "removed this second record with the same id".into(),
                    });
                }
            }
            *T::list_mut(plan) = kept;
        });
    }
}

/// Applies the fix for one problem, recording it in `changes` (nothing when the problem is
/// already gone, e.g. its record was removed by an earlier fix of the same round).
fn fix(plan: &mut Plan, problem: &ValidationError, changes: &mut Vec<RepairChange>) {
    use ValidationError as V;
    let mut note = |record: Option<&RecordRef>, change: String| {
        changes.push(RepairChange {
            record: record.cloned(),
            problem: problem.to_string(),
            change,
        })
    };
    let (start, end) = (plan.meta.start_year, plan.meta.end_year);
    let in_period = |y: &Year| (start..=end).contains(y);
    match problem {
        V::InvalidSetting { field, .. } if field == "contingency" => {
            plan.meta.contingency = Decimal::ZERO;
            note(None, "set the plan's contingency to 0 %".into());
        }
        V::InvalidSetting { field, .. } if field.starts_with("inflation for ") => {
            let year = field.trim_start_matches("inflation for ").parse::<Year>();
            if let Ok(year) = year {
                plan.meta.inflation.remove(&year);
                note(None, format!("removed the inflation rate for {year}"));
            }
        }
        V::InvalidSetting { field, .. } if field == "second language" => {
            plan.meta.second_language = None;
            note(None, "removed the plan's second language".into());
        }
        V::InvalidSetting { field, .. } if field == "working language" => {
            plan.meta.working_language = "en".into();
            note(None, "set the plan's working language to English".into());
        }
        V::InvalidSetting { field, .. } if field == "lead agency" => {
            plan.meta.lead_agency_id = None;
            note(None, "cleared the plan's lead agency".into());
        }
        V::InvalidSetting { field, .. } if field.starts_with("id of the name of ") => {
            let mut fixed = Vec::new();
            for n in &mut plan.classification_names {
                let id = ClassificationName::id_for(n.scheme, &n.code);
                if n.record.id != id {
                    n.record.id = id;
                    fixed.push(n.as_ref_());
                }
            }
            for r in fixed {
                note(Some(&r), "gave it the id its code implies".into());
            }
        }
        V::DuplicateCode { kind, code, .. } => {
            if let Some(r) = recode_duplicates(plan, *kind, code) {
                note(Some(&r.0), format!("changed its code to `{}`", r.1));
            }
        }
        V::UnknownReference {
            record,
            field,
            target,
            ..
        } => {
            let cleared = match (record.kind, field.as_str()) {
                (RecordKind::Activity, "lead agency") => {
                    edit::<Activity>(plan, record.id, |a| a.lead_agency_id = None)
                }
                (RecordKind::Activity, "supporting agency") => {
                    edit::<Activity>(plan, record.id, |a| {
                        a.supporting_agency_ids.retain(|s| s != target)
                    })
                }
                (RecordKind::Indicator, "responsible agency") => {
                    edit::<Indicator>(plan, record.id, |i| i.responsible_agency_id = None)
                }
                (RecordKind::CostLine, "funding source") => {
                    edit::<CostLine>(plan, record.id, |l| l.funding_source_id = None)
                }
                (RecordKind::FundingSource, "agency") => {
                    edit::<FundingSource>(plan, record.id, |s| s.agency_id = None)
                }
                (RecordKind::FundingSource, "earmark") => {
                    edit::<FundingSource>(plan, record.id, |s| {
                        s.earmarks.retain(|e| e.target_id != *target)
                    })
                }
                (RecordKind::CommunicationActivity, "responsible agency") => {
                    edit::<CommunicationActivity>(plan, record.id, |c| {
                        c.responsible_agency_id = None
                    })
                }
                (RecordKind::CommunicationActivity, "activity") => {
                    edit::<CommunicationActivity>(plan, record.id, |c| c.activity_id = None)
                }
                (RecordKind::Body, "pillar") => {
                    edit::<CoordinatingBody>(plan, record.id, |b| b.pillar_id = None)
                }
                (RecordKind::Body, "reports to") => {
                    edit::<CoordinatingBody>(plan, record.id, |b| b.reports_to_id = None)
                }
                (RecordKind::Body, "chairs and members") => {
                    edit::<CoordinatingBody>(plan, record.id, |b| {
                        b.chair_ids.retain(|a| a != target);
                        b.member_ids.retain(|a| a != target);
                    })
                }
                _ => false,
            };
            if cleared {
                note(Some(record), format!("removed the missing {field} from it"));
            } else if remove(plan, record) {
                note(Some(record), format!("removed it: its {field} is missing"));
            }
        }
        V::YearOutsidePeriod {
            record,
            field,
            year,
            ..
        } => {
            let trimmed = match (record.kind, field.as_str()) {
                (RecordKind::Activity, "implementation years") => {
                    edit::<Activity>(plan, record.id, |a| a.years.retain(in_period))
                }
                (RecordKind::Indicator, "targets") => {
                    edit::<Indicator>(plan, record.id, |i| i.targets.retain(|y, _| in_period(y)))
                }
                (RecordKind::Indicator, "baseline year") => {
                    edit::<Indicator>(plan, record.id, |i| i.baseline_year = None)
                }
                (RecordKind::CostLine, "quantities") => edit::<CostLine>(plan, record.id, |l| {
                    l.quantities.retain(|y, _| in_period(y))
                }),
                (RecordKind::FundingSource, "amounts") => {
                    edit::<FundingSource>(plan, record.id, |s| {
                        s.amounts.retain(|y, _| in_period(y))
                    })
                }
                (RecordKind::CommunicationActivity, "year") => {
                    edit::<CommunicationActivity>(plan, record.id, |c| c.year = None)
                }
                _ => false,
            };
            if trimmed {
                note(Some(record), format!("removed its {field} for {year}"));
            } else if remove(plan, record) {
                note(
                    Some(record),
                    format!("removed it: its {field} {year} is outside the plan period"),
                );
            }
        }
        V::NegativeQuantity { record, year, .. } => {
            if edit::<CostLine>(plan, record.id, |l| {
                l.quantities.remove(year);
            }) {
                note(Some(record), format!("removed its quantity for {year}"));
            }
        }
        V::OutOfRange { record, field, .. }
            if record.kind == RecordKind::Activity && field == "contingency" =>
        {
            if edit::<Activity>(plan, record.id, |a| a.contingency = None) {
                note(Some(record), "made it use the plan's contingency".into());
            }
        }
        V::BlankText { record, field } => {
            let placeholder = format!("(no {field})");
            let filled = with_record_type!(record.kind, T => {
                fill_blank::<T>(plan, record.id, field, &placeholder)
            });
            if filled {
                note(
                    Some(record),
                    format!("set its {field} to \"{placeholder}\""),
                );
            } else if remove(plan, record) {
                note(Some(record), format!("removed it: its {field} is empty"));
            }
        }
        V::ReportingCycle { record } => {
            if edit::<CoordinatingBody>(plan, record.id, |b| b.reports_to_id = None) {
                note(Some(record), "cleared the body it reports to".into());
            }
        }
        V::UnknownCurrency {
            record: Some(record),
            ..
        }
        | V::NegativeAmount { record, .. }
        | V::NotPositive { record, .. }
        | V::MissingCostField { record, .. }
        | V::OutOfRange { record, .. }
        | V::NonNumericIndicatorValue { record, .. } => {
            if remove(plan, record) {
                note(Some(record), "removed it".into());
            }
        }
        V::InvalidPeriod { .. }
        | V::InvalidCountry { .. }
        | V::UnknownCurrency { record: None, .. }
        | V::InvalidSetting { .. }
        | V::DuplicateId { .. } => {}
    }
}

/// Applies `f` to the record of type `T` with `id`; false when there is none.
fn edit<T: Record>(plan: &mut Plan, id: Id, f: impl FnOnce(&mut T)) -> bool {
    match T::list_mut(plan).iter_mut().find(|r| r.meta().id == id) {
        Some(r) => {
            f(r);
            true
        }
        None => false,
    }
}

/// Removes the record `r` refers to; false when it is already gone.
fn remove(plan: &mut Plan, r: &RecordRef) -> bool {
    with_record_type!(r.kind, T => {
        let list = T::list_mut(plan);
        let before = list.len();
        list.retain(|x| x.meta().id != r.id);
        list.len() != before
    })
}

/// Sets the blank text `field` of a record to `placeholder`, through its serialised form so
/// that one function serves every kind; false when the record or field is not there.
fn fill_blank<T>(plan: &mut Plan, id: Id, field: &str, placeholder: &str) -> bool
where
    T: Record + Serialize + serde::de::DeserializeOwned,
{
    let Some(r) = T::list_mut(plan).iter_mut().find(|r| r.meta().id == id) else {
        return false;
    };
    let Ok(mut value) = serde_json::to_value(&*r) else {
        return false;
    };
    let key = field.replace(' ', "_");
    let filled = match value.get_mut(&key) {
        Some(serde_json::Value::String(s)) => {
            *s = placeholder.into();
            true
        }
        Some(serde_json::Value::Object(o)) if o.contains_key("text") => {
            o.insert("text".into(), placeholder.into());
            true
        }
        _ => false,
    };
    match serde_json::from_value::<T>(value) {
        Ok(new) if filled => {
            *r = new;
            true
        }
        _ => false,
    }
}

/// Gives every record of `kind` after the first with `code` a new unique code
/// (`CODE-2`, `CODE-3`...); returns the first record changed and its new code.
fn recode_duplicates(plan: &mut Plan, kind: RecordKind, code: &str) -> Option<(RecordRef, String)> {
    fn recode<T: Labelled>(
        list: &mut [T],
        code_of: impl Fn(&mut T) -> &mut String,
        code: &str,
    ) -> Option<(RecordRef, String)> {
        let wanted = code.trim().to_lowercase();
        let mut taken: HashSet<String> = HashSet::new();
        let mut first_change = None;
        let mut seen_first = false;
        let all: Vec<String> = list
            .iter_mut()
            .map(|r| code_of(r).trim().to_lowercase())
            .collect();
        taken.extend(all);
        for r in list.iter_mut() {
            let c = code_of(r);
            if c.trim().to_lowercase() != wanted {
                continue;
            }
            if !seen_first {
                seen_first = true;
                continue;
            }
            let mut n = 2;
            let new = loop {
                let candidate = format!("{}-{n}", code.trim());
                if taken.insert(candidate.to_lowercase()) {
                    break candidate;
                }
                n += 1;
            };
            *c = new.clone();
            if first_change.is_none() {
                first_change = Some((r.as_ref_(), new));
            }
        }
        first_change
    }
    match kind {
        RecordKind::Agency => recode(&mut plan.agencies, |r| &mut r.code, code),
        RecordKind::Pillar => recode(&mut plan.pillars, |r| &mut r.code, code),
        RecordKind::Outcome => recode(&mut plan.outcomes, |r| &mut r.code, code),
        RecordKind::Output => recode(&mut plan.outputs, |r| &mut r.code, code),
        RecordKind::Activity => recode(&mut plan.activities, |r| &mut r.code, code),
        RecordKind::Indicator => recode(&mut plan.indicators, |r| &mut r.code, code),
        RecordKind::CatalogueItem => recode(&mut plan.catalogue, |r| &mut r.code, code),
        RecordKind::FundingSource => recode(&mut plan.funding_sources, |r| &mut r.code, code),
        RecordKind::Body => recode(&mut plan.bodies, |r| &mut r.code, code),
        // Classification names: the code is part of the id, so the later one goes.
        RecordKind::ClassificationName => {
            let (scheme, c) = code.split_once(' ')?;
            let mut seen = false;
            let mut removed = None;
            plan.classification_names.retain(|n| {
                let same = n.scheme.name() == scheme && n.code.trim() == c.trim();
                if same && seen {
                    removed.get_or_insert_with(|| n.as_ref_());
                    return false;
                }
                seen |= same;
                true
            });
            removed.map(|r| (r, "(removed)".into()))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::sample_plan;

    fn repaired(plan: &Plan) -> Repaired {
        let r = repair(plan).expect("repairable");
        assert_eq!(validate(&r.plan), vec![], "the repaired plan is valid");
        r
    }

    #[test]
    fn a_valid_plan_is_returned_unchanged() {
        let plan = sample_plan();
        let r = repaired(&plan);
        assert!(r.changes.is_empty());
        assert_eq!(r.plan, plan);
    }

    #[test]
    fn a_line_of_a_missing_activity_is_removed_and_said_so() {
        let mut plan = sample_plan();
        let line = plan.cost_lines[3].clone();
        plan.cost_lines[3].activity_id = Id::from_u128(42);
        let r = repaired(&plan);
        assert_eq!(r.plan.cost_lines.len(), plan.cost_lines.len() - 1);
        assert!(!r
            .plan
            .cost_lines
            .iter()
            .any(|l| l.record.id == line.record.id));
        assert_eq!(r.changes.len(), 1, "{:?}", r.changes);
        assert_eq!(
            r.changes[0].record.as_ref().map(|r| r.id),
            Some(line.record.id)
        );
        assert!(
            r.changes[0].change.contains("activity is missing"),
            "{:?}",
            r.changes[0]
        );
    }

    #[test]
    fn an_optional_reference_is_cleared_not_its_record_removed() {
        let mut plan = sample_plan();
        let i = plan
            .activities
            .iter()
            .position(|a| a.lead_agency_id.is_some())
            .unwrap();
        plan.activities[i].lead_agency_id = Some(Id::from_u128(7));
        let r = repaired(&plan);
        assert_eq!(r.plan.activities.len(), plan.activities.len());
        assert_eq!(r.plan.activities[i].lead_agency_id, None);
        assert_eq!(r.plan.cost_lines.len(), plan.cost_lines.len());
    }

    #[test]
    fn a_second_record_with_the_same_id_is_removed_once() {
        let mut plan = sample_plan();
        let copy = plan.cost_lines[0].clone();
        plan.cost_lines.push(copy);
        let r = repaired(&plan);
        assert_eq!(r.plan.cost_lines.len(), plan.cost_lines.len() - 1);
        assert_eq!(r.changes.len(), 1);
    }

    #[test]
    fn negative_settings_and_quantities_lose_only_the_bad_value() {
        let mut plan = sample_plan();
        plan.meta.contingency = Decimal::new(-5, 2);
        let year = *plan.cost_lines[0].quantities.keys().next().unwrap();
        plan.cost_lines[0]
            .quantities
            .insert(year, Decimal::NEGATIVE_ONE);
        plan.cost_lines[1]
            .quantities
            .insert(plan.meta.end_year + 3, Decimal::ONE);
        let r = repaired(&plan);
        assert_eq!(r.plan.meta.contingency, Decimal::ZERO);
        assert!(!r.plan.cost_lines[0].quantities.contains_key(&year));
        assert_eq!(
            r.plan.cost_lines[1].quantities,
            sample_plan().cost_lines[1].quantities
        );
        assert_eq!(r.changes.len(), 3, "{:?}", r.changes);
    }

    #[test]
    fn a_removed_output_takes_its_activities_and_their_lines_with_it() {
        let mut plan = sample_plan();
        let output = plan.outputs[0].record.id;
        plan.outputs[0].outcome_id = Id::from_u128(9);
        let activities: Vec<Id> = plan
            .activities
            .iter()
            .filter(|a| a.output_id == output)
            .map(|a| a.record.id)
            .collect();
        let r = repaired(&plan);
        assert!(!r.plan.outputs.iter().any(|o| o.record.id == output));
        assert!(!r
            .plan
            .cost_lines
            .iter()
            .any(|l| activities.contains(&l.activity_id)));
        assert!(
            r.changes.len() > activities.len(),
            "every removal is listed"
        );
    }

    #[test]
    fn duplicate_codes_get_new_ones_and_blank_titles_a_placeholder() {
        let mut plan = sample_plan();
        plan.activities[1].code = plan.activities[0].code.clone();
        plan.pillars[0].title.text = "  ".into();
        let r = repaired(&plan);
        assert_eq!(
            r.plan.activities[1].code,
            format!("{}-2", plan.activities[0].code)
        );
        assert_eq!(r.plan.pillars[0].title.text, "(no title)");
        assert_eq!(r.plan.pillars.len(), plan.pillars.len());
    }

    #[test]
    fn a_period_or_country_that_cannot_be_guessed_is_refused() {
        let mut plan = sample_plan();
        plan.meta.start_year = -5;
        plan.meta.end_year = 100_000;
        let problems = repair(&plan).unwrap_err();
        assert!(matches!(problems[0], ValidationError::InvalidPeriod { .. }));
    }
}
