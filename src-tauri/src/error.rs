//! The error that crosses IPC is the application layer's report, `{ code, message }`: the UI
//! branches on `code` (a closed set, see `nap_app::ErrorCode`) and shows `message` only as
//! detail.

pub use nap_app::ErrorReport as IpcError;

/// The report of a call made while no plan is open.
pub fn no_plan() -> IpcError {
    nap_app::AppError::NoPlanOpen.into()
}
