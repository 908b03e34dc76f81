#!/usr/bin/env bash
# How long each kind of user action blocks the browser's main thread, in the
# release build in headless Chromium: builds dist/ (trunk build --release),
# serves it, and drives the real page through chromedriver
# (scripts/bench-browser.py), which prints a table. The figures are printed,
# never asserted. First, per preset (scripts/bench-presets.py): mount time,
# edit latency at t = 0 and after skipping an hour, wasm memory, and on the
# lab the time to the first fruit JSON for a learner who presses Try it at
# once. Usage: scripts/bench-browser.sh [DIST]  (a built dist/ to measure
# instead of building one). PODLAB_BENCH=presets or PODLAB_BENCH=main-thread
# prints only that part; PODLAB_BENCH_PRESETS="sidecar adapter" only those
# presets.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$PODLAB_ROOT"
dist="${1:-}"
if [ -z "$dist" ]; then
  podlab_setup all >/dev/null
  wasm_env trunk build --release --offline >/dev/null
  dist=dist
fi
source "$PODLAB_ROOT/scripts/serve-dist.sh"
serve_dist "$dist"
part="${PODLAB_BENCH:-all}"
if [ "$part" != main-thread ]; then
  # shellcheck disable=SC2086
  python3 "$PODLAB_ROOT/scripts/bench-presets.py" "http://127.0.0.1:$port/" "$dport" ${PODLAB_BENCH_PRESETS:-}
  echo
fi
if [ "$part" != presets ]; then
  python3 "$PODLAB_ROOT/scripts/bench-browser.py" "http://127.0.0.1:$port/" "$dport"
fi
