#!/usr/bin/env bash
# Set up what is missing, then serve podlab at http://127.0.0.1:8080/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
podlab_setup serve
cd "$PODLAB_ROOT"
step "trunk serve on http://127.0.0.1:8080/"
wasm_env trunk serve --offline "$@"
