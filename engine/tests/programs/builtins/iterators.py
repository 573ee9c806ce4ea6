for i, c in enumerate("abc"):
    print(i, c)
print(list(enumerate("xy", 10)), list(enumerate("xy", start=-1)))
print(list(enumerate([], 5)))
e = enumerate("ab", 2**64)
print(next(e), next(e))
print(type(enumerate("")).__name__, iter(e) is e)

print(list(zip("abc", [1, 2, 3], (True, False, None))))
print(list(zip("abcd", range(2))), list(zip()), list(zip("a")))
print(list(zip("ab", "cd", strict=True)))
for args in [("ab", "c"), ("a", "cd"), ("ab", "ab", "a"), ("ab", "ab", "abc"), ("", "a")]:
    try:
        print(list(zip(*args, strict=True)))
    except ValueError as err:
        print("ValueError:", err)

print(list(map(str, [1, 2, 3])), list(map(pow, [2, 3], [3, 2, 1])))
print(list(map(lambda *a: sum(a), [1, 2], [10, 20], [100, 200])))
print(list(filter(None, [0, 1, "", "x", [], [0], None])), list(filter(bool, [0, 2])))
print(list(filter(lambda x: x % 2, range(10))))

print(list(reversed([1, 2, 3])), list(reversed((4, 5))), list(reversed("abc")), list(reversed(range(3))))


class Seq:
    def __len__(self):
        return 3

    def __getitem__(self, i):
        if i >= 3:
            raise IndexError(i)
        return i * 10


print(list(reversed(Seq())), list(Seq()), list(iter(Seq())))
r = reversed(Seq())
print(r.__length_hint__(), next(r), r.__length_hint__())


class Rev:
    def __reversed__(self):
        return iter("rev")


print(list(reversed(Rev())))
for bad in [1, {}, {1, 2}, Rev]:
    try:
        reversed(bad)
    except TypeError as err:
        print("TypeError:", err)


class NoRev:
    __reversed__ = None

    def __len__(self):
        return 0

    def __getitem__(self, i):
        raise IndexError


try:
    reversed(NoRev())
except TypeError as err:
    print("TypeError:", err)

counter = iter([1, 2, 3, 4, 5])
print(list(iter(lambda: next(counter), 4)))
print(next(counter))
calls = []


def produce():
    calls.append(1)
    if len(calls) > 3:
        raise StopIteration
    return len(calls)


print(list(iter(produce, None)), len(calls))
it = iter(produce, None)
print(list(it), list(it), len(calls))
print(type(it).__name__, type(iter(Seq())).__name__)

m = map(lambda x: 1 / x, [1, 0])
print(next(m))
try:
    next(m)
except ZeroDivisionError as err:
    print("ZeroDivisionError:", err)
z = zip([1, 2], [3, 4])
print(iter(z) is z, next(z), list(z))
