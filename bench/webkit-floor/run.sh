#!/usr/bin/env bash
# The floor under the app's cold start (see floor.c): starts a bare WebKitGTK window N times
# (default 9) in the environment the app gives WebKit (src-tauri/src/webkit_env.rs), under
# its own Xvfb and session bus as e2e/bench.mjs runs the app, and prints each start and the
# medians. Needs gcc, pkg-config and libwebkit2gtk-4.1-dev, xvfb and dbus (scripts/deps.sh
# installs them: `source scripts/deps.sh && install_debian_packages`).
#   bench/webkit-floor/run.sh [N]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs="${1:-9}"
bin="$root/target/webkit-floor"
mkdir -p "$root/target"
# shellcheck disable=SC2046 # pkg-config's flags are words.
gcc -O2 -Wall -Wextra -o "$bin" "$here/floor.c" $(pkg-config --cflags --libs webkit2gtk-4.1)

node=$(ls /dev/dri/renderD* 2>/dev/null | sort | head -n 1 || true)
export WEBKIT_DISABLE_DMABUF_RENDERER=1 GDK_GL=disable
export WEBKIT_WEB_RENDER_DEVICE_FILE="${node:-/dev/dri/none}"

# Inside one display and bus: each start's launcher takes the time just before exec.
xvfb-run -a -s "-screen 0 1366x768x24" dbus-run-session -- bash -c '
  for _ in $(seq "$1"); do
    bash -c "exec \"\$0\" \"\$(date +%s%3N)\"" "$2" 2>/dev/null
  done' _ "$runs" "$bin" | awk '
  /^page begins/ { print; n++; page[n] = $3; script[n] = $7; frame[n] = $11 }
  function median(a, n,   i, j, t) {
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return a[int((n + 1) / 2)]
  }
  END {
    if (n == 0) { print "no start reported" > "/dev/stderr"; exit 1 }
    printf "medians of %d starts: page begins %d ms, script runs %d ms, first frame %d ms\n",
      n, median(page, n), median(script, n), median(frame, n)
  }'
