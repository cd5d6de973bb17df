//! Agency operational plans: each agency's activities (as lead and partner), its steps by
//! quarter and its budget; their edits and the screen's view.

pub mod edit;
pub mod view;
