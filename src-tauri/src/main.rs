// Keeps a console window from opening next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // On Linux, WebKitGTK's DMA-BUF renderer draws each frame through the GPU path. Without a
    // usable GPU (virtual machines, remote desktops, Xvfb) it falls back to software, and a
    // frame of the costing screen took 55–75 ms instead of 16 ms (e2e/bench.mjs). The app's
    // screens are forms and tables, which the older renderer draws at full speed everywhere.
    // A value the user has set is kept. This runs before any thread starts, as setting the
    // environment requires.
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_DMABUF_RENDERER").is_none() {
        std::env::set_var("WEBKIT_DISABLE_DMABUF_RENDERER", "1");
    }
    nap_studio_lib::run();
}
