#!/usr/bin/env bash
# Print the size of a trunk dist/: each file raw and gzipped (gzip -9), and
# the total of what the browser downloads to run the app (wasm + js + css),
# then where the wasm's bytes go, crate by crate (scripts/wasm-crates.py).
#
# The table needs python3 and wasm-opt (scripts/setup.sh installs both) and
# the wasm as trunk's last release build left it before wasm-opt, with its
# names (target/wasm-bindgen/release/); it optimises that as trunk does but
# keeps the names (wasm-opt -Oz -g, about 40 s, kept in target/size/ until
# the next build). Without them it says why and prints the total alone.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dist="${1:-dist}"
named_in="${PODLAB_NAMED_WASM:-$root/target/wasm-bindgen/release/podlab-web_bg.wasm}"
export PATH="$root/.tools/npm/node_modules/.bin:$PATH"
total_raw=0
total_gz=0
printf '%-44s %10s %10s\n' file bytes gzip-9
for f in "$dist"/*.wasm "$dist"/*.js "$dist"/*.css; do
  [ -e "$f" ] || continue
  # The course page's example (static/embed-example.*) ships beside the
  # app but is not what the app downloads.
  case "$(basename "$f")" in embed-example*) continue ;; esac
  raw=$(wc -c <"$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  total_raw=$((total_raw + raw))
  total_gz=$((total_gz + gz))
  printf '%-44s %10d %10d\n' "$(basename "$f")" "$raw" "$gz"
done
printf '%-44s %10d %10d\n' "total (wasm + js + css)" "$total_raw" "$total_gz"
printf 'podlab dist: %d bytes gzipped (%d KiB)\n' "$total_gz" "$((total_gz / 1024))"

crate_table() {
  local why=""
  command -v python3 >/dev/null 2>&1 || why="no python3"
  command -v wasm-opt >/dev/null 2>&1 || why="${why:+$why, }no wasm-opt"
  [ -e "$named_in" ] || why="${why:+$why, }no $named_in (run trunk build --release)"
  if [ -n "$why" ]; then
    printf 'per-crate table skipped: %s (scripts/setup.sh installs the tools)\n' "$why"
    return 0
  fi
  local named="$root/target/size/podlab-web_bg.named.wasm"
  mkdir -p "$root/target/size"
  if [ ! -e "$named" ] || [ "$named_in" -nt "$named" ]; then
    # As trunk runs it (index.html: data-wasm-opt="z"), plus -g for the names.
    wasm-opt -Oz -g "$named_in" -o "$named.tmp" && mv "$named.tmp" "$named"
  fi
  printf '\nthe wasm by crate (the release build optimised as trunk does, names kept):\n'
  local shipped
  shipped="$(ls "$dist"/*.wasm 2>/dev/null | head -n 1)"
  python3 "$root/scripts/wasm-crates.py" "$named" 30 ${shipped:+"$shipped"}
}
crate_table || printf 'per-crate table failed; the total above stands\n'
