#!/usr/bin/env python3
"""What profiling costs: every benchmark under `adder run` and `adder run --profile=OUT.json`.

usage: tools/profile_overhead.py [-n RUNS] [--adder PATH] [BENCH...]

Each benchmark runs once per mode as a warm-up, then RUNS rounds alternating the two modes;
the process's CPU time (user + system, all threads: the sampler's too) is measured, which a
busy machine disturbs far less than wall time. Output must be equal in both modes. The
overhead is the median profiled time over the median plain time, minus one; the last line
is the geometric mean.
"""

import argparse
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import HERE, ROOT  # noqa: E402


def run_once(cmd, path, timeout):
    """CPU seconds of one run and its stdout, or (None, why)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        proc = subprocess.run(cmd + [path], capture_output=True, timeout=timeout, cwd=HERE)
    except subprocess.TimeoutExpired:
        return None, "TIMEOUT"
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        return None, "FAIL"
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, proc.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=5, help="timed rounds (default 5)")
    parser.add_argument("--adder", default=os.path.join(ROOT, "target", "release", "adder"))
    parser.add_argument("benchmarks", nargs="*")
    args = parser.parse_args()
    names = args.benchmarks or sorted(f[:-3] for f in os.listdir(HERE) if f.endswith(".py"))
    out = os.path.join(tempfile.mkdtemp(), "profile.json")
    modes = {
        "plain": [args.adder, "run"],
        "profiled": [args.adder, "run", f"--profile={out}"],
    }
    ratios = []
    print(f"{'benchmark':<20} {'plain cpu s':>11} {'profiled cpu s':>14} {'overhead':>9}")
    for name in names:
        path = os.path.join(HERE, name + ".py")
        times = {m: [] for m in modes}
        outputs = {}
        for rnd in range(args.n + 1):
            for mode, cmd in modes.items():
                t, stdout = run_once(cmd, path, 300)
                if t is None:
                    print(f"{name:<20} {mode}: {stdout}")
                    break
                outputs[mode] = stdout
                if rnd > 0:
                    times[mode].append(t)
        if any(len(v) < args.n for v in times.values()):
            continue
        if outputs["plain"] != outputs["profiled"]:
            print(f"{name:<20} output differs when profiled")
            continue
        plain = statistics.median(times["plain"])
        prof = statistics.median(times["profiled"])
        ratios.append(prof / plain)
        print(f"{name:<20} {plain:>11.3f} {prof:>14.3f} {100 * (prof / plain - 1):>8.1f}%")
    if ratios:
        geo = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
        print(f"geomean overhead: {100 * (geo - 1):.1f}% over {len(ratios)} benchmarks")


if __name__ == "__main__":
    main()
