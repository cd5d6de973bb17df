//! The whole National Action Plan as one document for Cabinet, ministries and partners:
//! cover, table of contents, the narrative, the results framework, monitoring and evaluation
//! (indicators and the reporting calendar), the resources plan, the communication plan, the
//! agencies' roles, the coordinating bodies and their terms of reference, the consultations,
//! and the costed budget annex as the last chapter. One list of blocks is written out twice:
//! as PDF (with the full annex appended and a table of contents with page numbers) and as a
//! Word document (Heading 1–2 styles, so that Word's own table of contents picks them up,
//! and real tables).
#![allow(
    clippy::float_arithmetic,
    reason = "page geometry in points, never money"
)]

use crate::labels::{t, tf, Lang};
use crate::layout::{
    accent, muted, page_footer, Column, Flow, Row, RowKind, Table, CONTENT_WIDTH, MARGIN_X,
};
use crate::pdf::{black, Align, Pdf};
use crate::text::Weight;
use crate::{AnnexOptions, ExportError};
use nap_core::costing::rounding::{format_amount, Rounding};
use nap_core::costing::views::{cross_table, Dimension, Measure};
use nap_core::costing::Costing;
use nap_core::currency::currency;
use nap_core::{CommunicationItemKind, Id, IsoDate, LocalText, Plan};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::collections::HashMap;

/// How the document is written.
#[derive(Debug, Clone)]
pub struct DocumentOptions {
    pub lang: Lang,
    pub date: IsoDate,
}

/// A run of text and whether it is bold.
#[derive(Debug, Clone, PartialEq)]
struct Span {
    text: String,
    bold: bool,
}

/// What the document is made of, in order.
#[derive(Debug, Clone)]
enum Block {
    /// A chapter (level 1) or section (level 2) heading; both go in the table of contents.
    Heading {
        level: u8,
        text: String,
    },
    Paragraph(Vec<Span>),
    /// A small grey line (a date, a source).
    Note(String),
    /// One item of a list.
    Item(Vec<Span>),
    Table(Table),
    /// The coordinating bodies drawn as a chart from their reporting lines (PDF), or as an
    /// indented list (Word).
    OrgChart,
    /// The full costed budget annex (PDF) or its summary tables (Word).
    Annex,
}

fn plain(text: impl Into<String>) -> Vec<Span> {
    vec![Span {
        text: text.into(),
        bold: false,
    }]
}

struct Ctx<'a> {
    plan: &'a Plan,
    lang: Lang,
    costing: Costing,
    minor: u32,
    agencies: HashMap<Id, &'a str>,
}

impl<'a> Ctx<'a> {
    fn l(&self, key: &str) -> &'static str {
        t(self.lang, key)
    }
    fn text<'t>(&self, text: &'t LocalText) -> &'t str {
        text.get(self.lang.reads_l2(self.plan))
    }
    fn agency(&self, id: Option<Id>) -> String {
        id.and_then(|i| self.agencies.get(&i))
            .map_or(String::new(), |c| c.to_string())
    }
    fn agency_list(&self, ids: &[Id]) -> String {
        ids.iter()
            .filter_map(|i| self.agencies.get(i))
            .copied()
            .collect::<Vec<_>>()
            .join(", ")
    }
    fn money(&self, v: rust_decimal::Decimal) -> String {
        crate::numbers::Numerals::of(self.lang).localise(format_amount(
            v,
            Rounding::Unit,
            self.minor,
            ",",
        ))
    }
}

/// Markdown (the narrative's and the terms of reference's text) as blocks: headings become
/// level-3 paragraphs in bold, lists items, tables tables, emphasis bold runs.
fn markdown(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    let mut bold = 0u32;
    let mut heading = false;
    let mut table: Option<(Vec<String>, Vec<Vec<String>>)> = None;
    let mut cell = String::new();
    let mut row: Vec<String> = Vec::new();
    let mut in_head = false;
    let flush = |spans: &mut Vec<Span>, out: &mut Vec<Block>, item: bool| {
        if spans.iter().any(|s| !s.text.trim().is_empty()) {
            let taken = std::mem::take(spans);
            out.push(if item {
                Block::Item(taken)
            } else {
                Block::Paragraph(taken)
            });
        }
        spans.clear();
    };
    let mut in_item = 0u32;
    for event in Parser::new_ext(text, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Heading { .. }) => heading = true,
            Event::End(TagEnd::Heading(_)) => {
                for s in &mut spans {
                    s.bold = true;
                }
                flush(&mut spans, &mut out, false);
                heading = false;
            }
            Event::Start(Tag::Strong | Tag::Emphasis) => bold += 1,
            Event::End(TagEnd::Strong | TagEnd::Emphasis) => bold = bold.saturating_sub(1),
            Event::Start(Tag::Item) => {
                flush(&mut spans, &mut out, in_item > 0);
                in_item += 1;
            }
            Event::End(TagEnd::Item) => {
                flush(&mut spans, &mut out, true);
                in_item = in_item.saturating_sub(1);
            }
            Event::End(TagEnd::Paragraph) if in_item == 0 => flush(&mut spans, &mut out, false),
            Event::Start(Tag::Table(_)) => table = Some((Vec::new(), Vec::new())),
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => {
                if let Some((head, _)) = table.as_mut() {
                    *head = std::mem::take(&mut row);
                }
                in_head = false;
            }
            Event::End(TagEnd::TableCell) => row.push(std::mem::take(&mut cell).trim().to_string()),
            Event::End(TagEnd::TableRow) if !in_head => {
                if let Some((_, rows)) = table.as_mut() {
                    rows.push(std::mem::take(&mut row));
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some((head, rows)) = table.take() {
                    out.push(Block::Table(Table {
                        columns: head.iter().map(|h| Column::text(h.as_str(), 1.0)).collect(),
                        rows: rows
                            .into_iter()
                            .map(|r| Row::new(RowKind::Body, r))
                            .collect(),
                    }));
                }
            }
            Event::Text(s) | Event::Code(s) => {
                if table.is_some() {
                    cell.push_str(&s);
                } else {
                    spans.push(Span {
                        text: s.to_string(),
                        bold: bold > 0 || heading,
                    });
                }
            }
            Event::SoftBreak | Event::HardBreak => spans.push(Span {
                text: " ".into(),
                bold: false,
            }),
            _ => {}
        }
    }
    flush(&mut spans, &mut out, in_item > 0);
    out
}

fn chapter(out: &mut Vec<Block>, n: usize, title: &str) {
    out.push(Block::Heading {
        level: 1,
        text: format!("{n}. {title}"),
    });
}

fn section(out: &mut Vec<Block>, text: impl Into<String>) {
    out.push(Block::Heading {
        level: 2,
        text: text.into(),
    });
}

/// The document's blocks after the cover and the table of contents.
fn blocks(c: &Ctx<'_>) -> Vec<Block> {
    let plan = c.plan;
    let mut out = Vec::new();
    let mut n = 0;
    let mut next = || {
        n += 1;
        n
    };

    // 1. Narrative local framework.
    chapter(&mut out, next(), c.l("doc_narrative"));
    for s in &plan.narrative {
        section(&mut out, c.text(&s.title));
        out.extend(markdown(c.text(&s.body)));
    }

    // 2. Results framework.
    chapter(&mut out, next(), c.l("doc_results"));
    out.push(Block::Paragraph(vec![
        Span {
            text: format!("{}: ", c.l("doc_goal")),
            bold: true,
        },
        Span {
            text: c.text(&plan.meta.goal).to_string(),
            bold: false,
        },
    ]));
    for p in &plan.pillars {
        section(&mut out, format!("{} {}", p.code, c.text(&p.title)));
        if !c.text(&p.description).is_empty() {
            out.push(Block::Paragraph(plain(c.text(&p.description))));
        }
        let mut rows = Vec::new();
        for o in plan.outcomes.iter().filter(|o| o.pillar_id == p.record.id) {
            rows.push(Row::new(
                RowKind::Band,
                vec![format!("{} {}", o.code, c.text(&o.title))],
            ));
            for op in plan.outputs.iter().filter(|x| x.outcome_id == o.record.id) {
                rows.push(Row::new(
                    RowKind::Subtotal,
                    vec![
                        op.code.clone(),
                        c.text(&op.title).to_string(),
                        String::new(),
                        String::new(),
                        String::new(),
                    ],
                ));
                for a in plan
                    .activities
                    .iter()
                    .filter(|a| a.output_id == op.record.id)
                {
                    let years = match (a.years.first(), a.years.last()) {
                        (Some(f), Some(l)) if f != l => format!("{f}–{l}"),
                        (Some(f), _) => f.to_string(),
                        _ => String::new(),
                    };
                    rows.push(Row::new(
                        RowKind::Body,
                        vec![
                            a.code.clone(),
                            c.text(&a.title).to_string(),
                            c.agency(a.lead_agency_id),
                            c.agency_list(&a.supporting_agency_ids),
                            years,
                        ],
                    ));
                }
            }
        }
        if !rows.is_empty() {
            out.push(Block::Table(Table {
                columns: vec![
                    Column::short(c.l("code")),
                    Column::text(c.l("doc_result_or_activity"), 3.0),
                    Column::short(c.l("lead")),
                    Column::text(c.l("doc_partners"), 1.0),
                    Column::short(c.l("doc_timeframe")),
                ],
                rows,
            }));
        }
    }

    // 3. Monitoring and evaluation: indicators, reporting calendar.
    chapter(&mut out, next(), c.l("doc_me"));
    section(&mut out, c.l("indicators"));
    let years: Vec<i32> = plan.years().collect();
    let mut columns = vec![
        Column::short(c.l("code")),
        Column::text(c.l("indicator"), 3.0),
        Column::number(c.l("baseline")),
    ];
    columns.extend(years.iter().map(|y| Column::number(y.to_string())));
    columns.push(Column::text(c.l("doc_verification"), 1.5));
    columns.push(Column::short(c.l("doc_reports")));
    let rows = plan
        .indicators
        .iter()
        .map(|i| {
            let mut cells = vec![
                i.code.clone(),
                c.text(&i.statement).to_string(),
                match (&i.baseline_value, i.baseline_year) {
                    (Some(v), Some(y)) => format!("{v} ({y})"),
                    (Some(v), None) => v.clone(),
                    _ => String::new(),
                },
            ];
            cells.extend(
                years
                    .iter()
                    .map(|y| i.targets.get(y).cloned().unwrap_or_default()),
            );
            cells.push(c.text(&i.means_of_verification).to_string());
            cells.push(c.agency(i.responsible_agency_id));
            Row::new(RowKind::Body, cells)
        })
        .collect();
    out.push(Block::Table(Table { columns, rows }));
    section(&mut out, c.l("doc_reporting_calendar"));
    if plan.reporting_events.is_empty() {
        out.push(Block::Note(c.l("doc_none_yet").to_string()));
    } else {
        out.push(Block::Table(Table {
            columns: vec![
                Column::text(c.l("doc_report"), 2.0),
                Column::short(c.l("doc_frequency")),
                Column::short(c.l("doc_due")),
                Column::short(c.l("doc_written_by")),
                Column::text(c.l("doc_goes_to"), 1.5),
            ],
            rows: plan
                .reporting_events
                .iter()
                .map(|e| {
                    Row::new(
                        RowKind::Body,
                        vec![
                            c.text(&e.title).to_string(),
                            c.l(frequency_key(e.frequency)).to_string(),
                            e.due.clone(),
                            c.agency(e.responsible_agency_id),
                            e.recipient.clone(),
                        ],
                    )
                })
                .collect(),
        }));
    }

    // 4. Resources plan.
    chapter(&mut out, next(), c.l("doc_resources"));
    let s = c.costing.summary(plan);
    let cur = &c.costing.currency;
    for (label, value) in [
        (c.l("total_cost"), s.total_cost),
        (c.l("committed"), s.committed),
        (c.l("pledged"), s.pledged),
        (c.l("gap"), s.gap),
    ] {
        out.push(Block::Item(vec![
            Span {
                text: format!("{label}: "),
                bold: true,
            },
            Span {
                text: format!("{} {cur}", c.money(value)),
                bold: false,
            },
        ]));
    }
    section(&mut out, tf(c.lang, "doc_cost_by_pillar", &[("cur", cur)]));
    out.push(Block::Table(money_table(
        c,
        Dimension::Pillar,
        Measure::Cost,
    )));
    section(&mut out, tf(c.lang, "doc_gap_by_pillar", &[("cur", cur)]));
    out.push(Block::Table(money_table(
        c,
        Dimension::Pillar,
        Measure::Gap,
    )));

    // 5. Communication plan.
    chapter(&mut out, next(), c.l("doc_communication"));
    for (kind, key) in [
        (CommunicationItemKind::Objective, "doc_objectives"),
        (CommunicationItemKind::Audience, "doc_audiences"),
        (CommunicationItemKind::KeyMessage, "doc_messages"),
        (CommunicationItemKind::Channel, "doc_channels"),
    ] {
        let items: Vec<&nap_core::CommunicationItem> = plan
            .communication
            .iter()
            .filter(|i| i.kind == kind)
            .collect();
        if items.is_empty() {
            continue;
        }
        section(&mut out, c.l(key));
        for i in items {
            out.push(Block::Item(plain(c.text(&i.text))));
        }
    }
    if !plan.communication_activities.is_empty() {
        section(&mut out, c.l("doc_comm_activities"));
        out.push(Block::Table(Table {
            columns: vec![
                Column::text(c.l("activity"), 2.0),
                Column::text(c.l("doc_audience"), 1.0),
                Column::text(c.l("doc_channel"), 1.0),
                Column::short(c.l("doc_when")),
                Column::short(c.l("lead")),
            ],
            rows: plan
                .communication_activities
                .iter()
                .map(|a| {
                    Row::new(
                        RowKind::Body,
                        vec![
                            c.text(&a.title).to_string(),
                            a.audience.clone(),
                            a.channel.clone(),
                            a.timing.clone(),
                            c.agency(a.responsible_agency_id),
                        ],
                    )
                })
                .collect(),
        }));
    }

    // 6. Roles of the agencies: activities led and supported, per pillar.
    chapter(&mut out, next(), c.l("doc_roles"));
    out.push(Block::Note(c.l("doc_roles_hint").to_string()));
    let pillar_of_activity: HashMap<Id, Id> = plan
        .activities
        .iter()
        .filter_map(|a| {
            let output = plan.outputs.iter().find(|o| o.record.id == a.output_id)?;
            let outcome = plan
                .outcomes
                .iter()
                .find(|o| o.record.id == output.outcome_id)?;
            Some((a.record.id, outcome.pillar_id))
        })
        .collect();
    let mut columns = vec![Column::text(c.l("doc_agency"), 2.0)];
    columns.extend(plan.pillars.iter().map(|p| Column::number(p.code.clone())));
    let mut rows = Vec::new();
    for ag in &plan.agencies {
        let cells: Vec<String> = plan
            .pillars
            .iter()
            .map(|p| {
                let in_pillar = |a: &&nap_core::Activity| {
                    pillar_of_activity.get(&a.record.id) == Some(&p.record.id)
                };
                let led = plan
                    .activities
                    .iter()
                    .filter(in_pillar)
                    .filter(|a| a.lead_agency_id == Some(ag.record.id))
                    .count();
                let supported = plan
                    .activities
                    .iter()
                    .filter(in_pillar)
                    .filter(|a| a.supporting_agency_ids.contains(&ag.record.id))
                    .count();
                match (led, supported) {
                    (0, 0) => String::new(),
                    (l, 0) => format!("L{l}"),
                    (0, s) => format!("S{s}"),
                    (l, s) => format!("L{l} S{s}"),
                }
            })
            .collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        let mut row = vec![format!("{} {}", ag.code, c.text(&ag.name))];
        row.extend(cells);
        rows.push(Row::new(RowKind::Body, row));
    }
    out.push(Block::Table(Table { columns, rows }));

    // 7. Coordination structure and terms of reference.
    chapter(&mut out, next(), c.l("doc_coordination"));
    coordination_blocks(c, None, &mut out);

    // 8. Consultations.
    chapter(&mut out, next(), c.l("doc_consultations"));
    out.push(Block::Table(Table {
        columns: vec![
            Column::short(c.l("date")),
            Column::text(c.l("doc_consultation"), 1.5),
            Column::number(c.l("doc_women_men_other")),
            Column::text(c.l("doc_what_was_said"), 2.0),
            Column::text(c.l("doc_response"), 2.0),
        ],
        rows: plan
            .consultations
            .iter()
            .map(|k| {
                Row::new(
                    RowKind::Body,
                    vec![
                        k.date.as_str().to_string(),
                        {
                            let groups: Vec<&str> =
                                k.groups.iter().map(|g| c.l(group_key(*g))).collect();
                            format!("{} ({}) — {}", c.text(&k.title), k.place, groups.join(", "))
                        },
                        format!(
                            "{} / {} / {}",
                            k.participants_women, k.participants_men, k.participants_other
                        ),
                        c.text(&k.inputs).to_string(),
                        c.text(&k.response).to_string(),
                    ],
                )
            })
            .collect(),
    }));

    // 9. The costed budget annex.
    chapter(&mut out, next(), c.l("annex"));
    out.push(Block::Annex);
    out
}

/// The coordinating bodies: the chart, the table of bodies, and each body's terms of
/// reference (only `only`'s when given).
fn coordination_blocks(c: &Ctx<'_>, only: Option<Id>, out: &mut Vec<Block>) {
    let plan = c.plan;
    if only.is_none() {
        out.push(Block::OrgChart);
    }
    let body_code: HashMap<Id, &str> = plan
        .bodies
        .iter()
        .map(|b| (b.record.id, b.code.as_str()))
        .collect();
    out.push(Block::Table(Table {
        columns: vec![
            Column::text(c.l("doc_body"), 2.0),
            Column::short(c.l("doc_reports_to")),
            Column::text(c.l("doc_chair"), 1.0),
            Column::text(c.l("doc_members"), 2.0),
            Column::short(c.l("doc_meets")),
        ],
        rows: plan
            .bodies
            .iter()
            .map(|b| {
                Row::new(
                    RowKind::Body,
                    vec![
                        format!("{} {}", b.code, c.text(&b.name)),
                        b.reports_to_id
                            .and_then(|r| body_code.get(&r))
                            .map_or(String::new(), |s| s.to_string()),
                        c.agency_list(&b.chair_ids),
                        c.agency_list(&b.member_ids),
                        b.meeting_frequency.clone(),
                    ],
                )
            })
            .collect(),
    }));
    for b in plan
        .bodies
        .iter()
        .filter(|b| only.is_none_or(|o| o == b.record.id))
    {
        section(
            out,
            tf(
                c.lang,
                "doc_tor_of",
                &[("body", &format!("{} {}", b.code, c.text(&b.name)))],
            ),
        );
        for (key, text) in [
            ("doc_mandate", c.text(&b.mandate)),
            ("doc_functions", c.text(&b.responsibilities)),
            ("doc_decisions", c.text(&b.decision_rule)),
        ] {
            if text.trim().is_empty() {
                continue;
            }
            out.push(Block::Paragraph(vec![Span {
                text: c.l(key).to_string(),
                bold: true,
            }]));
            out.extend(markdown(text));
        }
        let facts = [
            (c.l("doc_chair"), c.agency_list(&b.chair_ids)),
            (c.l("doc_members"), c.agency_list(&b.member_ids)),
            (c.l("doc_meets"), b.meeting_frequency.clone()),
            (c.l("doc_quorum"), b.quorum.clone()),
        ];
        for (label, value) in facts.into_iter().filter(|(_, v)| !v.is_empty()) {
            out.push(Block::Item(vec![
                Span {
                    text: format!("{label}: "),
                    bold: true,
                },
                Span {
                    text: value,
                    bold: false,
                },
            ]));
        }
    }
}

/// The bodies in chart order (each after the body it reports to), with their depth.
fn bodies_by_depth(plan: &Plan) -> Vec<(usize, &nap_core::CoordinatingBody)> {
    fn walk<'p>(
        plan: &'p Plan,
        parent: Option<Id>,
        depth: usize,
        out: &mut Vec<(usize, &'p nap_core::CoordinatingBody)>,
    ) {
        for b in plan.bodies.iter().filter(|b| b.reports_to_id == parent) {
            if out.iter().any(|(_, o)| o.record.id == b.record.id) || depth > plan.bodies.len() {
                continue;
            }
            out.push((depth, b));
            walk(plan, Some(b.record.id), depth + 1, out);
        }
    }
    let mut out = Vec::new();
    walk(plan, None, 0, &mut out);
    out
}

/// The organisation chart (as the Coordination screen lays it out) scaled to the page width
/// and drawn: a box per body with its code and name, lines down from each body to those that
/// report to it.
fn draw_org_chart(flow: &mut Flow<'_>, c: &Ctx<'_>) {
    let plan = c.plan;
    let chart = nap_core::coordination::view::org_chart(plan);
    if chart.boxes.is_empty() {
        return;
    }
    let room = crate::layout::BOTTOM - crate::layout::TOP - 30.0;
    let scale = (crate::layout::CONTENT_WIDTH / chart.width as f32)
        .min(room / chart.height as f32)
        .min(1.0);
    let height = chart.height as f32 * scale;
    flow.ensure(height + 12.0);
    let (x0, y0, page) = (MARGIN_X, flow.y + 6.0, flow.page);
    let at = |x: u32, y: u32| (x0 + x as f32 * scale, y0 + y as f32 * scale);
    let line = crate::layout::line_color();
    for l in &chart.lines {
        let (fx, fy) = at(l.from_x, l.from_y);
        let (_, my) = at(0, l.mid_y);
        let (tx, ty) = at(l.to_x, l.to_y);
        flow.pdf.rule(page, fx, fy, fx, my, 0.8, &accent());
        flow.pdf.rule(page, fx, my, tx, my, 0.8, &accent());
        flow.pdf.rule(page, tx, my, tx, ty, 0.8, &accent());
    }
    let (w, h) = (
        chart.box_width as f32 * scale,
        chart.box_height as f32 * scale,
    );
    let size = (8.0 * scale).max(5.0);
    for bx in &chart.boxes {
        let Some(b) = plan.bodies.iter().find(|b| b.record.id == bx.id) else {
            continue;
        };
        let (x, y) = at(bx.x, bx.y);
        flow.pdf
            .fill(page, x, y, w, h, &crate::pdf::rgb(0xf6, 0xf4, 0xfc));
        flow.pdf.frame(page, x, y, w, h, 0.8, &line);
        let name = format!("{} {}", b.code, c.text(&b.name));
        let lines = flow.pdf.shaper.wrap(&name, Weight::Bold, size, w - 8.0);
        let lh = size * 1.3;
        let mut ty = y + (h - lh * lines.len().min(3) as f32) / 2.0 + lh * 0.8;
        for l in lines.iter().take(3) {
            flow.pdf.text(
                page,
                x + w / 2.0,
                ty,
                size,
                Weight::Bold,
                &black(),
                l,
                Align::Center,
            );
            ty += lh;
        }
    }
    flow.y += height + 12.0;
}

fn group_key(g: nap_core::StakeholderGroup) -> &'static str {
    use nap_core::StakeholderGroup as G;
    match g {
        G::Government => "group_government",
        G::Csos => "group_csos",
        G::WomenPeacebuilders => "group_women_peacebuilders",
        G::Youth => "group_youth",
        G::PersonsWithDisabilities => "group_persons_with_disabilities",
        G::IndigenousPeoples => "group_indigenous_peoples",
        G::Survivors => "group_survivors",
        G::Academia => "group_academia",
        G::DevelopmentPartners => "group_development_partners",
        G::SecuritySector => "group_security_sector",
        G::Community => "group_community",
    }
}

fn frequency_key(f: nap_core::Frequency) -> &'static str {
    match f {
        nap_core::Frequency::Quarterly => "freq_quarterly",
        nap_core::Frequency::SixMonthly => "freq_six_monthly",
        nap_core::Frequency::Annual => "freq_annual",
        nap_core::Frequency::MidTerm => "freq_mid_term",
        nap_core::Frequency::EndOfPlan => "freq_end_of_plan",
    }
}

/// A measure by `rows` and year, rounded to the currency's minor unit for reading.
fn money_table(c: &Ctx<'_>, rows: Dimension, measure: Measure) -> Table {
    let table = cross_table(c.plan, &c.costing, rows, Some(Dimension::Year), measure);
    let mut columns = vec![Column::text(c.l("pillar"), 1.0)];
    columns.extend(
        table
            .columns
            .iter()
            .map(|col| Column::number(col.code.clone())),
    );
    columns.push(Column::number(c.l("total")));
    let mut out: Vec<Row> = table
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let name = crate::labels::member_name(c.lang, c.plan, rows, r);
            let mut cells = vec![if r.code.is_empty() {
                name
            } else {
                format!("{} {name}", r.code)
            }];
            cells.extend(table.cells[i].iter().map(|v| c.money(*v)));
            cells.push(c.money(table.row_totals[i]));
            Row::new(RowKind::Body, cells)
        })
        .collect();
    let mut total = vec![c.l("total").to_string()];
    total.extend(table.column_totals.iter().map(|v| c.money(*v)));
    total.push(c.money(table.total));
    out.push(Row::new(RowKind::Total, total));
    Table { columns, rows: out }
}

fn context<'a>(plan: &'a Plan, lang: Lang) -> Result<Ctx<'a>, ExportError> {
    let costing =
        nap_core::costing::compute(plan, None).map_err(|e| ExportError::Costing(e.to_string()))?;
    let minor = currency(&costing.currency).map_or(2, |x| x.minor_units);
    Ok(Ctx {
        plan,
        lang,
        costing,
        minor,
        agencies: plan
            .agencies
            .iter()
            .map(|a| (a.record.id, a.code.as_str()))
            .collect(),
    })
}

fn status_key(status: nap_core::PlanStatus) -> &'static str {
    match status {
        nap_core::PlanStatus::Draft => "draft",
        nap_core::PlanStatus::Consultation => "draft_for_consultation",
        nap_core::PlanStatus::Submitted => "submitted",
        nap_core::PlanStatus::Endorsed => "endorsed",
    }
}

/// The cover's lines under the title: country, period, status, version, date.
fn cover_lines(c: &Ctx<'_>, opts: &DocumentOptions) -> Vec<String> {
    let m = &c.plan.meta;
    let mut lines = vec![
        c.text(&m.country_name).to_string(),
        format!("{} {}–{}", c.l("period"), m.start_year, m.end_year),
        format!("{}: {}", c.l("status"), c.l(status_key(m.status))),
    ];
    if let Some(v) = c.plan.versions.iter().rev().find(|v| v.status == m.status) {
        lines.push(format!("{}: {}", c.l("version"), v.name));
    }
    lines.push(format!(
        "{} {}",
        c.l("date"),
        crate::dates::long_date(c.lang, opts.date.as_str())
    ));
    lines
}

fn joined(spans: &[Span]) -> String {
    spans.iter().map(|s| s.text.as_str()).collect()
}

/// The whole plan as a PDF: A4 landscape like the annex, with the annex as its last chapter.
pub fn nap_document_pdf(plan: &Plan, opts: &DocumentOptions) -> Result<Vec<u8>, ExportError> {
    let c = context(plan, opts.lang)?;
    write_pdf(&c, opts, None, blocks(&c))
}

/// The terms of reference of the coordinating bodies (or of `body` alone) as a PDF: the
/// organisation chart, the bodies, and each one's mandate, functions, decision rule, chair,
/// members, meetings and quorum.
pub fn terms_of_reference_pdf(
    plan: &Plan,
    opts: &DocumentOptions,
    body: Option<Id>,
) -> Result<Vec<u8>, ExportError> {
    let c = context(plan, opts.lang)?;
    let mut out = Vec::new();
    coordination_blocks(&c, body, &mut out);
    write_pdf(&c, opts, Some(c.l("doc_coordination")), out)
}

/// The terms of reference as a Word document (see [`terms_of_reference_pdf`]).
pub fn terms_of_reference_docx(
    plan: &Plan,
    opts: &DocumentOptions,
    body: Option<Id>,
) -> Result<Vec<u8>, ExportError> {
    let c = context(plan, opts.lang)?;
    let mut out = Vec::new();
    coordination_blocks(&c, body, &mut out);
    write_docx(&c, opts, Some(c.l("doc_coordination")), out)
}

/// `blocks` as a PDF after a cover (the plan's title, and `subtitle` when given) and, for
/// the whole plan, a contents page; the annex is appended where a block asks for it.
fn write_pdf(
    c: &Ctx<'_>,
    opts: &DocumentOptions,
    subtitle: Option<&str>,
    blocks: Vec<Block>,
) -> Result<Vec<u8>, ExportError> {
    let plan = c.plan;
    let contents = subtitle.is_none();
    let with_annex = blocks.iter().any(|b| matches!(b, Block::Annex));
    let title = c.text(&plan.meta.title).to_string();
    let mut pdf = Pdf::new(&title, opts.date.as_str())?;
    let mut toc: Vec<(u8, String, usize)> = Vec::new();
    {
        let mut flow = Flow::new(&mut pdf);
        flow.y = 150.0;
        flow.heading(&title, 24.0, 20.0);
        if let Some(subtitle) = subtitle {
            flow.heading(subtitle, 18.0, 20.0);
        }
        for line in cover_lines(c, opts) {
            flow.paragraph(&line, 13.0, &muted());
        }
        // The table of contents goes on page 2, written once the pages are known.
        flow.new_page();
        if contents {
            flow.heading(c.l("doc_contents"), 16.0, 20.0);
        }
        let mut first = true;
        for block in blocks {
            match block {
                Block::Heading { level, text } => {
                    // Chapters start on a new page (the first one too, after the contents).
                    if level == 1 && (contents || !first) {
                        flow.new_page();
                    }
                    // A section keeps the start of what follows (a table's header and
                    // first rows) on its page.
                    let (size, keep) = if level == 1 {
                        (16.0, 60.0)
                    } else {
                        (12.5, 90.0)
                    };
                    flow.heading(&text, size, keep);
                    toc.push((level, text, flow.page));
                }
                Block::Paragraph(spans) => {
                    let text = joined(&spans);
                    if spans.iter().all(|s| s.bold) {
                        flow.heading(&text, 9.5, 20.0);
                    } else {
                        flow.paragraph(&text, 9.5, &black());
                    }
                }
                Block::Item(spans) => {
                    flow.paragraph(&format!("•  {}", joined(&spans)), 9.5, &black())
                }
                Block::Note(text) => flow.paragraph(&text, 8.5, &muted()),
                Block::Table(table) => flow.table(&table),
                Block::OrgChart => draw_org_chart(&mut flow, c),
                Block::Annex => {}
            }
            first = false;
        }
    }
    if with_annex {
        crate::annex::append_annex(
            plan,
            &AnnexOptions {
                lang: opts.lang,
                budget_year: None,
                currency: None,
                rounding: Rounding::Unit,
                reconcile: false,
                date: opts.date.clone(),
            },
            &mut pdf,
        )?;
    }
    // The table of contents: chapters and sections with their page numbers, each wrapped to
    // its column and spaced by its script's line height; in two columns when one would run
    // past the page (many sections, or Burmese, whose lines are tallest).
    if contents {
        write_contents(&mut pdf, &toc);
    }
    let n = pdf.pages.len();
    for page in 1..n {
        page_footer(&mut pdf, page, n, &title, opts.lang);
    }
    pdf.finish()
}

/// Writes the table of contents on page 2 (index 1): `toc` holds each heading's level, text
/// and page index. Entries that would not fit in two columns are left out (a plan would need
/// well over a hundred sections for that).
fn write_contents(pdf: &mut Pdf, toc: &[(u8, String, usize)]) {
    const TOP_Y: f32 = 96.0;
    const LAST_Y: f32 = crate::layout::BOTTOM - 10.0;
    const GAP: f32 = 28.0;
    const PAGE_NUMBER_ROOM: f32 = 30.0;
    let style = |level: u8| {
        if level == 1 {
            (9.5, Weight::Bold, 0.0)
        } else {
            (7.5, Weight::Regular, 18.0)
        }
    };
    // Each entry's lines at a column's width, and the height they take.
    let lay_out = |pdf: &mut Pdf, width: f32| -> Vec<(Vec<String>, f32)> {
        toc.iter()
            .map(|(level, text, _)| {
                let (size, weight, indent) = style(*level);
                let lines = pdf
                    .shaper
                    .wrap(text, weight, size, width - indent - PAGE_NUMBER_ROOM);
                let height: f32 = (lines.iter())
                    .map(|l| pdf.line_height(l, weight, size))
                    .sum::<f32>()
                    .max(if *level == 1 { 13.0 } else { 9.5 });
                (lines, height)
            })
            .collect()
    };
    // Where each entry goes (its column and first baseline) when the columns are `width`
    // wide, or `None` for an entry that fits in none of `columns`.
    let place = |laid: &[(Vec<String>, f32)], columns: usize| -> Vec<Option<(usize, f32)>> {
        let (mut column, mut y) = (0, TOP_Y);
        (laid.iter())
            .map(|(_, height)| {
                // An entry's last baseline is its height less one line below its first.
                if y + height - 9.5 > LAST_Y {
                    column += 1;
                    y = TOP_Y;
                }
                let at = (column < columns).then_some((column, y));
                y += height;
                at
            })
            .collect()
    };
    let mut width = CONTENT_WIDTH;
    let mut laid = lay_out(pdf, width);
    let mut places = place(&laid, 1);
    if places.iter().any(Option::is_none) {
        width = (CONTENT_WIDTH - GAP) / 2.0;
        laid = lay_out(pdf, width);
        places = place(&laid, 2);
    }
    for (((level, _, page), (lines, _)), at) in toc.iter().zip(laid).zip(places) {
        let Some((column, y)) = at else { break };
        let (size, weight, indent) = style(*level);
        let x = MARGIN_X + column as f32 * (width + GAP);
        let mut line_y = y;
        for line in &lines {
            pdf.text(
                1,
                x + indent,
                line_y,
                size,
                weight,
                &black(),
                line,
                Align::Left,
            );
            line_y += pdf.line_height(line, weight, size);
        }
        pdf.text(
            1,
            x + width,
            y,
            size,
            weight,
            &accent(),
            &(page + 1).to_string(),
            Align::Right,
        );
    }
}

/// The whole plan as a Word document: the same chapters, Heading 1–2 styles and real
/// tables; the annex chapter carries its summary tables (the full annex is its own PDF).
pub fn nap_document_docx(plan: &Plan, opts: &DocumentOptions) -> Result<Vec<u8>, ExportError> {
    let c = context(plan, opts.lang)?;
    write_docx(&c, opts, None, blocks(&c))
}

/// `blocks` as a Word document after a cover (the plan's title, and `subtitle` when given)
/// and, for the whole plan, the list of chapters.
fn write_docx(
    c: &Ctx<'_>,
    opts: &DocumentOptions,
    subtitle: Option<&str>,
    all: Vec<Block>,
) -> Result<Vec<u8>, ExportError> {
    use crate::progress_report::{docx_paragraph, docx_styles, docx_table};
    let plan = c.plan;
    let mut docx = docx_styles(docx_rs::Docx::new(), c.lang).add_paragraph(docx_paragraph(
        c.text(&plan.meta.title),
        Some("Title"),
        true,
    ));
    if let Some(subtitle) = subtitle {
        docx = docx.add_paragraph(docx_paragraph(subtitle, Some("Heading1"), false));
    }
    for line in cover_lines(c, opts) {
        docx = docx.add_paragraph(docx_paragraph(&line, None, false));
    }
    // The contents, with page numbers the word processor computes (see `toc_paragraphs`);
    // each entry refers to a bookmark on its heading.
    let bookmark = |n: usize| format!("_TocNap{n}");
    if subtitle.is_none() {
        docx = docx.add_paragraph(docx_paragraph(c.l("doc_contents"), None, true));
        let headings: Vec<(u8, &str)> = (all.iter())
            .filter_map(|b| match b {
                Block::Heading { level, text } if *level <= 2 => Some((*level, text.as_str())),
                _ => None,
            })
            .collect();
        for p in toc_paragraphs(&headings, &bookmark) {
            docx = docx.add_paragraph(p);
        }
    }
    let mut heading_number = 0;
    for block in all {
        docx = match block {
            Block::Heading { level, text } => {
                let style = if level == 1 { "Heading1" } else { "Heading2" };
                let mut p = docx_paragraph(&text, Some(style), false);
                if level <= 2 && subtitle.is_none() {
                    // Bookmark ids only need to be unique in the document.
                    let n = heading_number;
                    heading_number += 1;
                    p = p.add_bookmark_start(n, bookmark(n)).add_bookmark_end(n);
                }
                docx.add_paragraph(p)
            }
            Block::Paragraph(spans) => docx.add_paragraph(spans_paragraph(&spans, "")),
            Block::Item(spans) => docx.add_paragraph(spans_paragraph(&spans, "•  ")),
            Block::Note(text) => docx.add_paragraph(docx_paragraph(&text, None, false)),
            Block::Table(table) => docx.add_table(docx_table(&table)),
            Block::OrgChart => {
                let mut docx = docx;
                for (depth, b) in bodies_by_depth(c.plan) {
                    let indent = "    ".repeat(depth);
                    let mark = if depth == 0 { "" } else { "└ " };
                    docx = docx.add_paragraph(docx_paragraph(
                        &format!("{indent}{mark}{} {}", b.code, c.text(&b.name)),
                        None,
                        depth == 0,
                    ));
                }
                docx
            }
            Block::Annex => {
                let cur = c.costing.currency.clone();
                docx.add_paragraph(docx_paragraph(
                    &tf(c.lang, "doc_cost_by_pillar", &[("cur", &cur)]),
                    Some("Heading2"),
                    false,
                ))
                .add_table(docx_table(&money_table(
                    c,
                    Dimension::Pillar,
                    Measure::Cost,
                )))
                .add_paragraph(docx_paragraph(
                    &tf(c.lang, "doc_cost_by_agency", &[("cur", &cur)]),
                    Some("Heading2"),
                    false,
                ))
                .add_table(docx_table(&agency_table(c)))
                .add_paragraph(docx_paragraph(c.l("doc_annex_note"), None, false))
            }
        };
    }
    let mut out = std::io::Cursor::new(Vec::new());
    docx.build().pack(&mut out).map_err(|e| {
        ExportError::Workbook(format!("the Word document could not be written: {e}"))
    })?;
    Ok(out.into_inner())
}

/// The contents of the Word edition: one paragraph per chapter and section (its text, a
/// dotted tab and a PAGEREF field to its heading's bookmark). The page numbers depend on
/// the word processor's own pagination, so they are fields it computes: LibreOffice does on
/// opening, Word on opening too (the fields are marked dirty). This is not Word's TOC field
/// — LibreOffice shows such a field's stored text, which cannot hold page numbers no one
/// knows yet — and Word's References ▸ Table of Contents still builds one from the Heading
/// styles when a secretariat wants it.
fn toc_paragraphs(
    headings: &[(u8, &str)],
    bookmark: &dyn Fn(usize) -> String,
) -> Vec<docx_rs::Paragraph> {
    use docx_rs::{
        FieldCharType, InstrPAGEREF, InstrText, Paragraph, Run, Tab, TabLeaderType, TabValueType,
    };
    // The right edge of the landscape A4 text, in twentieths of a point.
    let right = 16838 - 2 * crate::progress_report::DOCX_MARGIN;
    (headings.iter().enumerate())
        .map(|(n, (level, text))| {
            Paragraph::new()
                .style(if *level == 1 { "ToC1" } else { "ToC2" })
                .add_tab(
                    Tab::new()
                        .val(TabValueType::Right)
                        .leader(TabLeaderType::Dot)
                        .pos(right as usize),
                )
                .add_run(Run::new().add_text(*text))
                .add_run(Run::new().add_tab())
                // The field in one run, with an empty result: LibreOffice computes it then.
                .add_run(
                    Run::new()
                        .add_field_char(FieldCharType::Begin, true)
                        .add_instr_text(InstrText::PAGEREF(
                            InstrPAGEREF::new(bookmark(n)).hyperlink(),
                        ))
                        .add_field_char(FieldCharType::Separate, false)
                        .add_text("")
                        .add_field_char(FieldCharType::End, false),
                )
        })
        .collect()
}

fn agency_table(c: &Ctx<'_>) -> Table {
    let mut t = money_table(c, Dimension::Agency, Measure::Cost);
    if let Some(first) = t.columns.first_mut() {
        first.header = c.l("lead_agency").to_string();
    }
    t
}

fn spans_paragraph(spans: &[Span], prefix: &str) -> docx_rs::Paragraph {
    let mut p = docx_rs::Paragraph::new();
    if !prefix.is_empty() {
        p = p.add_run(docx_rs::Run::new().add_text(prefix));
    }
    for s in spans {
        let mut run = docx_rs::Run::new().add_text(&s.text);
        if s.bold {
            run = run.bold();
        }
        p = p.add_run(run);
    }
    p
}

/// One agency's operational plan: its activities (as lead and as partner) with their cost,
/// its steps by quarter, the indicators it reports on with their targets, its budget by
/// year with committed funding and the gap, its focal point, and a signature block.
fn agency_blocks(c: &Ctx<'_>, agency: &nap_core::Agency) -> Result<Vec<Block>, ExportError> {
    let plan = c.plan;
    let view = nap_core::agency_plans::view::agency_plan_view(
        plan,
        Some(agency.record.id),
        c.lang.reads_l2(c.plan),
    )
    .map_err(|e| ExportError::Costing(e.to_string()))?;
    let mut out = Vec::new();
    let name = format!("{} {}", agency.code, c.text(&agency.name));
    out.push(Block::Heading {
        level: 1,
        text: tf(c.lang, "doc_operational_plan_of", &[("agency", &name)]),
    });
    if let Some(p) = &view.plan {
        out.push(Block::Item(vec![
            Span {
                text: format!("{}: ", c.l("doc_focal_point")),
                bold: true,
            },
            Span {
                text: [p.focal_point.as_str(), p.focal_point_contact.as_str()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" · "),
                bold: false,
            },
        ]));
        if !c.text(&p.notes).is_empty() {
            out.extend(markdown(c.text(&p.notes)));
        }
    } else {
        out.push(Block::Note(c.l("doc_no_operational_plan").to_string()));
    }
    let cur = c.costing.currency.clone();
    section(&mut out, c.l("activities"));
    out.push(Block::Table(Table {
        columns: vec![
            Column::short(c.l("code")),
            Column::text(c.l("activity"), 3.0),
            Column::short(c.l("doc_role")),
            Column::short(c.l("doc_timeframe")),
            Column::number(tf(c.lang, "doc_cost_in", &[("cur", &cur)])),
        ],
        rows: view
            .activities
            .iter()
            .map(|a| {
                let years = match (a.years.first(), a.years.last()) {
                    (Some(f), Some(l)) if f != l => format!("{f}–{l}"),
                    (Some(f), _) => f.to_string(),
                    _ => String::new(),
                };
                Row::new(
                    RowKind::Body,
                    vec![
                        a.code.clone(),
                        c.text(&a.title).to_string(),
                        c.l(if a.role == "lead" {
                            "doc_role_lead"
                        } else {
                            "doc_role_partner"
                        })
                        .to_string(),
                        years,
                        // A partner's share is costed under the lead agency.
                        if a.role == "lead" {
                            c.money(a.cost)
                        } else {
                            String::new()
                        },
                    ],
                )
            })
            .collect(),
    }));
    let steps: Vec<(&nap_core::agency_plans::view::AgencyActivity, _)> = view
        .activities
        .iter()
        .flat_map(|a| a.steps.iter().map(move |s| (a, s)))
        .collect();
    if !steps.is_empty() {
        section(&mut out, c.l("doc_steps_by_quarter"));
        out.push(Block::Table(Table {
            columns: vec![
                Column::short(c.l("code")),
                Column::text(c.l("doc_step"), 2.0),
                Column::short(c.l("activity")),
                Column::short(c.l("doc_year")),
                Column::short("Q1"),
                Column::short("Q2"),
                Column::short("Q3"),
                Column::short("Q4"),
                Column::short(c.l("doc_budget_line")),
                Column::number(tf(c.lang, "doc_cost_in", &[("cur", &cur)])),
            ],
            rows: steps
                .iter()
                .map(|(a, s)| {
                    let mut cells = vec![
                        s.code.clone(),
                        c.text(&s.title).to_string(),
                        a.code.clone(),
                        s.year.to_string(),
                    ];
                    cells.extend((1..=4u8).map(|q| {
                        if s.quarters.contains(&q) {
                            "•".to_string()
                        } else {
                            String::new()
                        }
                    }));
                    cells.push(s.budget_line.clone());
                    cells.push(
                        s.budget
                            .parse::<rust_decimal::Decimal>()
                            .map_or(s.budget.clone(), |v| c.money(v)),
                    );
                    Row::new(RowKind::Body, cells)
                })
                .collect(),
        }));
    }
    let reports: Vec<&nap_core::Indicator> = plan
        .indicators
        .iter()
        .filter(|i| i.responsible_agency_id == Some(agency.record.id))
        .collect();
    if !reports.is_empty() {
        section(&mut out, c.l("doc_indicators_reported"));
        let years: Vec<i32> = plan.years().collect();
        let mut columns = vec![
            Column::short(c.l("code")),
            Column::text(c.l("indicator"), 3.0),
            Column::number(c.l("baseline")),
        ];
        columns.extend(years.iter().map(|y| Column::number(y.to_string())));
        out.push(Block::Table(Table {
            columns,
            rows: reports
                .iter()
                .map(|i| {
                    let mut cells = vec![
                        i.code.clone(),
                        c.text(&i.statement).to_string(),
                        i.baseline_value.clone().unwrap_or_default(),
                    ];
                    cells.extend(
                        years
                            .iter()
                            .map(|y| i.targets.get(y).cloned().unwrap_or_default()),
                    );
                    Row::new(RowKind::Body, cells)
                })
                .collect(),
        }));
    }
    section(
        &mut out,
        tf(c.lang, "doc_budget_funding_gap", &[("cur", &cur)]),
    );
    out.push(Block::Table(agency_budget(c, agency.record.id)));
    section(&mut out, c.l("doc_signatures"));
    for key in ["doc_prepared_by", "doc_approved_by"] {
        out.push(Block::Paragraph(plain(format!(
            "{}: ______________________________    {}: ______________",
            c.l(key),
            c.l("date")
        ))));
    }
    Ok(out)
}

/// The agency's cost (of the activities it leads), committed funding and gap, by year.
fn agency_budget(c: &Ctx<'_>, agency: Id) -> Table {
    let cell = |measure: Measure| {
        let t = cross_table(
            c.plan,
            &c.costing,
            Dimension::Agency,
            Some(Dimension::Year),
            measure,
        );
        let row = t
            .rows
            .iter()
            .position(|r| r.member == nap_core::costing::Member::Record(agency));
        let years: Vec<(String, rust_decimal::Decimal)> = t
            .columns
            .iter()
            .enumerate()
            .map(|(j, col)| {
                (
                    col.code.clone(),
                    row.map_or(rust_decimal::Decimal::ZERO, |r| t.cells[r][j]),
                )
            })
            .collect();
        let total = row.map_or(rust_decimal::Decimal::ZERO, |r| t.row_totals[r]);
        (years, total)
    };
    let rows_of = [
        (c.l("total_cost"), cell(Measure::Cost)),
        (c.l("committed"), cell(Measure::Committed)),
        (c.l("gap"), cell(Measure::Gap)),
    ];
    let years: Vec<String> = rows_of[0].1 .0.iter().map(|(y, _)| y.clone()).collect();
    let mut columns = vec![Column::text("", 1.0)];
    columns.extend(years.iter().map(|y| Column::number(y.clone())));
    columns.push(Column::number(c.l("total")));
    Table {
        columns,
        rows: rows_of
            .into_iter()
            .map(|(label, (cells, total))| {
                let mut row = vec![label.to_string()];
                row.extend(cells.iter().map(|(_, v)| c.money(*v)));
                row.push(c.money(total));
                Row::new(RowKind::Body, row)
            })
            .collect(),
    }
}

/// The operational plan of `agency` as a PDF.
pub fn agency_plan_pdf(
    plan: &Plan,
    opts: &DocumentOptions,
    agency: Id,
) -> Result<Vec<u8>, ExportError> {
    let c = context(plan, opts.lang)?;
    let a = find_agency(plan, agency)?;
    let blocks = agency_blocks(&c, a)?;
    let subtitle = tf(c.lang, "doc_operational_plan_of", &[("agency", &a.code)]);
    write_pdf(&c, opts, Some(&subtitle), blocks)
}

/// The operational plan of `agency` as a Word document.
pub fn agency_plan_docx(
    plan: &Plan,
    opts: &DocumentOptions,
    agency: Id,
) -> Result<Vec<u8>, ExportError> {
    let c = context(plan, opts.lang)?;
    let a = find_agency(plan, agency)?;
    let blocks = agency_blocks(&c, a)?;
    let subtitle = tf(c.lang, "doc_operational_plan_of", &[("agency", &a.code)]);
    write_docx(&c, opts, Some(&subtitle), blocks)
}

fn find_agency(plan: &Plan, agency: Id) -> Result<&nap_core::Agency, ExportError> {
    plan.agencies
        .iter()
        .find(|a| a.record.id == agency)
        .ok_or_else(|| ExportError::Option(format!("there is no agency with id {agency}")))
}

/// The tables of `blocks` as a workbook, a sheet per table named after the section above
/// it. Amounts are numbers; a table whose last column is the total keeps it as a live
/// `SUM` of the row, with the exact figure stored as the formula's result.
fn write_xlsx(c: &Ctx<'_>, blocks: &[Block]) -> Result<Vec<u8>, ExportError> {
    use crate::progress_report::{cell_number, xe};
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let money = rust_xlsxwriter::Format::new().set_num_format(if c.minor == 0 {
        "#,##0"
    } else {
        "#,##0.00"
    });
    let mut book = rust_xlsxwriter::Workbook::new();
    let mut heading = String::new();
    let mut used: Vec<String> = Vec::new();
    let total = c.l("total");
    for block in blocks {
        match block {
            Block::Heading { text, .. } => heading = text.clone(),
            Block::Table(table) => {
                // Sheet names: at most 31 characters, unique, none of []:*?/\.
                let mut name: String = heading
                    .chars()
                    .filter(|ch| !"[]:*?/\\".contains(*ch))
                    .take(28)
                    .collect();
                if used.contains(&name) {
                    name = format!("{name} {}", used.len() + 1);
                }
                used.push(name.clone());
                let ws = book.add_worksheet();
                ws.set_name(&name).map_err(xe)?;
                for (j, col) in table.columns.iter().enumerate() {
                    ws.write_string_with_format(0, j as u16, &col.header, &bold)
                        .map_err(xe)?;
                }
                let last = table.columns.len().saturating_sub(1);
                let live_total = table.columns.get(last).is_some_and(|c| c.header == total);
                for (i, row) in table.rows.iter().enumerate() {
                    let r = i as u32 + 1;
                    for (j, cell) in row.cells.iter().enumerate() {
                        let number = (table.columns[j].align == Align::Right)
                            .then(|| cell.replace(',', "").parse::<rust_decimal::Decimal>().ok())
                            .flatten();
                        match number {
                            Some(n) if live_total && j == last && last > 1 => {
                                let formula = format!(
                                    "=SUM({}{}:{}{})",
                                    crate::workbook::col_name(1),
                                    r + 1,
                                    crate::workbook::col_name(last as u16 - 1),
                                    r + 1
                                );
                                ws.write_formula_with_format(
                                    r,
                                    j as u16,
                                    rust_xlsxwriter::Formula::new(formula)
                                        .set_result(n.normalize().to_string()),
                                    &money,
                                )
                                .map_err(xe)?;
                            }
                            Some(n) => {
                                ws.write_number_with_format(r, j as u16, cell_number(n), &money)
                                    .map_err(xe)?;
                            }
                            None => {
                                ws.write_string(r, j as u16, cell).map_err(xe)?;
                            }
                        }
                    }
                }
                ws.set_column_width(1, 50).map_err(xe)?;
            }
            _ => {}
        }
    }
    book.save_to_buffer().map_err(xe)
}

/// The operational plan of `agency` as a workbook: its activities, steps by quarter,
/// indicators and budget, each on a sheet, the budget's totals as live formulas.
pub fn agency_plan_xlsx(
    plan: &Plan,
    opts: &DocumentOptions,
    agency: Id,
) -> Result<Vec<u8>, ExportError> {
    let c = context(plan, opts.lang)?;
    let a = find_agency(plan, agency)?;
    write_xlsx(&c, &agency_blocks(&c, a)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_paragraphs_items_bold_runs_and_tables() {
        let blocks = markdown(
            "## Context\n\nWomen hold **21 %** of seats.\n\n- one\n- two\n\n| A | B |\n|---|---|\n| 1 | 2 |\n",
        );
        let kinds: Vec<&str> = blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph(s) if s.iter().all(|s| s.bold) => "heading",
                Block::Paragraph(_) => "paragraph",
                Block::Item(_) => "item",
                Block::Table(_) => "table",
                _ => "other",
            })
            .collect();
        assert_eq!(kinds, ["heading", "paragraph", "item", "item", "table"]);
        let Block::Paragraph(spans) = &blocks[1] else {
            panic!("a paragraph")
        };
        assert!(spans.iter().any(|s| s.bold && s.text == "21 %"));
        let Block::Table(t) = &blocks[4] else {
            panic!("a table")
        };
        assert_eq!(t.columns.len(), 2);
        assert_eq!(t.rows[0].cells, ["1", "2"]);
    }
}
