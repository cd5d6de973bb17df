#!/usr/bin/env bash
# Installs what NAP Studio needs to build, run and test on Debian/Ubuntu, skipping what is
# already there. Sourced by run.sh and test.sh; safe to run again.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Debian packages: WebKitGTK and friends for the Tauri window, Xvfb for headless runs and
# screenshots, poppler for PDF checks, xmllint to validate the IATI export against its
# schema, the WebKit WebDriver for end-to-end tests, LibreOffice Writer (headless) to check
# that the Word documents open and paginate as they should.
debian_packages=(
  build-essential pkg-config file curl
  libwebkit2gtk-4.1-dev libxdo-dev libssl-dev libayatana-appindicator3-dev librsvg2-dev
  webkit2gtk-driver xvfb xauth poppler-utils imagemagick libxml2-utils
  libreoffice-writer-nogui
)

install_debian_packages() {
  local missing=()
  for p in "${debian_packages[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing Debian packages: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

check_toolchains() {
  command -v cargo >/dev/null || { echo "Rust (cargo) is required: https://rustup.rs" >&2; exit 1; }
  command -v npm >/dev/null || { echo "Node.js 20+ with npm is required" >&2; exit 1; }
}

# npm ci installs exactly the lockfile of the package in folder $1; skipped when its
# node_modules already matches it.
npm_ci_once() {
  local dir="$root/$1"
  if [ ! -f "$dir/node_modules/.package-lock.json" ] ||
     ! cmp -s "$dir/package-lock.json" "$dir/node_modules/.nap-lock-stamp"; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$dir/package-lock.json" "$dir/node_modules/.nap-lock-stamp"
  fi
}

install_ui_packages() {
  npm_ci_once ui
}

# What the end-to-end tests need: the WebDriver client (e2e/) and tauri-driver 2.x, which
# starts WebKitWebDriver (Debian's webkit2gtk-driver) and the app.
install_e2e_tools() {
  npm_ci_once e2e
  # cargo install puts it in cargo's bin folder, which a fresh shell may not have on PATH.
  export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
  command -v tauri-driver >/dev/null || cargo install tauri-driver --locked --version '^2'
}

# cargo-deny checks the licences and sources of every crate (deny.toml). About 3 minutes to
# build on 2 cores, once per machine.
install_rust_tools() {
  export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
  command -v cargo-deny >/dev/null || cargo install cargo-deny --locked --version '^0.20'
}

build_ui() {
  (cd "$root/ui" && npm run build --silent)
}
