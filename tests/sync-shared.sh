#!/usr/bin/env bash
# Re-vendors the shared, read-only reference material into this checkout:
#   ../shared/conformance -> tests/conformance   (tests/shared_sync.rs requires them identical)
#   ../shared/bench       -> bench/              (benchmark programs, expected/, compare.sh)
# Files of our own in those folders (known-failures.txt, parse_throughput.sh) are kept.
# Run from anywhere; SHARED=/path/to/shared overrides the source.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${SHARED:-$repo/../shared}"
if [ ! -d "$shared/conformance" ]; then
    echo "sync-shared.sh: no $shared/conformance to copy from" >&2
    exit 2
fi

# sync SRC DST KEEP... : makes DST mirror SRC, except the files named in KEEP.
sync() {
    local src="$1" dst="$2"
    shift 2
    mkdir -p "$dst"
    local keep=()
    for k in "$@"; do keep+=(! -path "$dst/$k"); done
    # remove what the source no longer has, then copy everything over
    find "$dst" -mindepth 1 -type f "${keep[@]}" -print0 | while IFS= read -r -d '' f; do
        [ -e "$src/${f#"$dst"/}" ] || rm -f "$f"
    done
    cp -a "$src/." "$dst/"
}

sync "$shared/conformance" "$repo/tests/conformance" known-failures.txt
if [ -d "$shared/bench" ]; then
    sync "$shared/bench" "$repo/bench" parse_throughput.sh
fi
echo "vendored $(find "$repo/tests/conformance" -name '*.py' | wc -l) conformance programs and $(find "$repo/bench" -maxdepth 1 -name '*.py' | wc -l) benchmarks"
