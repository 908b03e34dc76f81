#!/usr/bin/env bash
# Loads a built dist/ in headless Chromium under its Content-Security-Policy
# (scripts/csp.sh) and fails if the policy blocked anything or the app did
# not mount. Usage: scripts/csp-check.sh DIST
set -euo pipefail
dist="${1:?usage: scripts/csp-check.sh DIST}"
grep -q 'http-equiv="Content-Security-Policy"' "$dist/index.html" \
  || { echo "csp-check: $dist/index.html has no Content-Security-Policy" >&2; exit 1; }
port=$(( 20000 + RANDOM % 20000 ))
log=$(mktemp -d)
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$dist" >"$log/http" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$log"' EXIT
for _ in $(seq 50); do
  curl -sf "http://127.0.0.1:$port/" >/dev/null && break
  sleep 0.1
done
chromium --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage \
  --no-first-run --disable-background-networking --enable-logging=stderr --v=0 \
  --virtual-time-budget=20000 --dump-dom "http://127.0.0.1:$port/" \
  >"$log/dom" 2>"$log/chromium" || true
if grep -i 'content security policy' "$log/chromium"; then
  echo "csp-check: the policy blocked something (above)" >&2
  exit 1
fi
if ! grep -q 'data-testid="topology"' "$log/dom"; then
  echo "csp-check: the app did not mount under the policy; Chromium said:" >&2
  tail -20 "$log/chromium" >&2
  exit 1
fi
echo "csp-check: $dist mounts under its Content-Security-Policy, nothing blocked"
