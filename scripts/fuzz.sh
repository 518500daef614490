#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz) with clang, ASan and UBSan in build-fuzz/, then runs
# each for a fixed time on a scratch copy of its seed corpus and regressions.
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET]   (default 5; CI runs the default)
# Exit status 1 when a target crashed; the input is kept and its path printed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-5}
# FUZZ_TARGETS="csv symbol" runs only those.
targets=(${FUZZ_TARGETS:-csv yahoo stooq annotation_json symbol})
build="$root/build-fuzz"

CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" -DRETEST_FUZZ=ON \
    -DRETEST_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build "$build" -j "$(nproc)" --target "${targets[@]/#/fuzz_}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ASAN_OPTIONS=detect_leaks=0   # Qt's process-lifetime caches
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export QT_QPA_PLATFORM=offscreen
failed=0
printf '%-16s %8s %10s  %s\n' target seconds executions result
for t in "${targets[@]}"; do
    mkdir -p "$work/$t" "$root/build-fuzz/crashes/$t"
    cp "$root/tests/fuzz/corpus/$t/"* "$root/tests/fuzz/regressions/$t/"* "$work/$t/"
    log="$work/$t.log"
    if "$build/tests/fuzz/fuzz_$t" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
        -rss_limit_mb=2048 -artifact_prefix="$root/build-fuzz/crashes/$t/" "$work/$t" \
        >"$log" 2>&1; then
        result=ok
    else
        result="CRASH (input kept in build-fuzz/crashes/$t/; add it to tests/fuzz/regressions/$t/)"
        failed=1
        tail -30 "$log" >&2
    fi
    runs=$( (grep -oE 'stat::number_of_executed_units: *[0-9]+|Done [0-9]+ runs|^#[0-9]+' \
             "$log" || true) | grep -oE '[0-9]+' | tail -1 || true)
    printf '%-16s %8s %10s  %s\n' "$t" "$seconds" "${runs:-?}" "$result"
done
exit "$failed"
