def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

s = set([3, 1, 2])
print(s, set(), frozenset(), frozenset([5, 1]), set([100, 5, 37, 8]), set(range(20, 0, -3)), set((1.5, 2.5, 1)), set([(1, 2), (0, 1)]))
s.add(10); s.add(1); s.discard(2); s.discard(99); s.remove(3)
print(s, len(s), 1 in s, 2 in s, s.pop(), s)
a, b = {1, 2, 3, 4}, {3, 4, 5}
print(a | b, a & b, a - b, b - a, a ^ b, a.union([9], (8,)), a.intersection(b, {4}), a.difference({1}, {2}), a.symmetric_difference([5, 1]))
print(a <= b, {3} <= b, {3} < b, b < b, a >= {1}, a > a, a == {4, 3, 2, 1}, a != b, a.issubset(range(10)), a.issuperset([1, 2]), a.isdisjoint({7}))
c = {1, 2}; c |= {3}; c &= {2, 3, 4}; c -= {9}; c ^= {5}; print(c)
c.update([7, 8], {9}); c.intersection_update(range(8)); c.difference_update([2]); c.symmetric_difference_update({3, 100}); print(c)
f = frozenset([1, 2, 3])
print(f, f | {4}, {4} | f, f & {1}, type(f - {1}), hash(f) == hash(frozenset([3, 2, 1])), hash(frozenset()), hash(frozenset({1, 2, 3})), f.copy() is f)
print({frozenset([1]): "a"}[frozenset([1])], set([1, 2]) == frozenset([2, 1]), {1, 2}.copy(), sorted({"b", "a"}), 1 in frozenset([1]))
big = set(range(50))
for i in range(0, 50, 3):
    big.discard(i)
print(big, len(big))
e = set(); e.add(type(e).__name__); print(e)
x = {1, 2, 3}; x.clear(); print(x, {-1, -2, 5, 2**61, 2**61 + 3})
print({1, 2, 3} - {2}, {5, 4} | {1}, {i * 7 % 11 for i in range(11)})
t(lambda: set().pop())
t(lambda: {1}.remove(2))
t(lambda: {[]})
t(lambda: {1} | [2])
t(lambda: {1} < [1])
t(lambda: hash({1}))
t(lambda: frozenset([1]).add)
def change():
    x = {1, 2}
    for k in x:
        x.add(k + 10)
t(change)
