//! NAP Studio's core: the plan model of a National Action Plan on Women, Peace and Security,
//! its validation, and the built-in sample. Pure: no SQL, no files, no clock, no Tauri.
//! Money is `rust_decimal::Decimal` everywhere.
//!
//! One module per element of the plan, each with its edits and its screen's view:
//! [`results`] (the M&E framework), [`narrative`], [`costing`] (the engine, the grid, cost
//! line edits, the plan's costing settings and rates, classification names, CSV and
//! rendering), [`funding`], [`communication`] (with the consultations), [`agency_plans`],
//! [`coordination`]. Shared by all: [`model`] (the records), [`mod@validate`], [`edit`] (the
//! vocabulary of field edits, and every edit re-exported), [`merge`], [`dashboard`].
#![warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod agency_plans;
pub mod communication;
pub mod coordination;
pub mod costing;
pub mod currency;
pub mod dashboard;
pub mod edit;
pub mod error;
pub mod fasthash;
pub mod funding;
pub mod interchange;
pub mod languages;
pub mod merge;
pub mod model;
pub mod narrative;
pub mod progress;
pub mod record;
pub mod repair;
pub mod results;
pub mod review;
pub mod sample;
pub mod sheet_import;
pub mod text;
pub mod time;
pub mod validate;
pub mod versions;
pub mod watch;

pub use error::CoreError;
pub use model::*;
pub use record::{ElementCounts, Record, RecordKind};
pub use text::LocalText;
pub use time::{IsoDate, Timestamp};
pub use validate::{
    validate, validate_replaced, validate_replaced_cost_line, Labelled, RecordRef, ValidationError,
};
