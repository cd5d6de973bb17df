//! The IPC commands, one file per group. Each is a few lines: lock, call the store, map the error.

pub mod agency_plans;
pub mod closing;
pub mod communication;
pub mod coordination;
pub mod costing;
pub mod export;
pub mod files;
pub mod funding;
pub mod import;
pub mod jobs;
pub mod merge;
pub mod narrative;
pub mod plan;
pub mod plan_settings;
pub mod progress;
pub mod results;
pub mod review;
pub mod settings;
pub mod versions;
