#!/usr/bin/env bash
# Installs what is missing, builds everything with warnings as errors, runs every test, then
# the fuzz targets for a few seconds each (scripts/fuzz.sh, clang) and the probe suite
# (scripts/probe.sh, about a minute).
# Usage: scripts/test.sh [--sanitize]   (--sanitize: ASan + UBSan build in build-asan/)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/deps.sh" build test

build="$root/build-test"
extra=()
if [ "${1:-}" = "--sanitize" ]; then
    build="$root/build-asan"
    extra=(-DRETEST_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug)
    export ASAN_OPTIONS=detect_leaks=0   # Qt's and fontconfig's process-lifetime caches
    export UBSAN_OPTIONS=print_stacktrace=1
fi
# Line tables only (-g1): failures and sanitizer reports keep their file:line, and the build
# spends about a quarter less time than with full debug info (-g).
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRETEST_WERROR=ON \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" "${extra[@]}" >/dev/null
cmake --build "$build" -j "$(nproc)"
(cd "$build" && ctest --output-on-failure -j "$(nproc)" --timeout 600)
"$root/scripts/fuzz.sh" 5
"$root/scripts/probe.sh" "$build"
