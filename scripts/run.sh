#!/usr/bin/env bash
# Sets up what is missing and starts NAP Studio on the built-in sample plan
# (or on the plan file given as the first argument).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/deps.sh"
cd "$root"
check_toolchains
install_debian_packages
install_ui_packages
build_ui
# custom-protocol serves the built UI from inside the binary (no dev server, no network).
exec cargo run --features custom-protocol --bin nap-studio -- "$@"
