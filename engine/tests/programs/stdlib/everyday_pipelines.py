import itertools as it, functools as ft, operator as op
from functools import reduce, partial, lru_cache, wraps, total_ordering, cmp_to_key, cache
sales = [("north", "q1", 10), ("north", "q2", 15), ("south", "q1", 7), ("south", "q2", 3), ("east", "q1", 12)]
keyf = op.itemgetter(0)
for region, group in it.groupby(sorted(sales, key=keyf), key=keyf):
    g = list(group)
    print(region, sum(map(op.itemgetter(2), g)), [q for _, q, _ in g])
print(list(it.accumulate([1, 2, 3, 4])), list(it.accumulate([1, 2, 3, 4], op.mul)), list(it.accumulate([3, 1, 4], max, initial=0)))
print(list(it.chain.from_iterable([[1], [2, 3]])), list(it.islice(it.count(10, 5), 3)), list(it.repeat("x", 2)))
print(list(it.product("ab", repeat=2)), list(it.permutations([1, 2, 3], 2))[:4], list(it.combinations("abcd", 3)))
print(list(it.combinations_with_replacement("ab", 2)), list(it.zip_longest([1, 2], "abc", fillvalue="-")))
print(list(it.takewhile(lambda x: x < 3, [1, 2, 5, 1])), list(it.dropwhile(lambda x: x < 3, [1, 2, 5, 1])), list(it.filterfalse(None, [0, 1, "", "a"])))
print(list(it.starmap(pow, [(2, 3), (3, 2)])), list(it.compress("abcdef", [1, 0, 1])), list(it.pairwise("abcd")))
a, b = it.tee(iter([1, 2, 3]))
print(list(a), list(b), list(it.islice("abcdefg", 1, None, 2)), next(it.cycle("xy")))
print(reduce(lambda acc, x: acc * 10 + x, [1, 2, 3]), reduce(op.add, [], 0))
base2 = partial(int, base=2)
print(base2("1011"), base2.func is int, base2.keywords)
@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80), fib.cache_info())
@cache
def sq(x):
    return x * x
print(sq(4), sq(4), sq.cache_info().hits)
def logged(fn):
    @wraps(fn)
    def wrapper(*args, **kw):
        print(f"call {fn.__name__}{args}")
        return fn(*args, **kw)
    return wrapper
@logged
def add(x, y):
    "Add two numbers."
    return x + y
print(add(2, 3), add.__name__, add.__doc__, add.__wrapped__(1, 1))
@total_ordering
class Version:
    def __init__(self, s):
        self.parts = tuple(int(p) for p in s.split("."))
    def __eq__(self, o):
        return self.parts == o.parts
    def __lt__(self, o):
        return self.parts < o.parts
    def __repr__(self):
        return "V" + ".".join(map(str, self.parts))
vs = [Version(s) for s in ["1.10", "1.2", "1.2.1", "0.9"]]
print(sorted(vs), max(vs), Version("1.0") >= Version("0.9"), Version("1.0") <= Version("0.9"))
def cmp(a, b):
    return (len(a) > len(b)) - (len(a) < len(b)) or (a > b) - (a < b)
print(sorted(["bb", "a", "ccc", "ab"], key=cmp_to_key(cmp)))
print(list(map(op.attrgetter("real"), [1, 2.5])), op.methodcaller("upper")("x"), op.neg(3), op.contains([1], 1))
words = "the quick brown fox jumps over the lazy dog the end".split()
freq = ft.reduce(lambda d, w: {**d, w: d.get(w, 0) + 1}, words, {})
print(sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:3])
print(list(it.batched(range(7), 3)) if hasattr(it, "batched") else "no batched")
pipeline = (x * x for x in range(20) if x % 3 == 0)
print(sum(it.islice(pipeline, 3)), list(pipeline))
print(list(zip(*[(1, "a"), (2, "b")])), dict(zip("abc", it.count())), list(enumerate("xy", start=1)))
print(ft.reduce(op.or_, [{1}, {2}, {1, 3}]), list(map(sum, it.zip_longest([1, 2], [3], fillvalue=0))))
