class AppError(Exception):
    def __init__(self, msg, code=1):
        super().__init__(msg)
        self.code = code
class NotFound(AppError):
    def __str__(self):
        return f"not found: {self.args[0]}"
def find(db, key):
    try:
        return db[key]
    except KeyError as e:
        raise NotFound(key, 404) from e
try:
    find({}, "x")
except AppError as e:
    print(type(e).__name__, e, e.code, repr(e), type(e.__cause__).__name__, e.__cause__)
try:
    try:
        1 / 0
    except ZeroDivisionError:
        int("abc")
except ValueError as e:
    print(e, type(e.__context__).__name__, e.__suppress_context__)
def parse(s):
    match s.split():
        case ["go", direction]:
            return f"move {direction}"
        case ["take", *items] if items:
            return f"take {', '.join(items)}"
        case [("quit" | "exit")]:
            return "bye"
        case _:
            return "?"
print([parse(s) for s in ["go north", "take a b", "quit", "exit", "dance"]])
def point(p):
    match p:
        case {"x": 0, "y": y}:
            return f"on y axis at {y}"
        case (x, y) if x == y:
            return "diagonal"
        case int() | float() as n:
            return f"number {n}"
        case str(s):
            return f"str {s!r}"
    return "other"
print([point(p) for p in [{"x": 0, "y": 3}, (2, 2), 4.5, "hi", None]])
data = [3, 8, 1, 9]
if (n := len(data)) > 3:
    print(f"{n} items, max {max(data)}")
def counter():
    count = 0
    def inc(step=1):
        nonlocal count
        count += step
        return count
    return inc
c = counter(); c(); c(5); print(c())
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
g = fib()
print([next(g) for _ in range(10)], sum(x for x in range(100) if x % 7 == 0))
def chunked(seq, n):
    for i in range(0, len(seq), n):
        yield seq[i:i + n]
print(list(chunked("abcdefg", 3)))
class Vec:
    __match_args__ = ("x", "y")
    def __init__(self, x, y): self.x, self.y = x, y
    def __add__(self, o): return Vec(self.x + o.x, self.y + o.y)
    def __mul__(self, k): return Vec(self.x * k, self.y * k)
    __rmul__ = __mul__
    def __eq__(self, o): return (self.x, self.y) == (o.x, o.y)
    def __abs__(self): return (self.x ** 2 + self.y ** 2) ** 0.5
    def __repr__(self): return f"Vec({self.x}, {self.y})"
    def __iter__(self): yield self.x; yield self.y
    def __bool__(self): return bool(self.x or self.y)
v = Vec(1, 2) + Vec(3, 4)
print(v, 2 * v, v * 2, abs(Vec(3, 4)), list(v), bool(Vec(0, 0)), Vec(1, 1) == Vec(1, 1))
match v:
    case Vec(4, y):
        print("x is 4, y is", y)
class Plugin:
    registry = {}
    def __init_subclass__(cls, name=None, **kw):
        super().__init_subclass__(**kw)
        Plugin.registry[name or cls.__name__.lower()] = cls
class Csv(Plugin, name="csv"): pass
class Json(Plugin): pass
print(sorted(Plugin.registry))
class Lazy:
    def __getattr__(self, name):
        if name.startswith("get_"):
            return lambda: name[4:]
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
print(Lazy().get_thing())
try:
    Lazy().other
except AttributeError as e:
    print(e)
class Positive:
    def __set_name__(self, owner, name): self.name = "_" + name
    def __get__(self, obj, objtype=None): return getattr(obj, self.name) if obj else self
    def __set__(self, obj, value):
        if value <= 0: raise ValueError(f"{self.name[1:]} must be positive")
        setattr(obj, self.name, value)
class Order:
    qty = Positive()
    def __init__(self, q): self.qty = q
o = Order(3); print(o.qty)
try: Order(0)
except ValueError as e: print(e)
print(round(2.5), round(3.5), round(-0.5), round(1.005, 2), divmod(-7, 2), -7 // 2, -7 % 2, 7 % -2, 2 ** -1, 10 / 4)
print(f"{1234567.891:,.2f}", f"{-42:05d}", f"{3.14159:10.3f}|", f"{'left':<8}|{'right':>8}|{'c':*^7}", f"{12:#x}", f"{0.5:.0%}")
print("a,b,,c".split(","), "  x  ".strip(), "Hello".center(11, "-"), "abc".zfill(6), "x".join("123"), "TeSt".swapcase(), "hello world".title())
print("abcabc".replace("b", "B", 1), "a-b-c".rsplit("-", 1), "line1\nline2\r\nline3".splitlines(), "%-6s|%6.2f|%03d" % ("ab", 3.14159, 7))
print("python".find("th"), "python".index("on"), "python".startswith(("py", "ja")), "42".isdigit(), "ab12".isalnum(), "  ".isspace(), "Ab".lower())
d = {"b": 2, "a": 1}
d |= {"c": 3}
print(list(d.keys()), list(d.items())[-1], d.get("z", 0), d.setdefault("d", []), d.pop("a"), sorted(d, key=d.get) if all(isinstance(v, int) for v in d.values()) else "mixed")
s1, s2 = {1, 2, 3}, {2, 3, 4}
print(s1 & s2, s1 | s2, s1 - s2, s1 ^ s2, s1 <= {1, 2, 3, 4}, sorted(frozenset("hello")))
people = [("ann", 30), ("bob", 25), ("cid", 30), ("dee", 25)]
print(sorted(people, key=lambda p: p[1]), sorted(people, key=lambda p: (-p[1], p[0])))
print(list(reversed([1, 2, 3])), [*range(3), *"ab"], {**{"a": 1}, "b": 2}, [x for row in [[1, 2], [3]] for x in row])
print(int("0x1f", 16), int("  12 "), float("1e3"), str(1e16), str(1.0e-5), repr(0.1 + 0.2), 1_000_000, bin(10), oct(8), hex(255), chr(65), ord("a"))
print(isinstance(True, int), True + True, 3 == 3.0, hash(1) == hash(1.0), type(3 / 1).__name__, 7 // 2.0, abs(-3.5), max("apple", "pie", key=len), min([], default="empty"))
print(any(x > 2 for x in [1, 3]), all([]), list(filter(None, [0, 1, "", "x"])), list(map(str.upper, "ab")), sum([[1], [2]], []), list(zip("ab", [1, 2], strict=True)))
