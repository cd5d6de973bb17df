//! Agency operational plans: one agency's plan, the activities it leads or supports with
//! the steps it schedules, and its budget; edits saved one by one.

use crate::{find, AppError, ScopeLock};
use nap_core::agency_plans::view::{agency_plan_view, AgencyPlanView};
use nap_core::edit::{
    new_agency_plan, new_sub_activity, required_text, set_agency_plan_field,
    set_sub_activity_field, AgencyPlanField, SubActivityField,
};
use nap_core::{AgencyPlan, Id, SubActivity};
use nap_store::{now, Document};

/// The operational plan of `agency_id` (the first agency leading activities when `None`);
/// read-only in a copy scoped to another agency.
pub fn agency_plan(
    doc: &Document,
    agency_id: Option<Id>,
    second_language: bool,
) -> Result<AgencyPlanView, AppError> {
    let mut view = agency_plan_view(doc.plan(), agency_id, second_language)?;
    view.locked = ScopeLock::of(doc).locks_agency(view.agency_id);
    Ok(view)
}

/// Starts the operational plan of an agency that has none.
pub fn start_agency_plan(
    doc: &mut Document,
    agency_id: Id,
    second_language: bool,
) -> Result<AgencyPlanView, AppError> {
    let new = new_agency_plan(doc.plan(), agency_id, Id::new_v4(), &now(), doc.author())
        .ok_or_else(|| {
            AppError::BadRequest(format!(
                "agency {agency_id} is unknown or already has a plan"
            ))
        })?;
    doc.upsert(new)?;
    agency_plan(doc, Some(agency_id), second_language)
}

/// Sets `focal_point`, `focal_point_contact`, `notes` or `notes_l2` of an agency plan.
pub fn set_agency_plan(
    doc: &mut Document,
    id: Id,
    field: AgencyPlanField,
    value: &str,
    second_language: bool,
) -> Result<AgencyPlanView, AppError> {
    let mut plan: AgencyPlan = find(doc, id)?;
    set_agency_plan_field(&mut plan, field, value);
    let agency = plan.agency_id;
    doc.upsert(plan)?;
    agency_plan(doc, Some(agency), second_language)
}

/// The agency whose operational plan is `agency_plan_id`.
fn agency_of(doc: &Document, agency_plan_id: Id) -> Option<Id> {
    (doc.plan().agency_plans.iter())
        .find(|p| p.record.id == agency_plan_id)
        .map(|p| p.agency_id)
}

/// Adds a step titled `title` under `activity_id` to an agency plan.
pub fn add_sub_activity(
    doc: &mut Document,
    agency_plan_id: Id,
    activity_id: Id,
    title: &str,
    second_language: bool,
) -> Result<AgencyPlanView, AppError> {
    let title = required_text("title", title)?;
    let step = new_sub_activity(
        doc.plan(),
        agency_plan_id,
        activity_id,
        &title,
        Id::new_v4(),
        &now(),
        doc.author(),
    )
    .ok_or_else(|| AppError::no_record("agency plan or activity", agency_plan_id))?;
    let agency = agency_of(doc, agency_plan_id);
    doc.upsert(step)?;
    agency_plan(doc, agency, second_language)
}

/// Sets one field of a step (see [`nap_core::edit::set_sub_activity_field`]).
pub fn set_sub_activity(
    doc: &mut Document,
    id: Id,
    field: SubActivityField,
    value: &str,
    second_language: bool,
) -> Result<AgencyPlanView, AppError> {
    let mut step: SubActivity = find(doc, id)?;
    let agency = agency_of(doc, step.agency_plan_id);
    set_sub_activity_field(doc.plan(), &mut step, field, value)?;
    doc.upsert(step)?;
    agency_plan(doc, agency, second_language)
}

/// Deletes a step.
pub fn delete_sub_activity(
    doc: &mut Document,
    id: Id,
    second_language: bool,
) -> Result<AgencyPlanView, AppError> {
    let step: SubActivity = find(doc, id)?;
    let agency = agency_of(doc, step.agency_plan_id);
    doc.delete::<SubActivity>(id)?;
    agency_plan(doc, agency, second_language)
}
