#!/usr/bin/env bash
# Sets up what is missing and runs every check and test: formatting, lints, the UI checks and
# tests, and the whole Rust workspace (core, store, CLI scenarios, the app's IPC tests).
#
# --long: the nightly mode. The crash loop, the write-fault runs and the fuzzer run 20-25
# times as many cases (about 15 minutes more on two cores instead of under one); everything
# else is the same. NAP_CRASH_SEED and NAP_FUZZ_SEED pick other runs.
set -euo pipefail
if [ "${1:-}" = "--long" ]; then
  export NAP_LONG_TESTS=1
  shift
fi
source "$(dirname "${BASH_SOURCE[0]}")/deps.sh"
cd "$root"
step() { printf '\n== %s\n' "$*"; }

check_toolchains
step "Debian packages"
install_debian_packages
step "UI packages"
install_ui_packages
step "End-to-end test tools (tauri-driver, WebDriver client)"
install_e2e_tools
step "Rust tools (cargo-deny)"
install_rust_tools

step "UI: type check (svelte-check)"
(cd ui && npm run --silent check)
step "UI: lint (ESLint)"
(cd ui && npm run --silent lint)
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
step "Rust: licences, bans and sources of every crate (cargo deny)"
cargo deny check licenses bans sources
step "Rust: clippy"
cargo clippy "${features[@]}" -- -D warnings
step "Rust: tests"
# Backups, settings and the sample the tests make go to a folder of this run's own, not
# to the user's data folder.
test_data="$(mktemp -d)"
NAP_STUDIO_DATA_DIR="$test_data" cargo test "${features[@]}" 2>&1 | tee "$log"
rm -rf "$test_data"

step "End-to-end: the real app under Xvfb, through tauri-driver and WebKitWebDriver"
cargo build --workspace --bins --features custom-protocol
e2e_data="$(mktemp -d)"
NAP_STUDIO_DATA_DIR="$e2e_data" xvfb-run -a npm test --prefix e2e 2>&1 | tee "$log.e2e"
rm -rf "$e2e_data"

step "Generated files (TypeScript bindings, the page's client, the window's capability) are committed and fresh"
generated=(ui/src/lib/api/bindings ui/src/lib/api/commands.ts src-tauri/capabilities)
if [ -n "$(git status --porcelain -- "${generated[@]}")" ]; then
  git status --short -- "${generated[@]}"
  echo "Generated files changed when the build and tests regenerated them: commit ${generated[*]}." >&2
  exit 1
fi
# One closing line that counts every test run above, for people and for CI.
rust_passed=$(grep -oE 'test result: ok\. [0-9]+ passed' "$log" | awk '{s += $4} END {print s + 0}')
ui_passed=$(node -e 'console.log(require(process.argv[1]).numPassedTests)' "$log.vitest.json")
e2e_passed=$(grep -oE '^# pass [0-9]+' "$log.e2e" | awk '{print $3}')
rm -f "$log.vitest.json" "$log.e2e"
echo "All checks passed."
echo "Summary: $((rust_passed + ui_passed + ${e2e_passed:-0})) passed, 0 failed"
