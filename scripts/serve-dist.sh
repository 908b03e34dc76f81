#!/usr/bin/env bash
# Sourced by the scripts that drive the release dist/ in headless Chromium
# (scripts/axe-check.sh, scripts/bench-browser.sh): serve_dist DIST serves
# DIST on a random loopback port and starts chromedriver on the next one,
# sets $port and $dport, stops both (and removes their logs) on exit, and
# returns once both answer.
serve_dist() {
  local dist="$1"
  port=$(( 20000 + RANDOM % 20000 ))
  dport=$(( port + 1 ))
  serve_log=$(mktemp -d)
  python3 -m http.server "$port" --bind 127.0.0.1 --directory "$dist" >"$serve_log/http" 2>&1 &
  serve_server=$!
  "${CHROMEDRIVER:-/usr/bin/chromedriver}" --port="$dport" >"$serve_log/driver" 2>&1 &
  serve_driver=$!
  trap 'kill $serve_server $serve_driver 2>/dev/null || true; rm -rf "$serve_log"' EXIT
  for _ in $(seq 50); do
    curl -sf "http://127.0.0.1:$port/" >/dev/null && curl -sf "http://127.0.0.1:$dport/status" >/dev/null && break
    sleep 0.1
  done
}
