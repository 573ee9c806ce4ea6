import json, re, enum, dataclasses, fractions, statistics, datetime, collections
class C(enum.Enum):
    A = 1
print(f"{C.A}", f"{C.A!s:>10}|", format(C.A), str(C.A), f"{C.A.name:^7}|")
class I(enum.IntEnum):
    X = 5
print(f"{I.X}", f"{I.X:03d}", str(I.X), repr(I.X), I.X * 2)
for bad in ['{"a": }', '[1, 2', '{"a" 1}', 'nul', '"abc', '{"a":1,}', '']:
    try:
        json.loads(bad)
    except json.JSONDecodeError as e:
        print(repr(bad), "->", e)
print(json.dumps({"b": 1, "a": [1, {"c": None}]}, indent=4, sort_keys=True))
print(json.dumps([1.5, 1e20, -0.0, 10**20, "\u00e9\u2028", {"k": (1, 2)}]))
print(json.loads('{"a": 1.0e2, "b": -0, "c": "\\u00e9\\n"}'), json.loads("1e400"), json.loads('[1, 2]', object_hook=None))
print(json.dumps({"x": 1}, indent="\t"), json.dumps(True), json.dumps(None), json.dumps("it's"))
@dataclasses.dataclass
class Node:
    name: str
    children: list = dataclasses.field(default_factory=list)
    meta: dict = dataclasses.field(default_factory=dict, repr=False, compare=False)
t = Node("root", [Node("a"), Node("b", [Node("c")])])
print(t, dataclasses.asdict(t), dataclasses.is_dataclass(t), Node("x") == Node("x", meta={1: 2}))
F = fractions.Fraction
print(F(1, 3) + F(1, 6), F("3/4") * 2, F(0.5), float(F(7, 8)), F(5, 10).limit_denominator(3), F(3, 4) < 1, round(F(7, 2)))
print(statistics.median_grouped([1, 2, 2, 3]) if hasattr(statistics, "median_grouped") else 2.0, statistics.mode(["a", "b", "a"]), statistics.multimode([1, 1, 2, 2]))
print(re.sub(r"(?P<y>\d{4})-(?P<m>\d\d)", r"\g<m>/\g<y>", "2024-03"), re.findall(r"(?:ab)+", "ababxab"), re.split(r"\s*,\s*", "a , b,c", maxsplit=1))
m = re.match(r"(\w+) (\w+)?", "hello ")
print(m.groups(), m.groups("-"), m.group(0), m.lastindex, re.compile(r"\d").pattern, re.I | re.M)
print(re.sub("a|", "-", "bab") if True else "", re.fullmatch(r"[a-z]+\d*", "abc123").group(), re.search(r"\bcat\b", "concat cat").span())
dt = datetime.datetime(2024, 1, 31, 23, 59, 59)
print(dt + datetime.timedelta(seconds=1), (dt - datetime.datetime(2024, 1, 1)).days, dt.replace(day=1).strftime("%j %U %p %I"), dt.timetuple()[:3])
print(datetime.date(2024, 3, 10).isocalendar()[:2] if True else 0, datetime.date.today() > datetime.date(2020, 1, 1), str(datetime.timedelta(microseconds=1500)))
od = collections.OrderedDict.fromkeys("abc")
od.move_to_end("a")
print(od, list(od), collections.Counter(a=2, b=-1) + collections.Counter(), collections.Counter("aab").most_common())
nt = collections.namedtuple("P", "x y")
print(nt(1, 2)._asdict(), nt._make([3, 4]), nt(1, y=5), isinstance(nt(1, 2), tuple), nt(1, 2) == (1, 2))
print(f"{3.0}", f"{1/3}", f"{2e-7}", f"{123456789.0}", f"{1e22}", repr(1e-7), str(100.0), 0.1 * 3, 1/3 * 3, float("nan"), -float("inf"))
print("%.3g|%10.4e|%-8.2f|%+.1f|%c|%%|%5.1s" % (1234.5, 0.000123, 3.14159, 2.25, 65, "xyz"))
print("{:.2f} {:>6} {:<4}| {:^5} {:e} {:g} {:%} {:,}".format(2.675, "ab", "c", "m", 12345.678, 0.00001, 0.25, 1234567))
