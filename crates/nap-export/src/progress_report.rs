//! The annual (or half-yearly, quarterly) progress report: each indicator against its
//! target, where each activity stands, and budget execution by pillar and by lead agency,
//! as PDF, Word (DOCX) and XLSX, in English or Khmer. It takes the progress view the
//! Progress screen shows (amounts already rounded for display) and writes it out.
#![allow(
    clippy::float_arithmetic,
    reason = "page geometry in points, never money"
)]

use crate::labels::{t, tf, Lang};
use crate::layout::{muted, page_footer, Column, Flow, Row, RowKind, Table, CONTENT_WIDTH};
use crate::pdf::{Align, Pdf};
use crate::text::Weight;
use crate::ExportError;
use nap_core::costing::rounding::{format_amount, Rounding};
use nap_core::currency::currency;
use nap_core::progress::view::{Execution, ExecutionRow, ProgressView, Rating};
use nap_core::{ActivityState, LocalText, Plan};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Workbook, XlsxError};

/// How the report is written.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    pub lang: Lang,
    /// The date printed on it (YYYY-MM-DD).
    pub date: String,
}

struct Ctx<'a> {
    plan: &'a Plan,
    view: &'a ProgressView,
    lang: Lang,
    minor: u32,
}

impl<'a> Ctx<'a> {
    fn new(plan: &'a Plan, view: &'a ProgressView, opts: &ReportOptions) -> Self {
        Self {
            plan,
            view,
            lang: opts.lang,
            minor: currency(&view.currency).map_or(2, |x| x.minor_units),
        }
    }

    fn l(&self, key: &str) -> &'static str {
        t(self.lang, key)
    }
    fn text<'t>(&self, text: &'t LocalText) -> &'t str {
        text.get(self.lang.reads_l2(self.plan))
    }
    fn amount(&self, v: Decimal) -> String {
        self.number(format_amount(v, Rounding::Unit, self.minor, ","))
    }
    /// A number written with "," between groups and "." before decimals, in the report
    /// language's marks.
    fn number(&self, text: String) -> String {
        crate::numbers::Numerals::of(self.lang).localise(text)
    }
    /// The name of a row of an execution table: a record's in the half of its text the
    /// report reads, the view's own rows (contingency, no lead agency) in the report's words.
    fn row_name(&self, e: &Execution, r: &ExecutionRow) -> String {
        let dimension = nap_core::costing::Dimension::parse(&e.dimension)
            .unwrap_or(nap_core::costing::Dimension::Pillar);
        let info = nap_core::costing::MemberInfo {
            member: r.member.clone(),
            code: r.code.clone(),
            label: r.label.clone(),
        };
        crate::labels::member_name(self.lang, self.plan, dimension, &info)
    }
    /// A percentage to one decimal, or a dash when there is none.
    fn percent(&self, p: Option<Decimal>) -> String {
        p.map_or("–".into(), |p| self.number(format!("{p:.1} %")))
    }
    fn rating(&self, r: Rating) -> &'static str {
        self.l(match r {
            Rating::Achieved => "rating_achieved",
            Rating::Partly => "rating_partly",
            Rating::Behind => "rating_behind",
            Rating::NoData => "rating_no_data",
            Rating::NotRated => "rating_not_rated",
        })
    }
    fn state(&self, s: Option<ActivityState>) -> &'static str {
        self.l(match s {
            Some(ActivityState::NotStarted) => "state_not_started",
            Some(ActivityState::OnTrack) => "state_on_track",
            Some(ActivityState::Delayed) => "state_delayed",
            Some(ActivityState::Completed) => "state_completed",
            Some(ActivityState::Dropped) => "state_dropped",
            None => "state_not_reported",
        })
    }
}

fn label(code: &str, name: &str) -> String {
    if code.is_empty() {
        name.to_string()
    } else {
        format!("{code} {name}")
    }
}

/// The summary sentences: ratings, statuses, and the year's budget execution.
fn summary_lines(c: &Ctx<'_>) -> Vec<String> {
    let v = c.view;
    let r = &v.ratings;
    let s = &v.statuses;
    let n = |x: usize| x.to_string();
    vec![
        tf(
            c.lang,
            "report_indicators_line",
            &[
                ("total", &n(v.indicators.len())),
                ("achieved", &n(r.achieved)),
                ("partly", &n(r.partly)),
                ("behind", &n(r.behind)),
                ("no_data", &n(r.no_data)),
            ],
        ),
        tf(
            c.lang,
            "report_activities_line",
            &[
                ("total", &n(v.activities.len())),
                ("completed", &n(s.completed)),
                ("on_track", &n(s.on_track)),
                ("delayed", &n(s.delayed)),
                ("not_started", &n(s.not_started)),
                ("dropped", &n(s.dropped)),
                ("not_reported", &n(s.not_reported)),
            ],
        ),
        tf(
            c.lang,
            "report_execution_line",
            &[
                ("year", &v.year.to_string()),
                ("budget", &c.amount(v.by_pillar.total.budget)),
                ("spent", &c.amount(v.by_pillar.total.spent)),
                ("cur", &v.currency),
                ("rate", &c.percent(v.by_pillar.total.rate)),
            ],
        ),
    ]
}

fn execution_table(c: &Ctx<'_>, e: &Execution, first: &str) -> Table {
    let mut rows: Vec<Row> = e
        .rows
        .iter()
        .map(|r| {
            Row::new(
                RowKind::Body,
                vec![
                    label(&r.code, &c.row_name(e, r)),
                    c.amount(r.budget),
                    c.amount(r.spent),
                    c.percent(r.rate),
                ],
            )
        })
        .collect();
    rows.push(Row::new(
        RowKind::Total,
        vec![
            c.l("total").to_string(),
            c.amount(e.total.budget),
            c.amount(e.total.spent),
            c.percent(e.total.rate),
        ],
    ));
    Table {
        columns: vec![
            Column::text(first, 1.0),
            Column::number(c.l("budget")),
            Column::number(c.l("spent")),
            Column::number(c.l("execution")),
        ],
        rows,
    }
}

/// The report's tables under their headings: indicators, activities, execution by pillar
/// and by lead agency. The PDF and the Word document lay out the same tables.
fn report_sections(c: &Ctx<'_>) -> Vec<(String, Table)> {
    let view = c.view;
    let rows = view
        .indicators
        .iter()
        .map(|i| {
            let target = match (i.target.as_deref(), i.target_year) {
                (Some(t), Some(y)) if y != view.year => format!("{t} ({y})"),
                (Some(t), _) => t.to_string(),
                _ => String::new(),
            };
            let mut row = Row::new(
                RowKind::Body,
                vec![
                    i.code.clone(),
                    c.text(&i.statement).to_string(),
                    i.baseline.clone().unwrap_or_default(),
                    target,
                    i.actual.clone().unwrap_or_default(),
                    c.percent(i.achieved_percent),
                    c.rating(i.rating).to_string(),
                ],
            );
            let breakdown: Vec<String> = i
                .breakdown
                .iter()
                .map(|b| format!("{} {}", b.group, b.value))
                .collect();
            let note = [breakdown.join(", "), i.source.clone(), i.note.clone()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" · ");
            if !note.is_empty() {
                row.notes = vec![String::new(), note];
            }
            row
        })
        .collect();
    let indicators = Table {
        columns: vec![
            Column::short(c.l("code")),
            Column::text(c.l("indicator"), 1.0),
            Column::number(c.l("baseline")),
            Column::number(c.l("target")),
            Column::number(c.l("actual")),
            Column::number(c.l("achieved")),
            Column::short(c.l("rating")),
        ],
        rows,
    };
    let rows = view
        .activities
        .iter()
        .map(|a| {
            let mut row = Row::new(
                RowKind::Body,
                vec![
                    a.code.clone(),
                    c.text(&a.title).to_string(),
                    a.lead_agency.clone().unwrap_or_default(),
                    c.state(a.status).to_string(),
                    c.amount(a.budget),
                    c.amount(a.spent),
                    c.percent(a.execution_percent),
                ],
            );
            if !a.note.is_empty() {
                row.notes = vec![String::new(), a.note.clone()];
            }
            row
        })
        .collect();
    let activities = Table {
        columns: vec![
            Column::short(c.l("code")),
            Column::text(c.l("activity"), 1.0),
            Column::short(c.l("lead")),
            Column::short(c.l("status")),
            Column::number(tf(
                c.lang,
                "budget_in",
                &[("year", &view.year.to_string()), ("cur", &view.currency)],
            )),
            Column::number(c.l("spent")),
            Column::number(c.l("execution")),
        ],
        rows,
    };
    let year = view.year.to_string();
    vec![
        (
            tf(c.lang, "report_indicators", &[("period", &view.period)]),
            indicators,
        ),
        (
            tf(c.lang, "report_activities", &[("period", &view.period)]),
            activities,
        ),
        (
            tf(
                c.lang,
                "report_by_pillar",
                &[("year", &year), ("cur", &view.currency)],
            ),
            execution_table(c, &view.by_pillar, c.l("pillar")),
        ),
        (
            tf(
                c.lang,
                "report_by_agency",
                &[("year", &year), ("cur", &view.currency)],
            ),
            execution_table(c, &view.by_agency, c.l("lead_agency")),
        ),
    ]
}

/// The report as PDF bytes.
pub fn progress_report_pdf(
    plan: &Plan,
    view: &ProgressView,
    opts: &ReportOptions,
) -> Result<Vec<u8>, ExportError> {
    let c = Ctx::new(plan, view, opts);
    let title = c.text(&plan.meta.title).to_string();
    let report_title = tf(c.lang, "report_title", &[("period", &view.period)]);
    let mut pdf = Pdf::new(&format!("{title} — {report_title}"), &opts.date)?;
    {
        let mut flow = Flow::new(&mut pdf);
        flow.heading(&title, 16.0, 40.0);
        flow.heading(&report_title, 13.0, 40.0);
        let m = &c.plan.meta;
        flow.paragraph(
            &format!(
                "{} · {} {}–{} · {} {}",
                c.text(&m.country_name),
                c.l("period"),
                m.start_year,
                m.end_year,
                c.l("date"),
                crate::dates::long_date(c.lang, &opts.date)
            ),
            9.0,
            &muted(),
        );
        flow.heading(c.l("summary"), 12.0, 40.0);
        for line in summary_lines(&c) {
            flow.paragraph(&line, 9.5, &crate::pdf::black());
        }

        for (heading, table) in report_sections(&c) {
            flow.heading(&heading, 12.0, 60.0);
            flow.table(&table);
        }
    }
    let n = pdf.pages.len();
    for page in 0..n {
        let left = format!("{title} · {report_title}");
        let left = {
            let lines = pdf
                .shaper
                .wrap(&left, Weight::Regular, 7.5, CONTENT_WIDTH * 0.75);
            match lines.as_slice() {
                [one] => one.clone(),
                [first, ..] => format!("{first}…"),
                [] => String::new(),
            }
        };
        page_footer(&mut pdf, page, n, &left, opts.lang);
    }
    pdf.finish()
}

pub(crate) fn xe(e: XlsxError) -> ExportError {
    ExportError::Workbook(e.to_string())
}

/// The value written into a numeric cell (the file format's number type).
#[allow(clippy::disallowed_methods)] // XLSX numbers are IEEE doubles.
pub(crate) fn cell_number(v: Decimal) -> f64 {
    use rust_decimal::prelude::ToPrimitive;
    v.to_f64().unwrap_or(0.0)
}

/// The report as an XLSX workbook: a summary sheet, and one sheet each for indicators,
/// activities and execution by pillar and by agency, with numbers as numbers.
pub fn progress_report_xlsx(
    plan: &Plan,
    view: &ProgressView,
    opts: &ReportOptions,
) -> Result<Vec<u8>, ExportError> {
    let c = Ctx::new(plan, view, opts);
    let bold = Format::new().set_bold();
    let money = Format::new().set_num_format(if c.minor == 0 { "#,##0" } else { "#,##0.00" });
    let pct = Format::new().set_num_format("0.0");
    let mut book = Workbook::new();

    let ws = book.add_worksheet();
    ws.set_name(c.l("summary")).map_err(xe)?;
    ws.write_string_with_format(0, 0, c.text(&plan.meta.title), &bold)
        .map_err(xe)?;
    ws.write_string(
        1,
        0,
        tf(c.lang, "report_title", &[("period", &view.period)]),
    )
    .map_err(xe)?;
    ws.write_string(2, 0, format!("{} {}", c.l("date"), opts.date))
        .map_err(xe)?;
    for (k, line) in summary_lines(&c).iter().enumerate() {
        ws.write_string(4 + k as u32, 0, line).map_err(xe)?;
    }
    ws.set_column_width(0, 100).map_err(xe)?;

    let ws = book.add_worksheet();
    ws.set_name(c.l("indicators")).map_err(xe)?;
    let headers = [
        "code",
        "indicator",
        "baseline",
        "target",
        "target_year",
        "actual",
        "achieved",
        "rating",
        "source",
        "note",
    ];
    for (k, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, k as u16, c.l(h), &bold)
            .map_err(xe)?;
    }
    for (r, i) in view.indicators.iter().enumerate() {
        let row = r as u32 + 1;
        ws.write_string(row, 0, &i.code).map_err(xe)?;
        ws.write_string(row, 1, c.text(&i.statement)).map_err(xe)?;
        // Values are numbers where they read as numbers, text otherwise (yes/no, scales).
        for (col, value) in [(2u16, &i.baseline), (3, &i.target), (5, &i.actual)] {
            match value.as_deref().map(|v| v.trim().parse::<Decimal>()) {
                Some(Ok(n)) => ws.write_number(row, col, cell_number(n)).map(|_| ()),
                Some(Err(_)) => ws
                    .write_string(row, col, value.as_deref().unwrap_or_default())
                    .map(|_| ()),
                None => Ok(()),
            }
            .map_err(xe)?;
        }
        if let Some(y) = i.target_year {
            ws.write_number(row, 4, f64::from(y)).map_err(xe)?;
        }
        if let Some(p) = i.achieved_percent {
            ws.write_number_with_format(row, 6, cell_number(p), &pct)
                .map_err(xe)?;
        }
        ws.write_string(row, 7, c.rating(i.rating)).map_err(xe)?;
        ws.write_string(row, 8, &i.source).map_err(xe)?;
        ws.write_string(row, 9, &i.note).map_err(xe)?;
    }
    ws.set_column_width(1, 60).map_err(xe)?;

    let ws = book.add_worksheet();
    ws.set_name(c.l("activities")).map_err(xe)?;
    let headers = [
        "code",
        "activity",
        "lead",
        "status",
        "budget",
        "spent",
        "execution",
        "note",
    ];
    for (k, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, k as u16, c.l(h), &bold)
            .map_err(xe)?;
    }
    for (r, a) in view.activities.iter().enumerate() {
        let row = r as u32 + 1;
        ws.write_string(row, 0, &a.code).map_err(xe)?;
        ws.write_string(row, 1, c.text(&a.title)).map_err(xe)?;
        ws.write_string(row, 2, a.lead_agency.as_deref().unwrap_or_default())
            .map_err(xe)?;
        ws.write_string(row, 3, c.state(a.status)).map_err(xe)?;
        ws.write_number_with_format(row, 4, cell_number(a.budget), &money)
            .map_err(xe)?;
        ws.write_number_with_format(row, 5, cell_number(a.spent), &money)
            .map_err(xe)?;
        if let Some(p) = a.execution_percent {
            ws.write_number_with_format(row, 6, cell_number(p), &pct)
                .map_err(xe)?;
        }
        ws.write_string(row, 7, &a.note).map_err(xe)?;
    }
    ws.set_column_width(1, 60).map_err(xe)?;

    for (e, name, first) in [
        (&view.by_pillar, "sheet_by_pillar", "pillar"),
        (&view.by_agency, "sheet_by_agency", "lead_agency"),
    ] {
        let ws = book.add_worksheet();
        ws.set_name(c.l(name)).map_err(xe)?;
        for (k, h) in [first, "budget", "spent", "execution"].iter().enumerate() {
            ws.write_string_with_format(0, k as u16, c.l(h), &bold)
                .map_err(xe)?;
        }
        let n = e.rows.len() as u32;
        for (r, x) in e.rows.iter().enumerate() {
            let row = r as u32 + 1;
            ws.write_string(row, 0, label(&x.code, &c.row_name(e, x)))
                .map_err(xe)?;
            ws.write_number_with_format(row, 1, cell_number(x.budget), &money)
                .map_err(xe)?;
            ws.write_number_with_format(row, 2, cell_number(x.spent), &money)
                .map_err(xe)?;
            if let Some(p) = x.rate {
                ws.write_number_with_format(row, 3, cell_number(p), &pct)
                    .map_err(xe)?;
            }
        }
        // The totals are live formulas, with the exact figures stored as their results.
        let total = n + 1;
        ws.write_string_with_format(total, 0, c.l("total"), &bold)
            .map_err(xe)?;
        for (col, letter, value) in [(1u16, "B", e.total.budget), (2, "C", e.total.spent)] {
            ws.write_formula_with_format(
                total,
                col,
                rust_xlsxwriter::Formula::new(format!("=SUM({letter}2:{letter}{})", n + 1))
                    .set_result(value.normalize().to_string()),
                &money,
            )
            .map_err(xe)?;
        }
        ws.write_formula_with_format(
            total,
            3,
            rust_xlsxwriter::Formula::new(format!("=IF(B{r}=0,\"\",C{r}/B{r}*100)", r = total + 1))
                .set_result(e.total.rate.map(|r| r.to_string()).unwrap_or_default()),
            &pct,
        )
        .map_err(xe)?;
        ws.set_column_width(0, 50).map_err(xe)?;
        ws.set_column_width(1, 18).map_err(xe)?;
        ws.set_column_width(2, 18).map_err(xe)?;
    }
    book.save_to_buffer().map_err(xe)
}

/// Heading 1–2 and the table style as Word names them, so that Word's navigation pane and
/// table of contents find the headings; Khmer or Thai runs use the Noto font the PDF uses
/// (Word's complex-script font slot holds one font: Thai's, Lao's or Burmese's for an
/// edition in that language, else Khmer's, the first users' second language).
pub(crate) fn docx_styles(docx: docx_rs::Docx, lang: Lang) -> docx_rs::Docx {
    use docx_rs::{RunFonts, Style, StyleType};
    let complex = match lang {
        Lang::Th => "Noto Sans Thai",
        Lang::Lo => "Noto Sans Lao",
        Lang::My => "Noto Sans Myanmar",
        _ => "Noto Sans Khmer",
    };
    let fonts = || {
        RunFonts::new()
            .ascii("Noto Sans")
            .hi_ansi("Noto Sans")
            .cs(complex)
    };
    // The built-in Normal style takes these defaults; adding another Normal would make two.
    docx.default_fonts(fonts())
        .default_size(20)
        .page_orient(docx_rs::PageOrientationType::Landscape)
        .page_size(16838, 11906)
        .page_margin(
            docx_rs::PageMargin::new()
                .top(DOCX_MARGIN)
                .bottom(DOCX_MARGIN)
                .left(DOCX_MARGIN)
                .right(DOCX_MARGIN),
        )
        .add_style(
            Style::new("Title", StyleType::Paragraph)
                .name("Title")
                .based_on("Normal")
                .fonts(fonts())
                .size(44)
                .bold()
                .color("4C1D95"),
        )
        .add_style(
            Style::new("Heading1", StyleType::Paragraph)
                .name("Heading 1")
                .based_on("Normal")
                .fonts(fonts())
                .size(32)
                .bold()
                .color("4C1D95")
                .outline_lvl(0),
        )
        .add_style(
            Style::new("Heading2", StyleType::Paragraph)
                .name("Heading 2")
                .based_on("Normal")
                .fonts(fonts())
                .size(26)
                .bold()
                .color("4C1D95")
                .outline_lvl(1),
        )
        // The table of contents' entries (docx-rs names their styles ToC1, ToC2; Word's
        // own names are "toc 1", "toc 2", which its Update Table picks up).
        .add_style(
            Style::new("ToC1", StyleType::Paragraph)
                .name("toc 1")
                .based_on("Normal")
                .fonts(fonts())
                .bold(),
        )
        .add_style(
            Style::new("ToC2", StyleType::Paragraph)
                .name("toc 2")
                .based_on("Normal")
                .fonts(fonts())
                .indent(Some(440), None, None, None),
        )
}

pub(crate) fn docx_paragraph(text: &str, style: Option<&str>, bold: bool) -> docx_rs::Paragraph {
    let mut run = docx_rs::Run::new().add_text(text);
    if bold {
        run = run.bold();
    }
    let p = docx_rs::Paragraph::new().add_run(run);
    match style {
        Some(s) => p.style(s),
        None => p,
    }
}

/// Page margins of the Word document, in twentieths of a point (2 cm).
pub(crate) const DOCX_MARGIN: i32 = 1134;

/// Column widths in twentieths of a point across the landscape A4 text width: columns that
/// do not wrap as wide as their longest entry, the wrapping ones sharing the rest by weight.
/// A character is counted at the width of a wide fallback font (DejaVu Sans, which Word and
/// LibreOffice put in Noto Sans's place on a computer without it: 125 a character at 10 pt,
/// 140 in the bold header), so that "2026" and "Lead" do not break inside the word.
fn docx_widths(table: &Table) -> Vec<usize> {
    let text_width = (16838 - 2 * DOCX_MARGIN) as usize;
    // Both cell margins (108 each, Word's default) and a little air.
    const PADDING: usize = 260;
    let fixed = |j: usize| -> usize {
        let body = (table.rows.iter())
            .filter_map(|r| r.cells.get(j))
            .map(|c| c.chars().count() * 125)
            .max()
            .unwrap_or(0);
        let header = table.columns[j].header.chars().count() * 140;
        (body.max(header) + PADDING).clamp(800, 3600)
    };
    let mut widths: Vec<usize> = (0..table.columns.len())
        .map(|j| if table.columns[j].wrap { 0 } else { fixed(j) })
        .collect();
    let left = text_width.saturating_sub(widths.iter().sum());
    let weights: f32 = table
        .columns
        .iter()
        .filter(|c| c.wrap)
        .map(|c| c.weight)
        .sum();
    for (w, c) in widths.iter_mut().zip(&table.columns) {
        if c.wrap && weights > 0.0 {
            let share = (left as f32 * c.weight / weights) as usize;
            *w = share.max(1500);
        }
    }
    widths
}

/// A Word table: a bold header row, then the rows; numbers aligned right.
pub(crate) fn docx_table(table: &Table) -> docx_rs::Table {
    use docx_rs::{AlignmentType, TableCell, TableRow, WidthType};
    let widths = docx_widths(table);
    let cell = |text: &str, right: bool, bold: bool, width: usize| {
        let mut p = docx_paragraph(text, None, bold);
        if right {
            p = p.align(AlignmentType::Right);
        }
        TableCell::new()
            .width(width, WidthType::Dxa)
            .add_paragraph(p)
    };
    let right: Vec<bool> = table
        .columns
        .iter()
        .map(|c| c.align == Align::Right)
        .collect();
    let mut rows = vec![TableRow::new(
        table
            .columns
            .iter()
            .zip(&right)
            .zip(&widths)
            .map(|((c, r), w)| cell(&c.header, *r, true, *w))
            .collect(),
    )];
    for r in &table.rows {
        let bold = matches!(r.kind, RowKind::Total | RowKind::Subtotal);
        rows.push(TableRow::new(
            r.cells
                .iter()
                .zip(&right)
                .enumerate()
                .map(|(k, (text, right))| {
                    let mut c = cell(text, *right, bold, widths[k]);
                    // A cell's note (a breakdown, a source) as a second paragraph.
                    if let Some(note) = r.notes.get(k).filter(|n| !n.is_empty()) {
                        c = c.add_paragraph(docx_paragraph(note, None, false));
                    }
                    c
                })
                .collect(),
        ));
    }
    docx_rs::Table::new(rows)
        .set_grid(widths)
        .layout(docx_rs::TableLayoutType::Fixed)
}

/// The report as a Word document: the same sections and tables as the PDF, with Heading
/// styles and real tables.
pub fn progress_report_docx(
    plan: &Plan,
    view: &ProgressView,
    opts: &ReportOptions,
) -> Result<Vec<u8>, ExportError> {
    let c = Ctx::new(plan, view, opts);
    let sections = report_sections(&c);
    let m = &plan.meta;
    let mut docx = docx_styles(docx_rs::Docx::new(), c.lang)
        .add_paragraph(docx_paragraph(c.text(&m.title), Some("Heading1"), false))
        .add_paragraph(docx_paragraph(
            &tf(c.lang, "report_title", &[("period", &view.period)]),
            Some("Heading2"),
            false,
        ))
        .add_paragraph(docx_paragraph(
            &format!(
                "{} · {} {}–{} · {} {}",
                c.text(&m.country_name),
                c.l("period"),
                m.start_year,
                m.end_year,
                c.l("date"),
                crate::dates::long_date(c.lang, &opts.date)
            ),
            None,
            false,
        ))
        .add_paragraph(docx_paragraph(c.l("summary"), Some("Heading2"), false));
    for line in summary_lines(&c) {
        docx = docx.add_paragraph(docx_paragraph(&line, None, false));
    }
    for (heading, table) in &sections {
        docx = docx
            .add_paragraph(docx_paragraph(heading, Some("Heading2"), false))
            .add_table(docx_table(table));
    }
    let mut out = std::io::Cursor::new(Vec::new());
    docx.build().pack(&mut out).map_err(|e| {
        ExportError::Workbook(format!("the Word document could not be written: {e}"))
    })?;
    Ok(out.into_inner())
}

#[cfg(test)]
mod docx_width_tests {
    use super::*;
    use crate::layout::{Column, Row, RowKind, Table};

    /// Twips a bold header needs in DejaVu Sans Bold at 10 pt (the font Word and LibreOffice
    /// put in Noto Sans's place where it is not installed), with both cell margins: advances
    /// read from the font (digits 1425, "L" 1305, "e" 1389, "a" 1382, "d" 1466 of 2048 units
    /// per em), not from the code under test.
    fn dejavu_bold(advances: &[u32]) -> usize {
        let points: f64 = advances.iter().map(|a| f64::from(*a) / 2048.0 * 10.0).sum();
        (points * 20.0).ceil() as usize + 2 * 108
    }

    #[test]
    fn a_year_and_a_short_code_fit_their_column_in_a_wide_fallback_font() {
        let table = Table {
            columns: vec![
                Column::text("Activity", 1.0),
                Column::short("Lead"),
                Column::number("2026"),
            ],
            rows: vec![Row::new(
                RowKind::Body,
                vec!["Train police".into(), "MWA".into(), "1,000".into()],
            )],
        };
        let widths = docx_widths(&table);
        assert!(
            widths[1] >= dejavu_bold(&[1305, 1389, 1382, 1466]),
            "{widths:?}"
        );
        assert!(widths[2] >= dejavu_bold(&[1425; 4]), "{widths:?}");
        // The wrapping column takes the rest of the landscape page.
        let text_width = (16838 - 2 * DOCX_MARGIN) as usize;
        assert_eq!(widths.iter().sum::<usize>(), text_width);
    }
}
