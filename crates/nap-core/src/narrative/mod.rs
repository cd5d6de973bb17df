//! The narrative local framework: its sections in the plan's languages, their edits and
//! the screen's view.

pub mod edit;
pub mod view;
