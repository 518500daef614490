#!/usr/bin/env bash
# `cmake --install` into a DESTDIR, as a package build does, then: every file in its place,
# the desktop entry and AppStream metainfo valid, icons at their sizes, the man page formats
# cleanly, the completions parse, and the installed binary runs `--version`, `list` and
# `export` from a copy of the tree, with a fresh HOME and no way back to the build tree.
# Usage: check_install.sh BUILD_DIR STAGE_DIR
set -euo pipefail
build=$1
stage=$2
rm -rf "$stage"
mkdir -p "$stage"
fail() { echo "check_install: $*" >&2; exit 1; }

DESTDIR="$stage/destdir" cmake --install "$build" --prefix /usr >"$stage/install.log"
usr="$stage/destdir/usr"

for f in bin/retest \
         share/applications/retest.desktop \
         share/metainfo/io.github.retest_app.retest.metainfo.xml \
         share/icons/hicolor/scalable/apps/retest.svg \
         share/man/man1/retest.1.gz \
         share/bash-completion/completions/retest \
         share/doc/retest/LICENSE share/doc/retest/NOTICE \
         share/doc/retest/copyright share/doc/retest/changelog.gz; do
    [ -s "$usr/$f" ] || fail "missing $f"
done
ls "$usr"/share/zsh/*/_retest >/dev/null 2>&1 || fail "missing the zsh completion _retest"
[ -x "$usr/bin/retest" ] || fail "bin/retest is not executable"

# Icons: each PNG really has the size of its folder (width and height from the IHDR chunk).
for size in 16 22 24 32 48 64 128 256; do
    png="$usr/share/icons/hicolor/${size}x${size}/apps/retest.png"
    [ -s "$png" ] || fail "missing icon ${size}x${size}"
    read -r w1 w2 w3 w4 h1 h2 h3 h4 < <(od -An -tu1 -j16 -N8 "$png")
    w=$(( (w1 << 24) | (w2 << 16) | (w3 << 8) | w4 ))
    h=$(( (h1 << 24) | (h2 << 16) | (h3 << 8) | h4 ))
    [ "$w" = "$size" ] && [ "$h" = "$size" ] || fail "icon ${size}x${size} is ${w}x${h}"
done

# The desktop entry runs what is installed, with the icon that is installed.
grep -qx 'Exec=retest %F' "$usr/share/applications/retest.desktop" || fail "Exec line"
grep -qx 'Icon=retest' "$usr/share/applications/retest.desktop" || fail "Icon line"
grep -qx 'MimeType=text/csv;' "$usr/share/applications/retest.desktop" || fail "MimeType"
grep -qx 'Categories=Office;Finance;Qt;' "$usr/share/applications/retest.desktop" || fail "Categories"

# The validators Debian and the software centres use.
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$usr/share/applications/retest.desktop" || fail "desktop-file-validate"
else
    fail "desktop-file-validate is missing (scripts/deps.sh test)"
fi
if command -v appstreamcli >/dev/null; then
    appstreamcli validate --no-net "$usr/share/metainfo/io.github.retest_app.retest.metainfo.xml" ||
        fail "appstreamcli validate"
else
    fail "appstreamcli is missing (scripts/deps.sh test)"
fi

# The man page: troff reports no problem, and it shows every command.
warnings=$(zcat "$usr/share/man/man1/retest.1.gz" | preconv | groff -man -Tutf8 -ww -z 2>&1 || true)
[ -z "$warnings" ] || fail "man page: $warnings"
page=$(zcat "$usr/share/man/man1/retest.1.gz" | preconv | groff -man -Tutf8 2>/dev/null | col -b)
for cmd in import list export levels scan fetch annotate; do
    grep -q "retest $cmd \[options\]" <<<"$page" || fail "man page lacks 'retest $cmd [options]'"
done

# The completions are valid shell.
bash -n "$usr/share/bash-completion/completions/retest" || fail "bash completion syntax"
if command -v zsh >/dev/null; then
    zsh -n "$usr"/share/zsh/*/_retest || fail "zsh completion syntax"
fi

# The installed binary must not look back into the build tree: no RPATH/RUNPATH.
if readelf -d "$usr/bin/retest" | grep -Eq 'RPATH|RUNPATH'; then
    fail "bin/retest has an RPATH: $(readelf -d "$usr/bin/retest" | grep -E 'RPATH|RUNPATH')"
fi

# Run it from a copy of the tree, in an empty HOME, from an unrelated folder.
cp -a "$stage/destdir" "$stage/moved"
rm -rf "$stage/destdir"
home="$stage/home"
mkdir -p "$home"
bin="$stage/moved/usr/bin/retest"
run() { (cd "$home" && env -i HOME="$home" PATH=/usr/bin:/bin QT_QPA_PLATFORM=offscreen "$bin" "$@"); }
version=$(run --version) || fail "--version failed"
grep -Eq '^retest [0-9]+\.[0-9]+\.[0-9]+' <<<"$version" || fail "--version printed '$version'"
[ "$(run list)" = "$(printf 'DGS10 1990-01-02 2025-12-31 9005\n^GSPC 2000-01-03 2020-04-17 5105')" ] ||
    fail "list on the bundled samples"
[ -s "$home/.local/share/retest/retest.sqlite" ] || fail "no cache in the default place"
run export '^GSPC' --out "$home/gspc.png" --size 800x500 || fail "export failed"
[ "$(od -An -c -j1 -N3 "$home/gspc.png" | tr -d ' ')" = "PNG" ] || fail "export wrote no PNG"
# Tab completion as bash-completion runs it: commands, values, and the cached symbols.
completion="$stage/moved/usr/share/bash-completion/completions/retest"
complete_words() {
    env -i HOME="$home" PATH="$stage/moved/usr/bin:/usr/bin:/bin" bash -c '
        source /usr/share/bash-completion/bash_completion; source "$1"; shift
        COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
        _retest retest "${COMP_WORDS[-1]}" "${COMP_WORDS[-2]}"; echo "${COMPREPLY[*]}"' \
        _ "$completion" "$@"
}
[ "$(complete_words retest lev)" = "levels" ] || fail "bash: 'retest lev' does not complete"
[ "$(complete_words retest levels '^G')" = "^GSPC" ] || fail "bash: no cached symbol offered"
[ "$(complete_words retest export --theme '')" = "light dark" ] || fail "bash: --theme values"

echo "check_install: $(find "$stage/moved" -type f | wc -l) files installed and checked; $version"
