#!/usr/bin/env bash
# Run podlab's fuzzers (cargo-fuzz, libFuzzer, nightly Rust; targets in
# fuzz/fuzz_targets/, their logic in src/fuzzing.rs).
#
#   scripts/fuzz.sh smoke [SECONDS]       each target for SECONDS (60) from
#                                         its seeds, in a scratch corpus;
#                                         fails on a crash, a timeout or an
#                                         out-of-memory
#   scripts/fuzz.sh run TARGET SECONDS    a long run on fuzz/corpus/TARGET
#                                         (kept, not committed), seeded from
#                                         fuzz/seeds/TARGET, that goes on
#                                         after a crash (libFuzzer's -fork=1
#                                         with -ignore_crashes etc.) and
#                                         counts them; appends its row to
#                                         fuzz/RUNS.md
#   scripts/fuzz.sh build                 build the targets only
#   scripts/fuzz.sh list                  the targets
#
# Built with optimisations, debug assertions and overflow checks, and no
# sanitizer (podlab is safe Rust; without ASan a run is several times
# faster). An input that runs over 5 s is a timeout (a hang), one that
# needs over 2 GiB is an out-of-memory; both fail like a panic. A crash
# input lands in fuzz/artifacts/TARGET/; minimise it with
#   cargo +nightly fuzz tmin --sanitizer none -O -a TARGET fuzz/artifacts/TARGET/crash-…
# and commit it under fuzz/regressions/TARGET/ (tests/fuzz_regressions.rs
# replays it on stable Rust).
#
# Each run prints one summary line: target, seconds, executions (libFuzzer's
# final stat::number_of_executed_units), executions per second, corpus
# size, and the verdict.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"
cd "$ROOT"

TARGETS=(manifests haproxy_cfg console edits)
BUILD_FLAGS=(--sanitizer none -O -a)
LIBFUZZER_FLAGS=(-timeout=5 -rss_limit_mb=2048 -print_final_stats=1)
LOGS="$ROOT/fuzz/logs"

fuzz() { cargo +nightly fuzz "$@"; }

build() {
  printf '==> building the fuzz targets (cargo +nightly fuzz build %s)\n' "${BUILD_FLAGS[*]}"
  fuzz build "${BUILD_FLAGS[@]}"
}

# artifacts TARGET: the crash, timeout and out-of-memory inputs found so far.
artifacts() {
  find "$ROOT/fuzz/artifacts/$1" -type f 2>/dev/null | sort || true
}

# run_one TARGET SECONDS CORPUS [LIBFUZZER FLAGS…]: fuzz, then print the
# summary; returns libFuzzer's status (0: no crash).
run_one() {
  local target="$1" secs="$2" corpus="$3" log status before t0
  shift 3
  mkdir -p "$LOGS" "$corpus"
  log="$LOGS/$target-$(date -u +%Y%m%dT%H%M%SZ).log"
  printf '==> fuzzing %s for %ss (log: %s)\n' "$target" "$secs" "${log#"$ROOT"/}"
  before="$(artifacts "$target")"
  t0=$(date +%s)
  set +e
  fuzz run "${BUILD_FLAGS[@]}" "$target" "$corpus" "fuzz/seeds/$target" -- \
    "${LIBFUZZER_FLAGS[@]}" -max_total_time="$secs" "$@" >"$log" 2>&1
  status=$?
  set -e
  NEW_ARTIFACTS="$(comm -13 <(printf '%s\n' "$before") <(artifacts "$target") | sed '/^$/d')"
  summary "$target" "$(( $(date +%s) - t0 ))" "$corpus" "$log" "$status"
  return "$status"
}

# summary TARGET SECONDS CORPUS LOG STATUS: one line from libFuzzer's output.
summary() {
  local target="$1" secs="$2" corpus="$3" log="$4" status="$5" execs rate files verdict n
  # The final statistics, or else (a crash, or -fork mode) the last status
  # line's count (`#N` at the start of the line).
  execs=$(awk '/stat::number_of_executed_units:/ { n = $2 } END { print n }' "$log")
  [ -n "$execs" ] || execs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')
  execs="${execs:-0}"
  rate=$(awk '/stat::average_exec_per_sec:/ { n = $2 } END { print n }' "$log")
  [ -n "$rate" ] || rate=$(( execs / (secs > 0 ? secs : 1) ))
  files=$(find "$corpus" -type f | wc -l)
  n=$(printf '%s' "$NEW_ARTIFACTS" | grep -c . || true)
  if [ "$status" = 0 ] && [ "$n" = 0 ]; then
    verdict="no crash"
  else
    verdict="$(grep -m1 -oE 'ERROR: libFuzzer: [a-z-]+|panicked at [^:]+:[0-9]+' "$log" || echo "exit $status")"
    verdict="$verdict; $n new input(s): $(printf '%s' "$NEW_ARTIFACTS" | sed "s|^$ROOT/||" | tr '\n' ' ')"
  fi
  printf 'fuzz: %s: %ss, %s execs, %s exec/s, corpus %s files, %s\n' \
    "$target" "$secs" "$execs" "$rate" "$files" "$verdict"
  LAST_ROW="| $(date -u +%Y-%m-%d\ %H:%M) | $target | $secs | $execs | $rate | $files | $verdict |"
}

case "${1:-}" in
  smoke)
    secs="${2:-60}"
    build
    failed=()
    for t in "${TARGETS[@]}"; do
      scratch="$(mktemp -d)"
      run_one "$t" "$secs" "$scratch" || failed+=("$t")
      rm -rf "$scratch"
    done
    if [ ${#failed[@]} != 0 ]; then
      echo "fuzz: crashes in: ${failed[*]} (inputs in fuzz/artifacts/)" >&2
      exit 1
    fi
    ;;
  run)
    target="${2:?usage: scripts/fuzz.sh run TARGET SECONDS}"
    secs="${3:?usage: scripts/fuzz.sh run TARGET SECONDS}"
    build
    status=0
    run_one "$target" "$secs" "fuzz/corpus/$target" \
      -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 || status=$?
    printf '%s\n' "$LAST_ROW" >>fuzz/RUNS.md
    exit "$status"
    ;;
  build) build ;;
  list) printf '%s\n' "${TARGETS[@]}" ;;
  *)
    sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
