//! Commands of the agency plans screen: one agency's operational plan, the activities it
//! leads or supports with the steps it schedules, and its budget; edits saved one by one.

use crate::error::{ErrorCode, IpcError};
use crate::state::AppState;
use nap_core::agency_plan_view::{agency_plan_view, AgencyPlanView};
use nap_core::edit::{
    new_agency_plan, new_sub_activity, set_agency_plan_field, set_sub_activity_field,
};
use nap_core::{Id, SubActivity};
use nap_store::{now, Document};
use tauri::State;

fn view_of(
    doc: &Document,
    agency_id: Option<Id>,
    second_language: bool,
) -> Result<AgencyPlanView, IpcError> {
    let mut view = agency_plan_view(doc.plan(), agency_id, second_language)?;
    view.locked = doc.scope_agency().is_some_and(|a| a != view.agency_id);
    Ok(view)
}

fn not_found(what: &str, id: Id) -> IpcError {
    IpcError {
        code: ErrorCode::RecordNotFound,
        message: format!("there is no {what} with id {id} in this plan"),
    }
}

/// The operational plan of `agency_id` (the first agency leading activities when `null`).
#[tauri::command]
pub fn agency_plan(
    state: State<'_, AppState>,
    agency_id: Option<Id>,
    second_language: bool,
) -> Result<AgencyPlanView, IpcError> {
    state.with_doc(|doc| view_of(doc, agency_id, second_language))
}

/// Starts the operational plan of an agency that has none.
#[tauri::command]
pub fn start_agency_plan(
    state: State<'_, AppState>,
    agency_id: Id,
    second_language: bool,
) -> Result<AgencyPlanView, IpcError> {
    state.with_doc(|doc| {
        let new = new_agency_plan(doc.plan(), agency_id, Id::new_v4(), &now(), doc.author())
            .ok_or_else(|| IpcError {
                code: ErrorCode::BadRequest,
                message: format!("agency {agency_id} is unknown or already has a plan"),
            })?;
        doc.upsert(new)?;
        view_of(doc, Some(agency_id), second_language)
    })
}

/// Sets `focal_point`, `focal_point_contact`, `notes` or `notes_l2` of an agency plan.
#[tauri::command]
pub fn set_agency_plan(
    state: State<'_, AppState>,
    id: Id,
    field: String,
    value: String,
    second_language: bool,
) -> Result<AgencyPlanView, IpcError> {
    state.with_doc(|doc| {
        let mut agency_plan = (doc.plan().agency_plans.iter())
            .find(|p| p.record.id == id)
            .cloned()
            .ok_or_else(|| not_found("agency plan", id))?;
        set_agency_plan_field(&mut agency_plan, &field, &value)?;
        let agency = agency_plan.agency_id;
        doc.upsert(agency_plan)?;
        view_of(doc, Some(agency), second_language)
    })
}

/// Adds a step titled `title` under `activity_id` to an agency plan.
#[tauri::command]
pub fn add_sub_activity(
    state: State<'_, AppState>,
    agency_plan_id: Id,
    activity_id: Id,
    title: String,
    second_language: bool,
) -> Result<AgencyPlanView, IpcError> {
    state.with_doc(|doc| {
        let title = nap_core::edit::required_text("title", &title)?;
        let step = new_sub_activity(
            doc.plan(),
            agency_plan_id,
            activity_id,
            &title,
            Id::new_v4(),
            &now(),
            doc.author(),
        )
        .ok_or_else(|| not_found("agency plan or activity", agency_plan_id))?;
        let agency = (doc.plan().agency_plans.iter())
            .find(|p| p.record.id == agency_plan_id)
            .map(|p| p.agency_id);
        doc.upsert(step)?;
        view_of(doc, agency, second_language)
    })
}

fn step_and_agency(doc: &Document, id: Id) -> Result<(SubActivity, Option<Id>), IpcError> {
    let step = (doc.plan().sub_activities.iter())
        .find(|s| s.record.id == id)
        .cloned()
        .ok_or_else(|| not_found("sub-activity", id))?;
    let agency = (doc.plan().agency_plans.iter())
        .find(|p| p.record.id == step.agency_plan_id)
        .map(|p| p.agency_id);
    Ok((step, agency))
}

/// Sets one field of a step (see `nap_core::edit::set_sub_activity_field`).
#[tauri::command]
pub fn set_sub_activity(
    state: State<'_, AppState>,
    id: Id,
    field: String,
    value: String,
    second_language: bool,
) -> Result<AgencyPlanView, IpcError> {
    state.with_doc(|doc| {
        let (mut step, agency) = step_and_agency(doc, id)?;
        set_sub_activity_field(doc.plan(), &mut step, &field, &value)?;
        doc.upsert(step)?;
        view_of(doc, agency, second_language)
    })
}

/// Deletes a step.
#[tauri::command]
pub fn delete_sub_activity(
    state: State<'_, AppState>,
    id: Id,
    second_language: bool,
) -> Result<AgencyPlanView, IpcError> {
    state.with_doc(|doc| {
        let (_, agency) = step_and_agency(doc, id)?;
        doc.delete::<SubActivity>(id)?;
        view_of(doc, agency, second_language)
    })
}
