//! The NAP Studio desktop shell: opens the plan given on the command line (or the built-in
//! sample) and serves the UI's commands. No business logic lives here.

mod commands;
mod error;
#[cfg(test)]
mod ipc_tests;
mod state;
#[cfg(target_os = "linux")]
pub mod webkit_env;

use nap_store::{Document, PlanFile, StoreError};
use state::AppState;
use std::path::{Path, PathBuf};
use tauri::Manager;

/// The plan to open at start: the first command-line argument, or the built-in sample
/// (written to the app's data folder on first start).
fn plan_to_open() -> Result<PathBuf, StoreError> {
    if let Some(arg) = std::env::args_os().nth(1) {
        return Ok(PathBuf::from(arg));
    }
    let dir = state::data_dir();
    std::fs::create_dir_all(&dir).map_err(|e| StoreError::Io {
        path: dir.clone(),
        source: e,
    })?;
    let sample = dir.join("Sample NAP WPS 2026-2030.nap");
    if !sample.exists() {
        PlanFile::create(&sample, &nap_core::sample::sample_plan(), false)?;
    }
    Ok(sample)
}

pub(crate) fn window_title(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!("{name} — saved — NAP Studio")
}

/// Every IPC command of the app (each is also granted in `capabilities/default.json`).
pub(crate) fn handler<R: tauri::Runtime>(
) -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        commands::plan::plan_summary,
        commands::plan::dashboard,
        commands::plan::budget_view,
        commands::costing::cost_grid,
        commands::costing::cost_grid_rows,
        commands::costing::set_cost_line,
        commands::costing::preview_cost_line,
        commands::costing::add_cost_line,
        commands::costing::add_activity,
        commands::costing::delete_cost_line,
        commands::costing::history,
        commands::costing::undo,
        commands::costing::redo,
        commands::export::suggested_export_path,
        commands::export::choose_export_path,
        commands::export::export_plan,
        commands::export::reveal_export,
        commands::export::plan_agencies,
        commands::merge::review_merge,
        commands::merge::apply_merge,
        commands::merge::merges,
        commands::merge::undo_merge,
        commands::plan_settings::plan_settings,
        commands::plan_settings::set_plan_setting_field,
        commands::plan_settings::set_exchange_rate,
        commands::plan_settings::add_exchange_rate,
        commands::plan_settings::delete_exchange_rate,
        commands::plan_settings::set_classification_name_field,
        commands::closing::close_after_saving,
        commands::closing::cancel_close,
        commands::funding::funding,
        commands::funding::set_funding_source,
        commands::funding::add_funding_source,
        commands::funding::delete_funding_source,
        commands::results::results,
        commands::results::set_result,
        commands::results::move_result_step,
        commands::results::move_result_to,
        commands::results::add_result,
        commands::results::delete_result,
        commands::results::set_indicator,
        commands::results::add_indicator,
        commands::results::delete_indicator,
        commands::narrative::narrative,
        commands::narrative::set_narrative,
        commands::narrative::add_narrative_section,
        commands::narrative::move_narrative,
        commands::narrative::delete_narrative_section,
        commands::coordination::coordination,
        commands::coordination::set_body,
        commands::coordination::add_body,
        commands::coordination::delete_body,
        commands::agency_plans::agency_plan,
        commands::agency_plans::start_agency_plan,
        commands::agency_plans::set_agency_plan,
        commands::agency_plans::add_sub_activity,
        commands::agency_plans::set_sub_activity,
        commands::agency_plans::delete_sub_activity,
        commands::communication::communication,
        commands::communication::set_communication,
        commands::communication::add_communication,
        commands::communication::delete_communication,
        commands::files::recent_plans,
        commands::files::open_plan,
        commands::files::choose_plan_to_open,
        commands::files::choose_new_plan_path,
        commands::files::suggested_plan_path,
        commands::files::create_plan,
        commands::settings::preferences,
        commands::settings::set_preferences
    ]
}

/// Whether the window may go to `url`: only the app's own pages. A link in a narrative (a
/// Markdown link is kept as text that can still be clicked) or anything else that would
/// take the window to the network is stopped, so the app never loads a remote page.
pub fn stays_in_app(url: &tauri::Url) -> bool {
    match url.scheme() {
        // The bundled pages: tauri://localhost on Linux and macOS, http(s)://tauri.localhost
        // on Windows.
        "tauri" => true,
        "http" | "https" => {
            url.host_str() == Some("tauri.localhost")
                // The Vite dev server, in debug builds only.
                || (cfg!(debug_assertions) && url.host_str() == Some("localhost"))
        }
        _ => false,
    }
}

/// Starts the app.
pub fn run() {
    tauri::Builder::default()
        // The save dialog, opened by our own command (the page is granted no dialog API).
        .plugin(tauri_plugin_dialog::init())
        .plugin(
            tauri::plugin::Builder::<tauri::Wry>::new("stay-in-app")
                .on_navigation(|_, url| stays_in_app(url))
                .build(),
        )
        .manage(AppState::default())
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::CloseRequested { api, .. } = event {
                commands::closing::on_close_requested(window, api);
            }
        })
        .setup(|app| {
            let state = app.state::<AppState>();
            // A plan that cannot be opened is reported in the window, not by a crash.
            match plan_to_open()
                .and_then(|p| Document::open(&p, &commands::files::author()).map(|d| (p, d)))
            {
                Ok((path, doc)) => {
                    if let Some(window) = app.get_webview_window("main") {
                        window.set_title(&window_title(&path))?;
                    }
                    commands::files::remember(&doc);
                    *state.document.lock().map_err(|_| "state poisoned")? = Some(doc);
                }
                Err(e) => {
                    *state.open_error.lock().map_err(|_| "state poisoned")? = Some(e.into());
                }
            }
            Ok(())
        })
        .invoke_handler(handler())
        .run(tauri::generate_context!())
        .expect("error while running NAP Studio");
}

#[cfg(test)]
mod navigation_tests {
    use super::stays_in_app;

    #[test]
    fn the_window_stays_on_the_apps_own_pages() {
        let url = |u: &str| tauri::Url::parse(u).unwrap();
        assert!(stays_in_app(&url("tauri://localhost/index.html")));
        assert!(stays_in_app(&url("http://tauri.localhost/")));
        for away in [
            "https://example.org/",
            "http://un.org/wps",
            "file:///etc/passwd",
            "ftp://tauri.localhost/",
            "https://tauri.localhost.example.org/",
        ] {
            assert!(!stays_in_app(&url(away)), "{away}");
        }
    }
}

#[cfg(test)]
mod bundle_tests {
    /// Double-clicking a plan must hand its path to the app: the desktop entry's Exec line
    /// carries the file, and the package declares *.nap as the plan type it claims.
    #[test]
    fn the_linux_package_opens_plan_files() {
        let config: serde_json::Value =
            serde_json::from_str(include_str!("../../tauri.conf.json")).expect("config");
        let deb = &config["bundle"]["linux"]["deb"];
        assert_eq!(deb["desktopTemplate"], "assets/linux/nap-studio.desktop");
        let entry = include_str!("../../assets/linux/nap-studio.desktop");
        assert!(entry.lines().any(|l| l == "Exec={{exec}} %f"), "{entry}");
        let mime = config["bundle"]["fileAssociations"][0]["mimeType"]
            .as_str()
            .expect("mime type");
        assert!(entry.contains(&format!("MimeType={mime};")));
        assert_eq!(
            deb["files"]["/usr/share/mime/packages/nap-studio.xml"],
            "assets/linux/nap-studio-mime.xml"
        );
        let packet = include_str!("../../assets/linux/nap-studio-mime.xml");
        assert!(packet.contains(&format!("type=\"{mime}\"")));
        assert!(packet.contains("<glob pattern=\"*.nap\"/>"));
    }
}

#[cfg(test)]
mod catalogue_tests {
    /// The merge review and the history name records by kind (`kind.<name>`): every kind of
    /// record has a name in both catalogues, so a new kind cannot reach the screen unnamed.
    #[test]
    fn every_kind_of_record_is_named_in_english_and_khmer() {
        for (language, catalogue) in [
            ("en", include_str!("../../ui/src/lib/i18n/en.json")),
            ("km", include_str!("../../ui/src/lib/i18n/km.json")),
        ] {
            let messages: serde_json::Value = serde_json::from_str(catalogue).expect("catalogue");
            for kind in nap_core::RecordKind::ALL {
                let key = format!("kind.{}", kind.name());
                assert!(
                    messages[&key]
                        .as_str()
                        .is_some_and(|m| !m.trim().is_empty()),
                    "{language} has no {key}"
                );
            }
        }
    }
}
