//! Opening and creating plan files, the plans opened before, and the names suggested for
//! new files. A plan that cannot be opened leaves the open one as it was: these functions
//! return a new [`Document`] and the caller puts it in place only when it opened.

use crate::AppError;
use nap_core::sample::{new_plan, sample_plan, NewPlan};
use nap_store::{now, Document, PlanFile};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// The file the user named in `text` (trimmed); refused as `required`, saying `what`, when
/// it names no file.
pub fn chosen_path(text: &str, what: &str) -> Result<PathBuf, AppError> {
    let path = PathBuf::from(text.trim());
    if path.file_name().is_none() {
        return Err(AppError::Required(what.into()));
    }
    Ok(path)
}

/// Opens the plan at `path` for editing, recording `author` on its edits, after the day's
/// backup when it has none yet (see [`crate::backups`]). A file that is not a plan, is
/// damaged or comes from a newer version is refused with its code.
pub fn open(path: &Path, author: &str) -> Result<Document, AppError> {
    let doc = Document::open(path, author)?;
    crate::backups::daily(&doc);
    Ok(doc)
}

/// Opens the plan at `path` as the window does: for editing, or, when the file or its
/// medium cannot be written (a USB stick, a shared folder), to read and export only, as
/// [`Document::is_read_only`] then says.
pub fn open_or_view(path: &Path, author: &str) -> Result<Document, AppError> {
    match open(path, author) {
        Err(AppError::Store(nap_store::StoreError::ReadOnly(_))) => {
            Ok(Document::open_read_only(path, author)?)
        }
        other => other,
    }
}

/// The plan the app opens when it is given none: the built-in sample, written into
/// `data_dir` on first start and opened from there afterwards.
pub fn sample_path(data_dir: &Path) -> Result<PathBuf, AppError> {
    std::fs::create_dir_all(data_dir).map_err(|e| AppError::io(data_dir, e))?;
    let sample = data_dir.join("Sample NAP WPS 2026-2030.nap");
    if !sample.exists() {
        PlanFile::create(&sample, &sample_plan(), false)?;
    }
    Ok(sample)
}

/// What the new-plan wizard (or `nap new`) asks.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct NewPlanRequest {
    /// Where to create the file (an existing file is not replaced).
    pub path: String,
    pub title: String,
    /// ISO 3166-1 alpha-2, e.g. KH.
    pub country: String,
    pub start_year: i32,
    pub end_year: i32,
    /// ISO 4217, e.g. KHR.
    pub currency: String,
    /// Start from the built-in sample plan instead of the standard structure.
    pub from_sample: bool,
    /// The working language (a BCP 47 tag); absent for English with Khmer alongside, the
    /// first users' plans.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub language: Option<String>,
    /// The second language when `language` is given; absent or empty for none.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub second_language: Option<String>,
}

/// A currency as the pickers show it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CurrencyChoice {
    /// ISO 4217 code ("XOF").
    pub code: String,
    /// Its English name ("CFA Franc BCEAO").
    pub name: String,
}

/// Every currency a plan can use, by code, as the pickers show it.
pub fn currency_choices() -> Vec<CurrencyChoice> {
    nap_core::currency::all()
        .into_iter()
        .map(|c| CurrencyChoice {
            code: c.code.to_string(),
            name: c.name,
        })
        .collect()
}

/// What the new-plan form offers before any plan is open: every language and currency a
/// plan can use.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct NewPlanChoices {
    pub languages: Vec<nap_core::languages::Language>,
    pub currencies: Vec<CurrencyChoice>,
}

/// The choices of the new-plan form.
pub fn new_plan_choices() -> NewPlanChoices {
    NewPlanChoices {
        languages: nap_core::languages::LANGUAGES.to_vec(),
        currencies: currency_choices(),
    }
}

/// The plan the wizard's answers describe, checked: a title, a two-letter country code, a
/// currency NAP Studio knows, and a period of at most 20 years starting in 2000–2100.
pub fn new_plan_spec(
    title: &str,
    country: &str,
    start_year: i32,
    end_year: i32,
    currency: &str,
) -> Result<NewPlan, AppError> {
    let title = title.trim();
    if title.is_empty() {
        return Err(AppError::Required("a plan needs a title".into()));
    }
    let country = country.trim().to_uppercase();
    if country.len() != 2 || !country.chars().all(|c| c.is_ascii_alphabetic()) {
        return Err(AppError::Invalid(format!(
            "`{country}` is not a two-letter country code (e.g. KH)"
        )));
    }
    let currency = currency.trim().to_uppercase();
    if nap_core::currency::currency(&currency).is_none() {
        return Err(nap_core::edit::FieldError {
            field: "currency".into(),
            text: currency,
            problem: nap_core::edit::Problem::UnknownCurrency,
        }
        .into());
    }
    if !(2000..=2100).contains(&start_year) || end_year < start_year || end_year - start_year > 20 {
        return Err(AppError::Invalid(format!(
            "{start_year}–{end_year} is not a plan period (first year 2000–2100, at most 20 years)"
        )));
    }
    Ok(NewPlan {
        title: title.to_string(),
        country,
        start_year,
        end_year,
        currency,
        language: None,
        second_language: None,
    })
}

/// `spec` written in the working language `language` with the second language `second`
/// (`None` or "none" for none), both BCP 47 tags NAP Studio knows (`fr`, `km`, `fr-CI`).
pub fn with_languages(
    mut spec: NewPlan,
    language: &str,
    second: Option<&str>,
) -> Result<NewPlan, AppError> {
    let tag = |t: &str| {
        nap_core::languages::normalised(t).ok_or_else(|| {
            AppError::Invalid(format!(
                "`{}` is not a language NAP Studio knows; use a BCP 47 tag such as fr, km, th or vi",
                nap_core::text::quoted(t)
            ))
        })
    };
    let working = tag(language)?;
    let second = match second.map(str::trim) {
        None | Some("" | "none") => None,
        Some(s) => Some(tag(s)?),
    };
    if second.as_deref() == Some(working.as_str()) {
        return Err(AppError::Invalid(format!(
            "the second language cannot be the working language ({working})"
        )));
    }
    spec.language = Some(working);
    spec.second_language = second;
    Ok(spec)
}

/// The plan `nap new` and the imports' `--new` describe: [`new_plan_spec`], in the working
/// language `language` with the second language `second` when a language is given (see
/// [`with_languages`]), in English with Khmer alongside otherwise.
pub fn described_plan(
    title: &str,
    country: &str,
    start_year: i32,
    end_year: i32,
    currency: &str,
    language: Option<&str>,
    second: Option<&str>,
) -> Result<NewPlan, AppError> {
    let spec = new_plan_spec(title, country, start_year, end_year, currency)?;
    match language {
        Some(language) => with_languages(spec, language, second),
        None => Ok(spec),
    }
}

/// Creates a plan file (never replacing one unless `force`) with the standard structure,
/// its first records recorded as made by `author`.
pub fn create_new(path: &Path, spec: &NewPlan, author: &str, force: bool) -> Result<(), AppError> {
    let plan = new_plan(spec, &now(), author, uuid::Uuid::new_v4);
    PlanFile::create(path, &plan, force)?;
    Ok(())
}

/// Creates the plan the wizard describes and opens it.
pub fn create(request: &NewPlanRequest, author: &str) -> Result<Document, AppError> {
    let path = chosen_path(&request.path, "choose where to create the plan")?;
    if request.from_sample {
        PlanFile::create(&path, &sample_plan(), false)?;
    } else {
        let spec = described_plan(
            &request.title,
            &request.country,
            request.start_year,
            request.end_year,
            &request.currency,
            request.language.as_deref().filter(|l| !l.trim().is_empty()),
            request.second_language.as_deref(),
        )?;
        create_new(&path, &spec, author, false)?;
    }
    open(&path, author)
}

/// A file name for a new plan titled `title`: its letters, digits, spaces and dashes, else
/// "New plan".
pub fn suggested_plan_name(title: &str) -> String {
    let name: String = title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || " -_".contains(c) {
                c
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if name.is_empty() {
        "New plan.nap".to_string()
    } else {
        format!("{name}.nap")
    }
}

/// How many plans the start screen remembers.
const RECENT_LIMIT: usize = 10;

/// A plan opened before.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RecentPlan {
    pub path: String,
    /// The plan's title when it was last opened.
    pub title: String,
    /// When it was last opened (ISO 8601).
    pub opened: String,
}

fn recent_file(data_dir: &Path) -> PathBuf {
    data_dir.join("recent.json")
}

fn read_recent(data_dir: &Path) -> Vec<RecentPlan> {
    std::fs::read(recent_file(data_dir))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

/// The plans opened before that still exist, most recent first (kept in `data_dir`).
pub fn recent_plans(data_dir: &Path) -> Vec<RecentPlan> {
    read_recent(data_dir)
        .into_iter()
        .filter(|r| Path::new(&r.path).is_file())
        .collect()
}

/// Puts `doc` first in the plans opened before. Failing to remember is not worth an error:
/// the plan is open either way.
pub fn remember(data_dir: &Path, doc: &Document) {
    let path = doc.file().path().display().to_string();
    let mut recent = read_recent(data_dir);
    recent.retain(|r| r.path != path);
    recent.insert(
        0,
        RecentPlan {
            path,
            title: doc.plan().meta.title.text.clone(),
            opened: now().as_str().to_string(),
        },
    );
    recent.truncate(RECENT_LIMIT);
    if let Ok(json) = serde_json::to_vec_pretty(&recent) {
        let _ = std::fs::create_dir_all(data_dir);
        let _ = nap_store::write_atomically(&recent_file(data_dir), &json, true);
    }
}

/// A repaired copy of a plan that could not be opened because it breaks its own rules.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RepairedCopy {
    /// Where the copy was written.
    pub path: String,
    /// What differs from the original, change by change (empty when nothing needed repair).
    pub changes: Vec<nap_core::repair::RepairChange>,
}

/// A plan opened from a repaired copy (the window's answer), and what the repair changed.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct OpenedRepairedCopy {
    pub summary: crate::plan::PlanSummary,
    pub copy: RepairedCopy,
}

/// `NAME (repaired).nap` in `dir` for the plan file `original`, numbered
/// (`NAME (repaired 2).nap`…) past the names already taken.
pub fn repaired_copy_name(original: &Path, dir: &Path) -> PathBuf {
    copy_name(original, dir, "repaired")
}

/// `NAME (LABEL).nap` in `dir` for the plan file `original`, numbered (`NAME (LABEL 2).nap`…)
/// past the names already taken.
pub fn copy_name(original: &Path, dir: &Path, label: &str) -> PathBuf {
    let stem = original
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "Plan".into());
    (1..)
        .map(|n| match n {
            1 => dir.join(format!("{stem} ({label}).nap")),
            n => dir.join(format!("{stem} ({label} {n}).nap")),
        })
        .find(|p| !p.exists())
        .unwrap_or_else(|| dir.join(format!("{stem} ({label}).nap")))
}

/// Where NAP Studio keeps its own files (the built-in sample, settings, backups):
/// `NAP_STUDIO_DATA_DIR` when set (tests use it), otherwise the platform's application data
/// folder.
pub fn data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("NAP_STUDIO_DATA_DIR") {
        return PathBuf::from(dir);
    }
    directories::ProjectDirs::from("org", "NAP Studio", "NAP Studio")
        .map(|d| d.data_dir().to_path_buf())
        .unwrap_or_else(|| std::env::temp_dir().join("nap-studio"))
}

/// Writes a repaired copy of `source` to `dest` (never replacing a file unless `force`),
/// leaving `source` as it was. See [`nap_store::repair_copy`].
pub fn repair_copy(source: &Path, dest: &Path, force: bool) -> Result<RepairedCopy, AppError> {
    let changes = nap_store::repair_copy(source, dest, force)?;
    Ok(RepairedCopy {
        path: dest.display().to_string(),
        changes,
    })
}

/// Repairs `source` into a new file beside it (or, when its folder cannot be written, e.g.
/// a read-only USB stick, in `data_dir`) and opens the copy.
pub fn open_repaired_copy(
    source: &Path,
    data_dir: &Path,
    author: &str,
) -> Result<(Document, RepairedCopy), AppError> {
    let beside = source.parent().filter(|d| !d.as_os_str().is_empty());
    let first = repaired_copy_name(source, beside.unwrap_or(Path::new("")));
    let copy = match repair_copy(source, &first, false) {
        Err(AppError::Store(nap_store::StoreError::Io { .. })) => {
            std::fs::create_dir_all(data_dir).map_err(|e| AppError::io(data_dir, e))?;
            repair_copy(source, &repaired_copy_name(source, data_dir), false)?
        }
        other => other?,
    };
    let doc = open(Path::new(&copy.path), author)?;
    Ok((doc, copy))
}
