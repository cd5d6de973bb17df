//! The NAP Studio desktop shell: opens the plan given on the command line (or the built-in
//! sample) and serves the UI's commands. No business logic lives here.
#![warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod commands;
mod error;
#[cfg(test)]
mod ipc_tests;
mod state;
#[cfg(target_os = "linux")]
pub mod webkit_env;

use state::AppState;
use std::path::{Path, PathBuf};
use tauri::Manager;

/// The plan to open at start: the first command-line argument, or the built-in sample
/// (written to the app's data folder on first start).
fn plan_to_open() -> Result<PathBuf, nap_app::AppError> {
    match std::env::args_os().nth(1) {
        Some(arg) => Ok(PathBuf::from(arg)),
        None => nap_app::files::sample_path(&state::data_dir()),
    }
}

pub(crate) fn window_title(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!("{name} — saved — NAP Studio")
}

include!("command_list.rs");

// After the list: its tests read the list. The generator itself runs in the build script.
#[cfg(test)]
#[path = "../build/client.rs"]
mod client;

macro_rules! handler_of {
    ($($group:ident::$name:ident),* $(,)?) => {
        tauri::generate_handler![$(commands::$group::$name),*]
    };
}

/// Every IPC command of the app, from the one list in `command_list.rs` (the build script
/// grants the same list to the window).
pub(crate) fn handler<R: tauri::Runtime>(
) -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
    app_commands!(handler_of)
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

/// Whether the window opens maximised on a screen of this size (logical pixels): on laptop
/// and office screens up to 1920×1080 every pixel is needed by the costing grid; on larger
/// screens the window keeps its own size.
pub fn opens_maximised(width: u32, height: u32) -> bool {
    width <= 1920 && height <= 1080
}

fn maximise_on_laptop_screens<R: tauri::Runtime>(window: &tauri::WebviewWindow<R>) {
    if let Ok(Some(monitor)) = window.current_monitor() {
        let size = monitor.size().to_logical::<u32>(monitor.scale_factor());
        if opens_maximised(size.width, size.height) {
            // A window manager that refuses leaves the window at its configured size.
            let _ = window.maximize();
        }
    }
}

/// Opens the plan given on the command line (or the sample) as the window's plan; a plan
/// that cannot be opened is reported in the window, not by a crash.
fn open_at_start<R: tauri::Runtime>(app: &tauri::AppHandle<R>) {
    let state = app.state::<AppState>();
    let _opened = state.start.open_when_done();
    let path = match plan_to_open() {
        Ok(path) => path,
        Err(e) => {
            if let Ok(mut error) = state.open_error.lock() {
                *error = Some(e.into());
            }
            return;
        }
    };
    match nap_app::files::open_or_view(&path, &commands::files::author()) {
        Ok(doc) => {
            // The page is still loading: the dashboard's costing is made now, not once the
            // page asks for it. A plan that cannot be costed says why on the dashboard itself.
            let _ = nap_app::plan::prepare_first_screens(&doc);
            // Only a poisoned lock fails here, and the page then finds no plan.
            let _ = commands::files::make_open(app, &state, doc);
        }
        Err(e) => {
            if let Ok(mut refused) = state.refused_path.lock() {
                *refused = Some(path.display().to_string());
            }
            if let Ok(mut error) = state.open_error.lock() {
                *error = Some(e.into());
            }
        }
    }
}

/// Starts the app.
// Tauri failing to start (no display, no web view) leaves nothing to show an error in: the
// process ends with the reason on standard error.
#[allow(clippy::expect_used)]
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
            if let Some(window) = app.get_webview_window("main") {
                maximise_on_laptop_screens(&window);
            }
            // The plan is opened on its own thread while the window loads its page: a large
            // plan takes a few hundred milliseconds to read and check, which the page's own
            // loading then hides. Commands that need the plan wait for it (`StartGate`).
            // Closed here, before the page can ask for the plan; the thread opens it.
            app.state::<AppState>().start.close();
            let handle = app.handle().clone();
            std::thread::Builder::new()
                .name("open at start".into())
                .spawn(move || open_at_start(&handle))?;
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
mod window_tests {
    #[test]
    fn the_window_is_maximised_on_screens_up_to_full_hd() {
        for (w, h) in [(1280, 720), (1366, 768), (1440, 900), (1920, 1080)] {
            assert!(super::opens_maximised(w, h), "{w}×{h}");
        }
        for (w, h) in [(2560, 1440), (1920, 1200), (3840, 2160)] {
            assert!(!super::opens_maximised(w, h), "{w}×{h}");
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
        // The package also installs the command line, built by scripts/release.sh first.
        assert_eq!(deb["files"]["/usr/bin/nap"], "target/release/nap");
        let packet = include_str!("../../assets/linux/nap-studio-mime.xml");
        assert!(packet.contains(&format!("type=\"{mime}\"")));
        assert!(packet.contains("<glob pattern=\"*.nap\"/>"));
    }
}

#[cfg(test)]
mod catalogue_tests {
    /// The window explains every failure by its code (`error.<code>`): every code the
    /// application layer can return has a message in both catalogues.
    #[test]
    fn every_error_code_is_explained_in_english_and_khmer() {
        for (language, catalogue) in [
            ("en", include_str!("../../i18n/en.json")),
            ("km", include_str!("../../i18n/km.json")),
        ] {
            let messages: serde_json::Value = serde_json::from_str(catalogue).expect("catalogue");
            for code in nap_app::ErrorCode::APP {
                let key = format!("error.{}", code.name());
                assert!(
                    messages[&key]
                        .as_str()
                        .is_some_and(|m| !m.trim().is_empty()),
                    "{language} has no {key}"
                );
            }
        }
    }

    /// The merge review and the history name records by kind (`kind.<name>`): every kind of
    /// record has a name in both catalogues, so a new kind cannot reach the screen unnamed.
    #[test]
    fn every_kind_of_record_is_named_in_english_and_khmer() {
        for (language, catalogue) in [
            ("en", include_str!("../../i18n/en.json")),
            ("km", include_str!("../../i18n/km.json")),
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
