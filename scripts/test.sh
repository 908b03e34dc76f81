#!/usr/bin/env bash
# Set up what is missing, then run every check podlab has: format, lints,
# the model's native tests (with the differential tests against real
# HAProxy), the browser tests in headless Chromium, and the release build
# with its Content-Security-Policy and axe-core's WCAG 2.1 A/AA rules
# checked in Chromium and its size, and a
# one-minute smoke run of each fuzzer (scripts/fuzz.sh).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
podlab_setup all
cd "$PODLAB_ROOT"

t0=$(date +%s)
run() {
  printf '\n==> %s\n' "$*"
  "$@"
}

run cargo fmt --all -- --check
run cargo clippy --all-targets --locked -- -D warnings
run cargo test --locked
run wasm_env env CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --locked --target wasm32-unknown-unknown --test browser
run wasm_env trunk build --release --offline
run scripts/csp-check.sh dist
run scripts/embed-check.sh dist
run scripts/axe-check.sh dist
run scripts/size.sh dist
run scripts/fuzz.sh smoke
printf '\n==> all checks passed in %ss\n' "$(( $(date +%s) - t0 ))"
