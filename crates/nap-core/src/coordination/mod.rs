//! The coordinating bodies and their terms of reference: edits, and the view with the
//! organisation chart drawn from the reporting lines.

pub mod edit;
pub mod view;
