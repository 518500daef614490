#!/usr/bin/env bash
# The probe suite (issue 14): replays hostile database files, parallel first opens and writers,
# slow and endless local servers, hostile feed answers, symbols, NaN options, files and a huge
# export against the built `retest` and prints tried / handled / failed per kind of case.
# Usage: scripts/probe.sh [BUILD_DIR]   (default build-test; exit 1 when any case failed)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-test}
exec python3 "$root/tests/probe/probe.py" "$build/app/retest" \
    "$root/resources/sample/sp500-2000.csv"
