#!/usr/bin/env bash
# Writes NAME.out for each NAME.py given: python3's stdout, then the last stderr line when the
# program exits with an uncaught exception (the format engine/tests/programs.rs compares).
set -u
for py in "$@"; do
    out="${py%.py}.out"
    input="${py%.py}.in"
    [ -f "$input" ] || input=/dev/null
    err=$(mktemp)
    (cd "$(dirname "$py")" && python3 "$(basename "$py")" <"$input" >"$(basename "$out")" 2>"$err")
    status=$?
    if [ "$status" -ne 0 ]; then
        tail -n 1 "$err" >>"$out"
    fi
    rm -f "$err"
done
