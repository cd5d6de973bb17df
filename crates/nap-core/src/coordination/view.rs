//! What the coordination screen shows: every coordinating body with its terms of reference,
//! and an organisation chart laid out from the reporting lines (top bodies in a row at the
//! top, each body centred above the bodies that report to it).

use crate::costing::grid::GridChoice;
use crate::model::*;
use crate::text::LocalText;
use serde::Serialize;
use std::collections::HashMap;
use ts_rs::TS;

/// Width and height of a box of the chart, and the gaps between boxes, in chart units
/// (the screen draws one unit as one CSS pixel).
pub const BOX_WIDTH: u32 = 190;
pub const BOX_HEIGHT: u32 = 72;
const GAP_X: u32 = 24;
const GAP_Y: u32 = 48;
const MARGIN: u32 = 8;

/// One body as the screen shows and edits it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct BodyRow {
    #[ts(type = "string")]
    pub id: Id,
    pub code: String,
    pub name: LocalText,
    pub kind: BodyKind,
    #[ts(type = "string | null")]
    pub pillar_id: Option<Id>,
    #[ts(type = "string | null")]
    pub reports_to_id: Option<Id>,
    pub mandate: LocalText,
    #[ts(type = "Array<string>")]
    pub chair_ids: Vec<Id>,
    #[ts(type = "Array<string>")]
    pub member_ids: Vec<Id>,
    pub meeting_frequency: String,
    pub quorum: String,
    pub decision_rule: LocalText,
    pub responsibilities: LocalText,
    /// True when a civil-society organisation chairs the body or sits on it (a good-practice
    /// check of the coordination element).
    pub has_cso: bool,
    /// Bodies reporting to it.
    pub reports: u32,
    pub modified_by: String,
    pub modified: String,
    /// Set by the shell in a copy scoped to one agency.
    pub locked: bool,
}

/// A box of the chart: its body and its top-left corner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ChartBox {
    #[ts(type = "string")]
    pub id: Id,
    pub x: u32,
    pub y: u32,
}

/// A reporting line, from the middle of the bottom of the box reported to, down to the
/// middle of the top of the box reporting: an elbow through `mid_y`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ChartLine {
    pub from_x: u32,
    pub from_y: u32,
    pub mid_y: u32,
    pub to_x: u32,
    pub to_y: u32,
}

/// The organisation chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct OrgChart {
    pub width: u32,
    pub height: u32,
    pub box_width: u32,
    pub box_height: u32,
    pub boxes: Vec<ChartBox>,
    pub lines: Vec<ChartLine>,
}

/// Everything the coordination screen shows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CoordinationView {
    pub bodies: Vec<BodyRow>,
    pub chart: OrgChart,
    /// The M&E reporting calendar.
    pub reporting: Vec<ReportingRow>,
    pub agencies: Vec<GridChoice>,
    pub pillars: Vec<GridChoice>,
}

/// A report of the reporting calendar, as the screen edits it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ReportingRow {
    pub event: ReportingEvent,
    /// Outside a scoped copy's part (set by the application layer).
    pub locked: bool,
}

/// Lays out the bodies as a forest: each leaf takes the next free column, each parent is
/// centred over its children, depth gives the row. Bodies whose line leads nowhere (a
/// reporting loop the plan's validation would refuse) are treated as top bodies.
pub fn org_chart(plan: &Plan) -> OrgChart {
    let ids: Vec<Id> = plan.bodies.iter().map(|b| b.record.id).collect();
    let mut children: HashMap<Id, Vec<Id>> = HashMap::new();
    let mut roots = Vec::new();
    for b in &plan.bodies {
        match b
            .reports_to_id
            .filter(|to| ids.contains(to) && *to != b.record.id)
        {
            Some(to) => children.entry(to).or_default().push(b.record.id),
            None => roots.push(b.record.id),
        }
    }
    let mut placed: HashMap<Id, (u32, u32)> = HashMap::new();
    let mut next_column = 0u32;
    let mut depth_max = 0u32;
    // Returns the centre column (in half columns, to centre parents exactly) of `id`.
    fn place(
        id: Id,
        depth: u32,
        children: &HashMap<Id, Vec<Id>>,
        placed: &mut HashMap<Id, (u32, u32)>,
        next_column: &mut u32,
        depth_max: &mut u32,
    ) -> u32 {
        *depth_max = (*depth_max).max(depth);
        let kids: Vec<Id> = children
            .get(&id)
            .map(|k| {
                k.iter()
                    .copied()
                    .filter(|k| !placed.contains_key(k))
                    .collect()
            })
            .unwrap_or_default();
        // Marked before the children, so that a loop below never comes back here.
        placed.insert(id, (0, depth));
        let centre = if kids.is_empty() {
            let c = *next_column * 2;
            *next_column += 1;
            c
        } else {
            let centres: Vec<u32> = kids
                .iter()
                .map(|k| place(*k, depth + 1, children, placed, next_column, depth_max))
                .collect();
            (centres[0] + centres[centres.len() - 1]) / 2
        };
        placed.insert(id, (centre, depth));
        centre
    }
    for root in &roots {
        place(
            *root,
            0,
            &children,
            &mut placed,
            &mut next_column,
            &mut depth_max,
        );
    }
    // A body inside a loop is reached from no root: it is laid out as a root of its own.
    for id in &ids {
        if !placed.contains_key(id) {
            place(
                *id,
                0,
                &children,
                &mut placed,
                &mut next_column,
                &mut depth_max,
            );
        }
    }
    let x_of = |half_columns: u32| MARGIN + half_columns * (BOX_WIDTH + GAP_X) / 2;
    let y_of = |depth: u32| MARGIN + depth * (BOX_HEIGHT + GAP_Y);
    let boxes: Vec<ChartBox> = ids
        .iter()
        .map(|id| {
            let (c, d) = placed[id];
            ChartBox {
                id: *id,
                x: x_of(c),
                y: y_of(d),
            }
        })
        .collect();
    let at: HashMap<Id, &ChartBox> = boxes.iter().map(|b| (b.id, b)).collect();
    let mut lines = Vec::new();
    for (parent, kids) in &children {
        let p = at[parent];
        for k in kids {
            let c = at[k];
            if c.y <= p.y {
                continue; // a loop: no line upwards
            }
            lines.push(ChartLine {
                from_x: p.x + BOX_WIDTH / 2,
                from_y: p.y + BOX_HEIGHT,
                mid_y: p.y + BOX_HEIGHT + GAP_Y / 2,
                to_x: c.x + BOX_WIDTH / 2,
                to_y: c.y,
            });
        }
    }
    lines.sort_by_key(|l| (l.from_x, l.to_x));
    OrgChart {
        width: if ids.is_empty() {
            0
        } else {
            x_of(next_column.saturating_sub(1) * 2) + BOX_WIDTH + MARGIN
        },
        height: if ids.is_empty() {
            0
        } else {
            y_of(depth_max) + BOX_HEIGHT + MARGIN
        },
        box_width: BOX_WIDTH,
        box_height: BOX_HEIGHT,
        boxes,
        lines,
    }
}

/// The coordination screen of `plan`.
pub fn coordination_view(plan: &Plan) -> CoordinationView {
    let cso: Vec<Id> = (plan.agencies.iter())
        .filter(|a| a.kind == AgencyKind::Csos)
        .map(|a| a.record.id)
        .collect();
    let bodies = (plan.bodies.iter())
        .map(|b| BodyRow {
            id: b.record.id,
            code: b.code.clone(),
            name: b.name.clone(),
            kind: b.kind,
            pillar_id: b.pillar_id,
            reports_to_id: b.reports_to_id,
            mandate: b.mandate.clone(),
            chair_ids: b.chair_ids.clone(),
            member_ids: b.member_ids.clone(),
            meeting_frequency: b.meeting_frequency.clone(),
            quorum: b.quorum.clone(),
            decision_rule: b.decision_rule.clone(),
            responsibilities: b.responsibilities.clone(),
            has_cso: b
                .chair_ids
                .iter()
                .chain(&b.member_ids)
                .any(|a| cso.contains(a)),
            reports: u32::try_from(
                (plan.bodies.iter())
                    .filter(|o| o.reports_to_id == Some(b.record.id))
                    .count(),
            )
            .unwrap_or(u32::MAX),
            modified_by: b.record.modified_by.clone(),
            modified: b.record.modified.to_string(),
            locked: false,
        })
        .collect();
    CoordinationView {
        bodies,
        chart: org_chart(plan),
        reporting: (plan.reporting_events.iter())
            .map(|e| ReportingRow {
                event: e.clone(),
                locked: false,
            })
            .collect(),
        agencies: GridChoice::agencies(plan),
        pillars: (plan.pillars.iter())
            .map(|p| GridChoice {
                id: p.record.id,
                code: p.code.clone(),
                name: p.title.clone(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::sample_plan;

    fn overlaps(a: &ChartBox, b: &ChartBox) -> bool {
        a.x < b.x + BOX_WIDTH
            && b.x < a.x + BOX_WIDTH
            && a.y < b.y + BOX_HEIGHT
            && b.y < a.y + BOX_HEIGHT
    }

    #[test]
    fn every_body_has_a_box_below_the_body_it_reports_to_and_no_boxes_overlap() {
        let plan = sample_plan();
        let chart = org_chart(&plan);
        assert_eq!(chart.boxes.len(), plan.bodies.len());
        let at: HashMap<Id, &ChartBox> = chart.boxes.iter().map(|b| (b.id, b)).collect();
        for b in &plan.bodies {
            let me = at[&b.record.id];
            assert!(me.x + BOX_WIDTH <= chart.width && me.y + BOX_HEIGHT <= chart.height);
            if let Some(to) = b.reports_to_id {
                let parent = at[&to];
                assert!(me.y > parent.y, "{} is drawn below {}", b.code, to);
                // One line per reporting line, from the parent's bottom to the child's top.
                assert!(chart
                    .lines
                    .iter()
                    .any(|l| l.from_x == parent.x + BOX_WIDTH / 2
                        && l.to_x == me.x + BOX_WIDTH / 2
                        && l.to_y == me.y));
            } else {
                assert_eq!(me.y, MARGIN, "a top body is in the first row");
            }
        }
        assert_eq!(
            chart.lines.len(),
            plan.bodies
                .iter()
                .filter(|b| b.reports_to_id.is_some())
                .count()
        );
        for (i, a) in chart.boxes.iter().enumerate() {
            for b in &chart.boxes[i + 1..] {
                assert!(!overlaps(a, b), "boxes overlap");
            }
        }
    }

    #[test]
    fn a_parent_is_centred_over_its_children_and_a_loop_still_draws() {
        let mut plan = sample_plan();
        let chart = org_chart(&plan);
        let at: HashMap<Id, &ChartBox> = chart.boxes.iter().map(|b| (b.id, b)).collect();
        for b in &plan.bodies {
            let kids: Vec<&ChartBox> = (plan.bodies.iter())
                .filter(|k| k.reports_to_id == Some(b.record.id))
                .map(|k| at[&k.record.id])
                .collect();
            if let (Some(first), Some(last)) = (
                kids.iter().map(|k| k.x).min(),
                kids.iter().map(|k| k.x).max(),
            ) {
                assert_eq!(
                    at[&b.record.id].x,
                    (first + last) / 2,
                    "{} is centred",
                    b.code
                );
            }
        }
        // A loop (which validation refuses) must not hang or lose a box.
        let (a, b) = (plan.bodies[0].record.id, plan.bodies[1].record.id);
        plan.bodies[0].reports_to_id = Some(b);
        plan.bodies[1].reports_to_id = Some(a);
        let looped = org_chart(&plan);
        assert_eq!(looped.boxes.len(), plan.bodies.len());
    }

    #[test]
    fn the_view_flags_bodies_with_civil_society_and_counts_their_reports() {
        let plan = sample_plan();
        let view = coordination_view(&plan);
        assert_eq!(view.bodies.len(), plan.bodies.len());
        let cso: Vec<Id> = (plan.agencies.iter())
            .filter(|a| a.kind == AgencyKind::Csos)
            .map(|a| a.record.id)
            .collect();
        for (row, body) in view.bodies.iter().zip(&plan.bodies) {
            let expected = body
                .member_ids
                .iter()
                .chain(&body.chair_ids)
                .any(|m| cso.contains(m));
            assert_eq!(row.has_cso, expected, "{}", body.code);
        }
        let reports: u32 = view.bodies.iter().map(|b| b.reports).sum();
        assert_eq!(
            reports as usize,
            plan.bodies
                .iter()
                .filter(|b| b.reports_to_id.is_some())
                .count()
        );
    }
}
