# Operators defined by Python classes, called from a specialized BINARY_OP: reflected
# methods after NotImplemented, in-place operators, subclasses that take precedence, and
# classes whose methods change after the site specialized.
class V:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x, self.y = x, y

    def __add__(self, o):
        if isinstance(o, V):
            return V(self.x + o.x, self.y + o.y)
        return NotImplemented

    def __mul__(self, k):
        return V(self.x * k, self.y * k)

    def __rmul__(self, k):
        return V(k * self.x, k * self.y)

    def __sub__(self, o):
        return V(self.x - o.x, self.y - o.y)

    def __repr__(self):
        return f"V({self.x}, {self.y})"


class W(V):
    __slots__ = ()

    def __radd__(self, o):
        return "W.__radd__ first"


class Num:
    def __init__(self, n):
        self.n = n

    def __radd__(self, o):
        return Num(o + self.n)

    def __add__(self, o):
        return Num(self.n + (o.n if isinstance(o, Num) else o))

    def __iadd__(self, o):
        self.n += o
        return self


def run(a, b, k):
    return a + b, a * k, a - b


acc = V(0, 0)
for i in range(100):
    s, m, d = run(V(i, 1), V(1, i), 2)
    acc = acc + s + m - d
    acc = acc * 1
print(acc)

results = []
for i in range(60):
    try:
        results.append(V(1, 2) + (i if i % 20 else "s"))
    except TypeError as e:
        results.append(str(e))
print(results[:2], results[20], len(results))
print([V(1, 1) + W(2, 2) for _ in range(30)][-1], 3 * V(1, 2), V(1, 2) * 3)
print((5 + Num(1) + Num(2) + 3).n)
n = Num(0)
for i in range(50):
    n += i
    n = n + 1
print(n.n)


def adds(x, y):
    return x + y


for i in range(40):
    r = adds(V(i, i), V(1, 1))
print(r)
V.__add__ = lambda self, o: "patched"
print(adds(V(1, 1), V(2, 2)))
del V.__add__
try:
    adds(V(1, 1), V(2, 2))
except TypeError as e:
    print("TypeError:", e)


class Bad:
    def __add__(self, o, extra=1):
        return extra


for i in range(30):
    b = Bad() + 1
print(b)


class Raises:
    def __add__(self, o):
        raise ValueError("inside __add__")

    def __sub__(self, o):
        return NotImplemented


for i in range(30):
    try:
        Raises() + 1
    except ValueError as e:
        msg = str(e)
    try:
        Raises() - 1
    except TypeError as e:
        msg2 = str(e)
print(msg, "|", msg2)
x = Raises()
for i in range(30):
    try:
        x -= 2
    except TypeError as e:
        msg3 = str(e)
print(msg3)
