#!/usr/bin/env bash
# Builds the Linux installer: a .deb that installs NAP Studio with its menu entry and
# registers the .nap file type (double-clicking a plan received from another ministry opens
# it). The package lands in target/release/bundle/deb/.
#
# Windows: run `npx --yes @tauri-apps/cli@2 build --bundles nsis` (or `msi`) on a Windows
# machine with Rust (MSVC toolchain), Node.js 20+ and the WebView2 runtime (included in
# Windows 10/11); the installer lands in target\release\bundle\nsis\ and registers .nap in
# the same way, from tauri.conf.json's fileAssociations. Tauri does not cross-compile
# Windows installers from Linux reliably, so it is not built here.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/deps.sh"
cd "$root"
check_toolchains
install_debian_packages
install_ui_packages
# The package installs the `nap` command as /usr/bin/nap (tauri.conf.json, bundle.linux.deb
# .files): build it first.
cargo build --release -p nap-cli
# The Tauri CLI from npm, pinned to the 2.x line the app is built with.
npx --yes @tauri-apps/cli@2 build --bundles deb
ls -l target/release/bundle/deb/*.deb
# The package must carry both programs.
for deb in target/release/bundle/deb/*.deb; do
  dpkg-deb --contents "$deb" | grep -q ' ./usr/bin/nap$' || { echo "$deb lacks /usr/bin/nap" >&2; exit 1; }
done
