#!/usr/bin/env bash
# Parse throughput over a whole directory of Python (default: CPython's stdlib, without
# site-packages), in MB/s: Adder's parser (engine/examples/parse_bench.rs, best of 3) side by
# side with CPython's ast.parse on the same files (best of 3), as a markdown table.
#
#   bench/parse_throughput.sh [DIR]
#
# The goal is a ratio of at least 10x. Set PYTHON to choose the reference interpreter.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="${PYTHON:-python3}"
dir="${1:-$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')}"
if [ ! -d "$dir" ]; then
    echo "parse_throughput.sh: no directory $dir" >&2
    exit 2
fi

ours="$(cd "$repo" && cargo run -q --release -p adder-engine --example parse_bench -- "$dir")"

theirs="$("$PY" - "$dir" <<'PY'
import ast, os, sys, time, warnings
warnings.simplefilter("ignore")
root = sys.argv[1]
sources = []
for dirpath, dirnames, filenames in os.walk(root):
    dirnames[:] = [d for d in dirnames if d != "site-packages"]
    for name in filenames:
        if name.endswith(".py"):
            with open(os.path.join(dirpath, name), "rb") as f:
                sources.append(f.read())
best = float("inf")
for _ in range(3):
    start = time.perf_counter()
    for source in sources:
        try:
            ast.parse(source)
        except (SyntaxError, ValueError):
            pass
    best = min(best, time.perf_counter() - start)
size = sum(map(len, sources))
print(f"files={len(sources)} bytes={size} seconds={best:.4f} MBps={size / 1e6 / best:.1f}")
PY
)"

field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" <<<"$2"; }
ours_mbps="$(field MBps "$ours")"
theirs_mbps="$(field MBps "$theirs")"
ratio="$(awk -v a="$ours_mbps" -v b="$theirs_mbps" 'BEGIN { printf "%.1f", (b > 0) ? a / b : 0 }')"

echo "Parse throughput over $dir ($(field files "$ours") files, $(field bytes "$ours") bytes)"
echo
echo "| parser | seconds (best of 3) | MB/s |"
echo "|---|---:|---:|"
echo "| adder (engine::syntax::parse) | $(field seconds "$ours") | $ours_mbps |"
echo "| CPython $("$PY" -c 'import platform; print(platform.python_version())') ast.parse | $(field seconds "$theirs") | $theirs_mbps |"
echo
echo "ratio: ${ratio}x"
