//! The IPC commands through Tauri's mock runtime: the JSON the UI receives, success and error.

use crate::commands;
use crate::state::AppState;
use nap_store::{Document, PlanFile};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{Manager, WebviewWindowBuilder};

fn app_with(document: Option<Document>) -> tauri::App<tauri::test::MockRuntime> {
    let app = mock_builder()
        .manage(AppState::default())
        .invoke_handler(tauri::generate_handler![
            commands::plan::plan_summary,
            commands::plan::dashboard
        ])
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
            body: InvokeBody::default(),
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
