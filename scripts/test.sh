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
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
step "UI: unit and component tests (vitest)"
(cd ui && npx vitest run --reporter=default --reporter=json --outputFile.json="$log.vitest.json")
step "UI: production build"
build_ui

step "Rust: formatting"
cargo fmt --all -- --check
# One feature set for clippy and tests so that Tauri and WebKit bindings compile once.
features=(--workspace --all-targets --features custom-protocol)
step "Rust: clippy"
cargo clippy "${features[@]}" -- -D warnings
step "Rust: tests"
cargo test "${features[@]}" 2>&1 | tee "$log"

step "Generated TypeScript bindings are committed and fresh"
if [ -n "$(git status --porcelain -- ui/src/lib/api/bindings)" ]; then
  git status --short -- ui/src/lib/api/bindings
  echo "The TypeScript bindings changed when the tests regenerated them: commit ui/src/lib/api/bindings." >&2
  exit 1
fi
# One closing line that counts every test run above, for people and for CI.
rust_passed=$(grep -oE 'test result: ok\. [0-9]+ passed' "$log" | awk '{s += $4} END {print s + 0}')
ui_passed=$(node -e 'console.log(require(process.argv[1]).numPassedTests)' "$log.vitest.json")
rm -f "$log.vitest.json"
echo "All checks passed."
echo "Summary: $((rust_passed + ui_passed)) passed, 0 failed"
