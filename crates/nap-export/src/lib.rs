//! NAP Studio's exports: the costed budget annex (PDF), the budget workbook (XLSX) and CSV
//! tables. Core types in, bytes out; no files, no Tauri.
#![warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod annex;
pub mod dates;
pub mod document;
pub mod iati;
pub mod labels;
mod layout;
pub mod numbers;
mod pdf;
pub mod progress_report;
pub mod tables;
pub mod text;
pub mod workbook;

pub use annex::{annex, AnnexOptions};
pub use document::{
    agency_plan_docx, agency_plan_pdf, agency_plan_xlsx, nap_document_docx, nap_document_pdf,
    terms_of_reference_docx, terms_of_reference_pdf, DocumentOptions,
};
pub use iati::iati;
pub use labels::Lang;
pub use progress_report::{
    progress_report_docx, progress_report_pdf, progress_report_xlsx, ReportOptions,
};
pub use tables::{csv_table, CsvTable};
pub use workbook::{workbook, WorkbookOptions};

/// Why an export could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The plan cannot be costed (e.g. a currency without an exchange rate).
    #[error("{0}")]
    Costing(String),
    /// An option is out of range (e.g. a budget year outside the plan).
    #[error("{0}")]
    Option(String),
    /// The workbook writer failed.
    #[error("the workbook could not be written: {0}")]
    Workbook(String),
    /// The PDF writer met something it did not expect (a bundled font it cannot read, a page
    /// printpdf wrote differently): a bug to report, never a half-written file.
    #[error("the PDF could not be written: {0}")]
    Pdf(String),
}
