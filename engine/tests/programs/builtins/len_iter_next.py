print(len("héllo"), len([1, 2]), len((1,)), len({1: 2}), len(range(10)), len(range(10, 0, -3)), len({1, 2}), len(b"ab"), len(""))


class L:
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n


print(len(L(3)), len(L(True)), bool(L(0)), bool(L(2)))
for n in [-1, "x", 2**70, 1.5]:
    try:
        print(len(L(n)))
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__ + ":", e)
for bad in ["len()", "len(1, 2)", "len(x=1)", "len(5)", "len(None)", "len(iter([]))"]:
    try:
        print(eval(bad))
    except TypeError as e:
        print("TypeError:", e)

it = iter([1, 2])
print(next(it), next(it), next(it, "default"), next(it, None))
try:
    next(it)
except StopIteration as e:
    print("StopIteration", e.args)


def gen():
    yield 1
    return "result"


g = gen()
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("StopIteration value:", e.value)


class Counter:
    def __init__(self):
        self.i = 0

    def __iter__(self):
        return self

    def __next__(self):
        self.i += 1
        if self.i > 3:
            raise StopIteration
        return self.i


c = Counter()
print(iter(c) is c, list(c), next(c, "done"))


class BadIter:
    def __iter__(self):
        return 1


for bad in ["iter()", "iter(1)", "iter(1, 2)", "iter(1, 2, 3)", "next()", "next(1)", "next([1])",
            "next(iter([]), 1, 2)", "iter(BadIter())", "iter(object=[])", "next(iterator=iter([]))"]:
    try:
        print(eval(bad))
    except TypeError as e:
        print("TypeError:", e)
print(any([0, "", 1]), any([]), all([1, "a"]), all([]), all([1, 0, 1 / 1]), any(x > 2 for x in range(5)))
print(any(iter([0, 0])), all(range(1, 4)), any("a"), all(""))
for bad in ["any()", "any(1)", "all(1, 2)", "any(iterable=1)"]:
    try:
        print(eval(bad))
    except TypeError as e:
        print("TypeError:", e)
