print(sorted([3, 1, 2]), sorted("hello"), sorted((2.5, 1, True)), sorted([]))
print(sorted([3, 1, 2], reverse=True), sorted(["b", "A", "c"], key=str.lower))
pairs = [(1, "b"), (0, "a"), (1, "a"), (0, "b"), (1, "c")]
print(sorted(pairs, key=lambda p: p[0]))
print(sorted(pairs, key=lambda p: p[0], reverse=True))
print(sorted(range(20), key=lambda x: x % 3))
print(sorted(range(100), key=lambda x: (x * 37) % 101)[:10])
words = "the quick brown fox jumps over the lazy dog".split()
print(sorted(words), sorted(words, key=len), sorted(words, key=len, reverse=True))
print(sorted({3: 1, 1: 2}), sorted({"b", "a"}))
data = [5, 3, 1]
out = sorted(data)
print(out is data, data)


class K:
    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        return self.v < other.v

    def __repr__(self):
        return f"K({self.v})"


print(sorted([K(3), K(1), K(2)]), min(K(3), K(1)), max([K(3), K(5), K(4)]))
for bad in ["sorted([1, 'a'])", "sorted([1], key=1)", "sorted()", "sorted([1], 2)",
            "sorted([1], foo=1)", "sorted([2, 1], reverse='x')", "sorted([K(1), 2])"]:
    try:
        print(eval(bad))
    except TypeError as e:
        print("TypeError:", e)

print(min(3, 1, 2), max(3, 1, 2), min("bca"), max([1.5, 2, -1]), min((), default="empty"))
print(max([1, -5, 3], key=abs), min([1, -5, 3], key=abs), max("a", "bb", "c", key=len))
print(max([3, 3.0]), max([3.0, 3]), min([0, False]), min([False, 0]))
print(max([], key=len, default=None), min(iter([4, 2, 6])))
print(max([(1, "a"), (1, "b")]), min({3: 0, 1: 0}))
for bad in ["min()", "max([])", "min([])", "max(1)", "min(1, 2, default=0)", "max(1, 'a')",
            "min([1], foo=2)", "max([1], key=len, default=1, foo=2)", "min([1, 2], key=3)",
            "max(key=len)"]:
    try:
        print(eval(bad))
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
