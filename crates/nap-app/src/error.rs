//! The one error vocabulary of NAP Studio. Every use case fails with an [`AppError`]; its
//! [`ErrorCode`] is what the window branches on (as `{ code, message }`, see [`ErrorReport`])
//! and what decides the `nap` command's exit status. A new failure gets a code here once,
//! and both front ends follow.

use nap_store::StoreError;
use serde::Serialize;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// What kind of failure a use case met: a closed set, exported to TypeScript.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    NoPlanOpen,
    NotFound,
    NotAPlan,
    ForeignDatabase,
    Truncated,
    Damaged,
    /// The file's plan breaks its own rules (changed outside NAP Studio): it is not opened,
    /// and a repaired copy can be made from it.
    Inconsistent,
    NewerSchema,
    ReadOnly,
    AlreadyExists,
    Invalid,
    RecordNotFound,
    StillReferenced,
    Io,
    ForeignPlan,
    NoCommonBase,
    NothingToUndo,
    ChangedSinceMerge,
    /// An edit in a copy scoped to one agency touched a record outside its part.
    OutsideScope,
    /// A merge still has conflicts without a chosen side.
    Unresolved,
    /// An exchange rate cannot be removed or narrowed: cost lines still need it.
    RateNeeded,
    /// The plan cannot be costed (e.g. a currency without an exchange rate).
    Costing,
    /// The request names something that does not exist (a dimension, a rounding mode, an
    /// export kind, an agency code).
    BadRequest,
    /// A file given to read (interchange JSON, a costing CSV) is not what it should be.
    BadInput,
    Internal,
    /// The user stopped a long task (an export, an import) before it wrote anything.
    Cancelled,
    /// The plan is held by a long task (an import, a merge): asked again when it ends.
    Busy,
    /// A value typed into a field was refused; the code is the problem's own name
    /// (`not_a_number`, `negative`, …).
    #[serde(untagged)]
    Field(nap_core::edit::Problem),
}

impl ErrorCode {
    /// Every code but the field problems (those are listed by `nap_core::edit::Problem`).
    /// Kept complete by [`ErrorCode::listed`], whose match has no wildcard: a new code does
    /// not compile until it is added there, and its test then asks for it here.
    pub const APP: [ErrorCode; 27] = [
        Self::NoPlanOpen,
        Self::NotFound,
        Self::NotAPlan,
        Self::ForeignDatabase,
        Self::Truncated,
        Self::Damaged,
        Self::Inconsistent,
        Self::NewerSchema,
        Self::ReadOnly,
        Self::AlreadyExists,
        Self::Invalid,
        Self::RecordNotFound,
        Self::StillReferenced,
        Self::Io,
        Self::ForeignPlan,
        Self::NoCommonBase,
        Self::NothingToUndo,
        Self::ChangedSinceMerge,
        Self::OutsideScope,
        Self::Unresolved,
        Self::RateNeeded,
        Self::Costing,
        Self::BadRequest,
        Self::BadInput,
        Self::Internal,
        Self::Cancelled,
        Self::Busy,
    ];

    /// Whether this code is one of [`ErrorCode::APP`] (a field problem is not).
    pub fn listed(self) -> bool {
        match self {
            Self::NoPlanOpen
            | Self::NotFound
            | Self::NotAPlan
            | Self::ForeignDatabase
            | Self::Truncated
            | Self::Damaged
            | Self::Inconsistent
            | Self::NewerSchema
            | Self::ReadOnly
            | Self::AlreadyExists
            | Self::Invalid
            | Self::RecordNotFound
            | Self::StillReferenced
            | Self::Io
            | Self::ForeignPlan
            | Self::NoCommonBase
            | Self::NothingToUndo
            | Self::ChangedSinceMerge
            | Self::OutsideScope
            | Self::Unresolved
            | Self::RateNeeded
            | Self::Costing
            | Self::BadRequest
            | Self::BadInput
            | Self::Internal
            | Self::Cancelled
            | Self::Busy => Self::APP.contains(&self),
            Self::Field(_) => false,
        }
    }

    /// The code's name as it crosses IPC (`bad_request`, `not_a_number`, …).
    pub fn name(self) -> String {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::String(name)) => name,
            _ => format!("{self:?}"),
        }
    }

    /// The `nap` command's exit status for this failure: 3 when a merge stops on conflicts
    /// nobody settled (scripts retry with `--resolve`), 1 for every other failure. (2 is
    /// the argument parser's usage error.)
    pub fn exit_code(self) -> u8 {
        match self {
            Self::Unresolved => 3,
            _ => 1,
        }
    }
}

/// Everything a use case can fail with. Nothing was changed when one is returned.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Costing(#[from] nap_core::costing::CostingError),
    #[error(transparent)]
    Field(#[from] nap_core::edit::FieldError),
    #[error(transparent)]
    Export(#[from] nap_export::ExportError),
    /// The request names something that does not exist or is not allowed here.
    #[error("{0}")]
    BadRequest(String),
    /// The record the request names is not in the plan.
    #[error("{0}")]
    RecordNotFound(String),
    /// A required value was left empty; the message says which.
    #[error("{0}")]
    Required(String),
    /// A value the plan cannot take (a country code, a plan period).
    #[error("{0}")]
    Invalid(String),
    /// A change to the exchange rates after which the plan could no longer be costed.
    #[error("{0}")]
    RateNeeded(String),
    /// A merge with conflicts nobody chose a side for; nothing was merged.
    #[error("{0}")]
    Unresolved(String),
    #[error("no plan is open")]
    NoPlanOpen,
    /// A file given to read is not what it should be.
    #[error("{}: {message}", .path.display())]
    Input { path: PathBuf, message: String },
    #[error("{}: {source}", .path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Something that should not happen did; the message is for a bug report.
    #[error("{0}")]
    Internal(String),
    /// The user stopped the task before it wrote anything.
    #[error("stopped as asked; nothing was written")]
    Cancelled,
    /// Another task holds the plan for longer than the window may wait.
    #[error(
        "the plan is busy with a long task (an import or a merge); try again when it has finished"
    )]
    Busy,
}

impl AppError {
    /// An I/O failure on `path`.
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Self::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// No `what` with `id` in the open plan.
    pub fn no_record(what: &str, id: impl std::fmt::Display) -> Self {
        Self::RecordNotFound(format!("there is no {what} with id {id} in this plan"))
    }

    /// The code the window and the command line branch on.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Store(e) => store_code(e),
            Self::Costing(_) => ErrorCode::Costing,
            Self::Field(e) => ErrorCode::Field(e.problem),
            Self::Export(e) => match e {
                nap_export::ExportError::Costing(_) => ErrorCode::Costing,
                nap_export::ExportError::Option(_) => ErrorCode::BadRequest,
                nap_export::ExportError::Workbook(_) | nap_export::ExportError::Pdf(_) => {
                    ErrorCode::Internal
                }
            },
            Self::BadRequest(_) => ErrorCode::BadRequest,
            Self::RecordNotFound(_) => ErrorCode::RecordNotFound,
            Self::Required(_) => ErrorCode::Field(nap_core::edit::Problem::Required),
            Self::Invalid(_) => ErrorCode::Invalid,
            Self::RateNeeded(_) => ErrorCode::RateNeeded,
            Self::Unresolved(_) => ErrorCode::Unresolved,
            Self::NoPlanOpen => ErrorCode::NoPlanOpen,
            Self::Input { .. } => ErrorCode::BadInput,
            Self::Io { .. } => ErrorCode::Io,
            Self::Internal(_) => ErrorCode::Internal,
            Self::Cancelled => ErrorCode::Cancelled,
            Self::Busy => ErrorCode::Busy,
        }
    }

    /// The `nap` command's exit status (see [`ErrorCode::exit_code`]).
    pub fn exit_code(&self) -> u8 {
        self.code().exit_code()
    }
}

fn store_code(e: &StoreError) -> ErrorCode {
    match e {
        StoreError::NotFound(_) => ErrorCode::NotFound,
        StoreError::NotAPlan { .. } => ErrorCode::NotAPlan,
        StoreError::ForeignDatabase { .. } => ErrorCode::ForeignDatabase,
        StoreError::Truncated { .. } => ErrorCode::Truncated,
        StoreError::DamagedFile { .. }
        | StoreError::Damaged(_)
        | StoreError::Unrepairable { .. } => ErrorCode::Damaged,
        StoreError::Inconsistent { .. } => ErrorCode::Inconsistent,
        StoreError::NewerSchema { .. } => ErrorCode::NewerSchema,
        StoreError::ReadOnly(_) => ErrorCode::ReadOnly,
        StoreError::AlreadyExists(_) => ErrorCode::AlreadyExists,
        StoreError::Invalid(_) => ErrorCode::Invalid,
        StoreError::RecordNotFound { .. } => ErrorCode::RecordNotFound,
        StoreError::StillReferenced { .. } => ErrorCode::StillReferenced,
        StoreError::Io { .. } => ErrorCode::Io,
        StoreError::ForeignPlan { .. } => ErrorCode::ForeignPlan,
        StoreError::NoCommonBase(_) => ErrorCode::NoCommonBase,
        StoreError::NothingToUndo => ErrorCode::NothingToUndo,
        StoreError::ChangedSinceMerge => ErrorCode::ChangedSinceMerge,
        StoreError::OutsideScope { .. } => ErrorCode::OutsideScope,
        // A value that cannot be read back is damage in the file, not a bug of the app.
        StoreError::Mapping(_) => ErrorCode::Damaged,
        StoreError::Migration(_) | StoreError::Sqlite(_) => ErrorCode::Internal,
    }
}

/// An error as the window receives it: `{ code, message }`. The UI branches on `code` and
/// shows `message` only as detail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, rename = "IpcError")]
pub struct ErrorReport {
    pub code: ErrorCode,
    pub message: String,
}

impl From<AppError> for ErrorReport {
    fn from(e: AppError) -> Self {
        Self {
            code: e.code(),
            message: e.to_string(),
        }
    }
}

impl From<StoreError> for ErrorReport {
    fn from(e: StoreError) -> Self {
        AppError::from(e).into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nap_core::edit::{FieldError, Problem};

    fn json_code(e: AppError) -> serde_json::Value {
        serde_json::to_value(ErrorReport::from(e)).unwrap()["code"].clone()
    }

    #[test]
    fn a_report_is_code_and_message_only() {
        let e: ErrorReport = AppError::from(StoreError::ReadOnly("/tmp/x.nap".into())).into();
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["code"], "read_only");
        assert!(json["message"].as_str().unwrap().contains("/tmp/x.nap"));
        assert_eq!(json.as_object().unwrap().len(), 2);
    }

    /// Every failure the app layer makes itself maps to its own code, with the exit status
    /// scripts rely on.
    #[test]
    fn each_failure_has_its_code_and_exit_status() {
        let path = PathBuf::from("/tmp/plan.json");
        let cases: Vec<(AppError, &str, u8)> = vec![
            (AppError::BadRequest("x".into()), "bad_request", 1),
            (AppError::RecordNotFound("x".into()), "record_not_found", 1),
            (AppError::Required("x".into()), "required", 1),
            (AppError::Invalid("x".into()), "invalid", 1),
            (AppError::RateNeeded("x".into()), "rate_needed", 1),
            (AppError::Unresolved("x".into()), "unresolved", 3),
            (AppError::NoPlanOpen, "no_plan_open", 1),
            (
                AppError::Input {
                    path: path.clone(),
                    message: "x".into(),
                },
                "bad_input",
                1,
            ),
            (
                AppError::io(&path, std::io::Error::other("disk full")),
                "io",
                1,
            ),
            (AppError::Internal("x".into()), "internal", 1),
            (
                nap_core::costing::CostingError::UnknownCurrency("XYZ".into()).into(),
                "costing",
                1,
            ),
            (
                nap_export::ExportError::Costing("x".into()).into(),
                "costing",
                1,
            ),
            (
                nap_export::ExportError::Option("x".into()).into(),
                "bad_request",
                1,
            ),
            (
                nap_export::ExportError::Workbook("x".into()).into(),
                "internal",
                1,
            ),
            (
                nap_export::ExportError::Pdf("x".into()).into(),
                "internal",
                1,
            ),
            (
                FieldError {
                    field: "quantity".into(),
                    text: "-1".into(),
                    problem: Problem::Negative,
                }
                .into(),
                "negative",
                1,
            ),
        ];
        for (error, code, exit) in cases {
            let shown = format!("{error:?}");
            assert_eq!(error.exit_code(), exit, "{shown}");
            assert_eq!(json_code(error), code, "{shown}");
        }
    }

    #[test]
    fn every_code_is_listed_once_with_its_own_name() {
        let names: std::collections::BTreeSet<String> =
            ErrorCode::APP.iter().map(|c| c.name()).collect();
        assert_eq!(names.len(), ErrorCode::APP.len());
        assert!(ErrorCode::APP.iter().all(|c| c.listed()));
        assert!(!ErrorCode::Field(Problem::Negative).listed());
        assert_eq!(ErrorCode::Field(Problem::Negative).name(), "negative");
        assert_eq!(ErrorCode::BadInput.name(), "bad_input");
    }

    /// The store's failures keep the codes the window already branches on.
    #[test]
    fn store_failures_keep_their_codes() {
        let p = || PathBuf::from("/tmp/p.nap");
        let cases: Vec<(StoreError, &str)> = vec![
            (StoreError::NotFound(p()), "not_found"),
            (
                StoreError::NotAPlan {
                    path: p(),
                    reason: "x".into(),
                },
                "not_a_plan",
            ),
            (
                StoreError::ForeignDatabase {
                    path: p(),
                    application_id: 1,
                },
                "foreign_database",
            ),
            (
                StoreError::DamagedFile {
                    path: p(),
                    detail: "x".into(),
                },
                "damaged",
            ),
            (StoreError::Damaged("x".into()), "damaged"),
            (
                StoreError::Inconsistent {
                    path: p(),
                    problems: vec![],
                },
                "inconsistent",
            ),
            (
                StoreError::Unrepairable {
                    path: p(),
                    problems: vec![],
                },
                "damaged",
            ),
            (StoreError::ReadOnly(p()), "read_only"),
            (StoreError::AlreadyExists(p()), "already_exists"),
            (StoreError::NoCommonBase(p()), "no_common_base"),
            (StoreError::NothingToUndo, "nothing_to_undo"),
            (StoreError::ChangedSinceMerge, "changed_since_merge"),
            (
                StoreError::OutsideScope {
                    kind: "cost_line".into(),
                    agency: "MOI".into(),
                },
                "outside_scope",
            ),
            (StoreError::Migration("x".into()), "internal"),
            (StoreError::Mapping("x".into()), "damaged"),
        ];
        for (error, code) in cases {
            let shown = error.to_string();
            let app = AppError::from(error);
            assert_eq!(app.exit_code(), 1, "{shown}");
            assert_eq!(json_code(app), code, "{shown}");
        }
    }
}
