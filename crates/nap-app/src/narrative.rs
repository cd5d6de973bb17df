//! The narrative sections and their edits, each saved as one undoable edit.

use crate::{find, AppError, ScopeLock};
use nap_core::edit::{
    move_narrative_section, new_narrative_section, set_narrative_field, NarrativeField,
};
use nap_core::narrative::view::{narrative_view, NarrativeView};
use nap_core::{Id, NarrativeSection};
use nap_store::{now, Document};

/// The narrative, with the sections outside a scoped copy's part marked read-only.
pub fn narrative(doc: &Document) -> NarrativeView {
    let mut view = narrative_view(doc.plan());
    let lock = ScopeLock::of(doc);
    for row in &mut view.sections {
        row.locked = lock.locks(row.id);
    }
    view
}

/// Sets `title`, `title_l2`, `body`, `body_l2` or `kind` of a section.
pub fn set_narrative(
    doc: &mut Document,
    id: Id,
    field: NarrativeField,
    value: &str,
) -> Result<NarrativeView, AppError> {
    let mut section: NarrativeSection = find(doc, id)?;
    set_narrative_field(&mut section, field, value)?;
    doc.upsert(section)?;
    Ok(narrative(doc))
}

/// Adds an empty section of `kind` titled `title` at the end.
pub fn add_narrative_section(
    doc: &mut Document,
    kind: &str,
    title: &str,
) -> Result<NarrativeView, AppError> {
    let section = new_narrative_section(kind, title, Id::new_v4(), &now(), doc.author())?;
    doc.upsert(section)?;
    Ok(narrative(doc))
}

/// Moves a section one place up or down.
pub fn move_narrative(doc: &mut Document, id: Id, up: bool) -> Result<NarrativeView, AppError> {
    let next = move_narrative_section(doc.plan(), id, up)?;
    doc.edit_many(next, "move", "narrative_section")?;
    Ok(narrative(doc))
}

/// Deletes a section.
pub fn delete_narrative_section(doc: &mut Document, id: Id) -> Result<NarrativeView, AppError> {
    doc.delete::<NarrativeSection>(id)?;
    Ok(narrative(doc))
}
