//! The budget workbook (XLSX) for a Ministry of Finance analyst: a Lines sheet with one row
//! per cost line and year, summary sheets whose cells are live `SUMIFS` formulas over it with
//! the engine's results stored (so viewers that do not recalculate show the right numbers),
//! and the assumptions.
//!
//! Spreadsheet cells hold binary floating-point numbers by nature of the format: amounts are
//! converted from `Decimal` only here, at the file boundary, for each cell written. Stored
//! formula results are the engine's exact `Decimal` totals, written as text.

use crate::ExportError;
use nap_core::costing::views::{mtef, Measure};
use nap_core::costing::{
    compute, cross_table, Costing, Dimension, Member, Table as View, UnitKind,
};
use nap_core::currency::currency;
use nap_core::{Plan, Year};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    Color, Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError,
};
use std::collections::HashMap;

/// What the workbook shows.
#[derive(Debug, Clone, Default)]
pub struct WorkbookOptions {
    /// Show amounts in this currency instead of the base currency.
    pub currency: Option<String>,
    /// The MTEF budget year (the plan's first year when `None`).
    pub budget_year: Option<Year>,
}

fn xe(e: XlsxError) -> ExportError {
    ExportError::Workbook(e.to_string())
}

/// The value written into a numeric cell (the file format's number type). The exact total
/// is also stored as the formula's text result, so nothing read back depends on the float.
#[allow(clippy::disallowed_methods)] // XLSX numbers are IEEE doubles.
fn cell_number(v: Decimal) -> f64 {
    v.to_f64().unwrap_or(0.0)
}

/// A stored formula result: the exact total as text.
fn result(v: Decimal) -> String {
    v.normalize().to_string()
}

/// Column letters of a 0-based index (0 → A, 26 → AA).
pub(crate) fn col_name(mut c: u16) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// The columns of the Lines sheet (and of `nap export csv --table lines`).
pub const LINE_COLUMNS: [&str; 22] = [
    "kind",
    "pillar_code",
    "pillar",
    "outcome_code",
    "outcome",
    "output_code",
    "output",
    "activity_code",
    "activity",
    "lead_agency",
    "item",
    "unit",
    "unit_cost",
    "currency",
    "year",
    "quantity",
    "amount",
    "economic_code",
    "economic_2",
    "function_code",
    "funding_source",
    "source_type",
];
const KIND: u16 = 0;
const PILLAR: u16 = 1;
const LEAD: u16 = 9;
const YEAR: u16 = 14;
const AMOUNT: u16 = 16;
const ECON2: u16 = 18;
const SOURCE: u16 = 20;

/// Text used in the Lines sheet where a dimension has no value, so that SUMIFS can match it.
pub const NO_AGENCY: &str = "(no lead agency)";
pub const UNFUNDED: &str = "(unfunded)";
pub const CONTINGENCY: &str = "Contingency";
/// The kind of a lump-sum line (an amount per year given as such) in the Lines sheet.
pub const LUMP_SUM: &str = "Lump sum";

/// One row of the Lines table: text cells and the numbers in their columns.
pub struct LineRow {
    pub text: Vec<String>,
    pub unit_cost: Option<Decimal>,
    pub year: Year,
    pub quantity: Option<Decimal>,
    pub amount: Decimal,
}

/// Every cost line × year (and contingency × year) with an amount or a quantity.
pub fn line_rows(plan: &Plan, c: &Costing) -> Vec<LineRow> {
    let outputs: HashMap<_, _> = plan.outputs.iter().map(|o| (o.record.id, o)).collect();
    let outcomes: HashMap<_, _> = plan.outcomes.iter().map(|o| (o.record.id, o)).collect();
    let pillars: HashMap<_, _> = plan.pillars.iter().map(|p| (p.record.id, p)).collect();
    let agencies: HashMap<_, _> = plan.agencies.iter().map(|a| (a.record.id, a)).collect();
    let items: HashMap<_, _> = plan.catalogue.iter().map(|i| (i.record.id, i)).collect();
    let mut rows = Vec::new();
    for (u, unit) in c.units.iter().enumerate() {
        let a = &plan.activities[unit.activity];
        let output = outputs.get(&a.output_id);
        let outcome = output.and_then(|o| outcomes.get(&o.outcome_id));
        let pillar = outcome.and_then(|o| pillars.get(&o.pillar_id));
        let lead = a
            .lead_agency_id
            .and_then(|l| agencies.get(&l))
            .map_or(NO_AGENCY.to_string(), |a| a.code.clone());
        let source = unit.source.map(|s| &plan.funding_sources[s]);
        let source_code = source.map_or(UNFUNDED.to_string(), |s| s.code.clone());
        let source_type = source.map_or(String::new(), |s| format!("{:?}", s.kind));
        let (kind, item, unit_name, unit_cost, cur, line) = match unit.kind {
            UnitKind::Line(li) => {
                let line = &plan.cost_lines[li];
                let ci = line.catalogue_item_id.and_then(|i| items.get(&i));
                let inputs = line.inputs(ci.copied());
                (
                    // A lump sum is marked apart: its "unit cost" of 1 is not a price.
                    if line.is_lump_sum() { LUMP_SUM } else { "Line" },
                    line.item.text.clone(),
                    inputs.unit.unwrap_or_default().to_string(),
                    inputs.unit_cost,
                    inputs.currency.unwrap_or_default().to_string(),
                    Some(line),
                )
            }
            UnitKind::Contingency(_) => (
                CONTINGENCY,
                CONTINGENCY.to_string(),
                String::new(),
                None,
                String::new(),
                None,
            ),
        };
        let econ = c.economic_code(u).to_string();
        for (yi, year) in c.years.iter().enumerate() {
            let amount = c.amount(u, yi);
            let quantity = line.and_then(|l| l.quantities.get(year).copied());
            if amount.is_zero() && quantity.is_none() {
                continue;
            }
            let text = vec![
                kind.to_string(),
                pillar.map(|p| p.code.clone()).unwrap_or_default(),
                pillar.map(|p| p.title.text.clone()).unwrap_or_default(),
                outcome.map(|o| o.code.clone()).unwrap_or_default(),
                outcome.map(|o| o.title.text.clone()).unwrap_or_default(),
                output.map(|o| o.code.clone()).unwrap_or_default(),
                output.map(|o| o.title.text.clone()).unwrap_or_default(),
                a.code.clone(),
                a.title.text.clone(),
                lead.clone(),
                item.clone(),
                unit_name.clone(),
                String::new(),
                cur.clone(),
                String::new(),
                String::new(),
                String::new(),
                econ.clone(),
                econ.chars().take(2).collect(),
                a.cofog.clone(),
                source_code.clone(),
                source_type.clone(),
            ];
            rows.push(LineRow {
                text,
                unit_cost,
                year: *year,
                quantity,
                amount,
            });
        }
    }
    rows
}

struct Styles {
    header: Format,
    text: Format,
    money: Format,
    money_bold: Format,
    total_label: Format,
    number: Format,
    title: Format,
    note: Format,
}

fn styles(minor: u32) -> Styles {
    let money_format = if minor == 0 {
        "#,##0".to_string()
    } else {
        format!("#,##0.{}", "0".repeat(minor as usize))
    };
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xEDE9FE))
        .set_font_color(Color::RGB(0x4C1D95))
        .set_border_bottom(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    Styles {
        header,
        text: Format::new(),
        money: Format::new().set_num_format(&money_format),
        money_bold: Format::new()
            .set_num_format(&money_format)
            .set_bold()
            .set_background_color(Color::RGB(0xF6F4FC)),
        total_label: Format::new()
            .set_bold()
            .set_background_color(Color::RGB(0xF6F4FC)),
        number: Format::new().set_num_format("#,##0.####"),
        title: Format::new()
            .set_bold()
            .set_font_size(14)
            .set_font_color(Color::RGB(0x4C1D95)),
        note: Format::new()
            .set_italic()
            .set_font_color(Color::RGB(0x5B5670)),
    }
}

fn print_setup(ws: &mut Worksheet, title: &str, header_row: u32) -> Result<(), ExportError> {
    ws.set_landscape();
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(header_row, header_row).map_err(xe)?;
    let safe = title.replace('&', "&&");
    ws.set_header(format!("&L&8{safe}"));
    ws.set_footer("&R&8Page &P of &N");
    Ok(())
}

/// The workbook of `plan` as XLSX bytes.
pub fn workbook(plan: &Plan, opts: &WorkbookOptions) -> Result<Vec<u8>, ExportError> {
    let cur = opts.currency.as_deref().map(str::to_uppercase);
    let c = compute(plan, cur.as_deref()).map_err(|e| ExportError::Costing(e.to_string()))?;
    let minor = currency(&c.currency).map_or(2, |x| x.minor_units);
    let st = styles(minor);
    let title = plan.meta.title.text.clone();
    let mut wb = Workbook::new();

    // Lines.
    let rows = line_rows(plan, &c);
    let last_line_row = rows.len() as u32; // header is row 0
    {
        let ws = wb.add_worksheet();
        ws.set_name("Lines").map_err(xe)?;
        for (j, h) in LINE_COLUMNS.iter().enumerate() {
            ws.write_string_with_format(0, j as u16, *h, &st.header)
                .map_err(xe)?;
        }
        for (i, r) in rows.iter().enumerate() {
            let row = i as u32 + 1;
            for (j, t) in r.text.iter().enumerate() {
                if !t.is_empty() {
                    ws.write_string(row, j as u16, t).map_err(xe)?;
                }
            }
            if let Some(uc) = r.unit_cost {
                ws.write_number_with_format(row, 12, cell_number(uc), &st.number)
                    .map_err(xe)?;
            }
            ws.write_number(row, YEAR, f64::from(r.year)).map_err(xe)?;
            if let Some(q) = r.quantity {
                ws.write_number_with_format(row, 15, cell_number(q), &st.number)
                    .map_err(xe)?;
            }
            ws.write_number_with_format(row, AMOUNT, cell_number(r.amount), &st.money)
                .map_err(xe)?;
        }
        let widths = [
            11, 7, 28, 8, 36, 8, 36, 9, 40, 10, 30, 14, 12, 6, 6, 10, 16, 8, 6, 8, 12, 16,
        ];
        for (j, w) in widths.iter().enumerate() {
            ws.set_column_width(j as u16, *w).map_err(xe)?;
        }
        ws.set_freeze_panes(1, 0).map_err(xe)?;
        ws.autofilter(0, 0, last_line_row.max(1), (LINE_COLUMNS.len() - 1) as u16)
            .map_err(xe)?;
        print_setup(ws, &title, 0)?;
    }
    let lines_ref = |col: u16| {
        format!(
            "Lines!${0}$2:${0}${1}",
            col_name(col),
            last_line_row.max(2) + 1
        )
    };

    // Summary sheets: (sheet name, view, the Lines column its rows match).
    let year_view = |d: Dimension| cross_table(plan, &c, d, Some(Dimension::Year), Measure::Cost);
    let sheets: Vec<(&str, View, u16)> = vec![
        ("Pillar x year", year_view(Dimension::Pillar), PILLAR),
        ("Agency x year", year_view(Dimension::Agency), LEAD),
        ("Source x year", year_view(Dimension::Source), SOURCE),
        (
            "Economic x year",
            year_view(Dimension::Economic { digits: 2 }),
            ECON2,
        ),
    ];
    for (name, view, match_col) in &sheets {
        let ws = wb.add_worksheet();
        ws.set_name(*name).map_err(xe)?;
        summary_sheet(
            ws,
            &st,
            view,
            *match_col,
            &lines_ref,
            &format!("{} — {} ({})", title, name, c.currency),
        )?;
        print_setup(ws, &title, 2)?;
    }

    // MTEF.
    let b = opts.budget_year.unwrap_or(plan.meta.start_year);
    let m = mtef(plan, &c, Dimension::Pillar, b, Measure::Cost)
        .map_err(|e| ExportError::Option(e.to_string()))?;
    {
        let ws = wb.add_worksheet();
        ws.set_name("MTEF").map_err(xe)?;
        ws.write_string_with_format(
            0,
            0,
            format!("Medium-term view, budget year {b} ({})", c.currency),
            &st.title,
        )
        .map_err(xe)?;
        let header_row = 2;
        ws.write_string_with_format(header_row, 0, "Code", &st.header)
            .map_err(xe)?;
        ws.write_string_with_format(header_row, 1, "Pillar", &st.header)
            .map_err(xe)?;
        let years: Vec<Year> = m
            .years
            .columns
            .iter()
            .filter_map(|col| match col.member {
                Member::Year(y) => Some(y),
                _ => None,
            })
            .collect();
        for (k, y) in years.iter().enumerate() {
            ws.write_number_with_format(header_row, 2 + k as u16, f64::from(*y), &st.header)
                .map_err(xe)?;
        }
        let mtef_col = 2 + years.len() as u16;
        let period_col = mtef_col + 1;
        ws.write_string_with_format(
            header_row,
            mtef_col,
            format!("{}–{}", b, years.last().copied().unwrap_or(b)),
            &st.header,
        )
        .map_err(xe)?;
        ws.write_string_with_format(
            header_row,
            period_col,
            format!("{}–{}", plan.meta.start_year, plan.meta.end_year),
            &st.header,
        )
        .map_err(xe)?;
        for (i, r) in m.years.rows.iter().enumerate() {
            let row = header_row + 1 + i as u32;
            write_member(ws, &st, row, r)?;
            let criteria = row_criteria(r, PILLAR, &lines_ref, row);
            for (k, _) in years.iter().enumerate() {
                let col = 2 + k as u16;
                let f = format!(
                    "=SUMIFS({},{criteria},{},{}${})",
                    lines_ref(AMOUNT),
                    lines_ref(YEAR),
                    col_name(col),
                    header_row + 1
                );
                ws.write_formula_with_format(
                    row,
                    col,
                    Formula::new(f).set_result(result(m.years.cells[i][k])),
                    &st.money,
                )
                .map_err(xe)?;
            }
            let sum = format!(
                "=SUM({}{}:{}{})",
                col_name(2),
                row + 1,
                col_name(mtef_col - 1),
                row + 1
            );
            ws.write_formula_with_format(
                row,
                mtef_col,
                Formula::new(sum).set_result(result(m.years.row_totals[i])),
                &st.money,
            )
            .map_err(xe)?;
            let f = format!("=SUMIFS({},{criteria})", lines_ref(AMOUNT));
            ws.write_formula_with_format(
                row,
                period_col,
                Formula::new(f).set_result(result(m.period.row_totals[i])),
                &st.money,
            )
            .map_err(xe)?;
        }
        let mut totals: Vec<Decimal> = m.years.column_totals.clone();
        totals.push(m.years.total);
        totals.push(m.period.total);
        total_row(ws, &st, header_row, m.years.rows.len(), &totals)?;
        ws.set_column_width(0, 8).map_err(xe)?;
        ws.set_column_width(1, 44).map_err(xe)?;
        for k in 2..=period_col {
            ws.set_column_width(k, 18).map_err(xe)?;
        }
        ws.set_freeze_panes(header_row + 1, 2).map_err(xe)?;
        print_setup(ws, &title, header_row)?;
    }

    assumptions_sheet(wb.add_worksheet(), &st, plan, &c)?;
    wb.save_to_buffer().map_err(xe)
}

/// The "Total" row under `rows` body rows: a SUM formula per column from column C on, with
/// the engine's exact `totals` stored as results.
fn total_row(
    ws: &mut Worksheet,
    st: &Styles,
    header_row: u32,
    rows: usize,
    totals: &[Decimal],
) -> Result<(), ExportError> {
    let row = header_row + 1 + rows as u32;
    ws.write_string_with_format(row, 0, "", &st.total_label)
        .map_err(xe)?;
    ws.write_string_with_format(row, 1, "Total", &st.total_label)
        .map_err(xe)?;
    for (k, t) in totals.iter().enumerate() {
        let col = 2 + k as u16;
        let f = format!("=SUM({0}{1}:{0}{2})", col_name(col), header_row + 2, row);
        ws.write_formula_with_format(
            row,
            col,
            Formula::new(f).set_result(result(*t)),
            &st.money_bold,
        )
        .map_err(xe)?;
    }
    Ok(())
}

fn write_member(
    ws: &mut Worksheet,
    st: &Styles,
    row: u32,
    r: &nap_core::costing::MemberInfo,
) -> Result<(), ExportError> {
    ws.write_string_with_format(row, 0, &r.code, &st.text)
        .map_err(xe)?;
    ws.write_string_with_format(row, 1, &r.label.text, &st.text)
        .map_err(xe)?;
    Ok(())
}

/// The SUMIFS criteria that select the Lines rows of a view row.
fn row_criteria(
    r: &nap_core::costing::MemberInfo,
    match_col: u16,
    lines_ref: &dyn Fn(u16) -> String,
    row: u32,
) -> String {
    match &r.member {
        Member::Contingency => format!("{},\"{CONTINGENCY}\"", lines_ref(KIND)),
        Member::Unassigned => {
            let text = if match_col == SOURCE {
                UNFUNDED
            } else {
                NO_AGENCY
            };
            format!(
                "{},\"<>{CONTINGENCY}\",{},\"{text}\"",
                lines_ref(KIND),
                lines_ref(match_col)
            )
        }
        // Cost lines and lump sums alike: every kind but contingency.
        _ => format!(
            "{},\"<>{CONTINGENCY}\",{},$A{}",
            lines_ref(KIND),
            lines_ref(match_col),
            row + 1
        ),
    }
}

fn summary_sheet(
    ws: &mut Worksheet,
    st: &Styles,
    view: &View,
    match_col: u16,
    lines_ref: &dyn Fn(u16) -> String,
    heading: &str,
) -> Result<(), ExportError> {
    ws.write_string_with_format(0, 0, heading, &st.title)
        .map_err(xe)?;
    let header_row = 2;
    ws.write_string_with_format(header_row, 0, "Code", &st.header)
        .map_err(xe)?;
    ws.write_string_with_format(header_row, 1, "Name", &st.header)
        .map_err(xe)?;
    let nc = view.columns.len() as u16;
    for (k, col) in view.columns.iter().enumerate() {
        let y: f64 = col.code.parse().unwrap_or(0.0);
        ws.write_number_with_format(header_row, 2 + k as u16, y, &st.header)
            .map_err(xe)?;
    }
    ws.write_string_with_format(header_row, 2 + nc, "Total", &st.header)
        .map_err(xe)?;
    for (i, r) in view.rows.iter().enumerate() {
        let row = header_row + 1 + i as u32;
        write_member(ws, st, row, r)?;
        let criteria = row_criteria(r, match_col, lines_ref, row);
        for k in 0..nc {
            let col = 2 + k;
            let f = format!(
                "=SUMIFS({},{criteria},{},{}${})",
                lines_ref(AMOUNT),
                lines_ref(YEAR),
                col_name(col),
                header_row + 1
            );
            ws.write_formula_with_format(
                row,
                col,
                Formula::new(f).set_result(result(view.cells[i][k as usize])),
                &st.money,
            )
            .map_err(xe)?;
        }
        let f = format!(
            "=SUM({}{}:{}{})",
            col_name(2),
            row + 1,
            col_name(1 + nc),
            row + 1
        );
        ws.write_formula_with_format(
            row,
            2 + nc,
            Formula::new(f).set_result(result(view.row_totals[i])),
            &st.money,
        )
        .map_err(xe)?;
    }
    let mut totals = view.column_totals.clone();
    totals.push(view.total);
    total_row(ws, st, header_row, view.rows.len(), &totals)?;
    ws.set_column_width(0, 10).map_err(xe)?;
    ws.set_column_width(1, 48).map_err(xe)?;
    for k in 2..=2 + nc {
        ws.set_column_width(k, 17).map_err(xe)?;
    }
    ws.set_freeze_panes(header_row + 1, 2).map_err(xe)?;
    Ok(())
}

fn assumptions_sheet(
    ws: &mut Worksheet,
    st: &Styles,
    plan: &Plan,
    c: &Costing,
) -> Result<(), ExportError> {
    ws.set_name("Assumptions").map_err(xe)?;
    let m = &plan.meta;
    let mut row = 0u32;
    let mut line = |ws: &mut Worksheet, cells: &[&str], fmt: &Format| -> Result<(), ExportError> {
        for (j, t) in cells.iter().enumerate() {
            ws.write_string_with_format(row, j as u16, *t, fmt)
                .map_err(xe)?;
        }
        row += 1;
        Ok(())
    };
    line(ws, &["Assumptions"], &st.title)?;
    line(
        ws,
        &[&format!(
            "Amounts in {}; costing base year {}; base currency {}.",
            c.currency, m.costing_base_year, m.base_currency
        )],
        &st.note,
    )?;
    line(ws, &[], &st.text)?;
    line(
        ws,
        &["Year", "Inflation rate", "Cumulative factor"],
        &st.header,
    )?;
    let mut factor = Decimal::ONE;
    for y in plan.years() {
        let rate = if y > m.costing_base_year {
            m.inflation.get(&y).copied().unwrap_or_default()
        } else {
            Decimal::ZERO
        };
        factor *= Decimal::ONE + rate;
        line(
            ws,
            &[
                &y.to_string(),
                &rate.normalize().to_string(),
                &factor.round_dp(8).normalize().to_string(),
            ],
            &st.text,
        )?;
    }
    line(ws, &[], &st.text)?;
    line(
        ws,
        &["Currency", "Year", "Rate (base per unit)", "Date", "Source"],
        &st.header,
    )?;
    for r in &plan.exchange_rates {
        let year = r.year.map_or("all years".to_string(), |y| y.to_string());
        line(
            ws,
            &[
                &r.currency,
                &year,
                &r.rate.normalize().to_string(),
                r.date.as_str(),
                &r.source,
            ],
            &st.text,
        )?;
    }
    line(ws, &[], &st.text)?;
    line(
        ws,
        &[
            "Catalogue code",
            "Item",
            "Unit",
            "Unit cost",
            "Currency",
            "Economic code",
        ],
        &st.header,
    )?;
    for i in &plan.catalogue {
        line(
            ws,
            &[
                &i.code,
                &i.name.text,
                &i.unit,
                &i.unit_cost.normalize().to_string(),
                &i.currency,
                &i.economic_code,
            ],
            &st.text,
        )?;
    }
    line(ws, &[], &st.text)?;
    line(ws, &[&format!("Contingency: {} % of each activity's cost, shown as its own line (Lines rows of kind \"Contingency\").", (m.contingency * Decimal::from(100)).normalize())], &st.text)?;
    line(ws, &["Funding allocation: each year, sources first pay the lines that name them, earmarked sources then pay the uncovered cost in their earmark, and the pooled unearmarked money pays what is left, pro rata. Gap = cost − committed funding allocated."], &st.text)?;
    line(ws, &["Summary cells are live SUMIFS formulas over the Lines sheet; their stored values are NAP Studio's exact totals."], &st.note)?;
    ws.set_column_width(0, 16).map_err(xe)?;
    ws.set_column_width(1, 44).map_err(xe)?;
    for k in 2..6 {
        ws.set_column_width(k, 18).map_err(xe)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::col_name;

    #[test]
    fn column_names() {
        assert_eq!(col_name(0), "A");
        assert_eq!(col_name(25), "Z");
        assert_eq!(col_name(26), "AA");
        assert_eq!(col_name(27), "AB");
        assert_eq!(col_name(701), "ZZ");
        assert_eq!(col_name(702), "AAA");
    }
}
