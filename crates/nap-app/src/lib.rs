//! NAP Studio's application layer: every use case of the desktop app and the `nap` command,
//! written once over the open plan ([`nap_store::Document`]). The Tauri shell and the CLI
//! parse their input, call one function here and present what it returns; the rules that
//! span the core, the store and the exports live here and nowhere else: the lock outside a
//! scoped copy's part ([`scope`]), the checks on plan settings ([`plan_settings`]), how a
//! merge is counted ([`sharing`]), which roundings an export takes ([`export`]).
//!
//! Modules follow the elements of the plan and the screens that edit them. No module opens
//! a window or reads the user's input; none builds SQL.
#![warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod agency_plans;
pub mod backups;
pub mod communication;
pub mod coordination;
pub mod costing;
pub mod error;
pub mod export;
pub mod files;
pub mod funding;
pub mod history;
pub mod import;
pub mod job;
pub mod narrative;
pub mod plan;
pub mod plan_settings;
pub mod preferences;
pub mod progress;
pub mod records;
pub mod results;
pub mod review;
pub mod scope;
pub mod sharing;
pub mod sheets;
pub mod versions;
mod word_tables;

pub use error::{AppError, ErrorCode, ErrorReport};
pub use scope::ScopeLock;

use nap_core::{Id, Record};
use nap_store::Document;

/// A copy of the record `id` of type `T` in the open plan, to change and save; refused as
/// `record_not_found` (naming the kind) when the plan has none.
pub fn find<T: Record + Clone>(doc: &Document, id: Id) -> Result<T, AppError> {
    T::list(doc.plan())
        .iter()
        .find(|r| r.meta().id == id)
        .cloned()
        .ok_or_else(|| AppError::no_record(&T::KIND.name().replace('_', " "), id))
}
