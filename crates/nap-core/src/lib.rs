//! NAP Studio's core: the plan model of a National Action Plan on Women, Peace and Security,
//! its validation, and the built-in sample. Pure: no SQL, no files, no clock, no Tauri.
//! Money is `rust_decimal::Decimal` everywhere.
#![warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod agency_plan_view;
pub mod communication_view;
pub mod coordination_view;
pub mod costing;
pub mod currency;
pub mod dashboard;
pub mod edit;
pub mod error;
pub mod fasthash;
pub mod funding_view;
pub mod interchange;
pub mod merge;
pub mod model;
pub mod narrative_view;
pub mod record;
pub mod results_view;
pub mod sample;
pub mod text;
pub mod time;
pub mod validate;

pub use error::CoreError;
pub use model::*;
pub use record::{ElementCounts, Record, RecordKind};
pub use text::LocalText;
pub use time::{IsoDate, Timestamp};
pub use validate::{validate, Labelled, RecordRef, ValidationError};
