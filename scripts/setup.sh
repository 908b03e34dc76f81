#!/usr/bin/env bash
# podlab's set-up: installs what is missing, skips what is there, says what
# it does. Sourced by scripts/serve.sh and scripts/test.sh; run on its own,
# it only sets up.
#
# What it makes sure of:
#   - a Rust toolchain that can build wasm32-unknown-unknown: rustup's target
#     where rustup can add it, or else Debian's rustc-web/cargo-web with the
#     std source (built with -Zbuild-std) and lld-22;
#   - trunk 0.21.14, wasm-bindgen-cli at the version in Cargo.lock, and
#     wasm-opt from npm's binaryen 132 (Debian's binaryen 108 is too old);
#   - chromium and chromedriver for the browser tests;
#   - axe-core from npm, pinned, in .tools/axe, for the accessibility
#     check of the release build (scripts/axe-check.sh);
#   - haproxy and iproute2 for the differential tests against real HAProxy;
#   - rustup's nightly toolchain (minimal profile), cargo-fuzz
#     0.13.2 and a C++ compiler (libFuzzer) for the fuzzers'
#     smoke run (scripts/fuzz.sh).
#
# After it, `wasm_env CMD...` runs CMD with whatever the wasm toolchain needs.

set -euo pipefail

PODLAB_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PODLAB_TOOLS="$PODLAB_ROOT/.tools"
TRUNK_VERSION="0.21.14"
BINARYEN_VERSION="132"
CARGO_FUZZ_VERSION="0.13.2"
AXE_CORE_VERSION="4.14.1"
export PATH="$HOME/.cargo/bin:$PODLAB_TOOLS/npm/node_modules/.bin:$PATH"

step_no=0
step() {
  step_no=$((step_no + 1))
  printf '\n==> [setup %d] %s\n' "$step_no" "$*"
}
say() { printf '    %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else
    echo "podlab: need root to run: $*" >&2
    return 1
  fi
}

apt_updated=0
apt_install() {
  local missing=()
  for p in "$@"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  if [ ${#missing[@]} = 0 ]; then
    say "present: $*"
    return 0
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "podlab: please install: ${missing[*]}" >&2
    return 1
  fi
  if [ "$apt_updated" = 0 ]; then
    say "apt-get update"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    apt_updated=1
  fi
  say "apt-get install ${missing[*]} (a minute or three)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# The wasm-bindgen version Cargo.lock pins; the CLI must match it exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$PODLAB_ROOT/Cargo.lock"
}

setup_rust() {
  step "Rust toolchain for wasm32-unknown-unknown"
  if ! command -v cargo >/dev/null 2>&1; then
    echo "podlab: cargo not found; install Rust with rustup (https://rustup.rs)" >&2
    return 1
  fi
  PODLAB_WASM_MODE=""
  if [ "${PODLAB_FORCE_DEBIAN:-0}" = 1 ]; then
    say "PODLAB_FORCE_DEBIAN=1: not asking rustup"
  elif command -v rustup >/dev/null 2>&1; then
    if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
      PODLAB_WASM_MODE=rustup
      say "rustup already has the wasm32 target"
    else
      say "asking rustup for the wasm32 target"
      if timeout 180 rustup target add wasm32-unknown-unknown >/dev/null 2>&1 \
        && rustup target list --installed | grep -qx wasm32-unknown-unknown; then
        PODLAB_WASM_MODE=rustup
        say "rustup added the wasm32 target"
      fi
    fi
  fi
  if command -v rustup >/dev/null 2>&1; then
    rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt >/dev/null 2>&1 || true
    rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy >/dev/null 2>&1 || true
  fi
  if [ -z "$PODLAB_WASM_MODE" ]; then
    say "rustup cannot supply wasm32 here: using Debian's rustc-web with the std source"
    apt_install rustc-web cargo-web rust-web-src lld-22
    if command -v rustup >/dev/null 2>&1 && ! rustup toolchain list | grep -q '^debian-web'; then
      rustup toolchain link debian-web /usr
    fi
    PODLAB_WASM_MODE=debian
  fi
  export PODLAB_WASM_MODE
  say "wasm builds use: $PODLAB_WASM_MODE"
}

# Run a command with the wasm toolchain's environment.
wasm_env() {
  if [ "${PODLAB_WASM_MODE:-rustup}" = debian ]; then
    env RUSTUP_TOOLCHAIN=debian-web RUSTC_BOOTSTRAP=1 \
      CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
      CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-22 \
      CARGO_TARGET_DIR="$PODLAB_ROOT/target/debian-web" \
      "$@"
  else
    "$@"
  fi
}

setup_trunk() {
  step "trunk $TRUNK_VERSION"
  if command -v trunk >/dev/null 2>&1 && trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION"; then
    say "present: $(trunk --version)"
  else
    say "cargo install --locked trunk --version $TRUNK_VERSION (about 8 minutes on 2 cores)"
    cargo install --locked trunk --version "$TRUNK_VERSION" --quiet
  fi
}

setup_wasm_bindgen() {
  local v
  v="$(wasm_bindgen_version)"
  step "wasm-bindgen-cli $v (the version in Cargo.lock)"
  if command -v wasm-bindgen >/dev/null 2>&1 && wasm-bindgen --version | grep -q " $v\$" \
    && command -v wasm-bindgen-test-runner >/dev/null 2>&1; then
    say "present: $(wasm-bindgen --version)"
  else
    # Not --locked: one dependency locked in its Cargo.lock is gone from the registry.
    say "cargo install wasm-bindgen-cli --version $v (about 5 minutes on 2 cores)"
    cargo install wasm-bindgen-cli --version "$v" --quiet
  fi
}

setup_wasm_opt() {
  step "wasm-opt (binaryen $BINARYEN_VERSION from npm)"
  if command -v wasm-opt >/dev/null 2>&1 && wasm-opt --version 2>/dev/null | grep -q "version_$BINARYEN_VERSION"; then
    say "present: $(wasm-opt --version)"
    return 0
  fi
  if ! command -v npm >/dev/null 2>&1; then
    apt_install nodejs npm
  fi
  mkdir -p "$PODLAB_TOOLS/npm"
  say "npm install binaryen@$BINARYEN_VERSION into .tools/npm"
  npm install --silent --no-audit --no-fund --prefix "$PODLAB_TOOLS/npm" "binaryen@$BINARYEN_VERSION" >/dev/null
  say "$(wasm-opt --version)"
}

setup_browser() {
  step "Chromium and ChromeDriver (browser tests), python3 and curl (the CSP check serves dist/)"
  apt_install chromium chromium-driver python3 curl
  export CHROMEDRIVER=/usr/bin/chromedriver
}

setup_axe() {
  step "axe-core $AXE_CORE_VERSION from npm (the accessibility check, scripts/axe-check.sh)"
  local pkg="$PODLAB_TOOLS/axe/node_modules/axe-core/package.json"
  if [ -f "$pkg" ] && grep -q "\"version\": \"$AXE_CORE_VERSION\"" "$pkg"; then
    say "present: axe-core $AXE_CORE_VERSION"
    return 0
  fi
  if ! command -v npm >/dev/null 2>&1; then
    apt_install nodejs npm
  fi
  mkdir -p "$PODLAB_TOOLS/axe"
  say "npm install axe-core@$AXE_CORE_VERSION into .tools/axe"
  npm install --silent --no-audit --no-fund --save-exact --prefix "$PODLAB_TOOLS/axe" "axe-core@$AXE_CORE_VERSION" >/dev/null
}

setup_haproxy() {
  step "HAProxy and iproute2 (differential tests against real HAProxy)"
  apt_install haproxy iproute2
}

setup_fuzz() {
  step "nightly Rust and cargo-fuzz $CARGO_FUZZ_VERSION (the fuzzers, scripts/fuzz.sh)"
  if ! command -v rustup >/dev/null 2>&1; then
    echo "podlab: the fuzzers need rustup's nightly toolchain; install rustup (https://rustup.rs)" >&2
    return 1
  fi
  if rustup run nightly rustc --version >/dev/null 2>&1; then
    say "present: $(rustup run nightly rustc --version)"
  else
    say "rustup toolchain install nightly --profile minimal"
    rustup toolchain install nightly --profile minimal >/dev/null
  fi
  # libfuzzer-sys compiles libFuzzer's C++ sources.
  apt_install g++
  if cargo fuzz --version 2>/dev/null | grep -q " $CARGO_FUZZ_VERSION\$"; then
    say "present: $(cargo fuzz --version)"
  else
    say "cargo install --locked cargo-fuzz --version $CARGO_FUZZ_VERSION (about 2 minutes on 2 cores)"
    cargo install --locked cargo-fuzz --version "$CARGO_FUZZ_VERSION" --quiet
  fi
}

podlab_setup() {
  local what="${1:-all}"
  setup_rust
  setup_trunk
  setup_wasm_bindgen
  setup_wasm_opt
  if [ "$what" = all ]; then
    setup_browser
    setup_axe
    setup_haproxy
    setup_fuzz
  fi
  step "ready"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  podlab_setup all
fi
