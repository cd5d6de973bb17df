//! The coordinating bodies, their terms of reference and the organisation chart, the M&E
//! reporting calendar, and edits of them, each saved as one undoable edit.

use crate::{find, AppError, ScopeLock};
use nap_core::coordination::view::{coordination_view, CoordinationView};
use nap_core::edit::{
    new_body, new_reporting_event, set_body_field, set_reporting_event_field, BodyField,
    ReportingEventField,
};
use nap_core::{CoordinatingBody, Id, ReportingEvent};
use nap_store::{now, Document};

/// The bodies and the chart, with the bodies outside a scoped copy's part read-only.
pub fn coordination(doc: &Document) -> CoordinationView {
    let mut view = coordination_view(doc.plan());
    let lock = ScopeLock::of(doc);
    for row in &mut view.bodies {
        row.locked = lock.locks(row.id);
    }
    for row in &mut view.reporting {
        row.locked = lock.locks(row.event.record.id);
    }
    view
}

/// Sets one field of a body (see [`nap_core::edit::set_body_field`]).
pub fn set_body(
    doc: &mut Document,
    id: Id,
    field: BodyField,
    value: &str,
) -> Result<CoordinationView, AppError> {
    let mut body: CoordinatingBody = find(doc, id)?;
    set_body_field(doc.plan(), &mut body, field, value)?;
    doc.upsert(body)?;
    Ok(coordination(doc))
}

/// Adds a body named `name`, reporting to `reports_to_id` (`None` for a top body).
pub fn add_body(
    doc: &mut Document,
    name: &str,
    reports_to_id: Option<Id>,
) -> Result<CoordinationView, AppError> {
    let body = new_body(
        doc.plan(),
        name,
        reports_to_id,
        Id::new_v4(),
        &now(),
        doc.author(),
    )?;
    doc.upsert(body)?;
    Ok(coordination(doc))
}

/// Deletes a body; refused (`still_referenced`) while other bodies report to it.
pub fn delete_body(doc: &mut Document, id: Id) -> Result<CoordinationView, AppError> {
    doc.delete::<CoordinatingBody>(id)?;
    Ok(coordination(doc))
}

/// Sets one field of a report of the reporting calendar (see
/// [`nap_core::edit::set_reporting_event_field`]).
pub fn set_reporting_event(
    doc: &mut Document,
    id: Id,
    field: ReportingEventField,
    value: &str,
) -> Result<CoordinationView, AppError> {
    let mut event: ReportingEvent = find(doc, id)?;
    set_reporting_event_field(doc.plan(), &mut event, field, value)?;
    doc.upsert(event)?;
    Ok(coordination(doc))
}

/// Adds a report titled `title` to the reporting calendar.
pub fn add_reporting_event(doc: &mut Document, title: &str) -> Result<CoordinationView, AppError> {
    let event = new_reporting_event(doc.plan(), title, Id::new_v4(), &now(), doc.author())?;
    doc.upsert(event)?;
    Ok(coordination(doc))
}

/// Deletes a report of the reporting calendar.
pub fn delete_reporting_event(doc: &mut Document, id: Id) -> Result<CoordinationView, AppError> {
    doc.delete::<ReportingEvent>(id)?;
    Ok(coordination(doc))
}
