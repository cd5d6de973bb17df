//! Bringing plans in: interchange JSON as a new plan file, and a costing spreadsheet saved
//! as CSV into a plan (or a new one). Input files are read with a size bound; a file that
//! cannot be read as what it should be is refused as `bad_input` and nothing is written.

use crate::job::{Job, JobStage};
use crate::AppError;
use nap_core::costing::csv_import::{import_csv, ImportCounts, RowError, MAX_CSV_BYTES};
use nap_core::currency::currency;
use nap_core::sample::{new_plan, NewPlan};
use nap_core::{interchange, ExchangeRate, Id, Plan, RecordMeta};
use nap_store::{now, Document, PlanFile, StoreError};
use rust_decimal::Decimal;
use std::io::Read;
use std::path::Path;

/// Interchange files above this size are refused before reading: a real plan's JSON is a
/// few megabytes (the 30,000-line benchmark plan is about 25 MB).
pub const MAX_JSON_BYTES: u64 = 512 * 1024 * 1024;

/// The bytes of `input`, refused as `bad_input` when it is larger than `limit` (`what` names
/// the kind of file in the message).
fn read_bounded(input: &Path, limit: u64, what: &str) -> Result<Vec<u8>, AppError> {
    let f = std::fs::File::open(input).map_err(|e| AppError::io(input, e))?;
    let len = f.metadata().map_err(|e| AppError::io(input, e))?.len();
    if len > limit {
        return Err(AppError::Input {
            path: input.to_path_buf(),
            message: format!(
                "the file is {len} bytes; the largest {what} accepted is {limit} bytes"
            ),
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    f.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| AppError::io(input, e))?;
    Ok(bytes)
}

/// Creates the plan file `out` from the interchange JSON `input` (UTF-8, with or without a
/// byte-order mark). An existing `out` is replaced only with `force`; a refused file writes
/// nothing.
pub fn interchange_json(input: &Path, out: &Path, force: bool) -> Result<(), AppError> {
    if !force && out.exists() {
        return Err(StoreError::AlreadyExists(out.to_path_buf()).into());
    }
    let bytes = read_bounded(input, MAX_JSON_BYTES, "plan")?;
    let text = String::from_utf8(bytes).map_err(|_| AppError::Input {
        path: input.to_path_buf(),
        message: "not a JSON plan (the file is not UTF-8 text)".into(),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let plan = interchange::from_json(text).map_err(|e| AppError::Input {
        path: input.to_path_buf(),
        message: e.to_string(),
    })?;
    PlanFile::create(out, &plan, force)?;
    Ok(())
}

/// Plan-wide exchange rates given as `CUR=RATE` (e.g. `USD=4100`): a known ISO 4217 code
/// and a rate above zero.
pub fn exchange_rates(rates: &[String]) -> Result<Vec<(String, Decimal)>, AppError> {
    rates
        .iter()
        .map(|r| {
            let bad = |why: String| AppError::BadRequest(format!("--rate `{r}`: {why}"));
            let (c, v) = r
                .split_once('=')
                .ok_or_else(|| bad("write it as CURRENCY=RATE, e.g. USD=4100".into()))?;
            let c = c.trim().to_uppercase();
            if currency(&c).is_none() {
                return Err(bad(format!("`{c}` is not a known ISO 4217 currency code")));
            }
            let v: Decimal = v
                .trim()
                .parse()
                .map_err(|_| bad(format!("`{v}` is not a number")))?;
            if v <= Decimal::ZERO {
                return Err(bad("the rate must be greater than zero".into()));
            }
            Ok((c, v))
        })
        .collect()
}

/// Sets each plan-wide rate (adding the currency when the plan has no rate for it), dated
/// today with `source` as its source.
fn set_rates(plan: &mut Plan, rates: &[(String, Decimal)], source: &str, author: &str) {
    let now = now();
    for (cur, rate) in rates {
        match plan
            .exchange_rates
            .iter_mut()
            .find(|r| &r.currency == cur && r.year.is_none())
        {
            Some(r) => {
                r.rate = *rate;
                r.date = now.date();
                r.source = source.to_string();
                r.record.modified = now.clone();
                r.record.modified_by = author.to_string();
            }
            None => plan.exchange_rates.push(ExchangeRate {
                record: RecordMeta::new(Id::new_v4(), &now, author),
                currency: cur.clone(),
                year: None,
                rate: *rate,
                date: now.date(),
                source: source.to_string(),
            }),
        }
    }
}

/// Where a costing CSV goes.
pub enum CsvTarget<'a> {
    /// Into the plan at this path, as one undoable edit.
    Existing(&'a Path),
    /// Into a new plan file at this path, made from this description (replacing a file
    /// there only with `force`).
    New {
        path: &'a Path,
        spec: NewPlan,
        force: bool,
    },
}

/// What a costing CSV import did.
#[derive(Debug)]
pub struct CsvImported {
    pub added: ImportCounts,
    /// Rows left out (only when invalid rows are skipped).
    pub skipped: Vec<RowError>,
    /// Things the user should know (e.g. a lead agency that differs from the activity's).
    pub warnings: Vec<String>,
}

/// Adds the activities and cost lines of the costing CSV `input` to `target`, after setting
/// the plan-wide `rates`. With `skip_invalid` the valid rows come in and the others are
/// listed; otherwise one invalid row refuses the whole file. Nothing is written when the
/// import is refused.
pub fn costing_csv(
    target: CsvTarget<'_>,
    input: &Path,
    skip_invalid: bool,
    rates: &[(String, Decimal)],
    author: &str,
) -> Result<CsvImported, AppError> {
    let bytes = read_bounded(input, MAX_CSV_BYTES as u64, "costing CSV")?;
    let source = format!("set when importing {}", input.display());
    let now = now();
    let (mut base, doc) = match &target {
        CsvTarget::New { path, spec, force } => {
            if !force && path.exists() {
                return Err(StoreError::AlreadyExists(path.to_path_buf()).into());
            }
            let mut plan = new_plan(spec, &now, author, Id::new_v4);
            // The CSV names its own pillars.
            plan.pillars.clear();
            (plan, None)
        }
        CsvTarget::Existing(path) => {
            let doc = Document::open(path, author)?;
            (doc.plan().clone(), Some(doc))
        }
    };
    set_rates(&mut base, rates, &source, author);
    let imported =
        import_csv(&base, &bytes, skip_invalid, &now, author, Id::new_v4).map_err(|e| {
            AppError::Input {
                path: input.to_path_buf(),
                message: e.to_string(),
            }
        })?;
    match (doc, target) {
        (Some(mut doc), _) => {
            crate::backups::before(&doc, crate::backups::Reason::Import);
            doc.replace(imported.plan)?
        }
        (None, CsvTarget::New { path, force, .. }) => {
            PlanFile::create(path, &imported.plan, force)?;
        }
        (None, CsvTarget::Existing(_)) => {
            return Err(AppError::Internal(
                "the plan to import into was not opened".into(),
            ))
        }
    }
    Ok(CsvImported {
        added: imported.added,
        skipped: imported.skipped,
        warnings: imported.warnings,
    })
}

/// What to import from a spreadsheet, as `nap import sheet` and the Import screen ask.
#[derive(Debug, Clone, Default)]
pub struct SheetRequest {
    /// The sheet to read (the first with data when `None`).
    pub sheet: Option<String>,
    /// `FIELD=COLUMN` pairs (see [`nap_core::sheet_import::SheetOptions`]).
    pub map: Vec<(String, String)>,
    /// Review only: nothing is written.
    pub dry_run: bool,
    /// Import the valid rows and list the refused ones, instead of importing nothing.
    pub skip_invalid: bool,
}

/// What a spreadsheet import did, or (with `dry_run`) would do.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct SheetImported {
    pub review: nap_core::sheet_import::SheetReview,
    /// The sheet read ("" for CSV) and every sheet of the workbook (or table of the Word
    /// document), by the names `sheet` takes.
    pub sheet: String,
    pub sheets: Vec<String>,
    /// The sheets' names as the app shows them, one per sheet: a Word table's number in the
    /// app's language; `None` for a workbook's sheet, shown by its own name.
    pub sheet_labels: Vec<Option<nap_core::sheet_import::Said>>,
    /// Whether the plan was written (false for a review).
    pub written: bool,
}

/// A column read as a field, as the Import screen sends it.
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ColumnMap {
    /// A field name (`activity`, `unit_cost`…).
    pub field: String,
    /// A column letter or a header.
    pub column: String,
}

/// What the Import screen asks: the file, the sheet, the columns it maps, and whether to
/// leave refused rows out.
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct SheetImportRequest {
    pub path: String,
    pub sheet: Option<String>,
    pub map: Vec<ColumnMap>,
    pub skip_invalid: bool,
}

impl SheetImportRequest {
    fn parts(&self) -> (std::path::PathBuf, SheetRequest) {
        (
            std::path::PathBuf::from(self.path.trim()),
            SheetRequest {
                sheet: self.sheet.clone().filter(|s| !s.is_empty()),
                map: self
                    .map
                    .iter()
                    .map(|m| (m.field.clone(), m.column.clone()))
                    .collect(),
                dry_run: false,
                skip_invalid: self.skip_invalid,
            },
        )
    }
}

/// Reads `input` and imports it into a copy of `base`, nothing written.
fn prepare(
    base: &Plan,
    input: &Path,
    request: &SheetRequest,
    author: &str,
    job: &Job,
) -> Result<(nap_core::sheet_import::SheetImport, SheetImported), AppError> {
    job.begin(JobStage::Reading)?;
    let read = crate::sheets::read(input, request.sheet.as_deref())?;
    job.begin(JobStage::Checking)?;
    let options = nap_core::sheet_import::SheetOptions {
        map: request.map.clone(),
    };
    let imported = nap_core::sheet_import::import_sheet(
        base,
        &read.sheet,
        &options,
        &now(),
        author,
        Id::new_v4,
        job,
    )
    .map_err(|e| match e {
        nap_core::sheet_import::SheetError::Stopped => AppError::Cancelled,
        e => AppError::Input {
            path: input.to_path_buf(),
            message: e.to_string(),
        },
    })?;
    let shown = SheetImported {
        review: imported.review.clone(),
        sheet: read.name,
        sheets: read.names,
        sheet_labels: read.labels,
        written: false,
    };
    Ok((imported, shown))
}

/// Refuses to write an import with refused rows (unless they are skipped) or no row.
fn check_importable(
    input: &Path,
    review: &nap_core::sheet_import::SheetReview,
    skip_invalid: bool,
) -> Result<(), AppError> {
    let refused = &review.refused;
    if !refused.is_empty() && !skip_invalid {
        return Err(AppError::Input {
            path: input.to_path_buf(),
            message: format!(
                "{} row{} refused; nothing was imported (use --skip-invalid to import the others):\n{}",
                refused.len(),
                if refused.len() == 1 { "" } else { "s" },
                nap_core::text::listed(refused)
            ),
        });
    }
    if review.rows == 0 {
        return Err(AppError::Input {
            path: input.to_path_buf(),
            message: "no row of the sheet could be imported".into(),
        });
    }
    Ok(())
}

/// What importing the spreadsheet of `request` into the open plan would do; nothing is
/// written (the Import screen's review).
pub fn review_sheet(
    doc: &Document,
    request: &SheetImportRequest,
    author: &str,
    job: &Job,
) -> Result<SheetImported, AppError> {
    let (input, request) = request.parts();
    let (_, shown) = prepare(doc.plan(), &input, &request, author, job)?;
    // Stopped while the rows were checked: the review is not shown.
    job.check()?;
    Ok(shown)
}

/// Imports the spreadsheet of `request` into the open plan as one undoable edit. `job`
/// shows its stage to another thread; stopped before it saves, it changes nothing.
pub fn import_sheet(
    doc: &mut Document,
    request: &SheetImportRequest,
    author: &str,
    job: &Job,
) -> Result<SheetImported, AppError> {
    let (input, request) = request.parts();
    let (imported, mut shown) = prepare(doc.plan(), &input, &request, author, job)?;
    check_importable(&input, &imported.review, request.skip_invalid)?;
    job.begin(JobStage::Saving)?;
    // One undoable step, checked against a scoped copy's part like any edit.
    crate::backups::before(doc, crate::backups::Reason::Import);
    doc.edit_many(imported.plan, "import", "plan")?;
    shown.written = true;
    Ok(shown)
}

/// Imports the logframe or costing in the spreadsheet `input` into `target` (one undoable
/// edit), or only reviews it. Refused rows stop the import unless `skip_invalid`; a review
/// lists them either way. Nothing is written when the import is refused.
pub fn sheet(
    target: CsvTarget<'_>,
    input: &Path,
    request: &SheetRequest,
    author: &str,
) -> Result<SheetImported, AppError> {
    let (base, doc) = match &target {
        CsvTarget::New { path, spec, force } => {
            if !force && path.exists() {
                return Err(StoreError::AlreadyExists(path.to_path_buf()).into());
            }
            let mut plan = new_plan(spec, &now(), author, Id::new_v4);
            // The sheet names its own pillars (or gets one placeholder).
            plan.pillars.clear();
            (plan, None)
        }
        CsvTarget::Existing(path) => {
            let doc = if request.dry_run {
                Document::open_read_only(path, author)?
            } else {
                Document::open(path, author)?
            };
            (doc.plan().clone(), Some(doc))
        }
    };
    let (imported, mut shown) = prepare(&base, input, request, author, &Job::new())?;
    if request.dry_run {
        return Ok(shown);
    }
    check_importable(input, &imported.review, request.skip_invalid)?;
    match (doc, target) {
        (Some(mut doc), _) => {
            crate::backups::before(&doc, crate::backups::Reason::Import);
            doc.edit_many(imported.plan, "import", "plan")?;
        }
        (None, CsvTarget::New { path, force, .. }) => {
            PlanFile::create(path, &imported.plan, force)?;
        }
        (None, CsvTarget::Existing(_)) => {
            return Err(AppError::Internal(
                "the plan to import into was not opened".into(),
            ))
        }
    }
    shown.written = true;
    Ok(shown)
}
