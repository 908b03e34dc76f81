#!/usr/bin/env bash
# Print the size of a trunk dist/: each file raw and gzipped (gzip -9), and
# the total of what the browser downloads to run the app (wasm + js + css).
set -euo pipefail
dist="${1:-dist}"
total_raw=0
total_gz=0
printf '%-44s %10s %10s\n' file bytes gzip-9
for f in "$dist"/*.wasm "$dist"/*.js "$dist"/*.css; do
  [ -e "$f" ] || continue
  raw=$(wc -c <"$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  total_raw=$((total_raw + raw))
  total_gz=$((total_gz + gz))
  printf '%-44s %10d %10d\n' "$(basename "$f")" "$raw" "$gz"
done
printf '%-44s %10d %10d\n' "total (wasm + js + css)" "$total_raw" "$total_gz"
printf 'podlab dist: %d bytes gzipped (%d KiB)\n' "$total_gz" "$((total_gz / 1024))"
