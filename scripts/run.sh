#!/usr/bin/env bash
# Installs what is missing, builds Retest, and opens it (on the bundled S&P 500 sample the first
# time). Extra arguments go to `retest`, e.g. scripts/run.sh --db /tmp/demo.sqlite
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/deps.sh" build run
cmake -S "$root" -B "$root/build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DRETEST_BUILD_TESTS=OFF >/dev/null
cmake --build "$root/build" --target retest
exec "$root/build/app/retest" "$@"
