//! The communication plan (objectives, audiences, messages, channels, activities) and the
//! consultations held: their edits and the screen's view.

pub mod edit;
pub mod view;
