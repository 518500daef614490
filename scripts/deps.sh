#!/usr/bin/env bash
# Installs the Debian 12 packages Retest needs to build, test and run, only those missing.
# Usage: scripts/deps.sh [build|test|run|package]...   (default: build)
set -euo pipefail

build_pkgs=(g++ cmake ninja-build pkg-config qt6-base-dev qt6-svg-dev libqcustomplot-dev
            libsqlite3-dev libgl-dev fonts-dejavu-core)
# clang + libclang-rt-14-dev: -fsanitize=fuzzer for scripts/fuzz.sh.
test_pkgs=(libgtest-dev libgmock-dev libbenchmark-dev sqlite3 python3 desktop-file-utils appstream
           groff-base bsdextrautils bash-completion zsh clang libclang-rt-14-dev)
run_pkgs=(qt6-qpa-plugins)
package_pkgs=(dpkg-dev fakeroot file lintian)

want=("${build_pkgs[@]}")
for role in "$@"; do
    case "$role" in
        build) ;;
        test) want+=("${test_pkgs[@]}") ;;
        run) want+=("${run_pkgs[@]}") ;;
        package) want+=("${package_pkgs[@]}") ;;
        *) echo "deps.sh: unknown role '$role' (build, test, run or package)" >&2; exit 2 ;;
    esac
done

missing=()
for p in "${want[@]}"; do
    if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]; then
        missing+=("$p")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
echo "Installing: ${missing[*]}" >&2
# A fresh machine has no package lists yet; an install from stale lists can fail, so update first.
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >&2
