import re, os, sys
from collections import Counter
LOG = """2024-03-01 12:00:01 INFO  [web] GET /index.html 200 0.012s
2024-03-01 12:00:02 WARN  [web] GET /missing 404 0.003s
2024-03-01 12:00:05 ERROR [db] timeout after 30s (query=SELECT *)
2024-03-01 12:01:00 INFO  [web] POST /api/items 201 0.120s
garbage line
2024-03-01 12:02:13 INFO  [web] GET /index.html 200 0.010s
"""
pat = re.compile(r"^(?P<date>\d{4}-\d\d-\d\d) (?P<time>[\d:]+) (?P<level>\w+)\s+\[(?P<src>\w+)\] (?P<msg>.*)$")
req = re.compile(r"(GET|POST) (\S+) (\d{3}) ([\d.]+)s")
levels = Counter()
paths = Counter()
slow = []
import time
# Unique per run: the test harness runs this twice at once in one process.
tmp = os.path.join("/tmp", "adder_everyday_%d_%d_%d" % (os.getpid(), id(object()), time.perf_counter_ns()))
os.makedirs(tmp, exist_ok=True)
path = os.path.join(tmp, "app.log")
with open(path, "w") as f:
    f.write(LOG)
with open(path) as f:
    for n, line in enumerate(f, 1):
        m = pat.match(line.rstrip("\n"))
        if not m:
            print(f"line {n}: unparsed {line.strip()!r}")
            continue
        levels[m["level"]] += 1
        r = req.search(m.group("msg"))
        if r:
            method, p, status, secs = r.groups()
            paths[p] += 1
            if float(secs) > 0.05:
                slow.append((p, float(secs)))
        print(m.group("time", "level"), m.groupdict()["src"], m.span("msg"))
print(levels, paths.most_common(1), slow)
print(re.findall(r"\d+", "a1b22c333"), re.findall(r"(\w)(\d)", "a1 b2"), re.split(r"[,;]\s*", "a, b;c"))
print(re.sub(r"(\w+)@(\w+)", r"\2 at \1", "joe@site ann@web"), re.sub(r"\d", lambda m: str(int(m[0]) * 2), "a1b2"))
print(re.subn("a", "A", "banana"), re.fullmatch(r"\d+", "123"), re.fullmatch(r"\d+", "12a"))
print([m.start() for m in re.finditer("an", "banana")], re.escape("a.b*c"))
print(re.search(r"(?i)HELLO", "say hello").group(), re.match(r"x", "yx"), bool(re.compile("b", re.I).search("ABC")))
print(re.sub(r"\s+", " ", "  lots   of\tspace "), re.split(r"(-)", "a-b-c"), re.findall(r"^\w", "ab\ncd", re.M))
with open(path, "a") as f:
    print("appended", file=f)
with open(path) as f:
    lines = f.readlines()
print(len(lines), lines[-1], repr(lines[0][:10]))
with open(path, "rb") as f:
    head = f.read(10)
print(head, type(head).__name__)
with open(os.path.join(tmp, "out.txt"), "w", encoding="utf-8") as f:
    f.writelines(["α\n", "β\n"])
    n = f.write("γ")
print(n, open(os.path.join(tmp, "out.txt"), encoding="utf-8").read().split())
print(os.path.exists(path), os.path.basename(path), os.path.splitext(path)[1], sorted(os.listdir(tmp)))
try:
    open(os.path.join(tmp, "nope.txt"))
except FileNotFoundError as e:
    print(type(e).__name__, e.errno, e.strerror)
os.remove(path)
print(os.path.exists(path), os.path.join("a", "b", "c.txt"), os.path.dirname("/x/y/z.py"))
os.remove(os.path.join(tmp, "out.txt")); os.rmdir(tmp); print(os.path.exists(tmp))
