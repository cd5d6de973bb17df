//! The error that crosses IPC: `{ code, message }`. The UI branches on `code` (a closed set,
//! exported to TypeScript) and shows `message` only as detail.

use nap_store::StoreError;
use serde::Serialize;
use ts_rs::TS;

/// What kind of failure an IPC call met.
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
    /// The request names something that does not exist (a dimension, a rounding mode).
    BadRequest,
    Internal,
    /// A value typed into a field was refused; the code is the problem's own name
    /// (`not_a_number`, `negative`, …).
    #[serde(untagged)]
    Field(nap_core::edit::Problem),
}

/// An error as the UI receives it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
}

impl From<StoreError> for IpcError {
    fn from(e: StoreError) -> Self {
        let code = match &e {
            StoreError::NotFound(_) => ErrorCode::NotFound,
            StoreError::NotAPlan { .. } => ErrorCode::NotAPlan,
            StoreError::ForeignDatabase { .. } => ErrorCode::ForeignDatabase,
            StoreError::Truncated { .. } => ErrorCode::Truncated,
            StoreError::DamagedFile { .. } | StoreError::Damaged(_) => ErrorCode::Damaged,
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
            StoreError::Migration(_) | StoreError::Mapping(_) | StoreError::Sqlite(_) => {
                ErrorCode::Internal
            }
        };
        Self {
            code,
            message: e.to_string(),
        }
    }
}

impl From<nap_core::costing::CostingError> for IpcError {
    fn from(e: nap_core::costing::CostingError) -> Self {
        Self {
            code: ErrorCode::Costing,
            message: e.to_string(),
        }
    }
}

impl From<nap_core::edit::FieldError> for IpcError {
    fn from(e: nap_core::edit::FieldError) -> Self {
        Self {
            code: ErrorCode::Field(e.problem),
            message: e.to_string(),
        }
    }
}

impl IpcError {
    /// A required field left empty; `message` says which.
    pub fn required(message: &str) -> Self {
        Self {
            code: ErrorCode::Field(nap_core::edit::Problem::Required),
            message: message.into(),
        }
    }

    pub fn no_plan() -> Self {
        Self {
            code: ErrorCode::NoPlanOpen,
            message: "no plan is open".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_cross_as_code_and_message() {
        let e: IpcError = StoreError::ReadOnly("/tmp/x.nap".into()).into();
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["code"], "read_only");
        assert!(json["message"].as_str().unwrap().contains("/tmp/x.nap"));
        assert_eq!(json.as_object().unwrap().len(), 2);
    }
}
