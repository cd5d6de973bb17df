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
    invoke(&main_window(app), cmd, args)
}

/// The app's window, made when first asked for.
fn main_window(
    app: &tauri::App<tauri::test::MockRuntime>,
) -> tauri::WebviewWindow<tauri::test::MockRuntime> {
    match app.get_webview_window("main") {
        Some(w) => w,
        None => WebviewWindowBuilder::new(app, "main", Default::default())
            .build()
            .expect("mock window"),
    }
}

/// The command `cmd` asked for by the page of `webview`.
fn invoke(
    webview: &tauri::WebviewWindow<tauri::test::MockRuntime>,
    cmd: &str,
    args: serde_json::Value,
) -> Answer {
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

/// The app's data folder for the tests that use it: one for the whole test process, set
/// once, since the environment is shared by the tests running in parallel.
fn shared_data_dir() -> &'static std::path::Path {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("data dir");
        std::env::set_var("NAP_STUDIO_DATA_DIR", dir.path());
        dir
    })
    .path()
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

    // The same view in US dollars, and the medium-term view of 2027 (2027–2029).
    let with = |extra: serde_json::Value| {
        let mut r = serde_json::json!({"rows": "pillar", "columns": "year", "measure": "cost", "rounding": "unit", "reconcile": false, "second_language": false});
        r.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        call_with(&app, "budget_view", serde_json::json!({ "request": r })).0
    };
    let khr = with(serde_json::json!({})).expect("base currency");
    let usd = with(serde_json::json!({"currency": "USD"})).expect("in dollars");
    assert_eq!(khr["currency"], "KHR");
    assert_eq!(usd["currency"], "USD");
    assert_ne!(usd["total"], khr["total"]);
    let mtef = with(serde_json::json!({"budget_year": 2027})).expect("MTEF");
    assert_eq!(mtef["columns"], serde_json::json!(["2027", "2028", "2029"]));
    assert_eq!(mtef["rows"][0]["cells"][0], khr["rows"][0]["cells"][1]);
    for (extra, code) in [
        (serde_json::json!({"currency": "JPY"}), "costing"),
        (serde_json::json!({"budget_year": 2040}), "bad_request"),
    ] {
        assert_eq!(with(extra.clone()).unwrap_err()["code"], code, "{extra}");
    }
}

/// The plan as a fresh reader of `dir`'s file sees it.
fn on_disk(dir: &tempfile::TempDir) -> nap_core::Plan {
    Document::open(&dir.path().join("s.nap"), "reader")
        .unwrap()
        .plan()
        .clone()
}

#[test]
fn editing_a_quantity_saves_it_and_returns_the_new_amounts_and_totals() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_with(Some(sample_doc(&dir)));
    let all = serde_json::json!({});
    let grid = call_with(
        &app,
        "cost_grid",
        serde_json::json!({ "filter": all, "rows": 1000 }),
    )
    .0
    .expect("grid");
    let line = &grid["lines"][0];
    let id = line["id"].as_str().unwrap().to_string();
    let before_total = grid["totals"]["total"].as_str().unwrap().to_string();
    let update = call_with(
        &app,
        "set_cost_line",
        serde_json::json!({"id": id, "field": "quantity:2026", "value": "1,000", "filter": all}),
    )
    .0
    .expect("edit");
    assert_eq!(update["line"]["quantities"][0], "1000");
    assert_ne!(update["totals"]["total"].as_str().unwrap(), before_total);
    // The edit is in the file, and the returned totals are the engine's.
    let plan = on_disk(&dir);
    let saved = plan
        .cost_lines
        .iter()
        .find(|l| l.record.id.to_string() == id)
        .unwrap();
    assert_eq!(saved.quantities[&2026].to_string(), "1000");
    let engine = call_with(
        &app,
        "cost_grid",
        serde_json::json!({ "filter": all, "rows": 1000 }),
    )
    .0
    .expect("grid again");
    assert_eq!(engine["totals"], update["totals"]);

    // Undo puts the file back; redo repeats the edit.
    let history = call(&app, "undo").0.expect("undo");
    assert_eq!(history["redo"]["action"], "edit");
    assert_eq!(
        on_disk(&dir)
            .cost_lines
            .iter()
            .find(|l| l.record.id.to_string() == id)
            .unwrap()
            .quantities
            .get(&2026),
        nap_core::sample::sample_plan()
            .cost_lines
            .iter()
            .find(|l| l.record.id.to_string() == id)
            .unwrap()
            .quantities
            .get(&2026)
    );
    call(&app, "redo").0.expect("redo");
    assert_eq!(
        call(&app, "history").0.expect("history")["redo"],
        serde_json::Value::Null
    );
}

#[test]
fn the_grid_arrives_a_window_of_rows_at_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_with(Some(sample_doc(&dir)));
    let lines = on_disk(&dir).cost_lines;
    let first = call_with(
        &app,
        "cost_grid",
        serde_json::json!({"filter": {}, "rows": 10}),
    )
    .0
    .expect("grid");
    assert_eq!(first["lines"].as_array().unwrap().len(), 10);
    assert_eq!(first["totals"]["lines"], lines.len());
    let rows = |offset: usize, limit: usize| {
        call_with(
            &app,
            "cost_grid_rows",
            serde_json::json!({"filter": {}, "offset": offset, "limit": limit}),
        )
        .0
        .expect("rows")
    };
    let middle = rows(50, 20);
    assert_eq!(middle["offset"], 50);
    assert_eq!(middle["count"], lines.len());
    let ids: Vec<String> = middle["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["id"].as_str().unwrap().to_string())
        .collect();
    let expected: Vec<String> = lines[50..70]
        .iter()
        .map(|l| l.record.id.to_string())
        .collect();
    assert_eq!(ids, expected);
    // Past the end: the lines that are there, then none.
    assert_eq!(
        rows(lines.len() - 3, 20)["lines"].as_array().unwrap().len(),
        3
    );
    assert!(rows(lines.len() + 5, 20)["lines"]
        .as_array()
        .unwrap()
        .is_empty());
}

#[test]
fn a_value_being_typed_is_previewed_with_the_totals_it_would_give_and_nothing_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_with(Some(sample_doc(&dir)));
    let before = on_disk(&dir);
    let id = before.cost_lines[0].record.id.to_string();
    let args = |value: &str| serde_json::json!({"id": id, "field": "quantity:2026", "value": value, "filter": {}});
    let preview = call_with(&app, "preview_cost_line", args("1,000"))
        .0
        .expect("preview");
    assert_eq!(preview["line"]["quantities"][0], "1000");
    assert!(on_disk(&dir) == before, "nothing was saved");
    assert_eq!(
        call(&app, "history").0.expect("history")["undo"],
        serde_json::Value::Null
    );
    // Saving the same value gives what the preview showed.
    let saved = call_with(&app, "set_cost_line", args("1,000"))
        .0
        .expect("saved");
    assert_eq!(saved["line"]["amounts"], preview["line"]["amounts"]);
    assert_eq!(saved["totals"], preview["totals"]);
    // A value that would be refused is refused the same way, and still nothing changes.
    let saved_plan = on_disk(&dir);
    let err = call_with(&app, "preview_cost_line", args("12 kits"))
        .0
        .unwrap_err();
    assert_eq!(err["code"], "not_a_number");
    assert!(on_disk(&dir) == saved_plan);
}

/// The field crosses IPC as its typed name: one the cost line does not have never reaches the
/// use case, and the plan is untouched.
#[test]
fn a_field_a_cost_line_does_not_have_is_refused_before_the_use_case() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_with(Some(sample_doc(&dir)));
    let before = on_disk(&dir);
    let id = before.cost_lines[0].record.id.to_string();
    for field in ["record", "quantity:next", "unit_cost_l2"] {
        let answer = call_with(
            &app,
            "set_cost_line",
            serde_json::json!({"id": id, "field": field, "value": "1", "filter": {}}),
        )
        .0;
        assert!(answer.is_err(), "{field}: {answer:?}");
    }
    assert_eq!(on_disk(&dir), before, "nothing was saved");
    // The wire names the interface has always sent still work.
    let saved = call_with(
        &app,
        "set_cost_line",
        serde_json::json!({"id": id, "field": "item_l2", "value": "សិក្ខាសាលា", "filter": {}}),
    )
    .0
    .expect("the second-language item");
    assert_eq!(saved["line"]["item"]["l2"], "សិក្ខាសាលា");
}

#[test]
fn an_invalid_quantity_is_refused_with_its_code_and_nothing_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_with(Some(sample_doc(&dir)));
    let before = on_disk(&dir);
    let id = before.cost_lines[0].record.id.to_string();
    for (value, code) in [("12 kits", "not_a_number"), ("-5", "negative")] {
        let err = call_with(
            &app,
            "set_cost_line",
            serde_json::json!({"id": id, "field": "quantity:2027", "value": value, "filter": {}}),
        )
        .0
        .unwrap_err();
        assert_eq!(err["code"], code, "{value}");
    }
    assert_eq!(on_disk(&dir), before, "nothing was saved");
    assert_eq!(
        call(&app, "history").0.expect("history")["undo"],
        serde_json::Value::Null
    );
}

#[test]
fn an_activity_and_its_line_are_added_and_counted_in_the_pillar() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_with(Some(sample_doc(&dir)));
    let plan = on_disk(&dir);
    let output = &plan.outputs[0];
    let activity = call_with(
        &app,
        "add_activity",
        serde_json::json!({"outputId": output.record.id, "title": "Radio drama on women mediators", "leadAgencyId": null}),
    )
    .0
    .expect("activity");
    assert!(activity["code"]
        .as_str()
        .unwrap()
        .starts_with(&format!("{}.", output.code)));
    let pillar = activity["pillar_id"].clone();
    let filter = serde_json::json!({ "pillar_id": pillar });
    let before = call_with(
        &app,
        "cost_grid",
        serde_json::json!({ "filter": filter, "rows": 1000 }),
    )
    .0
    .expect("grid");
    let added = call_with(
        &app,
        "add_cost_line",
        serde_json::json!({"activityId": activity["id"], "item": "Studio hire", "filter": filter}),
    )
    .0
    .expect("line");
    let id = added["line"]["id"].clone();
    // The new line's row among those the filter shows is where the grid fetches it.
    let row = added["row"]
        .as_u64()
        .expect("the filter shows the new line");
    let at_row = call_with(
        &app,
        "cost_grid_rows",
        serde_json::json!({ "filter": filter, "offset": row, "limit": 1 }),
    )
    .0
    .expect("rows");
    assert_eq!(at_row["lines"][0]["id"], id);
    let set = |field: &str, value: &str| {
        call_with(
            &app,
            "set_cost_line",
            serde_json::json!({"id": id, "field": field, "value": value, "filter": filter}),
        )
        .0
        .expect(field)
    };
    set("unit_cost", "250000");
    let update = set("quantity:2026", "4");
    assert_eq!(update["line"]["amounts"][0], "1,000,000");
    assert_eq!(
        update["totals"]["lines"],
        before["totals"]["lines"].as_u64().unwrap() + 1
    );
    assert_ne!(update["totals"]["total"], before["totals"]["total"]);
    let err = call_with(
        &app,
        "add_activity",
        serde_json::json!({"outputId": output.record.id, "title": "  ", "leadAgencyId": null}),
    )
    .0
    .unwrap_err();
    assert_eq!(err["code"], "required");
}

#[test]
fn a_lump_sum_for_a_pillar_comes_back_as_a_marked_line_and_its_amount_is_typed_in_a_year() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_with(Some(sample_doc(&dir)));
    let plan = on_disk(&dir);
    let pillar = &plan.pillars[1];
    let year = plan.meta.start_year;
    let filter = serde_json::json!({ "pillar_id": pillar.record.id });
    let added = call_with(
        &app,
        "add_lump_sum",
        serde_json::json!({"target": {"level": "pillar", "id": pillar.record.id}, "item": "Budget as published", "filter": filter}),
    )
    .0
    .expect("lump sum");
    assert_eq!(added["line"]["lump_sum"], true);
    assert_eq!(added["line"]["unit"], "lump sum");
    let id = added["line"]["id"].clone();
    let update = call_with(
        &app,
        "set_cost_line",
        serde_json::json!({"id": id, "field": format!("quantity:{year}"), "value": "40,000,000", "filter": filter}),
    )
    .0
    .expect("amount");
    // Not inflated: the amount is the amount given.
    assert_eq!(update["line"]["amounts"][0], "40,000,000");
    let err = call_with(
        &app,
        "add_lump_sum",
        serde_json::json!({"target": {"level": "outcome", "id": pillar.record.id}, "item": "", "filter": filter}),
    )
    .0
    .unwrap_err();
    assert_eq!(err["code"], "record_not_found");
}

#[test]
fn exports_write_their_files_and_refuse_what_cannot_be_made() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_with(Some(sample_doc(&dir)));
    let request = |kind: &str, path: &std::path::Path| serde_json::json!({"request": {"kind": kind, "path": path.display().to_string(), "lang": "km", "rounding": "unit", "table": "pillar-year"}});
    for (kind, magic) in [
        ("annex", &b"%PDF"[..]),
        ("workbook", &b"PK"[..]),
        ("json", &b"{"[..]),
    ] {
        let path = dir.path().join(format!("out.{kind}"));
        let done = call_with(&app, "export_plan", request(kind, &path))
            .0
            .expect(kind);
        let bytes = std::fs::read(&path).unwrap();
        assert!(bytes.starts_with(magic), "{kind}");
        assert_eq!(
            done["kilobytes"].as_u64().unwrap(),
            bytes.len().div_ceil(1024) as u64
        );
    }
    let csv = dir.path().join("pillars.csv");
    call_with(&app, "export_plan", request("csv", &csv))
        .0
        .expect("csv");
    assert!(std::fs::read_to_string(&csv)
        .unwrap()
        .contains("Participation"));

    let nowhere = dir.path().join("missing folder").join("annex.pdf");
    let err = call_with(&app, "export_plan", request("annex", &nowhere))
        .0
        .unwrap_err();
    assert_eq!(err["code"], "io");
    // A kind of export that does not exist is a typed request the window cannot send:
    // refused when it is read, before anything runs.
    let slides = dir.path().join("out.slides");
    assert!(call_with(&app, "export_plan", request("slides", &slides))
        .0
        .is_err());
    assert!(!slides.exists());
    let err = call_with(
        &app,
        "export_plan",
        request("annex", std::path::Path::new("")),
    )
    .0
    .unwrap_err();
    assert_eq!(err["code"], "required");
    let suggested = call_with(
        &app,
        "suggested_export_path",
        serde_json::json!({"request": {"kind": "annex", "path": "", "lang": "km", "rounding": "unit"}}),
    )
    .0
    .expect("suggestion");
    assert!(suggested
        .as_str()
        .unwrap()
        .ends_with("s - budget annex (km).pdf"));
}

#[test]
fn opening_a_bad_file_keeps_the_open_plan_and_new_plans_are_created_and_remembered() {
    let dir = tempfile::tempdir().unwrap();
    // The recent-plans list lives in the app's data folder.
    shared_data_dir();
    let app = app_with(Some(sample_doc(&dir)));
    let damaged = dir.path().join("damaged.nap");
    std::fs::write(&damaged, b"SQLite format 3\0 but not really a database").unwrap();
    let err = call_with(
        &app,
        "open_plan",
        serde_json::json!({"path": damaged.display().to_string()}),
    )
    .0
    .unwrap_err();
    assert!(
        ["not_a_plan", "damaged", "truncated"].contains(&err["code"].as_str().unwrap()),
        "{err}"
    );
    let still = call(&app, "plan_summary")
        .0
        .expect("the sample is still open");
    assert!(still["path"].as_str().unwrap().ends_with("s.nap"));

    let path = dir.path().join("Kampuchea NAP.nap");
    let request = |path: &std::path::Path, country: &str| serde_json::json!({"request": {"path": path.display().to_string(), "title": "NAP WPS 2027–2031", "country": country, "start_year": 2027, "end_year": 2031, "currency": "KHR", "from_sample": false}});
    let err = call_with(&app, "create_plan", request(&path, "Cambodia"))
        .0
        .unwrap_err();
    assert_eq!(err["code"], "invalid");
    assert!(!path.exists(), "nothing was created");
    let created = call_with(&app, "create_plan", request(&path, "kh"))
        .0
        .expect("created");
    assert_eq!(created["title"]["text"], "NAP WPS 2027–2031");
    assert_eq!(created["country"], "KH");
    assert_eq!(created["elements"]["resources"], 0);
    let summary = call(&app, "plan_summary").0.expect("the new plan is open");
    assert_eq!(summary["start_year"], 2027);
    let err = call_with(&app, "create_plan", request(&path, "KH"))
        .0
        .unwrap_err();
    assert_eq!(err["code"], "already_exists");

    let recent = call(&app, "recent_plans").0.expect("recent");
    assert_eq!(recent[0]["path"], path.display().to_string());
    assert_eq!(recent[0]["title"], "NAP WPS 2027–2031");
    // Reopening the sample puts it first.
    let sample = dir.path().join("s.nap");
    call_with(
        &app,
        "open_plan",
        serde_json::json!({"path": sample.display().to_string()}),
    )
    .0
    .expect("reopen");
    let recent = call(&app, "recent_plans").0.expect("recent");
    assert_eq!(recent[0]["path"], sample.display().to_string());
    assert_eq!(recent.as_array().unwrap().len(), 2);

    // A French plan in CFA francs from the form's pickers: its standard pillars are French.
    let choices = call(&app, "new_plan_choices").0.expect("choices");
    let currencies = choices["currencies"].as_array().unwrap();
    assert!(currencies
        .iter()
        .any(|c| c["code"] == "XOF" && c["name"].as_str().unwrap().contains("CFA")));
    assert!(choices["languages"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["code"] == "fr"));
    let french = dir.path().join("PAN.nap");
    call_with(&app, "create_plan", serde_json::json!({"request": {"path": french.display().to_string(), "title": "PAN 1325", "country": "SN", "start_year": 2027, "end_year": 2029, "currency": "XOF", "from_sample": false, "language": "fr", "second_language": null}}))
        .0
        .expect("a French plan");
    let plan = Document::open(&french, "reader").unwrap().plan().clone();
    assert_eq!(plan.meta.working_language, "fr");
    assert_eq!(plan.meta.second_language, None);
    assert_eq!(plan.pillars[1].title.text, "Prévention");
    let err = call_with(&app, "create_plan", serde_json::json!({"request": {"path": dir.path().join("bad.nap").display().to_string(), "title": "x", "country": "SN", "start_year": 2027, "end_year": 2029, "currency": "XOF", "from_sample": false, "language": "fr", "second_language": "fr"}}))
        .0
        .unwrap_err();
    assert_eq!(err["code"], "invalid");
}

#[test]
fn the_user_s_agency_is_recorded_on_their_edits() {
    shared_data_dir();
    let dir = tempfile::tempdir().unwrap();
    let app = app_with(Some(sample_doc(&dir)));
    let err = call_with(
        &app,
        "set_preferences",
        serde_json::json!({"preferences": {"language": "fr", "author": "x"}}),
    )
    .0
    .unwrap_err();
    assert_eq!(err["code"], "bad_request");
    let saved = call_with(
        &app,
        "set_preferences",
        serde_json::json!({"preferences": {"language": "km", "author": "  MOI planning department "}}),
    )
    .0
    .expect("saved");
    assert_eq!(saved["author"], "MOI planning department");
    assert_eq!(call(&app, "preferences").0.expect("read")["language"], "km");
    let id = on_disk(&dir).cost_lines[0].record.id.to_string();
    call_with(
        &app,
        "set_cost_line",
        serde_json::json!({"id": id, "field": "note", "value": "checked with MOI", "filter": {}}),
    )
    .0
    .expect("edit");
    let line = on_disk(&dir)
        .cost_lines
        .into_iter()
        .find(|l| l.record.id.to_string() == id)
        .unwrap();
    assert_eq!(line.record.modified_by, "MOI planning department");
}

#[test]
fn a_copy_for_another_ministry_is_scoped_to_its_agency_and_can_be_merged_back() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_with(Some(sample_doc(&dir)));
    let agencies = call(&app, "plan_agencies").0.expect("agencies");
    let moi = agencies
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["code"] == "MOI")
        .expect("the sample has MOI")
        .clone();
    let copy = dir.path().join("for MOI.nap");
    let request = |agency: &str| serde_json::json!({"request": {"kind": "copy", "path": copy.display().to_string(), "lang": "en", "rounding": "unit", "table": "lines", "agency": agency, "note": "Please cost your activities"}});
    let err = call_with(&app, "export_plan", request("XYZ"))
        .0
        .unwrap_err();
    assert_eq!(err["code"], "bad_request");
    assert!(!copy.exists());
    let done = call_with(&app, "export_plan", request("moi"))
        .0
        .expect("sent");
    assert!(done["kilobytes"].as_u64().unwrap() > 0);
    // The copy knows it is MOI's part of this plan.
    let file = PlanFile::open(&copy, nap_store::Access::ReadOnly).unwrap();
    let info = nap_store::sharing::copy_info(&file)
        .unwrap()
        .expect("copy info");
    assert_eq!(
        info.scope_agency_id.map(|id| id.to_string()).as_deref(),
        moi["id"].as_str()
    );
    assert_eq!(info.note, "Please cost your activities");
    assert!(info.base_id.is_some(), "it can be merged back");
    let err = call_with(&app, "export_plan", request("MOI"))
        .0
        .unwrap_err();
    assert_eq!(err["code"], "already_exists", "a copy is never overwritten");
}

/// The lines of the cost grid (all of them, no filter).
fn grid_lines(app: &tauri::App<tauri::test::MockRuntime>) -> Vec<serde_json::Value> {
    let grid = call_with(
        app,
        "cost_grid",
        serde_json::json!({"filter": {}, "rows": 1000}),
    )
    .0
    .expect("grid");
    grid["lines"].as_array().unwrap().clone()
}

fn set_quantity(
    app: &tauri::App<tauri::test::MockRuntime>,
    id: &serde_json::Value,
    value: &str,
) -> Answer {
    call_with(
        app,
        "set_cost_line",
        serde_json::json!({"id": id, "field": "quantity:2026", "value": value, "filter": {}}),
    )
}

#[test]
fn a_returned_copy_is_reviewed_then_merged_as_decided_and_can_be_undone() {
    let dir = tempfile::tempdir().unwrap();
    let ours_path = dir.path().join("s.nap");
    let secretariat = app_with(Some(sample_doc(&dir)));
    let copy = dir.path().join("for MOI.nap");
    call_with(&secretariat, "export_plan", serde_json::json!({"request": {"kind": "copy", "path": copy.display().to_string(), "lang": "en", "rounding": "unit", "table": "lines", "agency": "MOI", "note": "Please cost your activities"}}))
        .0
        .expect("sent");

    // The ministry opens its copy: its part is editable, the rest is locked and refused.
    let ministry = app_with(Some(Document::open(&copy, "MOI planning").unwrap()));
    let summary = call(&ministry, "plan_summary").0.expect("summary");
    assert!(summary["scope_agency"]
        .as_str()
        .is_some_and(|n| n.contains("Interior")));
    let lines = grid_lines(&ministry);
    let own: Vec<_> = lines.iter().filter(|l| l["locked"] == false).collect();
    let locked: Vec<_> = lines.iter().filter(|l| l["locked"] == true).collect();
    assert!(!own.is_empty() && !locked.is_empty());
    let err = set_quantity(&ministry, &locked[0]["id"], "5")
        .0
        .unwrap_err();
    assert_eq!(err["code"], "outside_scope");
    set_quantity(&ministry, &own[0]["id"], "41")
        .0
        .expect("own line");
    set_quantity(&ministry, &own[1]["id"], "42")
        .0
        .expect("own line");
    drop(ministry);

    // Meanwhile the secretariat changed one of the same lines.
    set_quantity(&secretariat, &own[0]["id"], "7")
        .0
        .expect("edit");
    let path = copy.display().to_string();
    let review = call_with(
        &secretariat,
        "review_merge",
        serde_json::json!({"path": path}),
    )
    .0
    .expect("review");
    assert_eq!(review["note"], "Please cost your activities");
    assert_eq!(review["conflicts"].as_array().unwrap().len(), 1);
    let conflict = &review["conflicts"][0];
    assert_eq!(conflict["element"], "resources");
    assert!(conflict["ours"].as_str().unwrap().contains('7'));
    assert!(conflict["theirs"].as_str().unwrap().contains("41"));
    assert_eq!(conflict["their_author"], "MOI planning");
    let change = review["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == own[1]["id"])
        .expect("the clean change");
    assert_eq!(change["action"], "change");

    // Apply is refused while the conflict has no side, and nothing changes.
    let before = std::fs::read(&ours_path).unwrap();
    let err = call_with(
        &secretariat,
        "apply_merge",
        serde_json::json!({"path": path, "choices": {"rejected": [], "chosen": []}}),
    )
    .0
    .unwrap_err();
    assert_eq!(err["code"], "unresolved");
    assert!(std::fs::read(&ours_path).unwrap() == before);

    // Take theirs for the conflict and turn the clean change down.
    let choices = serde_json::json!({
        "rejected": [{"kind": change["kind"], "id": change["id"]}],
        "chosen": [{"kind": conflict["kind"], "id": conflict["id"], "field": conflict["field"], "side": "theirs"}],
    });
    let outcome = call_with(
        &secretariat,
        "apply_merge",
        serde_json::json!({"path": path, "choices": choices}),
    )
    .0
    .expect("merged");
    assert_eq!(outcome["took_theirs"], 1);
    assert_eq!(outcome["turned_down"], 1);
    let quantity = |app: &tauri::App<tauri::test::MockRuntime>, id: &serde_json::Value| {
        grid_lines(app)
            .into_iter()
            .find(|l| &l["id"] == id)
            .unwrap()["quantities"][0]
            .clone()
    };
    assert_eq!(quantity(&secretariat, &own[0]["id"]), "41");
    assert_ne!(quantity(&secretariat, &own[1]["id"]), "42");
    let history = call(&secretariat, "history").0.expect("history");
    assert_eq!(
        history["undo"]["action"], "merge",
        "the app's Undo undoes the merge"
    );
    let merges = call(&secretariat, "merges").0.expect("merges");
    assert_eq!(merges.as_array().unwrap().len(), 1);
    assert!(merges[0]["from_file"]
        .as_str()
        .unwrap()
        .ends_with("for MOI.nap"));

    // Undo restores the plan as it was before the merge.
    let after_undo = call(&secretariat, "undo_merge").0.expect("undone");
    assert_eq!(after_undo[0]["undone"], true);
    assert_eq!(quantity(&secretariat, &own[0]["id"]), "7");
    let err = call(&secretariat, "undo_merge").0.unwrap_err();
    assert_eq!(err["code"], "nothing_to_undo");
}

#[test]
fn a_file_that_cannot_be_merged_is_refused_and_the_plan_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_with(Some(sample_doc(&dir)));
    let ours = std::fs::read(dir.path().join("s.nap")).unwrap();
    let random = dir.path().join("random.nap");
    std::fs::write(&random, b"not a plan at all, just bytes").unwrap();
    let other = dir.path().join("other.nap");
    let mut plan = nap_core::sample::sample_plan();
    plan.meta.record.id = nap_core::Id::from_u128(42);
    PlanFile::create(&other, &plan, false).unwrap();
    for (path, code) in [
        (&random, "not_a_plan"),
        (&other, "foreign_plan"),
        (&dir.path().join("missing.nap"), "not_found"),
    ] {
        let err = call_with(
            &app,
            "review_merge",
            serde_json::json!({"path": path.display().to_string()}),
        )
        .0
        .unwrap_err();
        assert_eq!(err["code"], code, "{err}");
    }
    let err = call_with(&app, "review_merge", serde_json::json!({"path": " "}))
        .0
        .unwrap_err();
    assert_eq!(err["code"], "required");
    assert!(std::fs::read(dir.path().join("s.nap")).unwrap() == ours);
}

#[test]
fn plan_settings_are_edited_checked_and_kept_costable() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_with(Some(sample_doc(&dir)));
    let file = dir.path().join("s.nap");
    let total = |app: &tauri::App<tauri::test::MockRuntime>| {
        call(app, "dashboard").0.expect("dashboard")["total_cost"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let settings = call(&app, "plan_settings").0.expect("settings");
    assert_eq!(settings["contingency"], "5");
    assert_eq!(settings["locked"], false);
    let before_total = total(&app);
    let set = |field: &str, value: &str| {
        call_with(
            &app,
            "set_plan_setting_field",
            serde_json::json!({"field": field, "value": value}),
        )
        .0
    };
    let changed = set("contingency", "10").expect("saved");
    assert_eq!(changed["contingency"], "10");
    assert_ne!(
        total(&app),
        before_total,
        "the dashboard follows the contingency"
    );

    let bytes = std::fs::read(&file).unwrap();
    for (field, value, code) in [
        ("contingency", "150", "over_hundred_percent"),
        ("inflation:2099", "3", "year_outside_plan"),
        ("presentation_currency", "EUR", "no_exchange_rate"),
    ] {
        assert_eq!(
            set(field, value).unwrap_err()["code"],
            code,
            "{field}={value}"
        );
    }
    assert!(
        std::fs::read(&file).unwrap() == bytes,
        "refused values write nothing"
    );

    let add = |currency: &str, rate: &str| {
        call_with(
            &app,
            "add_exchange_rate",
            serde_json::json!({"currency": currency, "rate": rate}),
        )
        .0
    };
    let with_eur = add("eur", "4450").expect("added");
    let eur = with_eur["rates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["currency"] == "EUR")
        .expect("the new rate")
        .clone();
    assert_eq!(eur["rate"], "4450");
    assert_eq!(add("EUR", "4400").unwrap_err()["code"], "duplicate_rate");
    assert_eq!(add("KHR", "1").unwrap_err()["code"], "base_currency");
    set("presentation_currency", "EUR").expect("now it has a rate");

    // The USD rate is needed by the sample's USD lines: narrowing or deleting it is refused.
    let usd = with_eur["rates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["currency"] == "USD")
        .unwrap()["id"]
        .clone();
    let err = call_with(&app, "delete_exchange_rate", serde_json::json!({"id": usd}))
        .0
        .unwrap_err();
    assert_eq!(err["code"], "rate_needed");
    let err = call_with(
        &app,
        "set_exchange_rate",
        serde_json::json!({"id": usd, "field": "year", "value": "2027"}),
    )
    .0
    .unwrap_err();
    assert_eq!(err["code"], "rate_needed");
    set("presentation_currency", "").expect("cleared");
    let after = call_with(
        &app,
        "delete_exchange_rate",
        serde_json::json!({"id": eur["id"]}),
    )
    .0
    .expect("an unused rate can go");
    assert!(!after["rates"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["currency"] == "EUR"));
}

#[test]
fn funding_sources_are_added_edited_and_close_the_gap_and_bad_values_save_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_with(Some(sample_doc(&dir)));
    let file = dir.path().join("s.nap");
    let view = call(&app, "funding").0.expect("funding view");
    let gap_before: rust_decimal::Decimal = view["gap"].as_str().unwrap().parse().unwrap();
    assert!(
        gap_before > rust_decimal::Decimal::ZERO,
        "the sample has a gap"
    );
    let sources_before = view["sources"].as_array().unwrap().len();

    let added = call_with(
        &app,
        "add_funding_source",
        serde_json::json!({"name": "UN Women"}),
    )
    .0
    .expect("added");
    let sources = added["sources"].as_array().unwrap();
    assert_eq!(sources.len(), sources_before + 1);
    let new = sources.last().unwrap();
    assert_eq!(new["name"]["text"], "UN Women");
    assert_eq!(new["status"], "committed");
    assert_eq!(new["modified_by"], "test");
    let id = new["id"].clone();
    let set = |field: &str, value: &str| {
        call_with(
            &app,
            "set_funding_source",
            serde_json::json!({"id": id, "field": field, "value": value}),
        )
        .0
    };
    // Unearmarked committed money in the first year pays for cost in that year.
    let funded = set("amount:2026", "1000000").expect("amount saved");
    let row = funded["sources"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(row["amounts"][0], "1000000");
    let gap_after: rust_decimal::Decimal = funded["gap"].as_str().unwrap().parse().unwrap();
    assert_eq!(gap_before - gap_after, "1000000".parse().unwrap());
    assert_eq!(row["allocated"][0], "1000000");

    let bytes = std::fs::read(&file).unwrap();
    for (field, value, code) in [
        ("amount:2026", "a lot", "not_a_number"),
        ("amount:2099", "5", "year_outside_plan"),
        ("status", "promised", "unknown_choice"),
        ("currency", "JPY", "no_exchange_rate"),
        ("name", " ", "required"),
        ("earmark_add", "pillar:nothing", "unknown_choice"),
    ] {
        assert_eq!(
            set(field, value).unwrap_err()["code"],
            code,
            "{field}={value}"
        );
    }
    let err = call_with(&app, "add_funding_source", serde_json::json!({"name": ""}))
        .0
        .unwrap_err();
    assert_eq!(err["code"], "required");
    // A source cost lines name cannot go.
    let named = on_disk(&dir)
        .cost_lines
        .iter()
        .find_map(|l| l.funding_source_id)
        .expect("the sample names a source");
    let err = call_with(
        &app,
        "delete_funding_source",
        serde_json::json!({"id": named}),
    )
    .0
    .unwrap_err();
    assert_eq!(err["code"], "still_referenced");
    assert!(
        std::fs::read(&file).unwrap() == bytes,
        "refused values write nothing"
    );

    // Earmarked to a pillar, the money pays only for that pillar's cost.
    let pillar = added["earmark_choices"][0].clone();
    assert_eq!(pillar["target"], "pillar");
    let earmarked = set(
        "earmark_add",
        &format!("pillar:{}", pillar["id"].as_str().unwrap()),
    )
    .expect("earmark saved");
    let row = earmarked["sources"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(row["earmarks"][0]["code"], pillar["code"]);
    let deleted = call_with(&app, "delete_funding_source", serde_json::json!({"id": id}))
        .0
        .expect("an unused source can go");
    assert_eq!(deleted["gap"], view["gap"]);
    assert_eq!(on_disk(&dir).funding_sources.len(), sources_before);
}

#[test]
fn results_are_moved_renumbered_edited_and_undone_and_bad_values_save_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_with(Some(sample_doc(&dir)));
    let file = dir.path().join("s.nap");
    let view = call(&app, "results").0.expect("results view");
    let nodes = view["nodes"].as_array().unwrap().clone();
    let find = |nodes: &[serde_json::Value], code: &str| {
        nodes
            .iter()
            .find(|n| n["code"] == code && n["level"] == "outcome")
            .cloned()
            .unwrap_or_else(|| panic!("outcome {code}"))
    };
    let second = find(&nodes, "1.2");
    assert_eq!(second["first"], false);

    let moved = call_with(
        &app,
        "move_result_step",
        serde_json::json!({"level": "outcome", "id": second["id"], "up": true}),
    )
    .0
    .expect("moved");
    let moved_nodes = moved["nodes"].as_array().unwrap();
    assert_eq!(find(moved_nodes, "1.1")["id"], second["id"]);
    // Its outputs follow it in the tree and carry its new code.
    let at = moved_nodes
        .iter()
        .position(|n| n["id"] == second["id"])
        .unwrap();
    assert_eq!(moved_nodes[at + 1]["level"], "output");
    assert!(moved_nodes[at + 1]["code"]
        .as_str()
        .unwrap()
        .starts_with("1.1."));
    let history = call(&app, "history").0.expect("history");
    assert_eq!(history["undo"]["action"], "move");
    call(&app, "undo").0.expect("undo the move");
    let back = call(&app, "results").0.unwrap();
    assert_eq!(back["nodes"], view["nodes"], "the tree is as it was");

    // Dragged onto its first sibling: the same move, as one undoable step.
    let first = find(&nodes, "1.1");
    let dragged = call_with(
        &app,
        "move_result_to",
        serde_json::json!({"level": "outcome", "id": second["id"], "target": first["id"]}),
    )
    .0
    .expect("dragged");
    let places = |view: &serde_json::Value| -> Vec<(String, String)> {
        view["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| (n["id"].to_string(), n["code"].to_string()))
            .collect()
    };
    assert_eq!(places(&dragged), places(&moved));
    // Onto an outcome of another pillar: refused, and the file is untouched.
    let bytes_before = std::fs::read(&file).unwrap();
    let elsewhere = find(&nodes, "2.1");
    let err = call_with(
        &app,
        "move_result_to",
        serde_json::json!({"level": "outcome", "id": second["id"], "target": elsewhere["id"]}),
    )
    .0
    .unwrap_err();
    assert_eq!(err["code"], "unknown_choice");
    assert!(std::fs::read(&file).unwrap() == bytes_before);
    call(&app, "undo").0.expect("undo the drag");
    let back = call(&app, "results").0.unwrap();
    assert_eq!(back["nodes"], view["nodes"], "the tree is as it was");

    // A title in Khmer, a new output with an indicator.
    let outcome = find(&nodes, "1.1");
    let titled = call_with(
        &app,
        "set_result",
        serde_json::json!({"level": "outcome", "id": outcome["id"], "field": "title_l2", "value": "ស្ត្រីក្នុងតំណែងជាន់ខ្ពស់"}),
    )
    .0
    .expect("title saved");
    assert_eq!(
        find(titled["nodes"].as_array().unwrap(), "1.1")["title"]["l2"],
        "ស្ត្រីក្នុងតំណែងជាន់ខ្ពស់"
    );
    let added = call_with(
        &app,
        "add_result",
        serde_json::json!({"parentId": outcome["id"], "title": "Mentoring for women officers"}),
    )
    .0
    .expect("output added");
    let output = added["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["title"]["text"] == "Mentoring for women officers")
        .cloned()
        .unwrap();
    assert_eq!(output["level"], "output");
    let with_indicator = call_with(
        &app,
        "add_indicator",
        serde_json::json!({"parentId": output["id"], "statement": "Women officers mentored"}),
    )
    .0
    .expect("indicator added");
    let indicator = with_indicator["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["statement"]["text"] == "Women officers mentored")
        .cloned()
        .unwrap();
    assert_eq!(indicator["level"], "output");
    let target = call_with(
        &app,
        "set_indicator",
        serde_json::json!({"id": indicator["id"], "field": "target:2027", "value": "40"}),
    )
    .0
    .expect("target saved");
    let row = target["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == indicator["id"])
        .cloned()
        .unwrap();
    assert_eq!(row["targets"][1], "40");

    let bytes = std::fs::read(&file).unwrap();
    let refused = |cmd: &str, args: serde_json::Value| {
        call_with(&app, cmd, args).0.unwrap_err()["code"].clone()
    };
    assert_eq!(
        refused(
            "set_indicator",
            serde_json::json!({"id": indicator["id"], "field": "target:2027", "value": "forty"})
        ),
        "not_a_number"
    );
    assert_eq!(
        refused(
            "set_result",
            serde_json::json!({"level": "outcome", "id": outcome["id"], "field": "title", "value": " "})
        ),
        "required"
    );
    assert_eq!(
        refused(
            "move_result_step",
            serde_json::json!({"level": "pillar", "id": view["nodes"][0]["id"], "up": true})
        ),
        "unknown_choice"
    );
    assert_eq!(
        refused(
            "delete_result",
            serde_json::json!({"level": "outcome", "id": outcome["id"]})
        ),
        "still_referenced"
    );
    assert_eq!(
        refused(
            "add_result",
            serde_json::json!({"parentId": indicator["id"], "title": "x"})
        ),
        "record_not_found"
    );
    assert!(
        std::fs::read(&file).unwrap() == bytes,
        "refusals write nothing"
    );
    call_with(
        &app,
        "delete_indicator",
        serde_json::json!({"id": indicator["id"]}),
    )
    .0
    .expect("an indicator without progress can go");
    call_with(
        &app,
        "delete_result",
        serde_json::json!({"level": "output", "id": output["id"]}),
    )
    .0
    .expect("an empty output can go");
    assert_eq!(
        on_disk(&dir).outputs.len(),
        nap_core::sample::sample_plan().outputs.len()
    );
}

#[test]
fn narrative_sections_are_edited_moved_and_undone() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_with(Some(sample_doc(&dir)));
    let file = dir.path().join("s.nap");
    let view = call(&app, "narrative").0.expect("narrative");
    let first = view["sections"][0].clone();
    let second = view["sections"][1].clone();
    let saved = call_with(
        &app,
        "set_narrative",
        serde_json::json!({"id": first["id"], "field": "body_l2", "value": "## បរិបទ\n\n- **ស្ត្រី** ២១ %\n"}),
    )
    .0
    .expect("Khmer body saved");
    assert_eq!(
        saved["sections"][0]["body"]["l2"],
        "## បរិបទ\n\n- **ស្ត្រី** ២១ %"
    );
    assert_eq!(
        on_disk(&dir).narrative[0].body.l2.as_deref(),
        Some("## បរិបទ\n\n- **ស្ត្រី** ២១ %")
    );

    let moved = call_with(
        &app,
        "move_narrative",
        serde_json::json!({"id": second["id"], "up": true}),
    )
    .0
    .expect("moved");
    assert_eq!(moved["sections"][0]["id"], second["id"]);
    call(&app, "undo").0.expect("undo the move");
    assert_eq!(
        on_disk(&dir).narrative[0].record.id.to_string(),
        first["id"].as_str().unwrap()
    );

    let bytes = std::fs::read(&file).unwrap();
    let refused = |cmd: &str, args: serde_json::Value| {
        call_with(&app, cmd, args).0.unwrap_err()["code"].clone()
    };
    assert_eq!(
        refused(
            "set_narrative",
            serde_json::json!({"id": first["id"], "field": "title", "value": ""})
        ),
        "required"
    );
    assert_eq!(
        refused(
            "move_narrative",
            serde_json::json!({"id": first["id"], "up": true})
        ),
        "unknown_choice"
    );
    assert_eq!(
        refused(
            "add_narrative_section",
            serde_json::json!({"kind": "preface", "title": "x"})
        ),
        "unknown_choice"
    );
    assert!(
        std::fs::read(&file).unwrap() == bytes,
        "refusals write nothing"
    );
    let added = call_with(
        &app,
        "add_narrative_section",
        serde_json::json!({"kind": "other", "title": "Glossary"}),
    )
    .0
    .expect("added");
    let last = added["sections"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["title"]["text"], "Glossary");
    call_with(
        &app,
        "delete_narrative_section",
        serde_json::json!({"id": last["id"]}),
    )
    .0
    .expect("deleted");
    assert_eq!(
        on_disk(&dir).narrative.len(),
        view["sections"].as_array().unwrap().len()
    );
}

#[test]
fn coordinating_bodies_are_edited_charted_and_loops_refused() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_with(Some(sample_doc(&dir)));
    let file = dir.path().join("s.nap");
    let view = call(&app, "coordination").0.expect("coordination");
    let bodies = view["bodies"].as_array().unwrap().clone();
    assert_eq!(
        view["chart"]["boxes"].as_array().unwrap().len(),
        bodies.len()
    );
    let top = bodies
        .iter()
        .find(|b| b["reports_to_id"].is_null())
        .unwrap()
        .clone();
    let added = call_with(
        &app,
        "add_body",
        serde_json::json!({"name": "Gender focal points network", "reportsToId": top["id"]}),
    )
    .0
    .expect("added");
    let new = added["bodies"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(new["code"], "CB-1");
    // The new body is drawn below the top body, with a line to it.
    let boxes = added["chart"]["boxes"].as_array().unwrap();
    let y_of = |id: &serde_json::Value| {
        boxes.iter().find(|b| &b["id"] == id).unwrap()["y"]
            .as_u64()
            .unwrap()
    };
    assert!(y_of(&new["id"]) > y_of(&top["id"]));
    assert_eq!(
        added["chart"]["lines"].as_array().unwrap().len(),
        view["chart"]["lines"].as_array().unwrap().len() + 1
    );
    let agency = added["agencies"][0]["id"].as_str().unwrap().to_string();
    let member = call_with(
        &app,
        "set_body",
        serde_json::json!({"id": new["id"], "field": format!("member:{agency}"), "value": "true"}),
    )
    .0
    .expect("member added");
    let row = member["bodies"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(row["member_ids"][0], agency);

    let bytes = std::fs::read(&file).unwrap();
    let refused =
        |args: serde_json::Value| call_with(&app, "set_body", args).0.unwrap_err()["code"].clone();
    assert_eq!(
        refused(serde_json::json!({"id": top["id"], "field": "reports_to_id", "value": new["id"]})),
        "cycle"
    );
    assert_eq!(
        refused(serde_json::json!({"id": new["id"], "field": "name", "value": ""})),
        "required"
    );
    let err = call_with(&app, "delete_body", serde_json::json!({"id": top["id"]}))
        .0
        .unwrap_err();
    assert_eq!(err["code"], "still_referenced");
    assert!(
        std::fs::read(&file).unwrap() == bytes,
        "refusals write nothing"
    );
    call_with(&app, "delete_body", serde_json::json!({"id": new["id"]}))
        .0
        .expect("a body nobody reports to can go");
    assert_eq!(on_disk(&dir).bodies.len(), bodies.len());
}

#[test]
fn an_agency_plan_is_started_and_its_steps_scheduled_by_quarter() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_with(Some(sample_doc(&dir)));
    let file = dir.path().join("s.nap");
    let first = call_with(
        &app,
        "agency_plan",
        serde_json::json!({"agencyId": null, "secondLanguage": false}),
    )
    .0
    .expect("agency plans");
    let without = first["agencies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["has_plan"] == false && a["leads"].as_u64().unwrap() > 0)
        .cloned()
        .expect("an agency leading activities without a plan");
    let agency = without["agency"]["id"].clone();
    let view = call_with(
        &app,
        "agency_plan",
        serde_json::json!({"agencyId": agency, "secondLanguage": false}),
    )
    .0
    .unwrap();
    assert!(view["plan"].is_null());
    assert_ne!(view["budget"]["total"], "0", "it leads costed activities");
    let started = call_with(
        &app,
        "start_agency_plan",
        serde_json::json!({"agencyId": agency, "secondLanguage": false}),
    )
    .0
    .expect("started");
    let plan_id = started["plan"]["id"].clone();
    let activity = started["activities"][0]["id"].clone();
    let added = call_with(
        &app,
        "add_sub_activity",
        serde_json::json!({"agencyPlanId": plan_id, "activityId": activity, "title": "Book the venue", "secondLanguage": false}),
    )
    .0
    .expect("step added");
    let step = added["activities"][0]["steps"][0].clone();
    assert_eq!(step["title"]["text"], "Book the venue");
    let scheduled = call_with(
        &app,
        "set_sub_activity",
        serde_json::json!({"id": step["id"], "field": "quarter:2", "value": "true", "secondLanguage": false}),
    )
    .0
    .expect("quarter set");
    assert_eq!(
        scheduled["activities"][0]["steps"][0]["quarters"],
        serde_json::json!([2])
    );

    let bytes = std::fs::read(&file).unwrap();
    let refused = |args: serde_json::Value| {
        call_with(&app, "set_sub_activity", args).0.unwrap_err()["code"].clone()
    };
    assert_eq!(
        refused(
            serde_json::json!({"id": step["id"], "field": "budget", "value": "lots", "secondLanguage": false})
        ),
        "not_a_number"
    );
    assert_eq!(
        refused(
            serde_json::json!({"id": step["id"], "field": "year", "value": "2040", "secondLanguage": false})
        ),
        "year_outside_plan"
    );
    let again = call_with(
        &app,
        "start_agency_plan",
        serde_json::json!({"agencyId": agency, "secondLanguage": false}),
    )
    .0
    .unwrap_err();
    assert_eq!(again["code"], "bad_request");
    assert!(
        std::fs::read(&file).unwrap() == bytes,
        "refusals write nothing"
    );
    call_with(
        &app,
        "delete_sub_activity",
        serde_json::json!({"id": step["id"], "secondLanguage": false}),
    )
    .0
    .expect("deleted");
    assert_eq!(
        on_disk(&dir).sub_activities.len(),
        nap_core::sample::sample_plan().sub_activities.len()
    );
}

#[test]
fn the_communication_plan_and_consultations_are_edited_and_refusals_save_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_with(Some(sample_doc(&dir)));
    let file = dir.path().join("s.nap");
    let view = call(&app, "communication").0.expect("communication");
    let women_before = view["participation"]["women"].as_u64().unwrap();
    let added = call_with(
        &app,
        "add_communication",
        serde_json::json!({"record": "consultation", "text": "Provincial forum, Battambang", "itemKind": null}),
    )
    .0
    .expect("consultation added");
    let new = added["consultations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["title"]["text"] == "Provincial forum, Battambang")
        .cloned()
        .unwrap();
    // One command per kind of record, each with its own typed field.
    let set = |record: &str, id: &serde_json::Value, field: &str, value: &str| {
        let command = match record {
            "consultation" => "set_consultation".to_string(),
            other => format!("set_communication_{other}"),
        };
        call_with(
            &app,
            &command,
            serde_json::json!({"id": id, "field": field, "value": value}),
        )
        .0
    };
    let counted = set("consultation", &new["id"], "participants_women", "40").expect("counted");
    assert_eq!(
        counted["participation"]["women"].as_u64().unwrap(),
        women_before + 40
    );
    let message = call_with(
        &app,
        "add_communication",
        serde_json::json!({"record": "item", "text": "Peace needs women at the table", "itemKind": "key_message"}),
    )
    .0
    .expect("message added");
    assert!(message["items"].as_array().unwrap().iter().any(
        |i| i["kind"] == "key_message" && i["text"]["text"] == "Peace needs women at the table"
    ));

    let bytes = std::fs::read(&file).unwrap();
    assert_eq!(
        set("consultation", &new["id"], "date", "23/11/2026").unwrap_err()["code"],
        "not_a_date"
    );
    let activity = view["activities"][0]["id"].clone();
    assert_eq!(
        set("activity", &activity, "year", "2099").unwrap_err()["code"],
        "year_outside_plan"
    );
    // A field of another kind of record, or a group that does not exist, is a typed
    // argument the interface cannot send: refused before the use case.
    for (record, field) in [
        ("activity", "participants_women"),
        ("consultation", "group:aliens"),
        ("item", "title"),
    ] {
        assert!(
            set(record, &activity, field, "1").is_err(),
            "{record} {field}"
        );
    }
    assert!(call_with(
        &app,
        "add_communication",
        serde_json::json!({"record": "poster", "text": "x", "itemKind": null}),
    )
    .0
    .is_err());
    assert!(
        std::fs::read(&file).unwrap() == bytes,
        "refusals write nothing"
    );
    call_with(
        &app,
        "delete_communication",
        serde_json::json!({"record": "consultation", "id": new["id"]}),
    )
    .0
    .expect("deleted");
    assert_eq!(
        on_disk(&dir).consultations.len(),
        nap_core::sample::sample_plan().consultations.len()
    );
}

#[test]
fn classification_names_are_set_shown_in_the_views_and_bad_input_saves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_with(Some(sample_doc(&dir)));
    let file = dir.path().join("s.nap");
    let row = |settings: &serde_json::Value, scheme: &str, code: &str| {
        settings["classifications"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["scheme"] == scheme && r["code"] == code)
            .unwrap_or_else(|| panic!("no row for {scheme} {code}"))
            .clone()
    };
    let settings = call(&app, "plan_settings").0.expect("settings");
    assert_eq!(settings["second_language"], "km");
    let interest = row(&settings, "economic", "24");
    assert_eq!(interest["standard_name"], "Interest");
    assert_eq!(interest["used"], false, "the sample pays no interest");
    let courts = row(&settings, "functional", "03.3");
    assert_eq!(courts["used"], true);
    assert_eq!(courts["name_l2"], "");

    let set = |scheme: &str, code: &str, field: &str, value: &str| {
        call_with(
            &app,
            "set_classification_name_field",
            serde_json::json!({"scheme": scheme, "code": code, "field": field, "value": value}),
        )
        .0
    };
    let after = set("functional", "03.3", "name_l2", "តុលាការ").expect("named");
    assert_eq!(row(&after, "functional", "03.3")["name_l2"], "តុលាការ");
    let by_function = call_with(
        &app,
        "budget_view",
        serde_json::json!({"request": {"rows": "function", "columns": "year", "measure": "cost", "rounding": "unit", "reconcile": false, "second_language": true}}),
    )
    .0
    .expect("view");
    let courts_row = by_function["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "03.3")
        .expect("a row for 03.3")
        .clone();
    assert_eq!(courts_row["label"]["text"], "Law courts");
    assert_eq!(courts_row["label"]["l2"], "តុលាការ");
    let saved = on_disk(&dir);
    assert!(saved
        .classification_names
        .iter()
        .any(|n| n.code == "03.3" && n.name.l2.as_deref() == Some("តុលាការ")));

    let bytes = std::fs::read(&file).unwrap();
    assert_eq!(
        set("functional", " ", "name_l2", "x").unwrap_err()["code"],
        "required"
    );
    // A scheme or a field that does not exist is a typed argument the interface cannot send:
    // it is refused before the use case.
    for (scheme, field) in [("cofog", "name_l2"), ("functional", "colour")] {
        assert!(set(scheme, "03.3", field, "x").is_err(), "{scheme} {field}");
    }
    assert!(
        std::fs::read(&file).unwrap() == bytes,
        "refused names write nothing"
    );

    // Blanking the name gives the code its standard name back; undo brings the name back.
    let cleared = set("functional", "03.3", "name_l2", "").expect("cleared");
    assert_eq!(row(&cleared, "functional", "03.3")["name_l2"], "");
    assert!(!on_disk(&dir)
        .classification_names
        .iter()
        .any(|n| n.code == "03.3"));
    call(&app, "undo").0.expect("undo");
    let back = call(&app, "plan_settings").0.expect("settings");
    assert_eq!(row(&back, "functional", "03.3")["name_l2"], "តុលាការ");
}

#[test]
fn a_spreadsheet_is_reviewed_then_imported_as_one_step_that_undo_takes_back() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_with(Some(sample_doc(&dir)));
    let plan_file = dir.path().join("s.nap");
    let sheet = dir.path().join("budget.csv");
    std::fs::write(
        &sheet,
        "Budget (KHR);;\nPillar;2027;2028\nProtection;1 000 000;2 000 000\nTotal;1 000 000;2 000 000\n",
    )
    .unwrap();
    let request = serde_json::json!({"request": {
        "path": sheet.display().to_string(), "sheet": null, "map": [], "skip_invalid": false
    }});
    let before = std::fs::read(&plan_file).unwrap();
    let lines = |_: &tauri::App<tauri::test::MockRuntime>| on_disk(&dir).cost_lines.len();
    let count = lines(&app);
    let review = call_with(&app, "review_sheet", request.clone())
        .0
        .expect("review");
    assert_eq!(review["written"], false);
    assert_eq!(review["review"]["header_row"], 2);
    assert_eq!(review["review"]["total_checks"][1]["difference"], "0");
    assert!(
        std::fs::read(&plan_file).unwrap() == before,
        "a review writes nothing"
    );

    let done = call_with(&app, "import_sheet", request).0.expect("import");
    assert_eq!(done["written"], true);
    assert_eq!(
        lines(&app),
        count + 1,
        "one lump-sum line under the Protection pillar"
    );
    call(&app, "undo").0.expect("undo");
    assert_eq!(lines(&app), count, "undo takes the whole import back");

    let bad = serde_json::json!({"request": {
        "path": dir.path().join("missing.xlsx").display().to_string(), "sheet": null, "map": [], "skip_invalid": false
    }});
    let err = call_with(&app, "review_sheet", bad).0.unwrap_err();
    assert_eq!(err["code"], "io");
}

#[test]
fn with_no_export_or_import_running_there_is_no_job_to_show_or_stop() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_with(Some(sample_doc(&dir)));
    assert_eq!(
        call(&app, "job_progress").0.expect("progress"),
        serde_json::Value::Null
    );
    assert_eq!(
        call(&app, "cancel_job").0.expect("cancel"),
        serde_json::Value::Bool(true)
    );
    // A job that was stopped while nothing ran does not stop the next export.
    let out = dir.path().join("lines.csv");
    let done = call_with(
        &app,
        "export_plan",
        serde_json::json!({"request": {"kind": "csv", "path": out.display().to_string(),
            "lang": "en", "rounding": "unit", "table": "lines"}}),
    )
    .0
    .expect("exported");
    assert!(out.exists(), "{done}");
    assert_eq!(
        call(&app, "job_progress").0.expect("progress"),
        serde_json::Value::Null,
        "the finished export's job is gone"
    );
}

/// While a long task holds the plan on another thread (an import, a merge), a command on the
/// window's thread answers `busy` instead of freezing the window until the task ends; once
/// the plan is free it is answered as usual. Other threads wait for the plan.
#[test]
fn the_window_thread_is_told_busy_instead_of_waiting_for_a_long_task() {
    let dir = tempfile::tempdir().unwrap();
    let state = AppState::default();
    *state.document.lock().unwrap() = Some(sample_doc(&dir));
    let on_window_thread = |state: &AppState| {
        std::thread::scope(|scope| {
            std::thread::Builder::new()
                .name(crate::state::WINDOW_THREAD.into())
                .spawn_scoped(scope, || {
                    state.with_doc(|doc| Ok(doc.plan().cost_lines.len()))
                })
                .unwrap()
                .join()
                .unwrap()
        })
    };
    let (held, release) = (std::sync::Barrier::new(2), std::sync::Barrier::new(2));
    std::thread::scope(|scope| {
        let import = scope.spawn(|| {
            let plan = state.lock_document().expect("the plan");
            held.wait();
            release.wait();
            drop(plan);
        });
        held.wait();
        let answer = on_window_thread(&state);
        assert_eq!(answer.unwrap_err().code, nap_app::ErrorCode::Busy);
        // Another thread (an async command) waits for the plan instead.
        let waiting = scope.spawn(|| state.with_doc(|doc| Ok(doc.plan().cost_lines.len())));
        release.wait();
        import.join().unwrap();
        assert!(waiting.join().unwrap().is_ok());
    });
    let lines = on_window_thread(&state).expect("the plan is free");
    assert!(lines > 0);
}

/// The page asks for the summary and the dashboard together as it starts. The dashboard, like
/// the summary, waits for the plan given at start however long it takes to open: asked on
/// the window's thread it was told `busy` after 150 ms, and the first screen stayed empty.
#[test]
fn the_first_dashboard_waits_for_the_plan_opened_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_with(None);
    let window = main_window(&app);
    let state = app.state::<AppState>();
    state.start.close();
    std::thread::scope(|scope| {
        let asked = std::thread::Builder::new()
            .name(crate::state::WINDOW_THREAD.into())
            .spawn_scoped(scope, || {
                invoke(&window, "dashboard", serde_json::json!({}))
            })
            .unwrap();
        // Longer than the window's thread waits for the plan before it answers `busy`.
        std::thread::sleep(std::time::Duration::from_millis(400));
        assert!(!asked.is_finished(), "it waits for the plan");
        {
            let _done = state.start.open_when_done();
            *state.document.lock().unwrap() = Some(sample_doc(&dir));
        }
        let answer = asked
            .join()
            .unwrap()
            .0
            .expect("the dashboard of the plan opened");
        assert!(answer["total_cost"].is_string(), "{answer}");
    });
}

/// The plan given at start is opened on its own thread while the page loads. Until it is
/// in, the page's first question (asked off the window's thread) waits for it instead of
/// finding no plan; the window's thread is told `busy`. A thread that panics while opening
/// still lets the waiting commands go.
#[test]
fn commands_wait_for_the_plan_opened_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let state = AppState::default();
    state.start.close();
    let on_window_thread = |state: &AppState| {
        std::thread::scope(|scope| {
            std::thread::Builder::new()
                .name(crate::state::WINDOW_THREAD.into())
                .spawn_scoped(scope, || state.with_doc(|_| Ok(())))
                .unwrap()
                .join()
                .unwrap()
        })
    };
    std::thread::scope(|scope| {
        let summary = scope.spawn(|| state.with_doc(|doc| Ok(nap_app::plan::summary(doc).path)));
        assert_eq!(
            on_window_thread(&state).unwrap_err().code,
            nap_app::ErrorCode::Busy
        );
        assert!(!summary.is_finished(), "it waits for the plan");
        {
            let _done = state.start.open_when_done();
            *state.document.lock().unwrap() = Some(sample_doc(&dir));
        }
        assert!(summary.join().unwrap().is_ok(), "the plan opened at start");
    });
    assert!(on_window_thread(&state).is_ok());

    let refused = AppState::default();
    refused.start.close();
    let panicked = std::thread::scope(|scope| {
        scope
            .spawn(|| {
                let _done = refused.start.open_when_done();
                panic!("opening failed");
            })
            .join()
    });
    assert!(panicked.is_err());
    assert_eq!(
        refused.with_doc(|_| Ok(())).unwrap_err().code,
        nap_app::ErrorCode::NoPlanOpen,
        "no plan, and no wait for ever"
    );
}
