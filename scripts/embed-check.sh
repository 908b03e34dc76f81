#!/usr/bin/env bash
# Drives a built dist/ the way a course page does (issue 11): podlab on one
# origin, static/embed-example.html on another (a different port is a
# different origin), and a stranger page on a third that is not in
# `allow`. Headless Chromium through chromedriver, from
# scripts/embed-check.py, which checks the JSON-RPC API and the embedded
# layout. Usage: scripts/embed-check.sh DIST [SCREENSHOT.png]
set -euo pipefail
dist="${1:?usage: scripts/embed-check.sh DIST [SCREENSHOT.png]}"
shot="${2:-}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
base=$(( 20000 + RANDOM % 20000 ))
podlab=$base host=$(( base + 1 )) stranger=$(( base + 2 )) driver=$(( base + 3 ))
log=$(mktemp -d)
# The course pages' site: the example page and two test pages.
mkdir "$log/site"
cp "$dist"/embed-example.html "$dist"/embed-example.js "$dist"/embed-example.css "$log/site/"
cp "$here"/embed-check/*.html "$log/site/"
python3 -m http.server "$podlab" --bind 127.0.0.1 --directory "$dist" >"$log/podlab" 2>&1 &
pids=$!
python3 -m http.server "$host" --bind 127.0.0.1 --directory "$log/site" >"$log/host" 2>&1 &
pids="$pids $!"
python3 -m http.server "$stranger" --bind 127.0.0.1 --directory "$log/site" >"$log/stranger" 2>&1 &
pids="$pids $!"
"${CHROMEDRIVER:-/usr/bin/chromedriver}" --port="$driver" >"$log/driver" 2>&1 &
pids="$pids $!"
trap 'kill $pids 2>/dev/null || true; rm -rf "$log"' EXIT
for port in "$podlab" "$host" "$stranger"; do
  for _ in $(seq 50); do
    curl -sf "http://127.0.0.1:$port/" >/dev/null && break
    sleep 0.1
  done
done
for _ in $(seq 50); do
  curl -sf "http://127.0.0.1:$driver/status" >/dev/null && break
  sleep 0.1
done
python3 "$here/embed-check.py" "http://127.0.0.1:$podlab" "http://127.0.0.1:$host" \
  "http://127.0.0.1:$stranger" "$driver" "$shot"
