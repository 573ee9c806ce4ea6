import json
for bad in ["{\"a\": 1,}", "[1, 2", "{'single': 1}", "", "tru", "[1,]", "{\"a\" 1}", "{\"a\":}", "\"abc", "\"a\\x\"", "\"a\\u12\"", "\"a\nb\"", "[1] x", "01", "-", "{", "[", "  ", "{\"a\":1 \"b\":2}", "\ufeff1", "[1 2]","{\"a\":1,\"b\"","nul","1.","1e", "-Infinity", "-foo", "[\"\\ud834\\udd1e\"]", "[1,\n 2,\n x]", "\"\\uzzzz\"", "\"é\\q\""]:
    try:
        print(repr(json.loads(bad)))
    except json.JSONDecodeError as e:
        print(repr(bad), "|", e, "|", e.msg, e.pos, e.lineno, e.colno, repr(e.doc) == repr(bad), isinstance(e, ValueError))
print(json.dumps({"a":[1,{"b":2}]}, indent=2, separators=(", ", ": ")))
try: json.dumps({(1,2):3})
except TypeError as e: print(e)
print(json.dumps({(1,2):3, "a":1}, skipkeys=True))
a=[]; a.append(a)
try: json.dumps(a)
except ValueError as e: print(e)
d = {}; d["self"] = d
try: json.dumps(d)
except ValueError as e: print(e)
try: json.dumps(float("nan"), allow_nan=False)
except ValueError as e: print(e)
print(json.dumps("\x00\x1f\x7f \U0001f600"), json.dumps("\x00\x1f\x7f \U0001f600", ensure_ascii=False))
print(json.dumps({"b":1, "a":2, "c": {"z": 1, "y": [], "x": {}}}, sort_keys=True, indent=4))
try: json.dumps({1:1, "a":2}, sort_keys=True)
except TypeError as e: print(e)
try: json.loads(5)
except TypeError as e: print(e)
print(json.JSONDecodeError.__mro__, json.JSONDecodeError("m", "ab\ncd", 4).args)
print(json.loads("[1.5, 2]", parse_float=str, parse_int=float), json.loads("{\"a\": [1, {\"b\": 2}]}", object_pairs_hook=list), json.loads("{\"a\": 1}", object_hook=lambda d: sorted(d)))
print(json.loads(b"[1]"), json.loads("1e400"), json.loads("-0"), json.loads("-0.0"), json.loads("1E+2"))
class P:
    def __init__(self, x): self.x = x
print(json.dumps([P(1), P(2)], default=lambda o: o.__dict__))
print(json.dumps({"a": 1, "b": [1, 2]}, indent=2, sort_keys=True, separators=(",", " = ")))
class D(dict): pass
class L(list): pass
print(json.dumps(D(a=L([1, 2]))), json.dumps({1.5: 1, float("inf"): 2}))


nested = "[" * 5000 + "]" * 5000
try:
    json.loads(nested)
except RecursionError as e:
    print("RecursionError", e)
deep = []
cur = deep
for i in range(5000):
    cur.append([]); cur = cur[0]
try:
    json.dumps(deep)
except RecursionError as e:
    print("RecursionError", e)
try:
    raise json.JSONDecodeError("Oops", "abc", 1)
except ValueError as e:
    print(type(e).__name__, e)
print(json.loads('{"a": 1, "b": 2}', object_hook=lambda d: {k.upper(): v for k, v in d.items()}))
