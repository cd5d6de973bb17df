//! The costed budget annex: cover, summary with tables and a chart, detailed costing by
//! outcome, output and activity, and the assumptions. A4 landscape; every page carries the
//! plan title, "Page X of Y" and the version and date.
//!
//! Amounts stay `Decimal` and reach the page only as formatted text; the floating-point
//! arithmetic here is page geometry (and, in the chart, bar heights scaled from amounts).
#![allow(
    clippy::float_arithmetic,
    reason = "page geometry in points, never money"
)]

use crate::labels::{t, tf, Lang};
use crate::layout::{
    accent, line_color, muted, page_footer, Column, Flow, Row, RowKind, Table, Widest, BOTTOM,
    CONTENT_WIDTH, MARGIN_X,
};
use crate::pdf::Canvas;
use crate::pdf::{black, rgb, Align, Pdf, PAGE_WIDTH};
use crate::text::{Shaper, Weight};
use crate::ExportError;
use nap_core::costing::rounding::{format_amount, present, Shown};
use nap_core::costing::views::{mtef, Measure};
use nap_core::costing::{
    compute, cross_table, Costing, Dimension, Rounding, Table as View, UnitKind,
};
use nap_core::currency::minor_units;
use nap_core::{FundingStatus, IsoDate, LocalText, Plan, SourceKind, Year};
use rust_decimal::Decimal;
use std::collections::HashMap;

/// What the annex shows and how.
#[derive(Debug, Clone)]
pub struct AnnexOptions {
    pub lang: Lang,
    /// The MTEF budget year (the plan's first year when `None`).
    pub budget_year: Option<Year>,
    /// Show amounts in this currency instead of the base currency.
    pub currency: Option<String>,
    pub rounding: Rounding,
    pub reconcile: bool,
    /// The date printed on every page.
    pub date: IsoDate,
}

struct Ctx<'p> {
    plan: &'p Plan,
    costing: Costing,
    opts: AnnexOptions,
    minor: u32,
}

impl Ctx<'_> {
    fn l(&self, key: &str) -> &'static str {
        t(self.opts.lang, key)
    }
    fn text<'a>(&self, lt: &'a LocalText) -> &'a str {
        lt.get(self.opts.lang.reads_l2(self.plan))
    }
    /// A costing view's row or column name in the annex's language.
    fn member(&self, dimension: Dimension, info: &nap_core::costing::MemberInfo) -> String {
        crate::labels::member_name(self.opts.lang, self.plan, dimension, info)
    }
    fn money(&self, v: Decimal) -> String {
        self.number(format_amount(v, self.opts.rounding, self.minor, ","))
    }
    /// A number written with "," between groups and "." before decimals, in the annex
    /// language's marks.
    fn number(&self, text: String) -> String {
        crate::numbers::Numerals::of(self.opts.lang).localise(text)
    }
    fn amounts_in(&self) -> String {
        let cur = self.costing.currency.as_str();
        match self.opts.rounding {
            Rounding::Thousands => tf(self.opts.lang, "in_thousands", &[("cur", cur)]),
            Rounding::Millions => tf(self.opts.lang, "in_millions", &[("cur", cur)]),
            _ => cur.to_string(),
        }
    }
}

/// The annex's context: the plan costed in the annex's currency, the options checked.
fn context<'p>(plan: &'p Plan, opts: &AnnexOptions) -> Result<Ctx<'p>, ExportError> {
    let cur = opts.currency.as_deref().map(str::to_uppercase);
    let costing = compute(plan, cur.as_deref()).map_err(|e| ExportError::Costing(e.to_string()))?;
    let minor = minor_units(&costing.currency);
    if let Some(b) = opts.budget_year {
        if b < plan.meta.start_year || b > plan.meta.end_year {
            return Err(ExportError::Option(format!(
                "the budget year {b} is outside the plan period {}–{}",
                plan.meta.start_year, plan.meta.end_year
            )));
        }
    }
    Ok(Ctx {
        plan,
        costing,
        opts: opts.clone(),
        minor,
    })
}

/// The annex's chapters after its cover: summary, chart, detail, assumptions, each from a
/// new page (the flow starts on a fresh one).
fn chapters(ctx: &Ctx<'_>, flow: &mut Flow<'_>) {
    summary(ctx, flow);
    flow.new_page();
    chart(ctx, flow);
    flow.new_page();
    detail(ctx, flow);
    flow.new_page();
    assumptions(ctx, flow);
}

/// The annex of `plan` as PDF bytes.
pub fn annex(plan: &Plan, opts: &AnnexOptions) -> Result<Vec<u8>, ExportError> {
    let ctx = context(plan, opts)?;
    let title = ctx.text(&plan.meta.title).to_string();
    let mut pdf = Pdf::new(&title, opts.date.as_str())?;
    {
        let mut flow = Flow::new(&mut pdf);
        cover(&ctx, &mut flow);
        flow.new_page();
        chapters(&ctx, &mut flow);
    }
    page_furniture(&ctx, &mut pdf, &title);
    pdf.finish()
}

/// The annex's chapters appended to `pdf` on new pages, for the whole plan's document; the
/// document writes its own page furniture.
pub(crate) fn append_annex(
    plan: &Plan,
    opts: &AnnexOptions,
    pdf: &mut Pdf,
) -> Result<(), ExportError> {
    let ctx = context(plan, opts)?;
    chapters(&ctx, &mut Flow::new(pdf));
    Ok(())
}

/// What the footer and cover call this state of the plan: the name of the last named
/// version while the plan is still at that version's status (names are written in the
/// working language only, so the Khmer annex shows the status); otherwise the plan's own
/// status. An endorsed plan is never called a draft (#17).
fn version_name(ctx: &Ctx<'_>) -> String {
    let status = ctx.plan.meta.status;
    match ctx.plan.versions.last() {
        Some(v) if v.status == status && !ctx.opts.lang.reads_l2(ctx.plan) => v.name.clone(),
        _ => match status {
            nap_core::PlanStatus::Draft => ctx.l("working_draft").to_string(),
            nap_core::PlanStatus::Consultation => ctx.l("draft_for_consultation").to_string(),
            _ => status_label(ctx).to_string(),
        },
    }
}

/// Header and footer on every page, written once the number of pages is known.
fn page_furniture(ctx: &Ctx<'_>, pdf: &mut Pdf, title: &str) {
    let n = pdf.pages.len();
    let footer_left = format!(
        "{} · {} {}",
        version_name(ctx),
        ctx.l("date"),
        crate::dates::long_date(ctx.opts.lang, ctx.opts.date.as_str())
    );
    let annex_label = ctx.l("annex");
    let short_title = {
        let max = CONTENT_WIDTH * 0.7;
        let lines = pdf.shaper.wrap(title, Weight::Regular, 8.0, max);
        if lines.len() > 1 {
            format!("{}…", lines[0])
        } else {
            title.to_string()
        }
    };
    for page in 0..n {
        let y = 30.0;
        pdf.text(
            page,
            MARGIN_X,
            y,
            8.0,
            Weight::Regular,
            &muted(),
            &short_title,
            Align::Left,
        );
        pdf.text(
            page,
            PAGE_WIDTH - MARGIN_X,
            y,
            8.0,
            Weight::Bold,
            &accent(),
            annex_label,
            Align::Right,
        );
        pdf.rule(
            page,
            MARGIN_X,
            y + 6.0,
            PAGE_WIDTH - MARGIN_X,
            y + 6.0,
            0.5,
            &line_color(),
        );
        page_footer(pdf, page, n, &footer_left, ctx.opts.lang);
    }
}

fn status_label(ctx: &Ctx<'_>) -> &'static str {
    ctx.l(match ctx.plan.meta.status {
        nap_core::PlanStatus::Draft => "draft",
        nap_core::PlanStatus::Consultation => "consultation",
        nap_core::PlanStatus::Submitted => "submitted",
        nap_core::PlanStatus::Endorsed => "endorsed",
    })
}

fn cover(ctx: &Ctx<'_>, flow: &mut Flow<'_>) {
    let m = &ctx.plan.meta;
    flow.y = 120.0;
    let country = ctx.text(&m.country_name).to_string();
    flow.pdf.text(
        flow.page,
        MARGIN_X,
        flow.y,
        14.0,
        Weight::Regular,
        &muted(),
        &country,
        Align::Left,
    );
    flow.y += 14.0;
    for l in flow
        .pdf
        .shaper
        .wrap(ctx.text(&m.title), Weight::Bold, 24.0, CONTENT_WIDTH)
    {
        let lh = flow.pdf.line_height(&l, Weight::Bold, 24.0);
        flow.y += lh;
        flow.pdf.text(
            flow.page,
            MARGIN_X,
            flow.y,
            24.0,
            Weight::Bold,
            &accent(),
            &l,
            Align::Left,
        );
    }
    flow.y += 30.0;
    flow.pdf.text(
        flow.page,
        MARGIN_X,
        flow.y,
        18.0,
        Weight::Regular,
        &black(),
        ctx.l("annex"),
        Align::Left,
    );
    flow.y += 30.0;
    let lead = m
        .lead_agency_id
        .and_then(|id| ctx.plan.agencies.iter().find(|a| a.record.id == id))
        .map(|a| ctx.text(&a.name).to_string())
        .unwrap_or_else(|| ctx.l("none").to_string());
    let facts: Vec<(&str, String)> = vec![
        (ctx.l("period"), format!("{}–{}", m.start_year, m.end_year)),
        (ctx.l("version"), version_name(ctx)),
        (
            ctx.l("date"),
            crate::dates::long_date(ctx.opts.lang, ctx.opts.date.as_str()),
        ),
        (ctx.l("status"), status_label(ctx).to_string()),
        (ctx.l("lead_agency"), lead),
        (ctx.l("base_currency"), m.base_currency.clone()),
        (ctx.l("presentation_currency"), ctx.amounts_in()),
    ];
    for (label, value) in facts {
        let lh = flow
            .pdf
            .line_height(&value, Weight::Regular, 11.0)
            .max(flow.pdf.line_height(label, Weight::Regular, 11.0));
        flow.y += lh;
        flow.pdf.text(
            flow.page,
            MARGIN_X,
            flow.y,
            11.0,
            Weight::Regular,
            &muted(),
            label,
            Align::Left,
        );
        flow.pdf.text(
            flow.page,
            MARGIN_X + 170.0,
            flow.y,
            11.0,
            Weight::Bold,
            &black(),
            &value,
            Align::Left,
        );
    }
    flow.y += 20.0;
    flow.pdf.text(
        flow.page,
        MARGIN_X,
        flow.y,
        11.0,
        Weight::Bold,
        &accent(),
        ctx.l("exchange_rates"),
        Align::Left,
    );
    flow.y += 4.0;
    if ctx.plan.exchange_rates.is_empty() {
        flow.paragraph(ctx.l("no_rates"), 10.0, &black());
    }
    for r in &ctx.plan.exchange_rates {
        let year = r
            .year
            .map_or_else(|| ctx.l("all_years").to_string(), |y| y.to_string());
        // A rate entered without its source leaves it out, not an empty "; )".
        let source = r.source.trim();
        let line = tf(
            ctx.opts.lang,
            if source.is_empty() {
                "rate_line_no_source"
            } else {
                "rate_line"
            },
            &[
                ("cur", &r.currency),
                (
                    "rate",
                    &ctx.number(nap_core::costing::rounding::group_digits(
                        &r.rate.normalize().to_string(),
                        ",",
                    )),
                ),
                ("base", &m.base_currency),
                ("year", &year),
                ("date", r.date.as_str()),
                ("source", source),
            ],
        );
        flow.paragraph(&line, 10.0, &black());
    }
}

/// Rows of a two-dimension view: label column, one per column member, total.
fn view_table(ctx: &Ctx<'_>, view: &View, first: &str) -> (Table, Option<&'static str>) {
    let shown: Shown = present(view, ctx.opts.rounding, ctx.minor, ctx.opts.reconcile);
    let one = view.column_dimension.is_none();
    let mut columns = vec![Column::text(first, 1.0)];
    if !one {
        let dimension = view.column_dimension.unwrap_or(Dimension::Year);
        columns.extend(view.columns.iter().map(|c| {
            Column::number(if c.code.is_empty() {
                ctx.member(dimension, c)
            } else {
                c.code.clone()
            })
        }));
    }
    columns.push(Column::number(ctx.l("total")));
    let mut rows: Vec<Row> = view
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let name = ctx.member(view.row_dimension, r);
            let label = if r.code.is_empty() || r.code == name {
                name
            } else {
                format!("{} {name}", r.code)
            };
            let mut cells = vec![label];
            if !one {
                cells.extend(shown.cells[i].iter().map(|v| ctx.money(*v)));
            }
            cells.push(ctx.money(shown.row_totals[i]));
            Row::new(RowKind::Body, cells)
        })
        .collect();
    let mut total = vec![ctx.l("total").to_string()];
    if !one {
        total.extend(shown.column_totals.iter().map(|v| ctx.money(*v)));
    }
    total.push(ctx.money(shown.total));
    rows.push(Row::new(RowKind::Total, total));
    (
        Table { columns, rows },
        shown.note.map(|_| t(ctx.opts.lang, "rounding_note")),
    )
}

fn section_table(ctx: &Ctx<'_>, flow: &mut Flow<'_>, title_key: &str, view: &View, first: &str) {
    let (table, note) = view_table(ctx, view, first);
    flow.heading(
        &format!("{} ({})", ctx.l(title_key), ctx.amounts_in()),
        11.0,
        80.0,
    );
    flow.table(&table);
    if let Some(n) = note {
        flow.y -= 6.0;
        flow.paragraph(n, 7.5, &muted());
    }
}

fn percent(part: Decimal, whole: Decimal) -> String {
    if whole.is_zero() {
        return "0.0".into();
    }
    (part * Decimal::from(100) / whole)
        .round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
        .to_string()
}

fn summary(ctx: &Ctx<'_>, flow: &mut Flow<'_>) {
    let plan = ctx.plan;
    let c = &ctx.costing;
    let s = c.summary(plan);
    flow.heading(
        &format!("{} ({})", ctx.l("summary"), ctx.amounts_in()),
        14.0,
        120.0,
    );
    let lang = ctx.opts.lang;
    // With no funding source recorded at all, the gap is not news: say that no funding is
    // recorded rather than print a "100 %" gap as if the plan had been found unfunded.
    let no_funding = plan.funding_sources.is_empty();
    let share = |part: Decimal| {
        if no_funding {
            ctx.l("no_funding_recorded").to_string()
        } else {
            tf(
                lang,
                "share_of_cost",
                &[("p", &ctx.number(percent(part, s.total_cost)))],
            )
        }
    };
    let headline: Vec<(String, Decimal, Option<String>)> = vec![
        (ctx.l("total_cost").into(), s.total_cost, None),
        (
            format!("  {}", ctx.l("of_contingency")),
            s.contingency,
            None,
        ),
        (ctx.l("committed").into(), s.committed, None),
        (ctx.l("pledged").into(), s.pledged, None),
        (ctx.l("expected").into(), s.expected, None),
        (ctx.l("gap").into(), s.gap, Some(share(s.gap))),
        (
            ctx.l("gap_with_pledged").into(),
            s.gap_with_pledged,
            Some(share(s.gap_with_pledged)),
        ),
    ];
    let mut headline = headline;
    if !s.unallocated_committed.is_zero() {
        headline.push((ctx.l("unallocated").into(), s.unallocated_committed, None));
    }
    let table = Table {
        columns: vec![
            Column::text("", 1.0),
            Column::number(ctx.amounts_in()),
            Column::short(""),
        ],
        rows: headline
            .into_iter()
            .map(|(label, v, extra)| {
                let kind = if label == ctx.l("total_cost") || label == ctx.l("gap") {
                    RowKind::Subtotal
                } else {
                    RowKind::Body
                };
                Row::new(kind, vec![label, ctx.money(v), extra.unwrap_or_default()])
            })
            .collect(),
    };
    flow.table(&table);

    let pillar = ctx.l("pillar");
    section_table(
        ctx,
        flow,
        "by_pillar_year",
        &cross_table(
            plan,
            c,
            Dimension::Pillar,
            Some(Dimension::Year),
            Measure::Cost,
        ),
        pillar,
    );
    if no_funding {
        flow.heading(ctx.l("gap_by_pillar_year"), 11.0, 30.0);
        flow.paragraph(ctx.l("no_funding_recorded_long"), 9.0, &muted());
    } else {
        section_table(
            ctx,
            flow,
            "gap_by_pillar_year",
            &cross_table(
                plan,
                c,
                Dimension::Pillar,
                Some(Dimension::Year),
                Measure::Gap,
            ),
            pillar,
        );
    }
    let b = ctx.opts.budget_year.unwrap_or(plan.meta.start_year);
    if let Ok(m) = mtef(plan, c, Dimension::Pillar, b, Measure::Cost) {
        let shown_years = present(&m.years, ctx.opts.rounding, ctx.minor, ctx.opts.reconcile);
        let shown_period = present(&m.period, ctx.opts.rounding, ctx.minor, ctx.opts.reconcile);
        let last = m
            .years
            .columns
            .last()
            .map_or(b.to_string(), |c| c.code.clone());
        let mut columns = vec![Column::text(pillar, 1.0)];
        columns.extend(
            m.years
                .columns
                .iter()
                .map(|c| Column::number(c.code.clone())),
        );
        columns.push(Column::number(tf(
            ctx.opts.lang,
            "mtef_total",
            &[("a", &b.to_string()), ("b", &last)],
        )));
        // The whole period's column, unless the MTEF window is the whole period (a three-year
        // plan budgeted from its first year): it would repeat the MTEF total under the same
        // heading.
        let whole_period =
            m.years.columns.len() as i32 != plan.meta.end_year - plan.meta.start_year + 1;
        if whole_period {
            columns.push(Column::number(format!(
                "{}–{}",
                plan.meta.start_year, plan.meta.end_year
            )));
        }
        let mut rows: Vec<Row> = m
            .years
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let name = ctx.member(Dimension::Pillar, r);
                let label = if r.code.is_empty() {
                    name
                } else {
                    format!("{} {name}", r.code)
                };
                let mut cells = vec![label];
                cells.extend(shown_years.cells[i].iter().map(|v| ctx.money(*v)));
                cells.push(ctx.money(shown_years.row_totals[i]));
                if whole_period {
                    cells.push(ctx.money(shown_period.row_totals[i]));
                }
                Row::new(RowKind::Body, cells)
            })
            .collect();
        let mut total = vec![ctx.l("total").to_string()];
        total.extend(shown_years.column_totals.iter().map(|v| ctx.money(*v)));
        total.push(ctx.money(shown_years.total));
        if whole_period {
            total.push(ctx.money(shown_period.total));
        }
        rows.push(Row::new(RowKind::Total, total));
        flow.heading(
            &format!(
                "{} ({})",
                tf(ctx.opts.lang, "mtef", &[("b", &b.to_string())]),
                ctx.amounts_in()
            ),
            11.0,
            80.0,
        );
        flow.table(&Table { columns, rows });
        if shown_years.note.is_some() || shown_period.note.is_some() {
            flow.y -= 6.0;
            flow.paragraph(ctx.l("rounding_note"), 7.5, &muted());
        }
    }
    section_table(
        ctx,
        flow,
        "by_agency_year",
        &cross_table(
            plan,
            c,
            Dimension::Agency,
            Some(Dimension::Year),
            Measure::Cost,
        ),
        ctx.l("agency"),
    );
    funding_table(ctx, flow);
    section_table(
        ctx,
        flow,
        "by_source_year",
        &cross_table(
            plan,
            c,
            Dimension::Source,
            Some(Dimension::Year),
            Measure::Cost,
        ),
        ctx.l("source"),
    );
    section_table(
        ctx,
        flow,
        "by_economic",
        &cross_table(
            plan,
            c,
            Dimension::Economic { digits: 2 },
            Some(Dimension::Year),
            Measure::Cost,
        ),
        ctx.l("econ_class"),
    );
}

fn kind_label(ctx: &Ctx<'_>, k: SourceKind) -> &'static str {
    ctx.l(match k {
        SourceKind::NationalBudget => "national_budget",
        SourceKind::DevelopmentPartner => "development_partner",
        SourceKind::Csos => "csos",
        SourceKind::Private => "private",
        SourceKind::Other => "other",
    })
}

fn funding_table(ctx: &Ctx<'_>, flow: &mut Flow<'_>) {
    let plan = ctx.plan;
    let c = &ctx.costing;
    let mut columns = vec![
        Column::text(ctx.l("source"), 1.0),
        Column::text(ctx.l("type"), 0.5),
    ];
    columns.extend(c.years.iter().map(|y| Column::number(y.to_string())));
    columns.push(Column::number(ctx.l("total")));
    let mut rows = Vec::new();
    let mut year_totals = vec![Decimal::ZERO; c.years.len()];
    for (s, amounts) in plan.funding_sources.iter().zip(&c.source_amounts) {
        let status = ctx.l(match s.status {
            FundingStatus::Committed => "committed_s",
            FundingStatus::Pledged => "pledged_s",
            FundingStatus::Expected => "expected_s",
        });
        let budget = ctx.l(if s.on_budget {
            "on_budget"
        } else {
            "off_budget"
        });
        let mut cells = vec![
            format!("{} {}", s.code, ctx.text(&s.name)),
            format!(
                "{}, {status}, {budget} ({})",
                kind_label(ctx, s.kind),
                s.currency
            ),
        ];
        for (t, a) in year_totals.iter_mut().zip(amounts) {
            *t += *a;
        }
        cells.extend(amounts.iter().map(|a| ctx.money(*a)));
        cells.push(ctx.money(amounts.iter().sum()));
        rows.push(Row::new(RowKind::Body, cells));
    }
    let mut total = vec![ctx.l("total").to_string(), String::new()];
    total.extend(year_totals.iter().map(|a| ctx.money(*a)));
    total.push(ctx.money(year_totals.iter().sum()));
    rows.push(Row::new(RowKind::Total, total));
    flow.heading(
        &format!("{} ({})", ctx.l("funding_sources"), ctx.amounts_in()),
        11.0,
        80.0,
    );
    flow.table(&Table { columns, rows });
}

/// Pillar colours for the chart (contingency is grey).
const PALETTE: [(u8, u8, u8); 7] = [
    (0x6d, 0x28, 0xd9),
    (0x0e, 0x74, 0x90),
    (0xd9, 0x77, 0x06),
    (0x15, 0x80, 0x3d),
    (0xbe, 0x18, 0x5d),
    (0x1d, 0x4e, 0xd8),
    (0x71, 0x3f, 0x12),
];

#[allow(
    clippy::float_arithmetic,
    reason = "chart geometry in points; amounts are only scaled to bar heights"
)]
/// An amount in millions as a chart label: with two decimals under 10 million, one under 100
/// million, none above, so that 5.88 million reads "5.88", not "6" (#17).
fn millions_label(amount: Decimal) -> String {
    let m = amount / Decimal::from(1_000_000);
    let places = if m.abs() < Decimal::TEN {
        2
    } else if m.abs() < Decimal::ONE_HUNDRED {
        1
    } else {
        0
    };
    let rounded =
        m.round_dp_with_strategy(places, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    nap_core::costing::rounding::grouped(rounded.normalize(), ",")
}

// The chart's geometry (bar heights, axis steps) is drawn in floats; the amounts printed on
// it come from the exact Decimal values.
#[allow(clippy::disallowed_methods)]
fn chart(ctx: &Ctx<'_>, flow: &mut Flow<'_>) {
    use rust_decimal::prelude::ToPrimitive;
    let plan = ctx.plan;
    let c = &ctx.costing;
    flow.heading(ctx.l("chart"), 12.0, 300.0);
    let by_pillar = cross_table(
        plan,
        c,
        Dimension::Pillar,
        Some(Dimension::Year),
        Measure::Cost,
    );
    let committed = cross_table(plan, c, Dimension::Year, None, Measure::Committed);
    let years = &c.years;
    let max = by_pillar
        .column_totals
        .iter()
        .chain(&committed.row_totals)
        .copied()
        .max()
        .unwrap_or_default();
    let page = flow.page;
    let (x0, y0) = (MARGIN_X + 60.0, flow.y + 20.0);
    let plot_h = (BOTTOM - 60.0 - y0).min(330.0);
    let plot_w = CONTENT_WIDTH - 60.0 - 200.0;
    let base = y0 + plot_h;
    // A "nice" axis step: 1, 2 or 5 × 10^k millions, about five gridlines.
    let million = Decimal::from(1_000_000);
    let top_m = (max / million).to_f64().unwrap_or(0.0);
    // An empty plan still gets a sensible axis (0 to 1 million), never a degenerate one.
    let raw_step = if top_m > 0.0 { top_m / 5.0 } else { 0.2 };
    let magnitude = 10f64.powf(raw_step.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw_step)
        .unwrap_or(raw_step);
    let axis_top = if top_m > 0.0 {
        (top_m / step).ceil() * step
    } else {
        1.0
    };
    let scale = |amount: Decimal| -> f32 {
        ((amount / million).to_f64().unwrap_or(0.0) / axis_top) as f32 * plot_h
    };
    let mut tick = 0.0;
    let mut ticks = 0;
    while tick <= axis_top + step / 2.0 && ticks <= 12 {
        ticks += 1;
        let y = base - (tick / axis_top) as f32 * plot_h;
        flow.pdf
            .rule(page, x0, y, x0 + plot_w, y, 0.3, &line_color());
        let label = ctx.number(if step >= 1.0 {
            nap_core::costing::rounding::group_digits(&format!("{}", tick.round() as i64), ",")
        } else {
            format!("{tick:.1}")
        });
        flow.pdf.text(
            page,
            x0 - 4.0,
            y + 2.5,
            7.0,
            Weight::Regular,
            &muted(),
            &label,
            Align::Right,
        );
        tick += step;
    }
    flow.pdf.text(
        page,
        x0 - 4.0,
        y0 - 8.0,
        7.0,
        Weight::Regular,
        &muted(),
        &tf(ctx.opts.lang, "chart_scale", &[("cur", &c.currency)]),
        Align::Right,
    );
    let group = plot_w / years.len().max(1) as f32;
    let bar = group * 0.42;
    let fund_bar = group * 0.16;
    let gap_color = rgb(0xdc, 0x26, 0x26);
    let fund_color = rgb(0x1e, 0x29, 0x3b);
    let colour_of = |i: usize| -> crate::pdf::Color {
        if by_pillar.rows[i].member == nap_core::costing::Member::Contingency {
            rgb(0xa8, 0xa2, 0xb8)
        } else {
            let (r, g, b) = PALETTE[i % PALETTE.len()];
            rgb(r, g, b)
        }
    };
    for (j, year) in years.iter().enumerate() {
        let gx = x0 + group * j as f32 + group * 0.12;
        let mut top = base;
        for i in 0..by_pillar.rows.len() {
            let h = scale(by_pillar.cells[i][j]);
            if h > 0.0 {
                flow.pdf.fill(page, gx, top - h, bar, h, &colour_of(i));
            }
            top -= h;
        }
        let cost = by_pillar.column_totals[j];
        let funded = committed.row_totals.get(j).copied().unwrap_or_default();
        let fh = scale(funded);
        flow.pdf
            .fill(page, gx + bar + 3.0, base - fh, fund_bar, fh, &fund_color);
        if cost > funded {
            // The gap: the part of the cost bar above the committed funding, outlined in red.
            let gap_h = scale(cost - funded);
            flow.pdf.frame(
                page,
                gx - 1.0,
                top - 1.0,
                bar + 2.0,
                gap_h + 1.0,
                1.6,
                &gap_color,
            );
            let label = ctx.number(millions_label(cost - funded));
            flow.pdf.text(
                page,
                gx + bar / 2.0,
                top - 5.0,
                7.0,
                Weight::Bold,
                &gap_color,
                &label,
                Align::Center,
            );
        }
        flow.pdf.text(
            page,
            gx + (bar + fund_bar) / 2.0,
            base + 12.0,
            8.0,
            Weight::Regular,
            &black(),
            &year.to_string(),
            Align::Center,
        );
    }
    flow.pdf
        .rule(page, x0, base, x0 + plot_w, base, 0.8, &black());
    // Legend.
    let lx = x0 + plot_w + 20.0;
    let mut ly = y0 + 4.0;
    let mut entry = |flow: &mut Flow<'_>, color: crate::pdf::Color, label: &str, outline: bool| {
        if outline {
            flow.pdf.frame(page, lx, ly - 7.0, 10.0, 8.0, 1.6, &color);
        } else {
            flow.pdf.fill(page, lx, ly - 7.0, 10.0, 8.0, &color);
        }
        // Each line below the one before; the next entry starts below the last line (a
        // long pillar title used to run into the entry after it, #17).
        let lines = flow.pdf.shaper.wrap(label, Weight::Regular, 8.0, 165.0);
        for (k, line) in lines.iter().enumerate() {
            flow.pdf.text(
                page,
                lx + 15.0,
                ly + k as f32 * 11.0,
                8.0,
                Weight::Regular,
                &black(),
                line,
                Align::Left,
            );
        }
        ly += 16.0 + lines.len().saturating_sub(1) as f32 * 11.0;
    };
    for (i, r) in by_pillar.rows.iter().enumerate() {
        let name = ctx.member(Dimension::Pillar, r);
        let label = if r.code.is_empty() {
            name
        } else {
            format!("{} {name}", r.code)
        };
        entry(flow, colour_of(i), &label, false);
    }
    entry(flow, fund_color, ctx.l("committed"), false);
    entry(
        flow,
        gap_color,
        &format!(
            "{} ({})",
            ctx.l("gap"),
            tf(ctx.opts.lang, "chart_scale", &[("cur", &c.currency)])
        ),
        true,
    );
    flow.y = base + 30.0;
}

fn detail(ctx: &Ctx<'_>, flow: &mut Flow<'_>) {
    let plan = ctx.plan;
    let c = &ctx.costing;
    flow.heading(
        &format!("{} ({})", ctx.l("detail"), ctx.amounts_in()),
        14.0,
        100.0,
    );
    if plan.cost_lines.is_empty() {
        flow.paragraph(ctx.l("no_costs"), 10.0, &black());
        return;
    }
    flow.paragraph(ctx.l("quantities"), 8.0, &muted());
    let mut columns = vec![
        Column::text(ctx.l("item"), 1.0),
        Column::short(ctx.l("unit")),
        Column::number(ctx.l("unit_cost")),
    ];
    columns.extend(c.years.iter().map(|y| Column::number(y.to_string())));
    columns.extend([
        Column::number(ctx.l("total")),
        Column::short(ctx.l("econ")),
        Column::short(ctx.l("source")),
    ]);
    let ncols = columns.len();
    let blank = |first: String| -> Vec<String> {
        let mut v = vec![first];
        v.resize(ncols, String::new());
        v
    };
    let ny = c.years.len();
    let mut units_of: HashMap<usize, Vec<usize>> = HashMap::new();
    for (u, unit) in c.units.iter().enumerate() {
        units_of.entry(unit.activity).or_default().push(u);
    }
    let catalogue: HashMap<_, _> = plan.catalogue.iter().map(|i| (i.record.id, i)).collect();
    let sources: HashMap<_, _> = plan
        .funding_sources
        .iter()
        .map(|s| (s.record.id, s))
        .collect();
    let agencies: HashMap<_, _> = plan.agencies.iter().map(|a| (a.record.id, a)).collect();
    let sum_row = |kind: RowKind, label: String, amounts: &[Decimal]| -> Row {
        let mut cells = vec![label, String::new(), String::new()];
        cells.extend(amounts.iter().map(|a| ctx.money(*a)));
        cells.push(ctx.money(amounts.iter().sum()));
        cells.extend([String::new(), String::new()]);
        Row::new(kind, cells)
    };
    // The heading row of a pillar, outcome or output: "Outcome 1.2 Title".
    let band = |level: &str, code: &str, title: &LocalText| -> Row {
        Row::new(
            RowKind::Band,
            blank(format!("{} {code} {}", ctx.l(level), ctx.text(title))),
        )
    };
    let subtotal = |kind: RowKind, level: &str, code: &str, amounts: &[Decimal]| -> Row {
        sum_row(
            kind,
            format!("{} {} {code}", ctx.l("subtotal"), ctx.l(level)),
            amounts,
        )
    };
    let add = |acc: &mut Vec<Decimal>, v: &[Decimal]| {
        for (a, b) in acc.iter_mut().zip(v) {
            *a += *b;
        }
    };
    // A pillar's rows, measured as they are made (see `Widest::note`) with `shaper`, and the
    // pillar's cost per year.
    let pillar_rows = |pillar: &nap_core::Pillar, shaper: &mut Shaper| {
        let mut rows: Vec<Row> = Vec::new();
        let mut widest = Widest::new(&columns);
        let mut push = |rows: &mut Vec<Row>, row: Row| {
            widest.note(&columns, &row, shaper);
            rows.push(row);
        };
        let mut pillar_total = vec![Decimal::ZERO; ny];
        let outcomes: Vec<_> = plan
            .outcomes
            .iter()
            .filter(|o| o.pillar_id == pillar.record.id)
            .collect();
        push(&mut rows, band("pillar", &pillar.code, &pillar.title));
        for outcome in outcomes {
            let mut outcome_total = vec![Decimal::ZERO; ny];
            push(&mut rows, band("outcome", &outcome.code, &outcome.title));
            for output in plan
                .outputs
                .iter()
                .filter(|o| o.outcome_id == outcome.record.id)
            {
                let mut output_total = vec![Decimal::ZERO; ny];
                push(&mut rows, band("output", &output.code, &output.title));
                for (ai, activity) in plan
                    .activities
                    .iter()
                    .enumerate()
                    .filter(|(_, a)| a.output_id == output.record.id)
                {
                    let lead = activity
                        .lead_agency_id
                        .and_then(|l| agencies.get(&l))
                        .map(|a| a.code.clone())
                        .unwrap_or_else(|| ctx.l("none").to_string());
                    push(
                        &mut rows,
                        Row::new(
                            RowKind::Band,
                            blank(format!(
                                "{} {} {} — {}: {lead}",
                                ctx.l("activity"),
                                activity.code,
                                ctx.text(&activity.title),
                                ctx.l("lead")
                            )),
                        ),
                    );
                    let mut activity_total = vec![Decimal::ZERO; ny];
                    for &u in units_of.get(&ai).map(Vec::as_slice).unwrap_or(&[]) {
                        let amounts = c.amounts(u);
                        add(&mut activity_total, &amounts);
                        let row = match c.units[u].kind {
                            UnitKind::Line(li) => {
                                let line = &plan.cost_lines[li];
                                let item = line.catalogue_item_id.and_then(|i| catalogue.get(&i));
                                let inputs = line.inputs(item.copied());
                                let unit = inputs.unit.unwrap_or_default().to_string();
                                let lump = line.is_lump_sum();
                                let cost = inputs.unit_cost.unwrap_or_default();
                                let cur = inputs.currency.unwrap_or_default();
                                let cur_minor = minor_units(cur);
                                let source = line
                                    .funding_source_id
                                    .and_then(|s| sources.get(&s))
                                    .map_or_else(
                                        || ctx.l("unfunded").to_string(),
                                        |s| s.code.clone(),
                                    );
                                // A lump sum's unit and unit cost (1) are not a price: its
                                // unit is named in the annex's language, its cost left out.
                                let (unit, unit_cost) = if lump {
                                    (
                                        ctx.l("lump_sum_unit").to_string(),
                                        ctx.l("none").to_string(),
                                    )
                                } else {
                                    let cost = ctx.number(format_amount(
                                        cost,
                                        Rounding::Unit,
                                        cur_minor,
                                        ",",
                                    ));
                                    (unit, format!("{cost} {cur}"))
                                };
                                let mut cells =
                                    vec![ctx.text(&line.item).to_string(), unit, unit_cost];
                                cells.extend(amounts.iter().map(|a| ctx.money(*a)));
                                cells.push(ctx.money(amounts.iter().sum()));
                                cells.extend([c.economic_code(u).to_string(), source]);
                                // A lump sum (an amount known only as such) is marked,
                                // and shows no quantities (its "quantity" is the amount).
                                let mark = [
                                    lump.then(|| ctx.l("lump_sum").to_string()),
                                    item.map(|i| {
                                        tf(ctx.opts.lang, "from_catalogue", &[("code", &i.code)])
                                    }),
                                    (!line.note.trim().is_empty())
                                        .then(|| line.note.trim().to_string()),
                                ]
                                .into_iter()
                                .flatten()
                                .collect::<Vec<_>>()
                                .join(" · ");
                                let mut notes = vec![mark, String::new(), String::new()];
                                notes.extend(c.years.iter().map(|y| {
                                    if lump {
                                        return String::new();
                                    }
                                    line.quantities
                                        .get(y)
                                        .map(|q| {
                                            format!(
                                                "× {}",
                                                ctx.number(nap_core::costing::rounding::grouped(
                                                    q.normalize(),
                                                    ","
                                                ))
                                            )
                                        })
                                        .unwrap_or_default()
                                }));
                                Row {
                                    kind: RowKind::Body,
                                    cells,
                                    notes,
                                }
                            }
                            UnitKind::Contingency(_) => {
                                let rate = activity.contingency.unwrap_or(plan.meta.contingency)
                                    * Decimal::from(100);
                                let label = tf(
                                    ctx.opts.lang,
                                    "contingency_line",
                                    &[("p", &rate.normalize().to_string())],
                                );
                                sum_row(RowKind::Body, label, &amounts)
                            }
                        };
                        push(&mut rows, row);
                    }
                    push(
                        &mut rows,
                        subtotal(
                            RowKind::Subtotal,
                            "activity",
                            &activity.code,
                            &activity_total,
                        ),
                    );
                    add(&mut output_total, &activity_total);
                }
                push(
                    &mut rows,
                    subtotal(RowKind::Subtotal, "output", &output.code, &output_total),
                );
                add(&mut outcome_total, &output_total);
            }
            push(
                &mut rows,
                subtotal(RowKind::Subtotal, "outcome", &outcome.code, &outcome_total),
            );
            add(&mut pillar_total, &outcome_total);
        }
        push(
            &mut rows,
            subtotal(RowKind::Total, "pillar", &pillar.code, &pillar_total),
        );
        (rows, widest, pillar_total)
    };
    // The pillars' rows are made on all cores, each pillar with a shaper of its own (shaping
    // gives the same widths in any shaper), and put back in the plan's order.
    let parts: Vec<(Vec<Row>, Widest, Vec<Decimal>)> = std::thread::scope(|scope| {
        let made: Vec<_> = plan
            .pillars
            .iter()
            .map(|pillar| scope.spawn(|| pillar_rows(pillar, &mut Shaper::default())))
            .collect();
        made.into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    let mut widest = Widest::new(&columns);
    let mut grand = vec![Decimal::ZERO; ny];
    let mut pillars: Vec<Vec<Row>> = Vec::with_capacity(parts.len());
    for (pillar_rows, pillar_widest, pillar_total) in parts {
        pillars.push(pillar_rows);
        widest.merge(&pillar_widest);
        add(&mut grand, &pillar_total);
    }
    let total = sum_row(RowKind::Total, ctx.l("total_cost").to_string(), &grand);
    widest.note(&columns, &total, &mut flow.pdf.shaper);
    match pillars.last_mut() {
        Some(last) => last.push(total),
        None => pillars.push(vec![total]),
    }
    // The first pillar continues on this page; each of the others starts a page of its own,
    // so that they are laid out on all cores, each on a canvas of its own appended in the
    // plan's order. Every part gets the same columns, widths and type size from `widest`.
    let mut pillars = pillars.into_iter();
    let first = pillars.next().unwrap_or_default();
    let widest = &widest;
    let columns = &columns;
    let others: Vec<(Canvas, f32)> = std::thread::scope(|scope| {
        let laid_out: Vec<_> = pillars
            .map(|rows| {
                scope.spawn(move || {
                    let mut canvas = Canvas::default();
                    let y = {
                        let mut part = Flow::new(&mut canvas);
                        part.measured_table(
                            &Table {
                                columns: columns.clone(),
                                rows,
                            },
                            widest,
                        );
                        part.y
                    };
                    (canvas, y)
                })
            })
            .collect();
        flow.measured_table(
            &Table {
                columns: columns.clone(),
                rows: first,
            },
            widest,
        );
        laid_out
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    for (canvas, y) in others {
        flow.pdf.append(canvas);
        flow.page = flow.pdf.pages.len() - 1;
        flow.y = y;
    }
}

fn assumptions(ctx: &Ctx<'_>, flow: &mut Flow<'_>) {
    let plan = ctx.plan;
    let m = &plan.meta;
    let lang = ctx.opts.lang;
    flow.heading(ctx.l("assumptions"), 14.0, 100.0);
    if !plan.catalogue.is_empty() {
        flow.heading(ctx.l("catalogue"), 11.0, 60.0);
        let columns = vec![
            Column::short(ctx.l("code")),
            Column::text(ctx.l("name"), 1.0),
            Column::short(ctx.l("unit")),
            Column::number(ctx.l("unit_cost")),
            Column::short(ctx.l("currency")),
            Column::short(ctx.l("econ")),
        ];
        let rows = plan
            .catalogue
            .iter()
            .map(|i| {
                let minor = minor_units(&i.currency);
                Row::new(
                    RowKind::Body,
                    vec![
                        i.code.clone(),
                        ctx.text(&i.name).to_string(),
                        i.unit.clone(),
                        ctx.number(format_amount(i.unit_cost, Rounding::Unit, minor, ",")),
                        i.currency.clone(),
                        i.economic_code.clone(),
                    ],
                )
            })
            .collect();
        flow.table(&Table { columns, rows });
    }
    flow.heading(ctx.l("inflation"), 11.0, 60.0);
    flow.paragraph(
        &tf(
            lang,
            "inflation_text",
            &[("y", &m.costing_base_year.to_string())],
        ),
        9.0,
        &black(),
    );
    let mut factor = Decimal::ONE;
    let rows: Vec<Row> = plan
        .years()
        .map(|y| {
            let rate = if y > m.costing_base_year {
                m.inflation.get(&y).copied().unwrap_or_default()
            } else {
                Decimal::ZERO
            };
            factor *= Decimal::ONE + rate;
            Row::new(
                RowKind::Body,
                vec![
                    y.to_string(),
                    format!("{} %", (rate * Decimal::from(100)).normalize()),
                    factor.round_dp(6).normalize().to_string(),
                ],
            )
        })
        .collect();
    flow.table(&Table {
        columns: vec![
            Column::short(ctx.l("year")),
            Column::number(ctx.l("rate")),
            Column::number(ctx.l("factor")),
        ],
        rows,
    });
    flow.heading(ctx.l("exchange_rates"), 11.0, 60.0);
    if plan.exchange_rates.is_empty() {
        flow.paragraph(ctx.l("no_rates"), 9.0, &black());
    } else {
        let rows = plan
            .exchange_rates
            .iter()
            .map(|r| {
                Row::new(
                    RowKind::Body,
                    vec![
                        r.currency.clone(),
                        r.year
                            .map_or_else(|| ctx.l("all_years").to_string(), |y| y.to_string()),
                        format!(
                            "{} {}",
                            ctx.number(nap_core::costing::rounding::group_digits(
                                &r.rate.normalize().to_string(),
                                ","
                            )),
                            m.base_currency
                        ),
                        r.date.to_string(),
                        r.source.clone(),
                    ],
                )
            })
            .collect();
        flow.table(&Table {
            columns: vec![
                Column::short(ctx.l("currency")),
                Column::short(ctx.l("year")),
                Column::number(ctx.l("rate")),
                Column::short(ctx.l("rate_date")),
                Column::text(ctx.l("source"), 1.0),
            ],
            rows,
        });
    }
    flow.heading(ctx.l("contingency"), 11.0, 40.0);
    let overrides: Vec<String> = plan
        .activities
        .iter()
        .filter_map(|a| {
            a.contingency
                .map(|c| format!("{} ({} %)", a.code, (c * Decimal::from(100)).normalize()))
        })
        .collect();
    let overrides_text = if overrides.is_empty() {
        String::new()
    } else {
        tf(
            lang,
            "contingency_overrides",
            &[("list", &overrides.join(", "))],
        )
    };
    flow.paragraph(
        &tf(
            lang,
            "contingency_text",
            &[
                (
                    "p",
                    &(m.contingency * Decimal::from(100)).normalize().to_string(),
                ),
                ("overrides", &overrides_text),
            ],
        ),
        9.0,
        &black(),
    );
    flow.heading(ctx.l("allocation"), 11.0, 40.0);
    flow.paragraph(ctx.l("allocation_text"), 9.0, &black());
    flow.heading(ctx.l("rounding"), 11.0, 40.0);
    let what = ctx.l(match ctx.opts.rounding {
        Rounding::Thousands => "rounding_thousands",
        Rounding::Millions => "rounding_millions",
        _ => "rounding_minor",
    });
    let mut text = tf(lang, "rounding_unit", &[("what", what)]);
    text.push(' ');
    text.push_str(ctx.l(if ctx.opts.reconcile {
        "rounding_reconciled"
    } else {
        "rounding_note"
    }));
    flow.paragraph(&text, 9.0, &black());
}

#[cfg(test)]
mod chart_tests {
    use super::millions_label;

    #[test]
    fn gap_labels_keep_the_digits_a_small_amount_needs() {
        let d = |s: &str| s.parse::<rust_decimal::Decimal>().unwrap();
        assert_eq!(millions_label(d("5880000")), "5.88");
        assert_eq!(millions_label(d("5885000")), "5.89");
        assert_eq!(millions_label(d("64250000")), "64.3");
        assert_eq!(millions_label(d("1234500000")), "1,235");
        assert_eq!(millions_label(d("6000000")), "6");
    }
}
