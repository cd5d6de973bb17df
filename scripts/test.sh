#!/usr/bin/env bash
# Sets up what is missing and runs every check and test: formatting, lints, the UI checks and
# tests, and the whole Rust workspace (core, store, CLI scenarios, the app's IPC tests).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/deps.sh"
cd "$root"
step() { printf '\n== %s\n' "$*"; }

check_toolchains
step "Debian packages"
install_debian_packages
step "UI packages"
install_ui_packages

step "UI: type check (svelte-check)"
(cd ui && npm run --silent check)
step "UI: unit and component tests (vitest)"
(cd ui && npm run --silent test)
step "UI: production build"
build_ui

step "Rust: formatting"
cargo fmt --all -- --check
# One feature set for clippy and tests so that Tauri and WebKit bindings compile once.
features=(--workspace --all-targets --features custom-protocol)
step "Rust: clippy"
cargo clippy "${features[@]}" -- -D warnings
step "Rust: tests"
cargo test "${features[@]}"

step "Generated TypeScript bindings are committed and fresh"
if [ -n "$(git status --porcelain -- ui/src/lib/api/bindings)" ]; then
  git status --short -- ui/src/lib/api/bindings
  echo "The TypeScript bindings changed when the tests regenerated them: commit ui/src/lib/api/bindings." >&2
  exit 1
fi
echo "All checks passed."
