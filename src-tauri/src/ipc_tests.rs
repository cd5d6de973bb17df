//! The IPC commands through Tauri's mock runtime: the JSON the UI receives, success and error.

use crate::state::AppState;
use nap_store::{Document, PlanFile};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{Manager, WebviewWindowBuilder};

fn app_with(document: Option<Document>) -> tauri::App<tauri::test::MockRuntime> {
    let app = mock_builder()
        .manage(AppState::default())
        .invoke_handler(crate::handler())
        // The app's real configuration and capabilities, so that the test also checks that
        // the main window is granted these commands.
        .build(tauri::generate_context!(test = true))
        .expect("mock app");
    *app.state::<AppState>().document.lock().unwrap() = document;
    app
}

/// The command's answer: `Ok` with the value the UI receives, or `Err` with its error.
struct Answer(Result<serde_json::Value, serde_json::Value>);

fn call(app: &tauri::App<tauri::test::MockRuntime>, cmd: &str) -> Answer {
    call_with(app, cmd, serde_json::json!({}))
}

fn call_with(
    app: &tauri::App<tauri::test::MockRuntime>,
    cmd: &str,
    args: serde_json::Value,
) -> Answer {
    let webview = match app.get_webview_window("main") {
        Some(w) => w,
        None => WebviewWindowBuilder::new(app, "main", Default::default())
            .build()
            .expect("mock window"),
    };
    let response = get_ipc_response(
        &webview,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            // The origin the app's own pages have on Linux.
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|body| {
        body.deserialize::<serde_json::Value>()
            .expect("JSON response")
    });
    Answer(response)
}

fn sample_doc(dir: &tempfile::TempDir) -> Document {
    let path = dir.path().join("s.nap");
    PlanFile::create(&path, &nap_core::sample::sample_plan(), false).unwrap();
    Document::open(&path, "test").unwrap()
}

#[test]
fn plan_summary_and_dashboard_cross_as_json_with_money_as_strings() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_with(Some(sample_doc(&dir)));
    let summary = call(&app, "plan_summary").0.expect("summary");
    assert_eq!(summary["start_year"], 2026);
    assert_eq!(summary["elements"]["resources"], 103);
    assert_eq!(
        summary["title"]["l2"],
        "ផែនការសកម្មភាពជាតិស្តីពីស្ត្រី សន្តិភាព និងសន្តិសុខ ២០២៦–២០៣០"
    );
    let dashboard = call(&app, "dashboard").0.expect("dashboard");
    let plan = nap_core::sample::sample_plan();
    let total = nap_core::costing::compute(&plan, None)
        .unwrap()
        .summary(&plan)
        .total_cost;
    assert_eq!(
        dashboard["total_cost"],
        serde_json::Value::String(total.round().to_string())
    );
    assert!(
        dashboard["by_pillar"][0]["amount"].is_string(),
        "money crosses as a decimal string"
    );
    assert_eq!(dashboard["completeness"].as_array().unwrap().len(), 6);
}

#[test]
fn without_a_plan_commands_answer_with_a_code() {
    let app = app_with(None);
    let err = call(&app, "dashboard").0.unwrap_err();
    assert_eq!(err["code"], "no_plan_open");
    assert!(err["message"].as_str().unwrap().contains("no plan"));
}

#[test]
fn budget_views_come_formatted_and_bad_requests_get_their_code() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_with(Some(sample_doc(&dir)));
    let request = |rows: &str| serde_json::json!({"request": {"rows": rows, "columns": "year", "measure": "cost", "rounding": "millions", "reconcile": true, "second_language": false}});
    let view = call_with(&app, "budget_view", request("pillar"))
        .0
        .expect("view");
    assert_eq!(view["columns"].as_array().unwrap().len(), 5);
    assert_eq!(view["rows"][0]["label"]["text"], "Participation");
    assert!(view["note"].is_null(), "reconciled");
    let err = call_with(&app, "budget_view", request("colour"))
        .0
        .unwrap_err();
    assert_eq!(err["code"], "bad_request");
}
