#!/usr/bin/env python3
"""The project's benchmark runner: python3, adder and adder --no-quicken side by side.

usage: tools/bench.py [-n RUNS] [--adder PATH] [--markdown] [BENCH...]

Each benchmark runs once per implementation as a warm-up, then RUNS rounds alternating the
implementations; the whole process is timed (start-up included). Adder's stdout must equal
expected/NAME.txt, otherwise the row says WRONG (a non-zero exit or a timeout: FAIL). Ratios
are python3's median over the other's (> 1 means faster than CPython); the last rows are
geometric means over the benchmarks that were correct in both modes.
"""

import argparse
import math
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HERE = os.path.join(ROOT, "bench")


def run_once(cmd, path, timeout):
    start = time.perf_counter()
    try:
        proc = subprocess.run(cmd + [path], capture_output=True, timeout=timeout, cwd=HERE)
    except subprocess.TimeoutExpired:
        return None, "TIMEOUT"
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        last = proc.stderr.decode(errors="replace").strip().splitlines()[-1:] or [""]
        return None, f"FAIL: {last[0][:100]}"
    return elapsed, proc.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=3, help="timed rounds (default 3)")
    parser.add_argument("--adder", default=os.path.join(ROOT, "target", "release", "adder"))
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--markdown", action="store_true", help="print a markdown table")
    parser.add_argument("benchmarks", nargs="*")
    args = parser.parse_args()

    names = args.benchmarks or sorted(
        f[:-3] for f in os.listdir(HERE) if f.endswith(".py")
    )
    python = subprocess.run(
        ["python3", "-c", "import sys; print(sys.executable)"], capture_output=True, text=True
    ).stdout.strip()
    impls = {
        "python3": [python],
        "adder": [args.adder, "run"],
        "no-quicken": [args.adder, "run", "--no-quicken"],
    }

    rows = []
    notes = []
    for name in names:
        path = os.path.join(HERE, f"{name}.py")
        with open(os.path.join(HERE, "expected", f"{name}.txt"), "rb") as f:
            expected = f.read()
        times = {impl: [] for impl in impls}
        status = {impl: "ok" for impl in impls}
        for round_no in range(args.n + 1):
            for impl, cmd in impls.items():
                if status[impl] != "ok":
                    continue
                elapsed, out = run_once(cmd, path, args.timeout)
                if elapsed is None:
                    status[impl] = out
                elif impl != "python3" and out != expected:
                    status[impl] = "WRONG"
                elif round_no > 0:
                    times[impl].append(elapsed)
        medians = {i: statistics.median(t) if t else None for i, t in times.items()}
        rows.append((name, medians, status))
        print_row(name, medians, status, args.markdown, header=len(rows) == 1)
        for impl, st in status.items():
            if st.startswith("FAIL:"):
                notes.append(f"{name} ({impl}): {st[6:]}")

    for note in notes:
        print(note)
    for impl in ("adder", "no-quicken"):
        ratios = [
            m["python3"] / m[impl]
            for _, m, s in rows
            if s[impl] == "ok" and s["python3"] == "ok" and m[impl]
        ]
        geo = math.exp(sum(map(math.log, ratios)) / len(ratios)) if ratios else 0.0
        print(f"geomean {impl} vs python3: {geo:.2f}x over {len(ratios)} benchmarks")
    both = [
        m["no-quicken"] / m["adder"]
        for _, m, s in rows
        if s["adder"] == "ok" and s["no-quicken"] == "ok"
    ]
    if both:
        geo = math.exp(sum(map(math.log, both)) / len(both))
        print(f"geomean quickened vs --no-quicken: {geo:.2f}x over {len(both)} benchmarks")
    startup(python, args.adder)


def startup(python, adder, runs=21):
    """Start-up: an empty program, median of `runs` whole-process timings."""
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        empty = f.name
    try:
        medians = {}
        for impl, cmd in (("python3", [python]), ("adder", [adder, "run"])):
            times = []
            for _ in range(runs):
                elapsed, _out = run_once(cmd, empty, 30)
                if elapsed is not None:
                    times.append(elapsed)
            medians[impl] = statistics.median(times) if times else float("nan")
        print(
            f"start-up (empty.py): python3 {medians['python3'] * 1000:.1f} ms, "
            f"adder {medians['adder'] * 1000:.1f} ms, "
            f"{medians['python3'] / medians['adder']:.1f}x faster"
        )
    finally:
        os.unlink(empty)


def print_row(name, medians, status, markdown, header):
    def cell(impl):
        return f"{medians[impl]:.3f}" if status[impl] == "ok" else status[impl].split(":")[0]

    def ratio(impl):
        if status[impl] != "ok" or status["python3"] != "ok":
            return "-"
        return f"{medians['python3'] / medians[impl]:.2f}x"

    cols = [name, cell("python3"), cell("adder"), ratio("adder"), cell("no-quicken"), ratio("no-quicken")]
    if markdown:
        if header:
            print("| benchmark | python3 s | adder s | ratio | --no-quicken s | ratio |")
            print("|---|---:|---:|---:|---:|---:|")
        print("| " + " | ".join(cols) + " |")
    else:
        if header:
            print(f"{'benchmark':<20}{'python3 s':>11}{'adder s':>11}{'ratio':>8}{'noquick s':>11}{'ratio':>8}")
        print(f"{cols[0]:<20}{cols[1]:>11}{cols[2]:>11}{cols[3]:>8}{cols[4]:>11}{cols[5]:>8}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
