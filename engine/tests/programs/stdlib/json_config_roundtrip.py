# Configuration files with json: defaults merged with user settings, validation, pretty output.
import json

DEFAULTS = {
    "server": {"host": "127.0.0.1", "port": 8080, "debug": False},
    "database": {"url": "sqlite:///app.db", "pool": 5, "timeout": 2.5},
    "features": ["search", "export"],
    "owner": None,
}

user_text = """
{
    "server": {"port": 9090, "debug": true},
    "database": {"timeout": 10},
    "features": ["search", "export", "beta-ui"],
    "owner": "Zoë",
    "limits": {"rate": 1e3, "burst": -1}
}
"""

def merge(base, override):
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out

user = json.loads(user_text)
config = merge(DEFAULTS, user)
print(json.dumps(config, indent=4, sort_keys=True))
print(json.dumps(config, ensure_ascii=False, separators=(",", ":")))
print(type(config["limits"]["rate"]).__name__, config["server"]["port"] + 1, config["database"]["timeout"] / 4)

# Round trip through text, as saving and reloading would.
saved = json.dumps(config, indent=2)
reloaded = json.loads(saved)
print(reloaded == config, len(saved.splitlines()))

# Records with a custom encoder hook and a decoder hook.
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return f"Point({self.x}, {self.y})"

def encode(obj):
    if isinstance(obj, Point):
        return {"__point__": [obj.x, obj.y]}
    if isinstance(obj, set):
        return sorted(obj)
    raise TypeError(f"cannot encode {type(obj).__name__}")

def decode(d):
    if "__point__" in d:
        return Point(*d["__point__"])
    return d

shapes = {"triangle": [Point(0, 0), Point(4, 0), Point(0, 3)], "tags": {"b", "a"}}
text = json.dumps(shapes, default=encode)
print(text)
print(json.loads(text, object_hook=decode))
try:
    json.dumps({"when": object()}, default=encode)
except TypeError as e:
    print("TypeError:", e)

# Validation of broken user files, reporting line and column.
for broken in ['{"port": 80,\n "host": }', '{"a": [1, 2,, 3]}', '{"a" 1}', '[1, 2]\n]', '{"x": "unterminated}']:
    try:
        json.loads(broken)
    except json.JSONDecodeError as e:
        print(f"line {e.lineno} col {e.colno}: {e.msg}")

# Lines of JSON (one record per line), aggregated.
lines = '{"user": "ann", "ms": 120}\n{"user": "bob", "ms": 80}\n{"user": "ann", "ms": 95.5}\n'
totals = {}
for line in lines.splitlines():
    rec = json.loads(line)
    totals[rec["user"]] = totals.get(rec["user"], 0) + rec["ms"]
print(json.dumps(totals), json.dumps(list(totals.items())))
print(json.dumps({"nan": float("nan"), "big": 10**25, "neg": -0.0, "tiny": 1e-7, "t": (1, 2)}))
