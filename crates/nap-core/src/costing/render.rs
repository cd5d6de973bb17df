//! Budget views as text a person reads, CSV a spreadsheet reads, or JSON a program reads.
//! Amounts are formatted, never recomputed: each shown number comes from [`present`].

use super::rounding::{format_amount, present, Rounding, Shown};
use super::views::{Dimension, Measure, Table};
use crate::currency::minor_units;
use serde_json::{json, Value};

/// How a table is to be shown.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub rounding: Rounding,
    pub reconcile: bool,
    /// Show the plan's second-language labels where they exist.
    pub second_language: bool,
}

fn measure_name(m: Measure) -> &'static str {
    match m {
        Measure::Cost => "Cost",
        Measure::Committed => "Committed funding",
        Measure::Gap => "Funding gap",
        Measure::GapWithPledged => "Funding gap with pledges",
    }
}

pub(crate) fn dimension_title(d: Dimension) -> String {
    match d {
        Dimension::Economic { digits } => format!("economic classification ({digits} digits)"),
        Dimension::SourceType => "source type".into(),
        Dimension::Marker => "gender marker".into(),
        Dimension::Agency => "lead agency".into(),
        Dimension::Source => "funding source".into(),
        other => other.name().into(),
    }
}

/// "Cost by pillar × year (KHR, thousands)".
pub fn title(table: &Table, rounding: Rounding) -> String {
    let dims = match table.column_dimension {
        Some(c) => format!(
            "{} × {}",
            dimension_title(table.row_dimension),
            dimension_title(c)
        ),
        None => dimension_title(table.row_dimension),
    };
    let unit = match rounding {
        Rounding::Thousands => ", thousands",
        Rounding::Millions => ", millions",
        _ => "",
    };
    format!(
        "{} by {dims} ({}{unit})",
        measure_name(table.measure),
        table.currency
    )
}

struct Prepared<'t> {
    table: &'t Table,
    shown: Shown,
    style: Style,
    minor: u32,
}

impl<'t> Prepared<'t> {
    fn new(table: &'t Table, style: Style) -> Self {
        let minor = minor_units(&table.currency);
        Self {
            shown: present(table, style.rounding, minor, style.reconcile),
            table,
            style,
            minor,
        }
    }
    fn fmt(&self, v: rust_decimal::Decimal, sep: &str) -> String {
        format_amount(v, self.style.rounding, self.minor, sep)
    }
    fn label(&self, i: usize) -> String {
        let m = &self.table.rows[i];
        let name = m.label.get(self.style.second_language);
        if m.code.is_empty() || m.code == name {
            name.to_string()
        } else {
            format!("{} {name}", m.code)
        }
    }
    fn column_label(&self, j: usize) -> String {
        let c = &self.table.columns[j];
        if c.code.is_empty() {
            c.label.get(self.style.second_language).to_string()
        } else {
            c.code.clone()
        }
    }
    /// The heading of the total column: "Total", or the single column's own name (such as
    /// the plan period in the MTEF view).
    fn total_label(&self) -> String {
        match (self.one_dimension(), self.table.columns.first()) {
            (true, Some(c)) => c.label.get(self.style.second_language).to_string(),
            _ => "Total".into(),
        }
    }
    fn one_dimension(&self) -> bool {
        self.table.column_dimension.is_none()
    }
}

/// Display width of a string in a monospaced terminal (combining marks take no space).
fn width(s: &str) -> usize {
    s.chars()
        .filter(|c| {
            let u = *c as u32;
            // Khmer, Thai and Lao vowel signs and subscript marks combine with the letter before.
            !matches!(u, 0x0300..=0x036F | 0x17B4..=0x17D3 | 0x17DD | 0x0E31 | 0x0E34..=0x0E3A | 0x0E47..=0x0E4E | 0x0EB1 | 0x0EB4..=0x0EBC | 0x0EC8..=0x0ECD | 0x200B..=0x200D)
        })
        .count()
}

fn pad_right(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(width(s))))
}

fn pad_left(s: &str, w: usize) -> String {
    format!("{}{s}", " ".repeat(w.saturating_sub(width(s))))
}

pub(crate) fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let mut out = String::new();
    for ch in s.chars() {
        if width(&out) + 1 >= max {
            break;
        }
        out.push(ch);
    }
    out.push('…');
    out
}

/// `header` and `rows` as aligned text columns: the first column left-aligned, the others
/// (amounts) right-aligned, a rule under the header and another above the last row (the
/// totals).
pub fn aligned(header: &[String], rows: &[Vec<String>]) -> String {
    let widths: Vec<usize> = (0..header.len())
        .map(|c| {
            rows.iter()
                .map(|r| &r[..])
                .chain([header])
                .map(|r| r.get(c).map_or(0, |s| width(s)))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |r: &[String]| -> String {
        r.iter()
            .enumerate()
            .map(|(c, s)| {
                if c == 0 {
                    pad_right(s, widths[c])
                } else {
                    pad_left(s, widths[c])
                }
            })
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    let mut out = format!("{}\n", line(header));
    let rule: usize = widths.iter().sum::<usize>() + 2 * (widths.len().saturating_sub(1));
    out.push_str(&"-".repeat(rule));
    out.push('\n');
    let n = rows.len();
    for (k, r) in rows.iter().enumerate() {
        if k + 1 == n {
            out.push_str(&"-".repeat(rule));
            out.push('\n');
        }
        out.push_str(&line(r));
        out.push('\n');
    }
    out
}

/// The table as aligned text for a terminal.
pub fn to_text(table: &Table, style: Style) -> String {
    let p = Prepared::new(table, style);
    let mut header: Vec<String> = vec![dimension_title(table.row_dimension)];
    if !p.one_dimension() {
        header.extend((0..table.columns.len()).map(|j| p.column_label(j)));
    }
    header.push(p.total_label());
    let mut rows: Vec<Vec<String>> = (0..table.rows.len())
        .map(|i| {
            let mut r = vec![truncate(&p.label(i), 48)];
            if !p.one_dimension() {
                r.extend(p.shown.cells[i].iter().map(|v| p.fmt(*v, ",")));
            }
            r.push(p.fmt(p.shown.row_totals[i], ","));
            r
        })
        .collect();
    let mut total = vec!["Total".to_string()];
    if !p.one_dimension() {
        total.extend(p.shown.column_totals.iter().map(|v| p.fmt(*v, ",")));
    }
    total.push(p.fmt(p.shown.total, ","));
    rows.push(total);
    let mut out = format!("{}\n\n", title(table, style.rounding));
    out.push_str(&aligned(&header, &rows));
    if let Some(note) = p.shown.note {
        out.push('\n');
        out.push_str(note);
        out.push('\n');
    }
    out
}

pub(crate) fn csv_line(fields: &[String]) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    // Writing to memory cannot fail, and text fields make UTF-8.
    let _ = w.write_record(fields);
    w.into_inner()
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .unwrap_or_default()
}

/// The table as CSV: a code and a name column for the rows, one column per column member
/// (two dimensions), and a total column; the last row holds the column totals.
pub fn to_csv(table: &Table, style: Style) -> String {
    let p = Prepared::new(table, style);
    let dim = table.row_dimension.name().replace('-', "_");
    let mut header = vec![format!("{dim}_code"), dim];
    if !p.one_dimension() {
        header.extend((0..table.columns.len()).map(|j| p.column_label(j)));
    }
    header.push(p.total_label().to_lowercase());
    let mut out = csv_line(&header);
    for i in 0..table.rows.len() {
        let m = &table.rows[i];
        let mut r = vec![
            m.code.clone(),
            m.label.get(style.second_language).to_string(),
        ];
        if !p.one_dimension() {
            r.extend(p.shown.cells[i].iter().map(|v| p.fmt(*v, "")));
        }
        r.push(p.fmt(p.shown.row_totals[i], ""));
        out.push_str(&csv_line(&r));
    }
    let mut total = vec![String::new(), "Total".into()];
    if !p.one_dimension() {
        total.extend(p.shown.column_totals.iter().map(|v| p.fmt(*v, "")));
    }
    total.push(p.fmt(p.shown.total, ""));
    out.push_str(&csv_line(&total));
    out
}

/// The table as JSON; amounts are decimal strings as shown.
pub fn to_json(table: &Table, style: Style) -> Value {
    let p = Prepared::new(table, style);
    let rows: Vec<Value> = (0..table.rows.len())
        .map(|i| {
            let m = &table.rows[i];
            json!({
                "code": m.code,
                "label": m.label.text,
                "label_l2": m.label.l2,
                "cells": if p.one_dimension() { Value::Null } else {
                    p.shown.cells[i].iter().map(|v| p.fmt(*v, "")).collect::<Value>()
                },
                "total": p.fmt(p.shown.row_totals[i], ""),
            })
        })
        .collect();
    json!({
        "title": title(table, style.rounding),
        "currency": table.currency,
        "measure": table.measure,
        "rounding": style.rounding,
        "reconciled": style.reconcile,
        "rows_by": table.row_dimension.name(),
        "columns_by": table.column_dimension.map(Dimension::name),
        "columns": if p.one_dimension() { Value::Null } else {
            table.columns.iter().map(|c| json!({"code": c.code, "label": c.label.text})).collect::<Value>()
        },
        "rows": rows,
        "column_totals": if p.one_dimension() { Value::Null } else {
            p.shown.column_totals.iter().map(|v| p.fmt(*v, "")).collect::<Value>()
        },
        "total": p.fmt(p.shown.total, ""),
        "note": p.shown.note,
    })
}

/// A row of a [`ShownTable`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ShownRow {
    pub code: String,
    pub label: crate::text::LocalText,
    /// Shown amounts, one per column (empty for a one-dimension view).
    pub cells: Vec<String>,
    pub total: String,
}

/// A budget view as the app shows it: every amount already rounded and formatted with
/// thousands separators, so that the UI only lays it out.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ShownTable {
    pub title: String,
    pub currency: String,
    pub columns: Vec<String>,
    pub rows: Vec<ShownRow>,
    pub column_totals: Vec<String>,
    pub total: String,
    /// "Totals may not add due to rounding." when the shown numbers do not add up.
    pub note: Option<String>,
}

/// The table as the app shows it.
pub fn to_shown(table: &Table, style: Style) -> ShownTable {
    let p = Prepared::new(table, style);
    let one = p.one_dimension();
    ShownTable {
        title: title(table, style.rounding),
        currency: table.currency.clone(),
        columns: if one {
            vec![]
        } else {
            (0..table.columns.len())
                .map(|j| p.column_label(j))
                .collect()
        },
        rows: table
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| ShownRow {
                code: r.code.clone(),
                label: r.label.clone(),
                cells: if one {
                    vec![]
                } else {
                    p.shown.cells[i].iter().map(|v| p.fmt(*v, ",")).collect()
                },
                total: p.fmt(p.shown.row_totals[i], ","),
            })
            .collect(),
        column_totals: if one {
            vec![]
        } else {
            p.shown
                .column_totals
                .iter()
                .map(|v| p.fmt(*v, ","))
                .collect()
        },
        total: p.fmt(p.shown.total, ","),
        note: p.shown.note.map(str::to_string),
    }
}

#[cfg(test)]
mod shown_tests {
    use super::*;
    use crate::costing::{compute, cross_table};
    use crate::sample::sample_plan;

    #[test]
    fn shown_tables_carry_formatted_reconciled_amounts() {
        let plan = sample_plan();
        let c = compute(&plan, None).unwrap();
        let t = cross_table(
            &plan,
            &c,
            Dimension::Pillar,
            Some(Dimension::Year),
            Measure::Cost,
        );
        let style = Style {
            rounding: Rounding::Millions,
            reconcile: true,
            second_language: false,
        };
        let shown = to_shown(&t, style);
        assert_eq!(shown.columns, ["2026", "2027", "2028", "2029", "2030"]);
        assert_eq!(shown.rows.len(), t.rows.len());
        assert_eq!(shown.note, None);
        // Reconciled: each row's shown cells add up to its shown total.
        for r in &shown.rows {
            let sum: i64 = r
                .cells
                .iter()
                .map(|c| c.replace(',', "").parse::<i64>().unwrap())
                .sum();
            assert_eq!(sum, r.total.replace(',', "").parse::<i64>().unwrap());
        }
        let unit = to_shown(
            &t,
            Style {
                rounding: Rounding::Unit,
                reconcile: false,
                second_language: false,
            },
        );
        assert!(unit.total.contains(','));
    }
}
