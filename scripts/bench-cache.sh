#!/usr/bin/env bash
# Builds and runs the price cache benchmark (import vs the sqlite3 shell, 30-year range reads).
# Usage: scripts/bench-cache.sh [--smoke] [google-benchmark flags…]
#   --smoke  small inputs, finishes in seconds (RETEST_BENCH_SMOKE=1)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/deps.sh" build test
build="$root/build-bench"
if [ "${1:-}" = "--smoke" ]; then
    export RETEST_BENCH_SMOKE=1
    shift
fi
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target bench_cache
"$build/tests/bench/bench_cache" "$@"
