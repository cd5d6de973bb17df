#!/usr/bin/env bash
# Times `nap export annex` against LibreOffice converting the same plan's budget workbook to
# PDF (`soffice --headless --convert-to pdf`), for the medium (5,000 lines) and large
# (30,000 lines) benchmark plans, in one run on this machine. Prints both times and the ratio.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if ! command -v soffice >/dev/null; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui
fi
cargo build --release -q -p nap-cli
nap="$root/target/release/nap"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# LibreOffice keeps its profile here; a first start creates it, so warm it up once.
export HOME="$work/home"; mkdir -p "$HOME"
soffice --headless --convert-to pdf --outdir "$work" /dev/null >/dev/null 2>&1 || true

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
printf '%-8s %12s %14s %10s %8s\n' plan "lines" "nap annex ms" "soffice ms" ratio
for size in medium large; do
  "$nap" sample --size "$size" "$work/$size.nap" 2>/dev/null
  "$nap" export workbook "$work/$size.nap" -o "$work/$size.xlsx" 2>/dev/null
  t=$(date +%s%N); "$nap" export annex "$work/$size.nap" -o "$work/$size-annex.pdf" 2>/dev/null; nap_ms=$(ms "$t")
  t=$(date +%s%N); soffice --headless --convert-to pdf --outdir "$work" "$work/$size.xlsx" >/dev/null 2>&1; lo_ms=$(ms "$t")
  [ -s "$work/$size.pdf" ] || { echo "LibreOffice produced no PDF for $size" >&2; exit 1; }
  lines=$("$nap" info "$work/$size.nap" --format json | grep -o '"cost_line": [0-9]*' | grep -o '[0-9]*$')
  ratio=$(awk -v a="$lo_ms" -v b="$nap_ms" 'BEGIN { printf "%.1f", a / (b > 0 ? b : 1) }')
  printf '%-8s %12s %14s %10s %7sx\n' "$size" "$lines" "$nap_ms" "$lo_ms" "$ratio"
done
