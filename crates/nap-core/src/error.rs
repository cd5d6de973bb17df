//! The core's error type.

use crate::validate::ValidationError;

/// Everything that can go wrong in the core.
#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    /// The plan breaks one or more consistency rules; the first is shown, all are kept.
    #[error("the plan is not valid: {}{}", .0[0], if .0.len() > 1 { format!(" (and {} more problems)", .0.len() - 1) } else { String::new() })]
    Invalid(Vec<ValidationError>),
    /// JSON that is not a plan in the interchange format.
    #[error("not a NAP Studio plan in JSON: {}", crate::text::cut_long(.0))]
    BadJson(String),
    /// JSON written by a newer version of the interchange format.
    #[error("this plan was written in interchange format version {found}; this version of NAP Studio reads up to version {supported}. Update NAP Studio to open it.")]
    NewerFormat { found: u32, supported: u32 },
}
