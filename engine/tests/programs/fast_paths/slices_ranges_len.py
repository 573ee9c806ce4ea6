# Slices of lists and tuples with int/None bounds, range() of ints, len() of sets,
# and set membership after many removals: each in a loop long enough to specialize.
lst = list(range(10))
tup = tuple(lst)
bounds = [None, -20, -10, -3, -1, 0, 1, 3, 9, 10, 11, 100]
out = []
for _ in range(3):
    for a in bounds:
        for b in bounds:
            out.append((lst[a:b], tup[a:b]))
print(len(out), out[:5], out[-5:])
print(sum(len(x) + len(y) for x, y in out))
print(tup[:] is tup, tup[0:10] is tup, tup[0:100] is tup, lst[:] is lst)
print(type(tup[2:4]).__name__, type(lst[2:4]).__name__)
big = 2 ** 70
try:
    print(lst[big:], tup[:big], lst[-big:2])
except Exception as e:
    print(type(e).__name__, e)
class L(list):
    pass
class T(tuple):
    pass
for _ in range(20):
    r = (L([1, 2, 3])[1:], T((1, 2, 3))[:2])
print(r, type(r[0]).__name__, type(r[1]).__name__)
print([1, 2, 3][True:], (1, 2, 3)[:False])

rs = []
for i in range(30):
    rs.append(range(i))
    rs.append(range(i, 2 * i))
    rs.append(range(i, -i, -3))
print(rs[-3:], sum(len(r) for r in rs), sum(sum(r) for r in rs))
for args in [(0,), (1, 2, 0), (1.5,), ("a",), (True,), (1, 2, 3, 4)]:
    for _ in range(10):
        try:
            r = range(*args)
        except Exception as e:
            r = f"{type(e).__name__}: {e}"
    print(r)

s = set()
for i in range(100):
    s.add(i % 13)
    if i % 3 == 0:
        s.discard(i % 13)
print(len(s), len(frozenset(s)), sorted(s))
class S(set):
    def __len__(self):
        return 42
for _ in range(10):
    n = len(S([1]))
print(n)
cols, up = set(), set()
hits = 0
for row in range(200):
    for c in range(-12, 12):
        if c in cols or (row + c) in up:
            hits += 1
        cols.add(c)
        up.add(row + c)
        cols.remove(c)
        up.remove(row + c)
    cols.add(row % 7)
print(hits, sorted(cols), 0 in cols, -1 in up, len(up))
