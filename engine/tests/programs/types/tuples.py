def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

a = (1, 2, 3, 2)
print(a, a[1], a[-1], a[1:3], a[::-1], a.index(2), a.index(2, 2), a.count(2), 2 in a, len(a), (1,), (), tuple("ab"), tuple([1, 2]))
print(a + (4,), a * 2, 2 * (0,), (1, 2) < (1, 3), (1, 2) < (1, 2, 0), (1, 2) == (1, 2), (1, (2, 3)) == (1, (2, 3)), () < (0,))
print(hash((1, 2)), hash(()), hash((1, (2, 3))), hash(("a", 1)) == hash(("a", 1)), hash((1.5, -1)), hash((False, True)))
print(tuple(x * x for x in range(4)), list(reversed(a)), sorted(a), max(a), min(a), sum(a), ((1, 2),) * 2)
t(lambda: a[10])
t(lambda: a.index(9))
t(lambda: (1,) + [2])
t(lambda: hash((1, [2])))
t(lambda: a["x"])
t(lambda: tuple(1))
t(lambda: (1, 2) < (1, "a"))
