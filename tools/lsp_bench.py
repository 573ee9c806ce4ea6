#!/usr/bin/env python3
"""Language-server benchmark: `adder lsp` side by side with pylsp on the same generated file.

Measures, on a generated 10,000-line Python file:
  - edit → diagnostics: median time from a one-character `didChange` inside a function to
    the next `publishDiagnostics` for the file;
  - hover and completion: median request latency;
  - server memory (VmRSS) after the run.

Usage: tools/lsp_bench.py [--lines N] [--rounds N] [--adder PATH] [--pylsp PATH]
pylsp: `python3 -m venv target/lsp-bench-venv && target/lsp-bench-venv/bin/pip install
'python-lsp-server[pyflakes]'` (the default --pylsp path). Not a test: timings vary by machine.
"""

import argparse
import json
import os
import queue
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def generate(n):
    out = ["import math", "", "CONST = 10", ""]
    i = 0
    while len(out) < n:
        out += [
            f"class Shape{i}:",
            f'    """Shape number {i}."""',
            "",
            "    def __init__(self, w, h):",
            "        self.w = w",
            "        self.h = h",
            "",
            "    def area(self):",
            "        return self.w * self.h",
            "",
            f"def compute_{i}(a, b=2):",
            f'    """Compute thing {i}."""',
            "    total = 0",
            "    for k in range(a):",
            "        total += k * b + CONST",
            "        if total > 1000:",
            "            total = total % 97",
            f"    s = Shape{i}(a, b)",
            "    return total + s.area() + math.floor(1.5)",
            "",
            "",
        ]
        i += 1
    return "\n".join(out[:n]) + "\n"


class Client:
    def __init__(self, cmd):
        self.p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.id = 0
        self.responses = {}
        self.notes = queue.Queue()
        self.lock = threading.Lock()
        threading.Thread(target=self._reader, daemon=True).start()

    def _reader(self):
        f = self.p.stdout
        while True:
            n = None
            while True:
                line = f.readline()
                if not line:
                    self.notes.put(None)
                    return
                if not line.strip():
                    break
                if line.lower().startswith(b"content-length"):
                    n = int(line.split(b":")[1])
            msg = json.loads(f.read(n))
            t = time.perf_counter()
            if "method" in msg and "id" in msg:
                self._send({"jsonrpc": "2.0", "id": msg["id"], "result": None})
            elif "method" in msg:
                self.notes.put((t, msg))
            else:
                with self.lock:
                    q = self.responses.setdefault(msg["id"], queue.Queue())
                q.put((t, msg))

    def _send(self, m):
        b = json.dumps(m).encode()
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(b) + b)
        self.p.stdin.flush()

    def request(self, method, params, timeout=60):
        self.id += 1
        i = self.id
        with self.lock:
            q = self.responses.setdefault(i, queue.Queue())
        start = time.perf_counter()
        self._send({"jsonrpc": "2.0", "id": i, "method": method, "params": params})
        t, msg = q.get(timeout=timeout)
        return t - start, msg

    def notify(self, method, params):
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def drain(self):
        while True:
            try:
                self.notes.get_nowait()
            except queue.Empty:
                return

    def wait_diagnostics(self, uri, timeout=60):
        end = time.perf_counter() + timeout
        while True:
            left = end - time.perf_counter()
            if left <= 0:
                raise TimeoutError("no diagnostics")
            item = self.notes.get(timeout=left)
            if item is None:
                raise RuntimeError("server exited")
            t, m = item
            if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri:
                return t, m

    def rss_mb(self):
        try:
            with open(f"/proc/{self.p.pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1]) / 1024
        except OSError:
            pass
        return float("nan")

    def stop(self):
        try:
            self.request("shutdown", None, timeout=10)
            self.notify("exit", None)
            self.p.wait(timeout=10)
        except Exception:
            self.p.kill()


def bench(name, cmd, path, text, rounds):
    uri = "file://" + path
    c = Client(cmd)
    c.request("initialize", {"processId": os.getpid(), "rootUri": "file://" + os.path.dirname(path), "capabilities": {
        "textDocument": {"publishDiagnostics": {}, "hover": {"contentFormat": ["markdown", "plaintext"]}}}})
    c.notify("initialized", {})
    t0 = time.perf_counter()
    c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": text}})
    t, _ = c.wait_diagnostics(uri)
    first = t - t0
    lines = text.split("\n")
    # A function in the middle of the file: its `total = 0` line, and its last line.
    mid = len(lines) // 2
    total_line = next(i for i in range(mid, len(lines)) if lines[i] == "    total = 0")
    ret_line = total_line + 6
    col_area = lines[ret_line].index("area")
    col_math = lines[ret_line].index("floor")
    edits, hovers, completions, scope_completions = [], [], [], []
    version = 1
    for r in range(rounds):
        version += 1
        digit = str(version % 10)
        c.drain()
        start = time.perf_counter()
        c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [
            {"range": {"start": {"line": total_line, "character": 12}, "end": {"line": total_line, "character": 13}}, "text": digit}]})
        t, _ = c.wait_diagnostics(uri)
        edits.append(t - start)
        dt, _ = c.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": ret_line, "character": col_area + 1}})
        hovers.append(dt)
        dt, msg = c.request("textDocument/completion", {"textDocument": {"uri": uri}, "position": {"line": ret_line, "character": col_math}})
        completions.append(dt)
        # Names in scope: the start of `total` inside the function (every module-level
        # name of the file is a candidate).
        dt, msg = c.request("textDocument/completion", {"textDocument": {"uri": uri}, "position": {"line": ret_line, "character": 12}})
        scope_completions.append(dt)
    rss = c.rss_mb()
    c.stop()
    ms = lambda xs: statistics.median(xs) * 1000
    return {"name": name, "first": first * 1000, "edit": ms(edits), "hover": ms(hovers), "completion": ms(completions), "scope": ms(scope_completions), "rss": rss}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=10000)
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--adder", default=os.path.join(ROOT, "target/release/adder"))
    ap.add_argument("--pylsp", default=os.path.join(ROOT, "target/lsp-bench-venv/bin/pylsp"))
    args = ap.parse_args()
    text = generate(args.lines)
    d = tempfile.mkdtemp(prefix="lsp-bench-")
    path = os.path.join(d, "big.py")
    with open(path, "w") as f:
        f.write(text)
    results = [bench("adder lsp", [args.adder, "lsp"], path, text, args.rounds)]
    if os.path.exists(args.pylsp):
        results.append(bench("pylsp", [args.pylsp], path, text, args.rounds))
    else:
        print(f"(pylsp not found at {args.pylsp}; see the docstring)", file=sys.stderr)
    print(f"{args.lines}-line file, {args.rounds} rounds, medians:\n")
    print("| server | open → diagnostics | edit → diagnostics | hover | completion `math.` | completion (names in scope) | memory (RSS) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(f"| {r['name']} | {r['first']:.1f} ms | {r['edit']:.1f} ms | {r['hover']:.1f} ms | {r['completion']:.1f} ms | {r['scope']:.1f} ms | {r['rss']:.0f} MB |")


if __name__ == "__main__":
    main()
