//! Exports of the open plan: the costed budget annex (PDF), the budget workbook (XLSX), one
//! table as CSV, and interchange JSON; where to save them by default; and the rules both
//! front ends share (the annex shows rounded amounts only, so it takes no `exact`).

use crate::files::chosen_path;
use crate::job::{Job, JobStage};
use crate::AppError;
use nap_core::costing::Rounding;
use nap_core::Plan;
use nap_export::{AnnexOptions, CsvTable, Lang, WorkbookOptions};
use nap_store::now;
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

/// One export, with its options, checked.
#[derive(Debug, Clone)]
pub enum Export {
    Annex {
        lang: Lang,
        /// The MTEF budget year (the plan's first year when `None`).
        budget_year: Option<i32>,
        /// Show amounts in this currency instead of the base currency.
        currency: Option<String>,
        rounding: Rounding,
        reconcile: bool,
    },
    Workbook {
        currency: Option<String>,
        budget_year: Option<i32>,
    },
    Csv {
        table: CsvTable,
        currency: Option<String>,
    },
    Json,
    /// The IATI 2.03 activity file (for donors' and partners' systems).
    Iati,
    /// The whole plan as one document (PDF or Word), in the language given.
    Document {
        lang: Lang,
        format: ReportFormat,
    },
    /// One agency's operational plan (the agency by code).
    AgencyPlan {
        lang: Lang,
        format: ReportFormat,
        agency: String,
    },
    /// The coordinating bodies' terms of reference (all, or the body with this code).
    TermsOfReference {
        lang: Lang,
        format: ReportFormat,
        body: Option<String>,
    },
    /// The progress report for a period (`2027`, `2027-H1`; empty: the latest year
    /// reported), in the language given.
    ProgressReport {
        period: String,
        lang: Lang,
        format: ReportFormat,
    },
}

/// The file format of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Pdf,
    Docx,
    Xlsx,
}

impl ReportFormat {
    /// The format called `name` (`pdf`, `docx`, `xlsx`).
    pub fn parse(name: &str) -> Result<Self, AppError> {
        match name.trim().to_ascii_lowercase().as_str() {
            "pdf" => Ok(Self::Pdf),
            "docx" => Ok(Self::Docx),
            "xlsx" => Ok(Self::Xlsx),
            other => Err(AppError::BadRequest(format!(
                "`{other}` is not a report format: use pdf, docx or xlsx"
            ))),
        }
    }

    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Pdf => "pdf",
            Self::Docx => "docx",
            Self::Xlsx => "xlsx",
        }
    }
}

/// The language of the export called `code` ("en", "km", "fr-CI", "fil"…).
pub fn annex_language(code: &str) -> Result<Lang, AppError> {
    Lang::parse(code).ok_or_else(|| {
        let known: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
        AppError::BadRequest(format!(
            "`{code}` is not a language NAP Studio writes documents in: use one of {}",
            known.join(", ")
        ))
    })
}

/// The language to write `plan`'s documents in: `code`, or when empty the plan's working
/// language if the exports speak it (English otherwise).
pub fn document_language(plan: &Plan, code: &str) -> Result<Lang, AppError> {
    if code.trim().is_empty() {
        return Ok(Lang::parse(&plan.meta.working_language).unwrap_or(Lang::En));
    }
    annex_language(code)
}

/// The annex's rounding called `name`: amounts in a Cabinet annex are always rounded, to the
/// currency's minor unit, thousands or millions, so `exact` is refused.
pub fn annex_rounding(name: &str) -> Result<Rounding, AppError> {
    match Rounding::parse(name) {
        Some(Rounding::Exact) | None => Err(AppError::BadRequest(format!(
            "`{name}` is not a rounding mode for the annex: use unit, thousands or millions"
        ))),
        Some(r) => Ok(r),
    }
}

/// The CSV table called `name`.
pub fn csv_table(name: &str) -> Result<CsvTable, AppError> {
    CsvTable::parse(name).ok_or_else(|| {
        AppError::BadRequest(format!(
            "`{name}` is not a table: use lines, pillar-year, agency-year or source-year"
        ))
    })
}

/// The currency to show amounts in, as typed (`None` or blank: the base currency).
fn shown_currency(currency: Option<&str>) -> Option<String> {
    currency
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_uppercase)
}

impl Export {
    /// The bytes of the export of `plan`.
    pub fn make(&self, plan: &Plan) -> Result<Vec<u8>, AppError> {
        Ok(match self {
            Self::Annex {
                lang,
                budget_year,
                currency,
                rounding,
                reconcile,
            } => nap_export::annex(
                plan,
                &AnnexOptions {
                    lang: *lang,
                    budget_year: *budget_year,
                    currency: shown_currency(currency.as_deref()),
                    rounding: *rounding,
                    reconcile: *reconcile,
                    date: now().date(),
                },
            )?,
            Self::Workbook {
                currency,
                budget_year,
            } => nap_export::workbook(
                plan,
                &WorkbookOptions {
                    currency: shown_currency(currency.as_deref()),
                    budget_year: *budget_year,
                },
            )?,
            Self::Csv { table, currency } => {
                nap_export::csv_table(plan, *table, shown_currency(currency.as_deref()).as_deref())?
                    .into_bytes()
            }
            Self::Json => nap_core::interchange::to_json(plan).into_bytes(),
            Self::Iati => nap_export::iati(plan, &now())?.into_bytes(),
            Self::Document { lang, format } => {
                let opts = nap_export::DocumentOptions {
                    lang: *lang,
                    date: now().date(),
                };
                match format {
                    ReportFormat::Pdf => nap_export::nap_document_pdf(plan, &opts)?,
                    ReportFormat::Docx => nap_export::nap_document_docx(plan, &opts)?,
                    ReportFormat::Xlsx => {
                        return Err(AppError::BadRequest(
                            "the plan document is written as pdf or docx; the budget workbook is the plan in Excel".into(),
                        ))
                    }
                }
            }
            Self::AgencyPlan {
                lang,
                format,
                agency,
            } => {
                let id = plan
                    .agencies
                    .iter()
                    .find(|a| a.code.eq_ignore_ascii_case(agency.trim()))
                    .map(|a| a.record.id)
                    .ok_or_else(|| {
                        AppError::BadRequest(format!(
                            "the plan has no agency with the code `{}`",
                            nap_core::text::quoted(agency.trim())
                        ))
                    })?;
                let opts = nap_export::DocumentOptions {
                    lang: *lang,
                    date: now().date(),
                };
                match format {
                    ReportFormat::Pdf => nap_export::agency_plan_pdf(plan, &opts, id)?,
                    ReportFormat::Docx => nap_export::agency_plan_docx(plan, &opts, id)?,
                    ReportFormat::Xlsx => nap_export::agency_plan_xlsx(plan, &opts, id)?,
                }
            }
            Self::TermsOfReference { lang, format, body } => {
                let body = match body.as_deref().map(str::trim).filter(|b| !b.is_empty()) {
                    None => None,
                    Some(code) => Some(
                        plan.bodies
                            .iter()
                            .find(|b| b.code.eq_ignore_ascii_case(code))
                            .map(|b| b.record.id)
                            .ok_or_else(|| {
                                AppError::BadRequest(format!(
                                    "the plan has no coordinating body with the code `{}`",
                                    nap_core::text::quoted(code)
                                ))
                            })?,
                    ),
                };
                let opts = nap_export::DocumentOptions {
                    lang: *lang,
                    date: now().date(),
                };
                match format {
                    ReportFormat::Pdf => nap_export::terms_of_reference_pdf(plan, &opts, body)?,
                    ReportFormat::Docx => nap_export::terms_of_reference_docx(plan, &opts, body)?,
                    ReportFormat::Xlsx => {
                        return Err(AppError::BadRequest(
                            "terms of reference are written as pdf or docx".into(),
                        ))
                    }
                }
            }
            Self::ProgressReport {
                period,
                lang,
                format,
            } => {
                let period = crate::progress::period_named(plan, period)?;
                let costing = nap_core::costing::compute(plan, None)?;
                let view = crate::progress::view_of(plan, &costing, period)?;
                let opts = nap_export::ReportOptions {
                    lang: *lang,
                    date: now().date().as_str().to_string(),
                };
                match format {
                    ReportFormat::Pdf => nap_export::progress_report_pdf(plan, &view, &opts)?,
                    ReportFormat::Docx => nap_export::progress_report_docx(plan, &view, &opts)?,
                    ReportFormat::Xlsx => nap_export::progress_report_xlsx(plan, &view, &opts)?,
                }
            }
        })
    }

    /// Makes the export of `plan` and writes it to `path` atomically (replacing a file there).
    pub fn write(&self, plan: &Plan, path: &Path) -> Result<ExportDone, AppError> {
        self.write_watched(plan, path, &Job::new())
    }

    /// [`Export::write`], with its stage shown through `job`; stopped before it writes, it
    /// leaves no file.
    pub fn write_watched(
        &self,
        plan: &Plan,
        path: &Path,
        job: &Job,
    ) -> Result<ExportDone, AppError> {
        job.begin(JobStage::Making)?;
        let bytes = self.make(plan)?;
        job.begin(JobStage::Writing)?;
        nap_store::write_atomically(path, &bytes, true)?;
        Ok(ExportDone::of(path, bytes.len() as u64))
    }
}

/// The operational plan of every agency that leads or supports an activity, one file each
/// ("MOI operational plan.pdf") in `folder`, which is created if missing.
pub fn agency_plans_to_folder(
    plan: &Plan,
    folder: &Path,
    lang: Lang,
    format: ReportFormat,
) -> Result<Vec<ExportDone>, AppError> {
    std::fs::create_dir_all(folder).map_err(|e| AppError::io(folder, e))?;
    let involved = |id: nap_core::Id| {
        plan.activities
            .iter()
            .any(|a| a.lead_agency_id == Some(id) || a.supporting_agency_ids.contains(&id))
    };
    plan.agencies
        .iter()
        .filter(|a| involved(a.record.id))
        .map(|a| {
            let export = Export::AgencyPlan {
                lang,
                format,
                agency: a.code.clone(),
            };
            let name: String = a
                .code
                .chars()
                .map(|c| {
                    if c.is_alphanumeric() || c == '-' {
                        c
                    } else {
                        '_'
                    }
                })
                .collect();
            let path = folder.join(format!("{name} operational plan.{}", format.extension()));
            export.write(plan, &path)
        })
        .collect()
}

/// What to export from the window, and where (`path`: the file to write, replaced if it
/// exists, except a copy): one variant per kind of export, with only that kind's choices, so
/// a request the window can build names nothing the export does not take. A value the
/// window cannot send (a language, rounding, format or table that does not exist) is refused
/// when the request is read, naming what is known.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum ExportRequest {
    /// The costed budget annex (PDF); always rounded.
    Annex {
        path: String,
        lang: WindowLang,
        rounding: AnnexRounding,
    },
    /// The whole plan as one document.
    Document {
        path: String,
        lang: WindowLang,
        format: DocumentFormat,
    },
    /// The budget workbook (XLSX).
    Workbook { path: String },
    /// The progress report for `period` (`2027`, `2027-H1`; empty: the latest year reported).
    ProgressReport {
        path: String,
        lang: WindowLang,
        format: WindowFormat,
        #[serde(default)]
        period: String,
    },
    /// The operational plan of the agency with code `agency`.
    AgencyPlan {
        path: String,
        lang: WindowLang,
        format: WindowFormat,
        agency: String,
    },
    /// The coordinating bodies' terms of reference.
    Tor {
        path: String,
        lang: WindowLang,
        format: DocumentFormat,
    },
    /// The plan as interchange JSON.
    Json { path: String },
    /// The IATI 2.03 activity file.
    Iati { path: String },
    /// One cost table as CSV.
    Csv { path: String, table: WindowTable },
    /// A copy of the plan for another ministry, scoped to the agency with code `agency`
    /// (empty: the whole plan), with a note for the receiver.
    Copy {
        path: String,
        #[serde(default)]
        agency: String,
        #[serde(default)]
        note: String,
    },
}

/// Reads a request's field with `parse`, refusing what it refuses with its message.
fn read_with<'de, D, T>(
    deserializer: D,
    parse: impl FnOnce(&str) -> Result<T, AppError>,
) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
{
    let name = String::deserialize(deserializer)?;
    parse(&name).map_err(serde::de::Error::custom)
}

/// A choice of an export request as the window names it: the value, read with `$parse` (a
/// name it refuses is refused when the request is read, with its message), and offered to
/// the page as the TypeScript union `$ts`.
macro_rules! window_choice {
    ($(#[$doc:meta])* $name:ident($inner:ty), $parse:expr, $ts:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, TS)]
        #[ts(export, type = $ts)]
        pub struct $name(pub $inner);

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                read_with(d, $parse).map($name)
            }
        }
    };
}

window_choice!(
    /// A language the exports are written in.
    WindowLang(Lang),
    annex_language,
    r#""en" | "km" | "fr" | "th" | "vi" | "id" | "lo" | "my" | "tl""#
);
window_choice!(
    /// The annex's rounding (never exact: see [`annex_rounding`]).
    AnnexRounding(Rounding),
    annex_rounding,
    r#""unit" | "thousands" | "millions""#
);
window_choice!(
    /// The format of a report that also comes as a workbook.
    WindowFormat(ReportFormat),
    ReportFormat::parse,
    r#""pdf" | "docx" | "xlsx""#
);
window_choice!(
    /// The format of a document that comes as PDF or Word only (the whole plan, the terms
    /// of reference).
    DocumentFormat(ReportFormat),
    |name: &str| match ReportFormat::parse(name)? {
        ReportFormat::Xlsx => Err(AppError::BadRequest(
            "this document is written as pdf or docx; the budget workbook is the plan in Excel"
                .into(),
        )),
        format => Ok(format),
    },
    r#""pdf" | "docx""#
);
window_choice!(
    /// One cost table as CSV.
    WindowTable(CsvTable),
    csv_table,
    r#""lines" | "pillar-year" | "agency-year" | "source-year""#
);

/// What the window asks for: a file export, or a copy of the plan for another ministry.
#[derive(Debug, Clone)]
pub enum Requested {
    File {
        export: Export,
        path: std::path::PathBuf,
    },
    Copy {
        path: std::path::PathBuf,
        agency: String,
        note: String,
    },
}

impl ExportRequest {
    /// The export the window asks for, checked: a blank path is refused as `required`, as
    /// is an agency plan for no agency.
    pub fn checked(&self) -> Result<Requested, AppError> {
        use ExportRequest as R;
        let export = match self {
            R::Copy { path, agency, note } => {
                return Ok(Requested::Copy {
                    path: chosen_path(path, "choose where to save the copy")?,
                    agency: agency.clone(),
                    note: note.clone(),
                })
            }
            R::Annex { lang, rounding, .. } => Export::Annex {
                lang: lang.0,
                budget_year: None,
                currency: None,
                rounding: rounding.0,
                reconcile: false,
            },
            R::Workbook { .. } => Export::Workbook {
                currency: None,
                budget_year: None,
            },
            R::Json { .. } => Export::Json,
            R::Iati { .. } => Export::Iati,
            R::Document { lang, format, .. } => Export::Document {
                lang: lang.0,
                format: format.0,
            },
            R::AgencyPlan {
                lang,
                format,
                agency,
                ..
            } => Export::AgencyPlan {
                lang: lang.0,
                format: format.0,
                agency: nap_core::edit::required_text("agency", agency)?,
            },
            R::Tor { lang, format, .. } => Export::TermsOfReference {
                lang: lang.0,
                format: format.0,
                body: None,
            },
            R::ProgressReport {
                lang,
                format,
                period,
                ..
            } => Export::ProgressReport {
                period: period.clone(),
                lang: lang.0,
                format: format.0,
            },
            R::Csv { table, .. } => Export::Csv {
                table: table.0,
                currency: None,
            },
        };
        Ok(Requested::File {
            export,
            path: chosen_path(self.path(), "choose where to save the export")?,
        })
    }

    /// The file to write, as the window sent it.
    pub fn path(&self) -> &str {
        use ExportRequest as R;
        match self {
            R::Annex { path, .. }
            | R::Document { path, .. }
            | R::Workbook { path }
            | R::ProgressReport { path, .. }
            | R::AgencyPlan { path, .. }
            | R::Tor { path, .. }
            | R::Json { path }
            | R::Iati { path }
            | R::Csv { path, .. }
            | R::Copy { path, .. } => path,
        }
    }

    /// The extension of the file the export writes.
    pub fn extension(&self) -> &'static str {
        use ExportRequest as R;
        match self {
            R::Annex { .. } => "pdf",
            R::Document { format, .. } | R::Tor { format, .. } => format.0.extension(),
            R::ProgressReport { format, .. } | R::AgencyPlan { format, .. } => format.0.extension(),
            R::Workbook { .. } => "xlsx",
            R::Json { .. } => "json",
            R::Iati { .. } => "xml",
            R::Csv { .. } => "csv",
            R::Copy { .. } => "nap",
        }
    }

    /// A file name for this export of the plan at `plan_path` (the request's own path is
    /// not read): "<plan> - budget annex (km).pdf", "<plan> - copy for MOI.nap".
    pub fn suggested_name(&self, plan_path: &Path) -> String {
        use ExportRequest as R;
        let stem = plan_path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "plan".into());
        let what = match self {
            R::Annex { lang, .. } => format!("budget annex ({})", lang.0.code()),
            R::Workbook { .. } => "budget workbook".to_string(),
            R::Csv { table, .. } => format!("costs {}", table.0.name()),
            R::Json { .. } => "plan".to_string(),
            R::Iati { .. } => "IATI activities".to_string(),
            R::ProgressReport { lang, .. } => format!("progress report ({})", lang.0.code()),
            R::Document { lang, .. } => format!("NAP ({})", lang.0.code()),
            R::Tor { lang, .. } => format!("terms of reference ({})", lang.0.code()),
            R::AgencyPlan { lang, .. } => format!("operational plan ({})", lang.0.code()),
            R::Copy { agency, .. } if agency.trim().is_empty() => "copy".to_string(),
            R::Copy { agency, .. } => format!("copy for {}", agency.trim()),
        };
        format!("{stem} - {what}.{}", self.extension())
    }
}

/// A finished export.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ExportDone {
    pub path: String,
    /// Size of the file in kilobytes (rounded up).
    pub kilobytes: u32,
}

impl ExportDone {
    /// The export written to `path`, `bytes` long.
    pub fn of(path: &Path, bytes: u64) -> Self {
        Self {
            path: path.display().to_string(),
            kilobytes: u32::try_from(bytes.div_ceil(1024)).unwrap_or(u32::MAX),
        }
    }
}

/// Writes a copy of the open plan for another ministry, as [`crate::sharing::send`] does.
pub fn send_copy(
    doc: &mut nap_store::Document,
    path: &Path,
    agency: &str,
    note: &str,
) -> Result<ExportDone, AppError> {
    let sent = crate::sharing::send(doc, path, Some(agency), note)?;
    let bytes = std::fs::metadata(&sent.path).map_or(0, |m| m.len());
    Ok(ExportDone::of(&sent.path, bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: serde_json::Value) -> ExportRequest {
        serde_json::from_value(json).expect("a request the window can send")
    }

    #[test]
    fn a_suggested_name_says_what_the_export_is_and_ends_with_its_format() {
        let plan = Path::new("/plans/NAP WPS Cambodia.nap");
        let cases = [
            (
                serde_json::json!({"kind": "annex", "path": "", "lang": "km", "rounding": "thousands"}),
                "NAP WPS Cambodia - budget annex (km).pdf",
            ),
            (
                serde_json::json!({"kind": "document", "path": "", "lang": "fr", "format": "docx"}),
                "NAP WPS Cambodia - NAP (fr).docx",
            ),
            (
                serde_json::json!({"kind": "progress_report", "path": "", "lang": "en", "format": "xlsx", "period": "2027"}),
                "NAP WPS Cambodia - progress report (en).xlsx",
            ),
            (
                serde_json::json!({"kind": "csv", "path": "", "table": "source-year"}),
                "NAP WPS Cambodia - costs source-year.csv",
            ),
            (
                serde_json::json!({"kind": "iati", "path": ""}),
                "NAP WPS Cambodia - IATI activities.xml",
            ),
            (
                serde_json::json!({"kind": "copy", "path": "", "agency": ""}),
                "NAP WPS Cambodia - copy.nap",
            ),
            (
                serde_json::json!({"kind": "copy", "path": "", "agency": " MOI "}),
                "NAP WPS Cambodia - copy for MOI.nap",
            ),
        ];
        for (json, name) in cases {
            assert_eq!(read(json).suggested_name(plan), name);
        }
    }

    #[test]
    fn a_choice_the_window_cannot_offer_is_refused_when_the_request_is_read() {
        let refused = |json: serde_json::Value| {
            serde_json::from_value::<ExportRequest>(json)
                .expect_err("refused")
                .to_string()
        };
        for (json, says) in [
            (
                serde_json::json!({"kind": "document", "path": "/x", "lang": "en", "format": "xlsx"}),
                "pdf or docx",
            ),
            (
                serde_json::json!({"kind": "tor", "path": "/x", "lang": "km", "format": "xlsx"}),
                "pdf or docx",
            ),
            (
                serde_json::json!({"kind": "annex", "path": "/x", "lang": "en", "rounding": "exact"}),
                "unit, thousands or millions",
            ),
            (
                serde_json::json!({"kind": "annex", "path": "/x", "lang": "tlh", "rounding": "unit"}),
                "not a language",
            ),
            (
                serde_json::json!({"kind": "csv", "path": "/x", "table": "everything"}),
                "not a table",
            ),
        ] {
            let message = refused(json);
            assert!(message.contains(says), "{message}");
        }
        // A progress report does come as a workbook.
        read(
            serde_json::json!({"kind": "progress_report", "path": "/x", "lang": "en", "format": "xlsx", "period": ""}),
        );
    }

    #[test]
    fn every_csv_table_name_reads_back_as_its_table() {
        for table in [
            CsvTable::Lines,
            CsvTable::PillarYear,
            CsvTable::AgencyYear,
            CsvTable::SourceYear,
        ] {
            assert_eq!(CsvTable::parse(table.name()), Some(table));
        }
    }
}
