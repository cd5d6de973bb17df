//! The store's error type. Each way a file can be unusable has its own variant so that the
//! CLI and the app can say exactly what is wrong.

use nap_core::{CoreError, Id, RecordKind, ValidationError};
use std::path::PathBuf;

/// Everything that can go wrong reading or writing a project file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}: no such file", .0.display())]
    NotFound(PathBuf),
    #[error("{}: this is not a NAP Studio plan ({reason})", .path.display())]
    NotAPlan { path: PathBuf, reason: String },
    #[error("{}: this is a database of another application (application id {application_id:#010x}), not a NAP Studio plan", .path.display())]
    ForeignDatabase { path: PathBuf, application_id: u32 },
    #[error("{}: the file is truncated ({actual} bytes of the {expected} its header announces); it was probably copied incompletely. Ask the sender for the file again", .path.display())]
    Truncated {
        path: PathBuf,
        expected: u64,
        actual: u64,
    },
    #[error("{}: the file is damaged ({detail}); it has not been changed. Restore it from a backup or ask the sender for the file again", .path.display())]
    DamagedFile { path: PathBuf, detail: String },
    #[error("the plan's data is damaged: {}", nap_core::text::cut_long(.0))]
    Damaged(String),
    /// A file whose plan breaks the plan's own rules (a line pointing to a missing activity,
    /// a record twice, a negative contingency...): its totals could be wrong, so it is not
    /// opened. Only a file changed outside NAP Studio gets here.
    #[error("{}: the plan in this file is inconsistent, so its totals could be wrong; it has not been opened or changed. {}. A repaired copy can be made from it, leaving it as it is (in the app, or with `nap repair`)", .path.display(), summary(.problems))]
    Inconsistent {
        path: PathBuf,
        problems: Vec<ValidationError>,
    },
    /// An inconsistent plan whose problems no repair can fix without guessing (the plan
    /// period, the country, the base currency).
    #[error("{}: the plan in this file cannot be repaired without guessing what was meant; it has not been changed. {}", .path.display(), summary(.problems))]
    Unrepairable {
        path: PathBuf,
        problems: Vec<ValidationError>,
    },
    #[error("{}: this plan was saved by a newer version of NAP Studio (file format {found}; this version reads up to {supported}). Update NAP Studio to open it; the file has not been changed", .path.display())]
    NewerSchema {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("{}: the file is read-only; make a copy or change its permissions to edit it", .0.display())]
    ReadOnly(PathBuf),
    #[error("{}: a file with this name already exists (use --force to replace it)", .0.display())]
    AlreadyExists(PathBuf),
    #[error("{}", CoreError::Invalid(.0.clone()))]
    Invalid(Vec<ValidationError>),
    #[error("there is no {} with id {id} in this plan", .kind.name().replace('_', " "))]
    RecordNotFound { kind: RecordKind, id: Id },
    #[error("cannot delete this {}: other records still refer to it", .kind.name().replace('_', " "))]
    StillReferenced { kind: RecordKind, id: Id },
    #[error("{}: this file is a copy of another plan (\"{theirs}\"), not of this one (\"{ours}\"); nothing was merged", .path.display())]
    ForeignPlan {
        path: PathBuf,
        ours: String,
        theirs: String,
    },
    #[error("{}: this file was not sent from this plan (it has no record of a common starting point), so it cannot be merged safely; nothing was merged", .0.display())]
    NoCommonBase(PathBuf),
    #[error("this copy was sent for {agency}'s part of the plan; this {} is outside that part, so it is read-only here. Ask the NAP secretariat to change it in the full plan", .kind.replace('_', " "))]
    OutsideScope { kind: String, agency: String },
    #[error("there is no merge to undo")]
    NothingToUndo,
    #[error("the plan has changed since the last merge; undoing it now would lose those changes")]
    ChangedSinceMerge,
    #[error("the file format could not be upgraded: {0}")]
    Migration(String),
    #[error(
        "the plan file holds a value NAP Studio cannot read ({}); the file has not been changed",
        nap_core::text::cut_long(.0)
    )]
    Mapping(String),
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("{}: {source}", .path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl StoreError {
    pub(crate) fn io(path: &std::path::Path, source: std::io::Error) -> Self {
        Self::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

impl From<CoreError> for StoreError {
    fn from(e: CoreError) -> Self {
        match e {
            CoreError::Invalid(errors) => Self::Invalid(errors),
            other => Self::Damaged(other.to_string()),
        }
    }
}

/// The first problems of an inconsistent plan, and how many there are in all.
fn summary(problems: &[ValidationError]) -> String {
    const SHOWN: usize = 3;
    let first: Vec<String> = problems.iter().take(SHOWN).map(|p| p.to_string()).collect();
    let more = problems.len().saturating_sub(SHOWN);
    let tail = if more > 0 {
        format!(" (and {more} more)")
    } else {
        String::new()
    };
    format!(
        "{} problem{}: {}{tail}",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" },
        first.join("; ")
    )
}
