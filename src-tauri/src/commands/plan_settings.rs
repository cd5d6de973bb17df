//! Commands of the plan's costing settings and classification names.

use crate::error::IpcError;
use crate::state::AppState;
use nap_app::plan_settings::PlanSettings;
use nap_core::edit::{ClassificationNameField, ExchangeRateField, PlanSettingField};
use nap_core::model::ClassificationScheme;
use nap_core::Id;
use tauri::State;

/// The plan's costing settings: contingency, inflation, base year, currencies, rates.
#[tauri::command]
pub fn plan_settings(state: State<'_, AppState>) -> Result<PlanSettings, IpcError> {
    state.with_doc(|doc| Ok(nap_app::plan_settings::plan_settings(doc)))
}

#[tauri::command]
pub fn set_plan_setting_field(
    state: State<'_, AppState>,
    field: PlanSettingField,
    value: String,
) -> Result<PlanSettings, IpcError> {
    state.with_doc(|doc| nap_app::plan_settings::set_plan_setting_field(doc, field, &value))
}

#[tauri::command]
pub fn set_exchange_rate(
    state: State<'_, AppState>,
    id: Id,
    field: ExchangeRateField,
    value: String,
) -> Result<PlanSettings, IpcError> {
    state.with_doc(|doc| nap_app::plan_settings::set_exchange_rate(doc, id, field, &value))
}

#[tauri::command]
pub fn add_exchange_rate(
    state: State<'_, AppState>,
    currency: String,
    rate: String,
) -> Result<PlanSettings, IpcError> {
    state.with_doc(|doc| nap_app::plan_settings::add_exchange_rate(doc, &currency, &rate))
}

/// Refused (`rate_needed`) while cost lines need the rate.
#[tauri::command]
pub fn delete_exchange_rate(state: State<'_, AppState>, id: Id) -> Result<PlanSettings, IpcError> {
    state.with_doc(|doc| nap_app::plan_settings::delete_exchange_rate(doc, id))
}

/// Names a classification code (`field`: `name` or `name_l2`); blank for the standard name.
#[tauri::command]
pub fn set_classification_name_field(
    state: State<'_, AppState>,
    scheme: ClassificationScheme,
    code: String,
    field: ClassificationNameField,
    value: String,
) -> Result<PlanSettings, IpcError> {
    state.with_doc(|doc| {
        nap_app::plan_settings::set_classification_name_field(doc, scheme, &code, field, &value)
    })
}
