//! The environment the app gives WebKitGTK on Linux before it starts.
//!
//! WebKitGTK reads these variables once, when it starts; the app sets each one only where
//! the user has not, so anyone can still choose otherwise from the command line.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

/// The render node named when the machine has none, so that WebKit need not look for one.
/// It does not exist: should WebKit ever try to open it, the open fails at once instead of
/// falling back to a software GL driver.
pub const NO_RENDER_NODE: &str = "/dev/dri/none";

/// The variables to set, given the current environment (`current`) and the machine's DRM
/// render nodes (`render_nodes`, asked for only when needed).
///
/// 1. `WEBKIT_DISABLE_DMABUF_RENDERER=1`. The DMA-BUF renderer draws each frame through
///    the GPU path; without a usable GPU (virtual machines, remote desktops, Xvfb) it falls
///    back to software and a frame of the costing screen took 55–75 ms instead of 16 ms
///    (`e2e/bench.mjs`). The app's screens are forms and tables, which the older renderer
///    draws at full speed everywhere.
///
/// With that renderer off, the app's own process never draws with OpenGL, yet two probes
/// would still load the GL driver into it (with Mesa that is 44 MB of LLVM, measured with
/// `e2e/bench.mjs` under Xvfb):
///
/// 2. `GDK_GL=disable`: GTK 3 queries GLX when it opens the display, to choose visuals for
///    GL drawing the app does not do. WebKit asks GTK for GL only for the DMA-BUF renderer.
/// 3. `WEBKIT_WEB_RENDER_DEVICE_FILE`: WebKit opens an EGL display only to learn the GPU's
///    render node for the web process, which uses it for GPU buffers (the DMA-BUF renderer,
///    WebGL, video) the app does not ask for. The first render node is named instead, or
///    [`NO_RENDER_NODE`] when there is none.
///
/// When the user turns the DMA-BUF renderer back on (`WEBKIT_DISABLE_DMABUF_RENDERER=0`),
/// GL is needed and neither probe is touched.
pub fn webkit_environment(
    current: impl Fn(&str) -> Option<OsString>,
    render_nodes: impl FnOnce() -> Vec<PathBuf>,
) -> Vec<(&'static str, OsString)> {
    let mut set = Vec::new();
    let dmabuf_off = match current("WEBKIT_DISABLE_DMABUF_RENDERER") {
        None => {
            set.push(("WEBKIT_DISABLE_DMABUF_RENDERER", OsString::from("1")));
            true
        }
        // WebKit's own reading: set to anything but "0" turns the renderer off.
        Some(value) => value != OsStr::new("0"),
    };
    if !dmabuf_off {
        return set;
    }
    if current("GDK_GL").is_none() {
        set.push(("GDK_GL", OsString::from("disable")));
    }
    if current("WEBKIT_WEB_RENDER_DEVICE_FILE").is_none() {
        let node = render_nodes()
            .into_iter()
            .min()
            .map_or_else(|| OsString::from(NO_RENDER_NODE), PathBuf::into_os_string);
        set.push(("WEBKIT_WEB_RENDER_DEVICE_FILE", node));
    }
    set
}

/// The DRM render nodes in `dir` (normally `/dev/dri`): `renderD128`, `renderD129`…
/// A missing or unreadable folder means none.
pub fn render_nodes_in(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("renderD"))
        .map(|e| e.path())
        .collect()
}

/// Sets [`webkit_environment`] in this process. Call it first thing in `main`: setting the
/// environment is only sound while no other thread runs.
pub fn apply() {
    for (name, value) in webkit_environment(
        |name| std::env::var_os(name),
        || render_nodes_in(Path::new("/dev/dri")),
    ) {
        std::env::set_var(name, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn environment_with(pairs: &[(&str, &str)], nodes: &[&str]) -> HashMap<&'static str, OsString> {
        let given: HashMap<String, OsString> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), OsString::from(v)))
            .collect();
        let nodes: Vec<PathBuf> = nodes.iter().map(PathBuf::from).collect();
        webkit_environment(|name| given.get(name).cloned(), || nodes)
            .into_iter()
            .collect()
    }

    #[test]
    fn a_bare_environment_turns_off_the_gpu_renderer_and_both_gl_probes() {
        let set = environment_with(&[], &["/dev/dri/renderD129", "/dev/dri/renderD128"]);
        assert_eq!(set.len(), 3, "{set:?}");
        assert_eq!(set["WEBKIT_DISABLE_DMABUF_RENDERER"], "1");
        assert_eq!(set["GDK_GL"], "disable");
        assert_eq!(set["WEBKIT_WEB_RENDER_DEVICE_FILE"], "/dev/dri/renderD128");
    }

    #[test]
    fn without_a_render_node_a_missing_one_is_named() {
        let set = environment_with(&[], &[]);
        assert_eq!(set["WEBKIT_WEB_RENDER_DEVICE_FILE"], NO_RENDER_NODE);
        assert!(!Path::new(NO_RENDER_NODE).exists());
    }

    #[test]
    fn what_the_user_set_is_kept() {
        let set = environment_with(
            &[
                ("WEBKIT_DISABLE_DMABUF_RENDERER", "1"),
                ("GDK_GL", "always"),
                ("WEBKIT_WEB_RENDER_DEVICE_FILE", "/dev/dri/renderD130"),
            ],
            &["/dev/dri/renderD128"],
        );
        assert!(set.is_empty(), "{set:?}");
    }

    #[test]
    fn with_the_gpu_renderer_turned_back_on_gl_is_left_alone() {
        let mut asked = false;
        let set: Vec<_> = webkit_environment(
            |name| (name == "WEBKIT_DISABLE_DMABUF_RENDERER").then(|| OsString::from("0")),
            || {
                asked = true;
                Vec::new()
            },
        );
        assert!(set.is_empty(), "{set:?}");
        assert!(!asked, "render nodes need not be looked for");
    }

    #[test]
    fn render_nodes_are_the_render_entries_of_the_folder() {
        let dir = std::env::temp_dir().join(format!("nap-dri-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for name in ["card0", "renderD128", "by-path"] {
            std::fs::write(dir.join(name), b"").unwrap();
        }
        let nodes = render_nodes_in(&dir);
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(nodes, vec![dir.join("renderD128")]);
        assert!(
            render_nodes_in(&dir).is_empty(),
            "a missing folder has none"
        );
    }
}
