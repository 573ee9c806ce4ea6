# Sites that meet many operand types, each after warming up on one: every result must be
# the generic path's (overflow, zero division, NaN, mixed types, subclasses, exhaustion).
def add(a, b): return a + b
def sub(a, b): return a - b
def mul(a, b): return a * b
def fdiv(a, b): return a // b
def mod(a, b): return a % b
def tdiv(a, b): return a / b
def band(a, b): return a & b
def shl(a, b): return a << b
def shr(a, b): return a >> b
def iadd(a, b):
    a += b
    return a
vals = [(1, 2), (2**62, 2**62), (-7, 2), (7, -2), (-2**63, -1), (3, 0), (1.5, 2.5), (1, 2.5), ("a", "b"), ([1], [2]), ((1,), (2,)), (True, True), (2**100, 1), (-1, 70), (1, 63), (1, 64), (5, -1), (0.0, 0.0), (float("inf"), 1.0), (-0.0, 0.0)]
for f in (add, sub, mul, fdiv, mod, tdiv, band, shl, shr, iadd):
    for _ in range(3):
        out = []
        for a, b in vals:
            try:
                out.append(repr(f(a, b)))
            except Exception as e:
                out.append(type(e).__name__)
        print(f.__name__, " ".join(out))
l = [1]
for _ in range(60):
    l2 = iadd(l, [2])
print(len(l), l2 is l)
def cmp(a, b): return (a < b, a <= b, a == b, a != b, a > b, a >= b)
for a, b in [(1, 2), (2, 1), (1.0, float("nan")), ("a", "b"), (1, 1.0), ("x", 1), (None, None)] * 3:
    try: print(cmp(a, b))
    except TypeError as e: print("TE", e)
def sub_(c, k): return c[k]
for c, k in [([1,2,3], -1), ([1,2,3], 5), ((1,2), 1), ("abc", -3), ({"a": 1}, "a"), ({1: 2}, 1.0), ({}, []), ([1,2,3], True), ("é€", 1)] * 3:
    try: print(repr(sub_(c, k)))
    except Exception as e: print(type(e).__name__, e)
def st(c, k, v): c[k] = v
for c, k in [([1,2,3], -1), ([1,2,3], 5), ({"a": 1}, "a"), ({}, [])] * 3:
    try:
        st(c, k, 9); print(c)
    except Exception as e: print(type(e).__name__, e)
def contains(x, c): return x in c, x not in c
class H:
    def __hash__(self): return 1
    def __eq__(self, o): return True
for x, c in [(1, {1: 2}), (2, {1}), (H(), {1: 1}), (H(), {1}), ([], {1: 2}), (1, frozenset([1])), (1, [1])] * 3:
    try: print(contains(x, c))
    except TypeError as e: print("TE", e)
def truth(x):
    if x: return "T"
    return "F"
def ntruth(x):
    if not x: return "F"
    return "T"
for x in [0, 1, "", "a", [], [0], None, True, False, 0.0, (), {}, 2**70] * 3:
    print(truth(x), ntruth(x), end=" ")
print()
def unpack(s):
    a, b = s
    return a, b
def unpack3(s):
    a, b, c = s
    return a + b + c
for s in [(1, 2), [3, 4], "ab", (1, 2, 3), [1], iter([5, 6])] * 3:
    try: print(unpack(s))
    except ValueError as e: print("VE", e)
for s in [(1, 2, 3), [3, 4, 5], "abc", (1, 2), [1, 2, 3, 4]] * 3:
    try: print(unpack3(s))
    except (ValueError, TypeError) as e: print(type(e).__name__, e)
def loop(it):
    t = []
    for x in it: t.append(x)
    return t
def g():
    yield 1; yield 2
for it in [range(3), [1, 2], (3, 4), g(), "ab", {5: 6}, range(10, 0, -3), range(2**62, 2**62 + 2), iter([7])] * 3:
    print(loop(it))
lst = [1, 2, 3]
out = []
for x in lst:
    out.append(x)
    if len(lst) < 6: lst.append(x * 10)
print(out)
def isinst(x): return isinstance(x, int)
for x in [1, "a", True, 1.0] * 30: r = isinst(x)
print(isinst(1), isinst("a"))
def ty(x): return type(x)
for x in [1, "a"] * 30: ty(x)
print(ty(1.5), ty([]))
def mkbuiltin(x): return list(x)
for _ in range(30): mkbuiltin("ab")
print(mkbuiltin((1,)))
def app(l, x): l.append(x)
class L(list): pass
ll = L()
for i in range(30): app([], i)
app(ll, 1); print(ll)
def up(s): return s.upper()
for _ in range(30): up("a")
print(up("xy"))
