//! CSV tables: the cost lines with their amounts, and the standard cross-tables.

use crate::workbook::{line_rows, LINE_COLUMNS};
use crate::ExportError;
use nap_core::costing::render::{to_csv, Style};
use nap_core::costing::views::Measure;
use nap_core::costing::{compute, cross_table, Dimension, Rounding};
use nap_core::Plan;

/// The tables `nap export csv` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvTable {
    /// One row per cost line (and contingency) and year, with classifications and amount.
    Lines,
    PillarYear,
    AgencyYear,
    SourceYear,
}

impl CsvTable {
    /// The table with this command-line name.
    pub fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "lines" => Self::Lines,
            "pillar-year" => Self::PillarYear,
            "agency-year" => Self::AgencyYear,
            "source-year" => Self::SourceYear,
            _ => return None,
        })
    }

    /// The table's command-line name, which [`CsvTable::parse`] reads back.
    pub fn name(self) -> &'static str {
        match self {
            Self::Lines => "lines",
            Self::PillarYear => "pillar-year",
            Self::AgencyYear => "agency-year",
            Self::SourceYear => "source-year",
        }
    }
}

/// `table` of `plan` as CSV (UTF-8, comma-separated, exact amounts without separators).
pub fn csv_table(
    plan: &Plan,
    table: CsvTable,
    currency: Option<&str>,
) -> Result<String, ExportError> {
    let c = compute(plan, currency).map_err(|e| ExportError::Costing(e.to_string()))?;
    let style = Style {
        rounding: Rounding::Exact,
        reconcile: false,
        second_language: false,
    };
    let view = |d: Dimension| cross_table(plan, &c, d, Some(Dimension::Year), Measure::Cost);
    Ok(match table {
        CsvTable::PillarYear => to_csv(&view(Dimension::Pillar), style),
        CsvTable::AgencyYear => to_csv(&view(Dimension::Agency), style),
        CsvTable::SourceYear => to_csv(&view(Dimension::Source), style),
        CsvTable::Lines => {
            let mut w = csv::Writer::from_writer(Vec::new());
            let header: Vec<&str> = LINE_COLUMNS.to_vec();
            w.write_record(&header)
                .map_err(|e| ExportError::Option(e.to_string()))?;
            for r in line_rows(plan, &c) {
                let mut fields = r.text.clone();
                fields[12] = r
                    .unit_cost
                    .map(|v| v.normalize().to_string())
                    .unwrap_or_default();
                fields[14] = r.year.to_string();
                fields[15] = r
                    .quantity
                    .map(|v| v.normalize().to_string())
                    .unwrap_or_default();
                fields[16] = r.amount.normalize().to_string();
                w.write_record(&fields)
                    .map_err(|e| ExportError::Option(e.to_string()))?;
            }
            String::from_utf8(
                w.into_inner()
                    .map_err(|e| ExportError::Option(e.to_string()))?,
            )
            .map_err(|e| ExportError::Option(e.to_string()))?
        }
    })
}
