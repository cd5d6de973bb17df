fn main() {
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/*.json")
        // Permissions are generated for exactly these commands; the capability grants them.
        .app_manifest(tauri_build::AppManifest::new().commands(&[
            "plan_summary",
            "dashboard",
            "budget_view",
            "cost_grid",
            "set_cost_line",
            "add_cost_line",
            "add_activity",
            "delete_cost_line",
            "history",
            "undo",
            "redo",
            "suggested_export_path",
            "choose_export_path",
            "export_plan",
            "reveal_export",
            "plan_agencies",
            "review_merge",
            "apply_merge",
            "merges",
            "undo_merge",
            "plan_settings",
            "set_plan_setting_field",
            "set_exchange_rate",
            "add_exchange_rate",
            "delete_exchange_rate",
            "funding",
            "set_funding_source",
            "add_funding_source",
            "delete_funding_source",
            "recent_plans",
            "open_plan",
            "choose_plan_to_open",
            "choose_new_plan_path",
            "suggested_plan_path",
            "create_plan",
            "preferences",
            "set_preferences",
        ]));
    tauri_build::try_build(attributes).expect("tauri-build failed");
}
