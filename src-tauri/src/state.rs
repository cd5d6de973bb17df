//! What the app holds while it runs: the open plan, and where closing its window stands.

use crate::error::{no_plan, IpcError};
use nap_app::AppError;
use nap_store::Document;
use std::path::PathBuf;
use std::sync::Mutex;

/// The open plan, if any. One plan per window; commands lock it for the length of a call.
#[derive(Default)]
pub struct AppState {
    pub document: Mutex<Option<Document>>,
    /// Why the plan given at start could not be opened, to show in the window.
    pub open_error: Mutex<Option<IpcError>>,
    /// The plan given at start that was refused, so that the window can offer a repaired
    /// copy of it when it was refused as inconsistent.
    pub refused_path: Mutex<Option<String>>,
    /// Whether a close request is waiting for the page to save.
    pub closing: crate::commands::closing::Closing,
}

impl AppState {
    /// Runs the use case `f` on the open plan, holding the lock for the call; `no_plan_open`
    /// when no plan is open.
    pub fn with_doc<T>(
        &self,
        f: impl FnOnce(&mut Document) -> Result<T, AppError>,
    ) -> Result<T, IpcError> {
        let mut guard = self.document.lock().map_err(|_| no_plan())?;
        let doc = guard.as_mut().ok_or_else(no_plan)?;
        Ok(f(doc)?)
    }
}

/// Where the app keeps its own files (see [`nap_app::files::data_dir`]).
pub fn data_dir() -> PathBuf {
    nap_app::files::data_dir()
}
