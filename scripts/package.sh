#!/usr/bin/env bash
# Builds the Debian package of Retest with CPack and checks it with lintian.
# Usage: scripts/package.sh            → build-deb/retest_<version>_<arch>.deb
# Install it with `sudo apt install ./build-deb/retest_*.deb`; remove with `sudo apt remove retest`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/deps.sh" build package run

build="$root/build-deb"
# Debian's hardening flags (fortify, stack protector, relro/now, PIE), as dpkg-buildpackage
# would pass them; lintian checks for them.
export DEB_BUILD_MAINT_OPTIONS="hardening=+all"
cxxflags="$(dpkg-buildflags --get CXXFLAGS) $(dpkg-buildflags --get CPPFLAGS)"
ldflags=$(dpkg-buildflags --get LDFLAGS)
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
    -DRETEST_BUILD_TESTS=OFF -DRETEST_BUILD_BENCHMARKS=OFF -DRETEST_WERROR=OFF \
    -DCMAKE_POSITION_INDEPENDENT_CODE=ON \
    -DCMAKE_CXX_FLAGS="$cxxflags" -DCMAKE_EXE_LINKER_FLAGS="$ldflags" >/dev/null
cmake --build "$build" -j "$(nproc)"
(cd "$build" && cpack -G DEB)
deb=$(ls -t "$build"/retest_*.deb | head -n1)

# lintian: errors fail the build. It printed no warnings either when this was written
# (Debian 12, lintian 2.116); a new one must be fixed or explained here.
echo "lintian $deb" >&2
lintian --fail-on error "$deb" >&2
echo "$deb"
