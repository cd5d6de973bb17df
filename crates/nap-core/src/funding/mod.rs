//! Funding sources: their edits and the screen's view. How committed funding pays for cost
//! (the allocation and the gap) is part of the costing engine, in `costing::funding`.

pub mod edit;
pub mod view;
