//! The funding sources: what the allocation makes of them and the headline gap, and edits
//! of a source one field at a time.

use crate::{find, AppError, ScopeLock};
use nap_core::edit::{
    new_funding_source, required_text, set_funding_source_field, FundingSourceField,
};
use nap_core::funding::view::{funding_view, FundingView};
use nap_core::{FundingSource, Id};
use nap_store::{now, Document};

/// The funding view, with the sources outside a scoped copy's part marked read-only.
pub fn funding(doc: &Document) -> Result<FundingView, AppError> {
    let mut view = funding_view(doc.plan())?;
    let lock = ScopeLock::of(doc);
    for row in &mut view.sources {
        row.locked = lock.locks(row.id);
    }
    Ok(view)
}

/// Sets one field of a funding source from the text typed (see
/// [`nap_core::edit::set_funding_source_field`] for the fields); a refused value changes
/// nothing.
pub fn set_funding_source(
    doc: &mut Document,
    id: Id,
    field: FundingSourceField,
    value: &str,
) -> Result<FundingView, AppError> {
    let mut source: FundingSource = find(doc, id)?;
    set_funding_source_field(doc.plan(), &mut source, field, value)?;
    doc.upsert(source)?;
    funding(doc)
}

/// Adds a funding source named `name` (committed national budget in the base currency, no
/// amounts yet).
pub fn add_funding_source(doc: &mut Document, name: &str) -> Result<FundingView, AppError> {
    let name = required_text("name", name)?;
    let source = new_funding_source(doc.plan(), &name, Id::new_v4(), &now(), doc.author());
    doc.upsert(source)?;
    funding(doc)
}

/// Deletes a funding source; refused (`still_referenced`) while cost lines name it.
pub fn delete_funding_source(doc: &mut Document, id: Id) -> Result<FundingView, AppError> {
    doc.delete::<FundingSource>(id)?;
    funding(doc)
}
