//! Following a long computation from another thread: how far it is, and whether to stop.
//!
//! The computations stay pure: they only report their steps to a [`Watch`] and ask it
//! whether to go on. Who watches (the desktop's job panel, nobody in the command line) is
//! the caller's business.

/// Told how far a long computation is; answers whether it should go on.
pub trait Watch {
    /// `done` of `total` steps are done. Returning `false` asks the computation to stop; it
    /// then ends with its own "stopped" error, having changed nothing.
    fn step(&self, done: u64, total: u64) -> bool;
}

/// Nobody watches: the computation runs to its end.
#[derive(Debug, Clone, Copy, Default)]
pub struct Unwatched;

impl Watch for Unwatched {
    fn step(&self, _done: u64, _total: u64) -> bool {
        true
    }
}

/// Steps between two reports: often enough for a smooth percentage and a prompt stop, rare
/// enough to cost nothing measurable (a report is two atomic stores).
pub const REPORT_EVERY: usize = 256;
