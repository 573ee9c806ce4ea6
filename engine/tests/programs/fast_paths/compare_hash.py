# Tuple and list comparison and tuple hashing (compared element-wise without a method lookup).
print((1, 2) == (1, 2), (1, 2) != (1, 3), (1, 2) < (1, 2, 0), (2,) > (1, 9), () <= ())
print([1, 2] == [1, 2], [1, [2, 3]] < [1, [2, 4]], [1] >= [1, 0], [] == [], [0] != [0.0])
print((1, "a") < (1, "b"), sorted([(2, "b"), (1, "z"), (2, "a"), (1, "a")]))
n = float("nan")
print((n,) == (n,), [n] == [n], (n,) < (n,))
try:
    (1, "a") < (1, 2)
except TypeError as e:
    print("TypeError", e)
try:
    [1, "a"] < [1, 2]
except TypeError as e:
    print("TypeError", e)


class Noisy:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        print("eq", self.v, getattr(other, "v", other))
        return isinstance(other, Noisy) and self.v == other.v

    def __lt__(self, other):
        print("lt", self.v, other.v)
        return self.v < other.v

    def __hash__(self):
        return hash(self.v)


print((Noisy(1), Noisy(2)) == (Noisy(1), Noisy(3)))
print([Noisy(1)] == [Noisy(1), Noisy(2)])
print((Noisy(1), Noisy(2)) < (Noisy(1), Noisy(3)))
a = [Noisy(1)]
print(a == a, (a[0],) == (a[0],))


class Shrinker:
    def __eq__(self, other):
        victim.clear()
        return True


victim = [Shrinker(), 1, 2]
print(victim == [0, 1, 2], victim)

print(hash((1, 2)) == hash((1, 2)), hash((1, (2, 3))) == hash((1, (2, 3))), hash(()) == hash(()))
print(hash((1, 2)), hash((1, "a")) == hash((1, "a")), hash((True, 1.0)) == hash((1, 1)))
try:
    hash((1, [2]))
except TypeError as e:
    print("TypeError", e)
d = {}
for i in range(50):
    d[(i % 7, str(i % 3))] = d.get((i % 7, str(i % 3)), 0) + 1
print(sorted(d.items()))
print(d[(Noisy(3).v, "0")])
deep = ()
for _ in range(100):
    deep = (deep,)
print(hash(deep) == hash(deep), deep == deep)


class T(tuple):
    def __eq__(self, other):
        return "custom"


print(T((1,)) == (1,), (1,) == T((1,)))
