# f(*args, **kwargs) into Python functions (frames of the running loop), their binding
# errors and tracebacks; arithmetic mixing bools with ints and floats.


def weight(a, b, scale=1, *, unit="g"):
    return (a * 31 + b) * scale, unit


def counted(fn):
    calls = [0]

    def wrapper(*args, **kwargs):
        calls[0] += 1
        return fn(*args, **kwargs)
    wrapper.calls = calls
    return wrapper


w = counted(weight)
total = 0
for i in range(200):
    total += w(i, 2)[0] + w(i, b=3, scale=2)[0] + w(*(i, 1), **{"unit": "kg"})[0]
print(total, w.calls[0], w(1, 2, unit="t"))

for args, kwargs in [((1,), {}), ((1, 2, 3, 4), {}), ((1, 2), {"c": 1}),
                     ((1, 2), {"a": 5}), ((), {"b": 1}), ((1, 2), {"unit": 1, "scale": 0})]:
    try:
        print(w(*args, **kwargs))
    except TypeError as e:
        print("TypeError:", e)


def deep(n):
    if n == 0:
        raise ValueError("bottom")
    return deep(*(n - 1,))


try:
    deep(3)
except ValueError as e:
    print("ValueError:", e)


def recurse(*a, **k):
    return recurse(*a, **k)


try:
    recurse(1, x=2)
except RecursionError as e:
    print("RecursionError:", e)


class C:
    def m(self, *a, **k):
        return (type(self).__name__, a, sorted(k.items()))


c = C()
print(c.m(*[1, 2], **{"z": 1, "y": 2}), C.m(c, *()), (lambda *a: a)(*range(3)))
try:
    weight(*5)
except TypeError as e:
    print("TypeError:", e)
try:
    weight(1, **[1])
except TypeError as e:
    print("TypeError:", e)
try:
    weight(1, **{1: 2})
except TypeError as e:
    print("TypeError:", e)


def gen(*a):
    yield from a


print(list(gen(*"abc")))

acc = 0
facc = 0.5
for k in range(300):
    acc = acc + (k % 3 == 1)
    acc = acc - (k % 5 == 0) + True * 2
    facc = facc + (k % 2 == 0) - False
print(acc, facc, True + True, True - False, True * 3.5, False / 2, 3 // True, True ** 2)
print(True & True, True | False, True ^ True, True & 3, 6 | True, 2.0 ** True, -True, ~True)
print(type(True & False).__name__, type(True + False).__name__, 7 % True, divmod(True, 2))
for expr in ["1 / False", "1.5 // False", "True % False", "1.0 & True"]:
    try:
        eval(expr)
    except Exception as e:
        print(type(e).__name__ + ":", e)
