#!/usr/bin/env bash
# axe-core's WCAG 2.1 A/AA rules on a built dist/ in headless Chromium, in
# the default layout and with ?embed=1, each with ?theme=light and
# ?theme=dark (scripts/axe-check.py drives the page through chromedriver).
# Prints every violation and fails on any. axe-core comes from npm at the
# version scripts/setup.sh pins, in .tools/axe. Usage:
# scripts/axe-check.sh DIST [SCREENSHOT_DIR]
set -euo pipefail
dist="${1:?usage: scripts/axe-check.sh DIST [SCREENSHOT_DIR]}"
shots="${2:-}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
axe="$root/.tools/axe/node_modules/axe-core/axe.min.js"
[ -f "$axe" ] || { echo "axe-check: no $axe; run scripts/setup.sh" >&2; exit 1; }
[ -z "$shots" ] || mkdir -p "$shots"
source "$root/scripts/serve-dist.sh"
serve_dist "$dist"
python3 "$root/scripts/axe-check.py" "http://127.0.0.1:$port/" "$dport" "$axe" ${shots:+"$shots"}
