# Specialized fast paths (tuple()/list() of a sequence, `in` on sets) give the generic
# results: run often enough to specialize, with operands that must fall back.


class Key:
    def __init__(self, v):
        self.v = v

    def __hash__(self):
        return hash(self.v)

    def __eq__(self, other):
        return self.v == (other.v if isinstance(other, Key) else other)


def copies(x):
    return tuple(x), list(x)


out = []
for i in range(300):
    t = (i, i + 1)
    l = [i, "a"]
    a, b = copies(t)
    c, d = copies(l)
    assert a is t and b == list(t) and b is not l
    assert c == tuple(l) and d == l and d is not l
    d.append(0)
    assert len(l) == 2
    if i == 299:
        out.append((a, b, c, d))
    # other arguments fall back to the constructor
    if i % 100 == 0:
        out.append(copies(range(3)))
        out.append(copies("ab"))
        out.append(copies({1: 2}))
print(out)


def member(x, s):
    return x in s, x not in s


s = {1, 2, "x", (1, 2), 3.5}
fs = frozenset([0, "y"])
results = []
for i in range(300):
    results.append(member(i % 4, s))
    results.append(member(str(i % 3), fs))
    results.append(member(True, s))
    results.append(member(1.0, s))
    results.append(member((1, 2), s))
    results.append(member(Key(2), s))
    results.append(member("x", s))
print(results.count((True, False)), results.count((False, True)))
try:
    member([1], s)
except TypeError as e:
    print(e)
print(member(Key("y"), fs), member(-1, {-1, -2}), member(-2, {-1}))
