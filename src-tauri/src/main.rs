// Keeps a console window from opening next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // Before any thread starts, as setting the environment requires.
    #[cfg(target_os = "linux")]
    nap_studio_lib::webkit_env::apply();
    nap_studio_lib::run();
}
