# Native fast paths in the runtime must answer exactly as the generic protocol does.
nan = float("nan")

# sorted/min/max keys: ints, strs, floats, tuples of them, mixed with other types
print(sorted([(2, "b"), (1, "z"), (2, "a"), (1, "a")]))
print(sorted(["pear", "apple", "Äpfel", "zebra", "éclair", "apple"]))
print(sorted([3, 1.5, True, 2, -1, 0.0, False]))
print(sorted([(1, 2.5), (1, 2), (1, True), (0, "x")][:3]))
print(sorted([(1,), (1, 0), (), (0, 5)]))
print(sorted([((1, 2), 3), ((1, 1), 9), ((0,), 0)]))
print(max([(1, "a"), (1, "b"), (0, "z")]), min([(1, "a"), (1, "b"), (0, "z")]))
print(max([1, 5, 3], key=lambda x: -x), min("hello", key=ord))
print(max([(2, "x"), (2, "x")], key=lambda t: t) is not None)
firsts = [(1, "a"), (1, "a")]
print(max(firsts) is firsts[0], min(firsts) is firsts[0])
print(sorted([2.0, 1.0, 3.0, 1.5]))
vals = sorted([(1, nan), (0, 1.0), (1, 2.0)])
print(vals[0])
print(max([nan, 1.0, 2.0]), min([1.0, nan]))
print(sorted(["b", "a"], key=lambda s: (len(s), s), reverse=True))
try:
    sorted([(1, "a"), (1, 2)])
except TypeError as e:
    print("TypeError:", e)
try:
    max([(1, "a"), (1, 2)])
except TypeError as e:
    print("TypeError:", e)

class Rev:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        return self.v > other.v
    def __repr__(self):
        return f"Rev({self.v})"

print(sorted([(1, Rev(1)), (1, Rev(3)), (0, Rev(2))]))

# list()/tuple() over built-in iterators and generators
def stop_inside(x):
    if x == 3:
        raise StopIteration
    return x * 10

print(list(map(stop_inside, [1, 2, 3, 4])))
print(list(filter(None, [0, 1, "", "a", None, 2])))
print(tuple(zip("abc", range(5))), list(enumerate("xy", 5)))
print(list(reversed([1, 2, 3])), list(x * 2 for x in range(4)))

def gen():
    yield 1
    yield 2
    return 99

print(list(gen()), sorted(gen(), reverse=True))

# sets: int/str keys hashed natively, dummies reused, equal ints/floats
s = {1, 2, 3}
s.discard(2)
s.add(2.0)
print(sorted(s), 2 in s, 2.0 in s, True in {1}, "a" in {"a", 1})
t = set()
for i in range(-20, 20):
    t.add(i)
for i in range(-20, 20, 2):
    t.remove(i)
print(len(t), -19 in t, -20 in t, 19 in t, 2**61 - 1 in {2**61 - 1}, hash(2**61 - 1), hash(-1))

class Key:
    def __init__(self, k):
        self.k = k
    def __hash__(self):
        return hash(self.k)
    def __eq__(self, other):
        return isinstance(other, Key) and self.k == other.k

ks = {Key(1), Key(2)}
print(Key(1) in ks, Key(3) in ks, 1 in ks)

# slices and concatenation
a = list(range(10))
a[:4] = a[3::-1]
print(a)
a[2:5] = [a[0]]
print(a, a[::-1], a[5::-2], a[-1:-4:-1], (1, 2, 3)[::-1], (1, 2) + (3,), [1] + [2, 3], "ab" + "cd")
b = [1, 2, 3]
b[:] = b
print(b, b[1::-1])
c = [1, 2, 3]
c[0:1] = (7, 8)
print(c)
print("x" * 30 + "y" * 3, len("é" * 30 + "z"), ("short" + "er").upper())
