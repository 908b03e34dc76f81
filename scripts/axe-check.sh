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
port=$(( 20000 + RANDOM % 20000 ))
dport=$(( port + 1 ))
log=$(mktemp -d)
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$dist" >"$log/http" 2>&1 &
server=$!
"${CHROMEDRIVER:-/usr/bin/chromedriver}" --port="$dport" >"$log/driver" 2>&1 &
driver=$!
trap 'kill $server $driver 2>/dev/null || true; rm -rf "$log"' EXIT
for _ in $(seq 50); do
  curl -sf "http://127.0.0.1:$port/" >/dev/null && curl -sf "http://127.0.0.1:$dport/status" >/dev/null && break
  sleep 0.1
done
python3 "$root/scripts/axe-check.py" "http://127.0.0.1:$port/" "$dport" "$axe" ${shots:+"$shots"}
