# with statements (suppression, exceptions in __exit__) and match statements.
class CM:
    def __init__(self, name, suppress=False):
        self.name, self.suppress = name, suppress
    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()
    def __exit__(self, et, ev, tb):
        print("exit", self.name, et.__name__ if et else None, ev, tb is not None if et else None)
        return self.suppress
with CM("a") as v:
    print("body", v)
with CM("b", suppress=True):
    raise ValueError("hidden")
print("after suppressed")
try:
    with CM("c"), CM("d"):
        raise KeyError("k")
except KeyError as e:
    print("propagated", e)
def early():
    with CM("e"):
        return "returned"
print(early())
for i in range(2):
    with CM(f"loop{i}"):
        if i == 0:
            continue
        break
for bad in [1, type("NoExit", (), {"__enter__": lambda s: s})()]:
    try:
        with bad:
            pass
    except TypeError as e:
        print("TypeError:", e)
class Point:
    __match_args__ = ("x", "y")
    def __init__(self, x, y): self.x, self.y = x, y
def describe(v):
    match v:
        case 0 | 1:
            return "small int"
        case int(n) if n < 0:
            return f"negative {n}"
        case str() as s:
            return f"str {s!r}"
        case [x, y, *rest]:
            return f"seq {x} {y} {rest}"
        case {"kind": "circle", "r": r}:
            return f"circle {r}"
        case {"kind": k, **others}:
            return f"kind {k} {others}"
        case Point(0, y=0):
            return "origin"
        case Point(x, y) if x == y:
            return f"diagonal {x}"
        case Point(x=px):
            return f"point x={px}"
        case (a,):
            return f"one-tuple {a}"
        case None:
            return "none"
        case _:
            return "other"
for v in [0, -5, "hi", [1, 2, 3, 4], (7, 8), {"kind": "circle", "r": 2}, {"kind": "sq", "s": 1},
          Point(0, 0), Point(3, 3), Point(1, 2), (9,), None, 3.5, "x" * 0, {}]:
    print(describe(v))
match 42:
    case int(x):
        print("int pattern binds self", x)
try:
    match Point(1, 2):
        case Point(1, 2, 3):
            pass
except TypeError as e:
    print("TypeError:", e)
key = "a"
try:
    match {"a": 1}:
        case {"a": 1, **rest} if rest:
            pass
        case {"x": 1}:
            pass
        case _:
            print("no duplicate check needed")
except ValueError as e:
    print("ValueError", e)
