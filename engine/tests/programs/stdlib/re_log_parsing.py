# Parsing a web-server log with re: named groups, compiled patterns, counters, substitutions.
import re

LOG = """\
192.168.1.10 - - [10/Oct/2023:13:55:36 +0000] "GET /index.html HTTP/1.1" 200 2326 "-" "Mozilla/5.0"
10.0.0.5 - alice [10/Oct/2023:13:56:01 +0000] "POST /api/login HTTP/1.1" 302 512 "https://example.com/" "curl/8.0"
192.168.1.10 - - [10/Oct/2023:13:57:12 +0000] "GET /images/logo.png HTTP/1.1" 404 0 "-" "Mozilla/5.0"
172.16.0.3 - bob [10/Oct/2023:14:01:45 +0000] "DELETE /api/items/42 HTTP/1.1" 500 87 "-" "python-requests/2.31"
malformed line without the expected layout
10.0.0.5 - alice [10/Oct/2023:14:02:00 +0000] "GET /api/items?page=2&size=50 HTTP/1.1" 200 10423 "-" "curl/8.0"
"""

LINE = re.compile(
    r"""
    ^(?P<ip>\d{1,3}(?:\.\d{1,3}){3})\s+-\s+(?P<user>\S+)\s+
    \[(?P<day>\d{2})/(?P<month>\w{3})/(?P<year>\d{4}):(?P<time>[\d:]+)\s[+-]\d{4}\]\s+
    "(?P<method>[A-Z]+)\s(?P<path>\S+)\sHTTP/(?P<version>[\d.]+)"\s+
    (?P<status>\d{3})\s(?P<size>\d+)
    """,
    re.VERBOSE,
)

by_status = {}
bytes_by_ip = {}
bad = 0
for line in LOG.splitlines():
    m = LINE.match(line)
    if not m:
        bad += 1
        print("skipped:", repr(line[:30]))
        continue
    rec = m.groupdict()
    by_status[rec["status"]] = by_status.get(rec["status"], 0) + 1
    bytes_by_ip[rec["ip"]] = bytes_by_ip.get(rec["ip"], 0) + int(rec["size"])
    user = None if rec["user"] == "-" else rec["user"]
    print(f"{rec['time']} {rec['method']:6} {rec['path']:<32} {rec['status']} user={user}")

print(sorted(by_status.items()), bad)
print(sorted(bytes_by_ip.items(), key=lambda kv: -kv[1]))

# Query strings and paths.
for path in re.findall(r'"[A-Z]+ (\S+) HTTP', LOG):
    base, _, query = path.partition("?")
    params = dict(re.findall(r"(\w+)=([^&]*)", query))
    ids = [int(n) for n in re.findall(r"/(\d+)(?=/|$)", base)]
    print(base, params, ids)

# Redaction and normalisation.
print(re.sub(r"\b(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}\b", r"\1.\2.x.x", LOG.splitlines()[1]))
print(re.sub(r"(?<=\[)[^\]]+(?=\])", lambda m: m.group().split(":")[0], LOG.splitlines()[0]))
errors = [m.group("status", "path") for m in LINE.finditer(LOG, re.M) if m.group("status").startswith(("4", "5"))]
print(errors)
multi = re.compile(LINE.pattern, re.VERBOSE | re.MULTILINE)
print([m.group("ip") for m in multi.finditer(LOG)])
print(re.split(r"\s*\|\s*", "a | b|c  |  d"), re.split(r"[\[\]]", "x[1]y[2]"))
words = re.findall(r"[A-Za-z]+", "The quick brown fox. The lazy dog! the end?")
freq = {}
for w in words:
    freq[w.lower()] = freq.get(w.lower(), 0) + 1
print(sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:3])
print(re.sub(r"([a-z])([A-Z])", r"\1_\2", "camelCaseToSnakeCase").lower())
print(re.fullmatch(r"[\w.+-]+@[\w-]+\.[\w.]+", "first.last+tag@mail.example.org") is not None)
print([bool(re.fullmatch(r"(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}", ip))
       for ip in ["192.168.0.1", "256.1.1.1", "10.0.0", "0.0.0.0"]])
try:
    re.compile(r"(?P<name>[a-z]+")
except re.error as e:
    print("bad pattern:", e.msg, "at", e.pos)
