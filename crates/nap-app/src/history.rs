//! Undo and redo, which every screen shares.

use crate::AppError;
use nap_store::Document;
use serde::Serialize;
use ts_rs::TS;

/// What Undo and Redo would do next: an action (`add`, `edit`, `delete`, `settings`) and
/// the kind of record.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct HistoryStep {
    pub action: String,
    pub kind: String,
}

/// The state of undo and redo.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct History {
    pub undo: Option<HistoryStep>,
    pub redo: Option<HistoryStep>,
}

/// What Undo and Redo would do next.
pub fn history(doc: &Document) -> History {
    let step = |l: Option<nap_store::UndoLabel>| {
        l.map(|l| HistoryStep {
            action: l.action,
            kind: l.kind,
        })
    };
    History {
        undo: step(doc.undo_label()),
        redo: step(doc.redo_label()),
    }
}

/// Undoes the last edit (on any screen); returns the new state of undo and redo.
pub fn undo(doc: &mut Document) -> Result<History, AppError> {
    doc.undo()?;
    Ok(history(doc))
}

/// Redoes the last undone edit.
pub fn redo(doc: &mut Document) -> Result<History, AppError> {
    doc.redo()?;
    Ok(history(doc))
}
