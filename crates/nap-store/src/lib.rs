//! The NAP Studio project file (`*.nap`): one SQLite database per plan, used as an
//! application file format.
//!
//! - `PRAGMA application_id` is [`APPLICATION_ID`] ("NAPS"); `PRAGMA user_version` is the
//!   schema version, advanced by numbered migrations ([`schema`]).
//! - Connections use WAL, foreign keys and `synchronous=FULL`; every write is one transaction.
//! - A file that is not a plan, is damaged or truncated, or was written by a newer schema is
//!   refused with its own [`StoreError`] before anything touches it.
#![warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod document;
mod error;
mod file;
pub mod header;
mod output;
mod repair;
mod rows;
pub mod schema;
pub mod sharing;
#[cfg(feature = "test-support")]
pub mod testing;

pub use document::{now, Document, UndoLabel, UNDO_LIMIT};
pub use error::StoreError;
pub use file::{Access, PlanFile};
pub use output::write_atomically;
pub use repair::repair_copy;
pub use schema::{APPLICATION_ID, SCHEMA_VERSION};
