//! The results framework (M&E): the goal, pillars, outcomes, outputs and activities, and
//! the indicators that measure them: their edits and the screen's view.

pub mod edit;
pub mod view;
