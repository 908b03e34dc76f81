#!/usr/bin/env bash
# Run issue 10's hostile-input table (tests/hostile/table.txt) through the
# real `podlab` command, as the issue's hidden check does: each `run` row as
# `podlab run SEED FILES... -- 'LINE'`, each `apply` row as
# `podlab apply FILES...`. Prints, per row, the wall time, the exit status
# and the output size, then the slowest row. It prints and never asserts:
# tests/hostile.rs asserts the rows' outcomes, and speed is only reported.
#
# The rows' inputs come from the native test's dump (the same table, the
# same generators), so this script and the test never drift.
#
#   scripts/hostile.sh [debug|release|both] [NAME-SUBSTRING]
#   HOSTILE_TIMEOUT=SECS (default 20) kills a row that runs longer.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

profiles=${1:-debug}
only=${2:-}
# A row still running after this many seconds is killed and reported (the
# hidden check allows 2 s; this only keeps a hung row from holding the run).
limit=${HOSTILE_TIMEOUT:-20}
case $profiles in
  both) profiles="debug release" ;;
  debug | release) ;;
  *)
    echo "usage: scripts/hostile.sh [debug|release|both] [NAME-SUBSTRING]" >&2
    exit 2
    ;;
esac

dump=$(mktemp -d)
trap 'rm -rf "$dump"' EXIT
echo "==> writing the table's inputs (cargo test --test hostile dump_for_the_script)"
PODLAB_HOSTILE_DUMP=$dump cargo test --locked -q --test hostile dump_for_the_script \
  >/dev/null

# The kernel refuses one argument longer than this (MAX_ARG_STRLEN), and a
# whole command line longer than ARG_MAX; the dump splits a line at spaces
# so its words pass one by one.
arg_max=$(getconf ARG_MAX)

for profile in $profiles; do
  if [[ $profile == release ]]; then
    echo "==> cargo build --release --bin podlab"
    cargo build --locked -q --release --bin podlab
    bin=target/release/podlab
  else
    echo "==> cargo build --bin podlab"
    cargo build --locked -q --bin podlab
    bin=target/debug/podlab
  fi
  bin=$(realpath "$bin")
  printf '\n%-8s %6s %4s %9s  %s\n' "$profile" "secs" "exit" "bytes" "row"
  slowest=0
  slowest_row=
  total=0
  rows=0
  for d in "$dump"/*/; do
    name=$(<"$d/name")
    via=$(<"$d/via")
    [[ -n $only && $name != *"$only"* ]] && continue
    case $via in
      run | apply) ;;
      *)
        printf '%-8s %6s %4s %9s  %s\n' "$via" "-" "-" "-" "$name (the app's reducer: tests/hostile.rs only)"
        continue
        ;;
    esac
    mapfile -t files <"$d/files.list"
    args=()
    if [[ $via == run ]]; then
      if [[ -e $d/argv-has-nul ]]; then
        printf '%-8s %6s %4s %9s  %s\n' "skipped" "-" "-" "-" "$name (a NUL cannot travel in argv; tests/hostile.rs runs it)"
        continue
      fi
      size=$(wc -c <"$d/argv")
      mapfile -d '' -t argv <"$d/argv"
      long=0
      for w in "${argv[@]}"; do ((${#w} >= 131072)) && long=1 && break; done
      if ((size + 4096 > arg_max || long)); then
        printf '%-8s %6s %4s %9s  %s\n' "skipped" "-" "-" "$size" "$name (a ${size}-byte line passes the kernel's argv limit; tests/hostile.rs runs it)"
        continue
      fi
      args=(run "${files[@]}" -- "${argv[@]}")
    else
      args=(apply "${files[@]}")
    fi
    out=$(mktemp)
    start=$(date +%s%N)
    set +e
    # The braces keep bash's own "Aborted" line (a crashed row) out of the
    # table; the status says it.
    { (cd "$d/files" && timeout "$limit" "$bin" "${args[@]}") >"$out" 2>&1; } 2>/dev/null
    code=$?
    set -e
    end=$(date +%s%N)
    ms=$(((end - start) / 1000000))
    bytes=$(wc -c <"$out")
    rm -f "$out"
    note=
    if ((code == 124)); then
      note=" (killed by timeout $limit: no budget stopped it)"
    elif ((code == 101)); then
      note=" (panicked)"
    elif ((code > 128 && code != 130 && code != 139)); then
      note=" (killed by signal $((code - 128)): crashed)"
    fi
    printf '%-8s %6s %4s %9s  %s%s\n' "$via" "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))" "$code" "$bytes" "$name" "$note"
    total=$((total + ms))
    rows=$((rows + 1))
    if ((ms > slowest)); then
      slowest=$ms
      slowest_row=$name
    fi
  done
  printf '==> %s: %d rows in %d.%03d s; slowest: %d.%03d s, %s\n' "$profile" "$rows" \
    $((total / 1000)) $((total % 1000)) $((slowest / 1000)) $((slowest % 1000)) "$slowest_row"
done
