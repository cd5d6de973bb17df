//! What the results framework screen shows: the tree goal → pillars → outcomes → outputs →
//! activities in plan order, flattened with each node's depth, and every indicator with its
//! values per plan year as text.

use crate::costing::grid::GridChoice;
use crate::edit::ResultLevel;
use crate::model::*;
use crate::text::LocalText;
use serde::Serialize;
use std::collections::HashMap;
use ts_rs::TS;

/// One result in the tree.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ResultNode {
    pub level: ResultLevel,
    #[ts(type = "string")]
    pub id: Id,
    #[ts(type = "string | null")]
    pub parent_id: Option<Id>,
    /// 0 for pillars, 3 for activities.
    pub depth: u8,
    pub code: String,
    pub title: LocalText,
    /// Pillars and activities have one; `None` for outcomes and outputs.
    pub description: Option<LocalText>,
    /// Activities only.
    #[ts(type = "string | null")]
    pub lead_agency_id: Option<Id>,
    /// Indicators measuring it (outcomes and outputs).
    pub indicators: u32,
    /// Results directly under it.
    pub children: u32,
    /// Cost lines under it (activities only; 0 otherwise).
    pub cost_lines: u32,
    /// First or last among its siblings (it cannot move further that way).
    pub first: bool,
    pub last: bool,
    pub modified_by: String,
    pub modified: String,
    /// True in a copy sent for one agency when the result is outside its part. The shell sets
    /// it; the core leaves it false.
    pub locked: bool,
}

/// One indicator, its values as typed.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct IndicatorRow {
    #[ts(type = "string")]
    pub id: Id,
    /// The outcome or output it measures; `None` for impact indicators (the goal).
    #[ts(type = "string | null")]
    pub parent_id: Option<Id>,
    pub level: IndicatorLevel,
    pub code: String,
    pub statement: LocalText,
    pub kind: IndicatorType,
    pub unit: String,
    pub disaggregation: Vec<Disaggregation>,
    /// Empty for none.
    pub baseline_value: String,
    pub baseline_year: String,
    pub baseline_source: String,
    /// The target of each plan year, empty for none.
    pub targets: Vec<String>,
    pub means_of_verification: LocalText,
    pub frequency: Frequency,
    #[ts(type = "string | null")]
    pub responsible_agency_id: Option<Id>,
    pub modified_by: String,
    pub modified: String,
    pub locked: bool,
}

/// Everything the results framework screen shows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ResultsView {
    pub goal: LocalText,
    pub years: Vec<i32>,
    /// Depth first: each pillar, then its outcomes, each followed by its outputs, each
    /// followed by its activities.
    pub nodes: Vec<ResultNode>,
    /// Impact indicators first, then in plan order.
    pub indicators: Vec<IndicatorRow>,
    pub agencies: Vec<GridChoice>,
}

struct NodeFacts<'a> {
    level: ResultLevel,
    id: Id,
    parent_id: Option<Id>,
    code: &'a str,
    title: &'a LocalText,
    description: Option<&'a LocalText>,
    lead_agency_id: Option<Id>,
    record: &'a RecordMeta,
}

fn children_of<T>(list: &[T], parent: impl Fn(&T) -> Id) -> HashMap<Id, Vec<&T>> {
    let mut map: HashMap<Id, Vec<&T>> = HashMap::new();
    for r in list {
        map.entry(parent(r)).or_default().push(r);
    }
    map
}

/// The results framework of `plan`.
pub fn results_view(plan: &Plan) -> ResultsView {
    let outcomes = children_of(&plan.outcomes, |o| o.pillar_id);
    let outputs = children_of(&plan.outputs, |o| o.outcome_id);
    let activities = children_of(&plan.activities, |a| a.output_id);
    let mut indicators_of: HashMap<Id, u32> = HashMap::new();
    for i in &plan.indicators {
        if let Some(p) = i.parent_id {
            *indicators_of.entry(p).or_default() += 1;
        }
    }
    let mut lines_of: HashMap<Id, u32> = HashMap::new();
    for l in &plan.cost_lines {
        *lines_of.entry(l.activity_id).or_default() += 1;
    }
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let mut nodes = Vec::new();
    let mut push = |f: NodeFacts<'_>, depth: u8, children: usize, at: usize, of: usize| {
        nodes.push(ResultNode {
            level: f.level,
            id: f.id,
            parent_id: f.parent_id,
            depth,
            code: f.code.to_string(),
            title: f.title.clone(),
            description: f.description.cloned(),
            lead_agency_id: f.lead_agency_id,
            indicators: indicators_of.get(&f.id).copied().unwrap_or(0),
            children: count(children),
            cost_lines: lines_of.get(&f.id).copied().unwrap_or(0),
            first: at == 0,
            last: at + 1 == of,
            modified_by: f.record.modified_by.clone(),
            modified: f.record.modified.to_string(),
            locked: false,
        });
    };
    for (p, pillar) in plan.pillars.iter().enumerate() {
        let pillar_outcomes = outcomes
            .get(&pillar.record.id)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        push(
            NodeFacts {
                level: ResultLevel::Pillar,
                id: pillar.record.id,
                parent_id: None,
                code: &pillar.code,
                title: &pillar.title,
                description: Some(&pillar.description),
                lead_agency_id: None,
                record: &pillar.record,
            },
            0,
            pillar_outcomes.len(),
            p,
            plan.pillars.len(),
        );
        for (o, outcome) in pillar_outcomes.iter().enumerate() {
            let outcome_outputs = outputs
                .get(&outcome.record.id)
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            push(
                NodeFacts {
                    level: ResultLevel::Outcome,
                    id: outcome.record.id,
                    parent_id: Some(pillar.record.id),
                    code: &outcome.code,
                    title: &outcome.title,
                    description: None,
                    lead_agency_id: None,
                    record: &outcome.record,
                },
                1,
                outcome_outputs.len(),
                o,
                pillar_outcomes.len(),
            );
            for (u, output) in outcome_outputs.iter().enumerate() {
                let output_activities = activities
                    .get(&output.record.id)
                    .map(Vec::as_slice)
                    .unwrap_or(&[]);
                push(
                    NodeFacts {
                        level: ResultLevel::Output,
                        id: output.record.id,
                        parent_id: Some(outcome.record.id),
                        code: &output.code,
                        title: &output.title,
                        description: None,
                        lead_agency_id: None,
                        record: &output.record,
                    },
                    2,
                    output_activities.len(),
                    u,
                    outcome_outputs.len(),
                );
                for (a, activity) in output_activities.iter().enumerate() {
                    push(
                        NodeFacts {
                            level: ResultLevel::Activity,
                            id: activity.record.id,
                            parent_id: Some(output.record.id),
                            code: &activity.code,
                            title: &activity.title,
                            description: Some(&activity.description),
                            lead_agency_id: activity.lead_agency_id,
                            record: &activity.record,
                        },
                        3,
                        0,
                        a,
                        output_activities.len(),
                    );
                }
            }
        }
    }
    let years: Vec<i32> = (plan.meta.start_year..=plan.meta.end_year).collect();
    let mut indicators: Vec<&Indicator> = plan.indicators.iter().collect();
    indicators.sort_by_key(|i| i.level != IndicatorLevel::Impact);
    ResultsView {
        goal: plan.meta.goal.clone(),
        indicators: indicators
            .into_iter()
            .map(|i| IndicatorRow {
                id: i.record.id,
                parent_id: i.parent_id,
                level: i.level,
                code: i.code.clone(),
                statement: i.statement.clone(),
                kind: i.kind,
                unit: i.unit.clone(),
                disaggregation: i.disaggregation.clone(),
                baseline_value: i.baseline_value.clone().unwrap_or_default(),
                baseline_year: i.baseline_year.map(|y| y.to_string()).unwrap_or_default(),
                baseline_source: i.baseline_source.clone(),
                targets: years
                    .iter()
                    .map(|y| i.targets.get(y).cloned().unwrap_or_default())
                    .collect(),
                means_of_verification: i.means_of_verification.clone(),
                frequency: i.frequency,
                responsible_agency_id: i.responsible_agency_id,
                modified_by: i.record.modified_by.clone(),
                modified: i.record.modified.to_string(),
                locked: false,
            })
            .collect(),
        years,
        nodes,
        agencies: GridChoice::agencies(plan),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::sample_plan;

    #[test]
    fn every_result_appears_once_under_its_parent_in_plan_order() {
        let plan = sample_plan();
        let view = results_view(&plan);
        assert_eq!(
            view.nodes.len(),
            plan.pillars.len() + plan.outcomes.len() + plan.outputs.len() + plan.activities.len()
        );
        // Depth first: each node's parent is the nearest node above it one level up.
        let mut stack: Vec<&ResultNode> = Vec::new();
        for node in &view.nodes {
            stack.truncate(node.depth as usize);
            assert_eq!(node.parent_id, stack.last().map(|p| p.id), "{}", node.code);
            stack.push(node);
        }
        for pillar in view.nodes.iter().filter(|n| n.level == ResultLevel::Pillar) {
            let outcomes = plan
                .outcomes
                .iter()
                .filter(|o| o.pillar_id == pillar.id)
                .count();
            assert_eq!(pillar.children as usize, outcomes);
        }
        assert!(view.nodes[0].first && !view.nodes[0].last);
        let activity = view
            .nodes
            .iter()
            .find(|n| n.level == ResultLevel::Activity)
            .unwrap();
        let lines = plan
            .cost_lines
            .iter()
            .filter(|l| l.activity_id == activity.id)
            .count();
        assert_eq!(activity.cost_lines as usize, lines);
        assert!(activity.description.is_some());
    }

    #[test]
    fn indicators_come_impact_first_with_a_target_per_plan_year() {
        let plan = sample_plan();
        let view = results_view(&plan);
        assert_eq!(view.indicators.len(), plan.indicators.len());
        let impact = view
            .indicators
            .iter()
            .take_while(|i| i.level == IndicatorLevel::Impact)
            .count();
        assert_eq!(
            impact,
            plan.indicators
                .iter()
                .filter(|i| i.level == IndicatorLevel::Impact)
                .count()
        );
        for row in &view.indicators {
            assert_eq!(row.targets.len(), view.years.len());
            let source = plan
                .indicators
                .iter()
                .find(|i| i.record.id == row.id)
                .unwrap();
            for (year, target) in view.years.iter().zip(&row.targets) {
                assert_eq!(
                    source.targets.get(year).cloned().unwrap_or_default(),
                    *target
                );
            }
        }
        let measured: u32 = view.nodes.iter().map(|n| n.indicators).sum();
        assert_eq!(measured as usize, plan.indicators.len() - impact);
    }
}
