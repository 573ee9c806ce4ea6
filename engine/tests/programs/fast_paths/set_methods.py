# set.add / remove / discard called in loops (run in place once specialized): int and str
# keys, equal floats and bools, missing keys, subclasses, and stored objects whose __eq__
# runs Python code.


class Key:
    def __init__(self, n):
        self.n = n

    def __hash__(self):
        return self.n

    def __eq__(self, other):
        print("eq", self.n, other)
        return other == self.n


class MySet(set):
    def add(self, x):
        super().add(x * 10)


def main():
    s = set()
    for i in range(300):
        r = s.add(i % 7)
        s.add(str(i % 3))
        s.discard(i % 5 + 100)
    print(sorted(s, key=str), r)
    for i in range(7):
        s.remove(i)
    print(sorted(s))
    f = {1.0, 2.5}
    for i in range(100):
        f.add(1)
        f.add(True)
    print(f)
    for i in range(100):
        f.discard(2)
    print(f)
    try:
        for i in range(300):
            s.remove("0")
            s.add("0")
        s.remove(42)
    except KeyError as e:
        print("KeyError", repr(e), e.args)
    m = MySet()
    for i in range(100):
        m.add(i % 3)
    print(sorted(m))
    objs = {Key(5)}
    for i in range(60):
        objs.add(i % 2)
    objs.add(5)
    print(len(objs))
    objs.remove(5)
    print(len(objs))
    fs = frozenset([1])
    try:
        fs.add(2)
    except AttributeError as e:
        print(e)
    g = set()
    try:
        for i in range(100):
            g.add([i])
    except TypeError as e:
        print(e)
    it = {1, 2, 3}
    try:
        for x in it:
            it.add(x + 10)
    except RuntimeError as e:
        print(e)


main()
