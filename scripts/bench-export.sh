#!/usr/bin/env bash
# Times a whole `retest export` of a 1920x1080 PNG (process start, open the cache, compute the
# levels, render, encode) against a baseline in the same run: a plain matplotlib candlestick
# chart of the same bars (the real S&P 500 sample). Prints times and ratios; asserts nothing.
# Usage: scripts/bench-export.sh [BUILD_DIR]   (default: build-bench, built Release here)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="${1:-$root/build-bench}"
runs=10
if [ ! -x "$build/app/retest" ]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$build" --target retest
fi
retest="$build/app/retest"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/cache.sqlite"
csv="$root/resources/sample/sp500-2000.csv"
export QT_QPA_PLATFORM=offscreen
"$retest" --db "$db" list >/dev/null  # seeds the empty cache with the same sample

# Debian's python3-matplotlib belongs to /usr/bin/python3, which may not be the first python3.
baseline=matplotlib
py=python3
has_mpl() { "$1" -c 'import matplotlib' 2>/dev/null; }
if ! has_mpl "$py"; then
    py=/usr/bin/python3
    if ! has_mpl "$py"; then
        echo "python3-matplotlib missing: installing it (Debian package)…" >&2
        apt-get install -y python3-matplotlib >/dev/null 2>&1 ||
            sudo -n apt-get install -y python3-matplotlib >/dev/null 2>&1 || true
    fi
    if ! has_mpl "$py"; then
        echo "cannot install python3-matplotlib: baseline is 'python3 -c pass' + a PIL render" >&2
        baseline=pil
    fi
fi

# The baseline draws the last year of the sample (252 sessions), as the export does by default.
cat >"$work/baseline.py" <<'EOF'
import csv, sys
kind, src, out = sys.argv[1], sys.argv[2], sys.argv[3]
rows = list(csv.reader(open(src)))[1:][-252:]
o, h, l, c = ([float(r[i]) for r in rows] for i in (1, 2, 3, 4))
if kind == "matplotlib":
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(19.2, 10.8), dpi=100)
    for i in range(len(rows)):
        col = "#12936f" if c[i] >= o[i] else "#d6333f"
        ax.vlines(i, l[i], h[i], color=col, linewidth=1)
        ax.bar(i, abs(c[i] - o[i]) or 0.01, 0.7, min(o[i], c[i]), color=col)
    ax.set_title("^GSPC daily")
    fig.savefig(out)
else:
    from PIL import Image, ImageDraw
    im = Image.new("RGB", (1920, 1080), "white")
    d = ImageDraw.Draw(im)
    lo, hi = min(l), max(h)
    y = lambda p: 1040 - (p - lo) / (hi - lo) * 1000
    for i in range(len(rows)):
        x = 20 + i * 7.5
        col = "#12936f" if c[i] >= o[i] else "#d6333f"
        d.line([(x, y(h[i])), (x, y(l[i]))], fill=col)
        d.rectangle([x - 3, y(max(o[i], c[i])), x + 3, y(min(o[i], c[i]))], fill=col)
    im.save(out)
EOF
if [ "$baseline" = pil ] && ! "$py" -c 'import PIL' 2>/dev/null; then
    baseline=none
    echo "PIL missing too: the baseline is only 'python3 -c pass'" >&2
fi

export_cmd=("$retest" --db "$db" export ^GSPC --out "$work/chart.png" --size 1920x1080)
base_cmd=("$py" "$work/baseline.py" "$baseline" "$csv" "$work/baseline.png")
[ "$baseline" = none ] && base_cmd=("$py" -c pass)

# Median wall time in ms of $runs runs.
median_ms() {
    local times=()
    for _ in $(seq "$runs"); do
        local t0 t1
        t0=$(date +%s%N)
        "$@" >/dev/null 2>&1 || echo "warning: '$*' failed" >&2
        t1=$(date +%s%N)
        times+=($(((t1 - t0) / 1000000)))
    done
    printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p"
}

"${export_cmd[@]}" >/dev/null 2>&1  # warm the page cache
echo "== /usr/bin/time -v, one run each =="
for name in retest baseline; do
    if [ "$name" = retest ]; then cmd=("${export_cmd[@]}"); else cmd=("${base_cmd[@]}"); fi
    /usr/bin/time -v "${cmd[@]}" 2>&1 >/dev/null |
        grep -E 'Elapsed|Maximum resident' | sed "s/^\s*/$name: /"
done

echo "== median of $runs runs =="
t_export=$(median_ms "${export_cmd[@]}")
t_base=$(median_ms "${base_cmd[@]}")
t_pass=$(median_ms "$py" -c pass)
echo "retest export 1920x1080 PNG (with levels): ${t_export} ms (target < 300 ms)"
echo "baseline ($baseline, same 252 bars):       ${t_base} ms"
echo "python3 -c pass (interpreter start):      ${t_pass} ms"
awk -v a="$t_export" -v b="$t_base" 'BEGIN { if (a > 0) printf "baseline / retest = %.2fx\n", b / a }'

if command -v hyperfine >/dev/null; then
    echo "== hyperfine =="
    hyperfine --warmup 2 --runs "$runs" -N "${export_cmd[*]}" "${base_cmd[*]}"
fi
