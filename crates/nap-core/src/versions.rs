//! Comparing two states of a plan (two named versions, or a version and the plan as it is
//! now): every record added, changed or deleted, counted per element of the plan, each
//! changed field shown as a reader would read it, and how the cost of each pillar moved.
//!
//! Named versions themselves are left out: they mark states, they are not part of one.

use crate::costing::views::{cross_table, Dimension, Measure, Member};
use crate::costing::{compute, CostingError};
use crate::merge::{describe, labels, three_way, Action, PLAN_KIND};
use crate::model::*;
use crate::record::RecordKind;
use crate::text::LocalText;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;
use ts_rs::TS;

/// One field that differs, as text.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FieldChange {
    pub field: String,
    pub before: String,
    pub after: String,
}

/// One record that differs.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct RecordChange {
    /// The record kind's name, or `plan` for the plan's own fields and settings.
    pub kind: String,
    /// The element of the plan (see `RecordKind::element`), or `plan`.
    pub element: String,
    pub id: Id,
    pub label: String,
    pub action: Action,
    /// The fields that differ (for a change); empty for an added or deleted record.
    pub fields: Vec<FieldChange>,
}

/// How many records of one element were added, changed and deleted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ElementChanges {
    pub element: String,
    pub added: usize,
    pub changed: usize,
    pub deleted: usize,
}

/// A pillar's (or the contingency's) cost in both states.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PillarCostChange {
    pub code: String,
    pub label: LocalText,
    #[ts(type = "string")]
    pub before: Decimal,
    #[ts(type = "string")]
    pub after: Decimal,
    #[ts(type = "string")]
    pub change: Decimal,
}

/// What differs from one state of a plan to another.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Comparison {
    pub changes: Vec<RecordChange>,
    /// Per element, in the order the elements are presented.
    pub elements: Vec<ElementChanges>,
    /// Cost by pillar in `currency`; invariant: the rows' `before` and `after` add up to
    /// `total_before` and `total_after`.
    pub cost_by_pillar: Vec<PillarCostChange>,
    pub currency: String,
    #[ts(type = "string")]
    pub total_before: Decimal,
    #[ts(type = "string")]
    pub total_after: Decimal,
}

impl Comparison {
    /// The same comparison with the costs rounded to `minor_units` decimal places (half away
    /// from zero), for a screen; each change is then the difference of the rounded costs, so
    /// that every row reads consistently.
    pub fn rounded(mut self, minor_units: u32) -> Self {
        let round = |v: Decimal| crate::costing::quantize(v, minor_units);
        for r in &mut self.cost_by_pillar {
            r.before = round(r.before);
            r.after = round(r.after);
            r.change = r.after - r.before;
        }
        self.total_before = round(self.total_before);
        self.total_after = round(self.total_after);
        self
    }
}

/// The order elements are presented in.
const ELEMENTS: [&str; 9] = [
    "plan",
    "narrative",
    "results_framework",
    "resources",
    "communication",
    "agency_plans",
    "coordination",
    "consultations",
    "progress",
];

/// What differs from `before` to `after`; costs are compared in `after`'s base currency.
pub fn compare(before: &Plan, after: &Plan) -> Result<Comparison, CostingError> {
    let strip = |p: &Plan| {
        let mut p = p.clone();
        p.versions.clear();
        p
    };
    let (b, a) = (strip(before), strip(after));
    let report = three_way(&b, &b, &a, None);
    let names = labels(&[&b, &a]);
    let mut changes: Vec<RecordChange> = report
        .changes
        .into_iter()
        .map(|c| {
            let element = match RecordKind::from_name(&c.kind) {
                Some(k) => k.element().to_string(),
                None => PLAN_KIND.to_string(),
            };
            let fields = if c.action == Action::Change {
                c.fields
                    .iter()
                    .map(|f| FieldChange {
                        field: f.field.clone(),
                        before: describe(f.base.as_ref(), &names),
                        after: describe(f.theirs.as_ref(), &names),
                    })
                    .collect()
            } else {
                vec![]
            };
            RecordChange {
                kind: c.kind,
                element,
                id: c.id,
                label: c.label,
                action: c.action,
                fields,
            }
        })
        .collect();
    let rank = |e: &str| {
        ELEMENTS
            .iter()
            .position(|x| *x == e)
            .unwrap_or(ELEMENTS.len())
    };
    changes.sort_by_key(|c| rank(&c.element));
    let mut per: BTreeMap<usize, ElementChanges> = BTreeMap::new();
    for c in &changes {
        let e = per
            .entry(rank(&c.element))
            .or_insert_with(|| ElementChanges {
                element: c.element.clone(),
                ..Default::default()
            });
        match c.action {
            Action::Add => e.added += 1,
            Action::Change => e.changed += 1,
            Action::Delete => e.deleted += 1,
        }
    }

    let currency = after.meta.base_currency.clone();
    let cost = |p: &Plan| -> Result<_, CostingError> {
        let costing = compute(p, Some(&currency))?;
        Ok(cross_table(
            p,
            &costing,
            Dimension::Pillar,
            None,
            Measure::Cost,
        ))
    };
    let (tb, ta) = (cost(&b)?, cost(&a)?);
    let mut rows: Vec<PillarCostChange> = Vec::new();
    let mut members: Vec<Member> = Vec::new();
    for (t, is_after) in [(&ta, true), (&tb, false)] {
        for (i, info) in t.rows.iter().enumerate() {
            let at = match members.iter().position(|m| *m == info.member) {
                Some(at) => at,
                None => {
                    members.push(info.member.clone());
                    rows.push(PillarCostChange {
                        code: info.code.clone(),
                        label: info.label.clone(),
                        before: Decimal::ZERO,
                        after: Decimal::ZERO,
                        change: Decimal::ZERO,
                    });
                    rows.len() - 1
                }
            };
            if is_after {
                rows[at].after = t.row_totals[i];
            } else {
                rows[at].before = t.row_totals[i];
            }
        }
    }
    for r in &mut rows {
        r.change = r.after - r.before;
    }
    Ok(Comparison {
        changes,
        elements: per.into_values().collect(),
        cost_by_pillar: rows,
        currency,
        total_before: tb.total,
        total_after: ta.total,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::sample_plan;

    #[test]
    fn a_plan_compared_with_itself_has_no_changes_and_the_same_costs() {
        let plan = sample_plan();
        let c = compare(&plan, &plan).expect("costs");
        assert!(c.changes.is_empty());
        assert!(c.elements.is_empty());
        assert_eq!(c.total_before, c.total_after);
        assert!(c.cost_by_pillar.iter().all(|r| r.change.is_zero()));
    }

    #[test]
    fn added_changed_and_deleted_records_are_counted_per_element_with_the_cost_moves() {
        let before = sample_plan();
        let mut after = before.clone();
        // Changed: a cost line's quantity doubles in 2027.
        let line = after
            .cost_lines
            .iter_mut()
            .find(|l| l.quantities.get(&2027).is_some_and(|q| !q.is_zero()))
            .expect("a line costed in 2027");
        let line_id = line.record.id;
        let q = line.quantities[&2027];
        line.quantities.insert(2027, q * Decimal::TWO);
        // Deleted: a consultation. Added: a narrative section. Changed: the plan title.
        let gone = after.consultations.remove(0).record.id;
        let mut section = after.narrative[0].clone();
        section.record.id = Id::new_v4();
        after.narrative.push(section);
        after.meta.title.text = "Revised title".into();
        // A version saved in between is not a change of the plan.
        after.versions.push(NamedVersion {
            record: after.narrative[0].record.clone(),
            name: "Cabinet submission".into(),
            note: String::new(),
            status: PlanStatus::Submitted,
        });

        let c = compare(&before, &after).expect("costs");
        let count = |e: &str| c.elements.iter().find(|x| x.element == e).cloned();
        assert_eq!(
            count("resources").map(|e| (e.added, e.changed, e.deleted)),
            Some((0, 1, 0))
        );
        assert_eq!(
            count("consultations").map(|e| (e.added, e.changed, e.deleted)),
            Some((0, 0, 1))
        );
        assert_eq!(count("narrative").map(|e| e.added), Some(1));
        assert_eq!(count("plan").map(|e| e.changed), Some(1));
        assert!(c
            .changes
            .iter()
            .any(|x| x.id == gone && x.action == Action::Delete));
        let title = c
            .changes
            .iter()
            .find(|x| x.kind == PLAN_KIND)
            .and_then(|x| x.fields.iter().find(|f| f.field == "title"))
            .expect("the title change");
        assert!(title.after.starts_with("Revised title"), "{}", title.after);
        let line_change = c
            .changes
            .iter()
            .find(|x| x.id == line_id)
            .expect("the line");
        assert!(line_change.fields.iter().any(|f| f.field == "quantities"));

        // The cost moved only in the line's pillar (and its contingency), by what the
        // costing engine says the line's 2027 amount was, once more.
        let costing = compute(&before, None).expect("costs");
        let unit = costing
            .units
            .iter()
            .position(|u| {
                u.kind
                    == crate::costing::UnitKind::Line(
                        before
                            .cost_lines
                            .iter()
                            .position(|l| l.record.id == line_id)
                            .expect("line"),
                    )
            })
            .expect("unit");
        let y = costing.year_index(2027).expect("year");
        let added = costing.amount(unit, y);
        let moved: Vec<&PillarCostChange> = c
            .cost_by_pillar
            .iter()
            .filter(|r| !r.change.is_zero())
            .collect();
        assert_eq!(moved.len(), 2, "the line's pillar and the contingency");
        assert!(moved.iter().any(|r| r.change == added));
        assert_eq!(
            c.total_after - c.total_before,
            moved.iter().map(|r| r.change).sum::<Decimal>()
        );
        assert_eq!(
            c.cost_by_pillar.iter().map(|r| r.after).sum::<Decimal>(),
            c.total_after
        );
    }
}
