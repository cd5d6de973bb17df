//! Budget execution as text for a terminal and as CSV, amounts rounded for display only.

use super::view::Execution;
use crate::costing::render::{aligned, csv_line, truncate};
use crate::costing::rounding::{format_amount, Rounding};
use rust_decimal::Decimal;

/// How execution figures are shown.
#[derive(Debug, Clone, Copy)]
pub struct ExecutionStyle {
    pub rounding: Rounding,
    /// The currency's minor units (2 for dollars, 0 for riels).
    pub minor_units: u32,
    /// Labels in the plan's second language where they exist.
    pub second_language: bool,
}

fn label(code: &str, name: &str) -> String {
    if code.is_empty() || code == name {
        name.to_string()
    } else {
        format!("{code} {name}")
    }
}

fn rate(rate: Option<Decimal>) -> String {
    rate.map_or("–".into(), |r| format!("{r:.1} %"))
}

fn rows(e: &Execution, style: ExecutionStyle, separator: &str) -> Vec<Vec<String>> {
    let fmt = |v: Decimal| format_amount(v, style.rounding, style.minor_units, separator);
    e.rows
        .iter()
        .chain([&e.total])
        .map(|r| {
            vec![
                label(&r.code, r.label.get(style.second_language)),
                fmt(r.budget),
                fmt(r.spent),
                rate(r.rate),
            ]
        })
        .collect()
}

fn scale(rounding: Rounding) -> &'static str {
    match rounding {
        Rounding::Thousands => ", thousands",
        Rounding::Millions => ", millions",
        _ => "",
    }
}

/// "Budget execution by pillar, 2027 (KHR)" and the aligned table.
pub fn execution_text(e: &Execution, style: ExecutionStyle) -> String {
    let header: Vec<String> = [e.dimension.as_str(), "budget", "spent", "execution"]
        .map(String::from)
        .to_vec();
    let mut body = rows(e, style, ",");
    for r in &mut body {
        r[0] = truncate(&r[0], 48);
    }
    format!(
        "Budget execution by {}, {} ({}{})\n\n{}",
        e.dimension,
        e.year,
        e.currency,
        scale(style.rounding),
        aligned(&header, &body)
    )
}

/// One line per row and a last line of totals: `code,name,budget,spent,execution_percent`.
pub fn execution_csv(e: &Execution, style: ExecutionStyle) -> String {
    let mut out = String::from("code,name,budget,spent,execution_percent\n");
    let fmt = |v: Decimal| format_amount(v, style.rounding, style.minor_units, "");
    for r in e.rows.iter().chain([&e.total]) {
        let fields = [
            r.code.clone(),
            r.label.get(style.second_language).to_string(),
            fmt(r.budget),
            fmt(r.spent),
            r.rate.map(|v| format!("{v:.1}")).unwrap_or_default(),
        ];
        out.push_str(&csv_line(&fields));
    }
    out
}
