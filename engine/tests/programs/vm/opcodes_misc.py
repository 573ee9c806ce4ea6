# f-strings, unpacking, star-args calls, dict merging, sets, del, imports, annotations.
x, y = 3, 4.5
name = "world"
print(f"{x} {y:.2f} {name!r} {name!s:>8} {x!a} {x:{'>' if x else '<'}5} {{literal}} {x + y = }")
print(f"{3.14159:.3}", f"{255:#x}", f"{1234567:,}", f"{'c':^5}|", f"{[1, 2]}")
a, *b, c = range(6)
print(a, b, c)
*init, last = "hello"
print(init, last)
(p, q), r = (1, 2), 3
print(p, q, r)
for bad in ["a, b = 1", "a, b = [1]", "a, b = [1, 2, 3]", "a, *b, c = [1]"]:
    try:
        exec(bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
def f(*args, **kw): return args, kw
print(f(*[1, 2], *(3,), **{"a": 1}, **{"b": 2}), f(*"ab", c=3), f(*range(2)))
def g(a, b=2, *, c): return a, b, c
print(g(*[1], **{"c": 3}))
for bad in ["f(**1)", "f(*1)", "f(**{'a': 1}, **{'a': 2})", "f(a=1, **{'a': 2})", "f(**{1: 2})"]:
    try:
        eval(bad)
    except TypeError as e:
        print("TypeError:", e)
d1 = {"a": 1}
print({**d1, "b": 2, **{"a": 3}}, [*range(3), *"ab"], (*[1], 2), {*[1, 2], 3} == {1, 2, 3})
try:
    {**[1]}
except TypeError as e:
    print("TypeError:", e)
try:
    [*5]
except TypeError as e:
    print("TypeError:", e)
s = {3, 1, 2}
s.add(2)
print(sorted(s), len({i % 4 for i in range(10)}), 1 in s)
gv = 1
def delete_global():
    global gv
    del gv
delete_global()
try:
    gv
except NameError as e:
    print("NameError:", e)
lv = 2
del lv
try:
    print(lv)
except NameError as e:
    print("NameError:", e)
import sys
from sys import maxsize
import sys as system
print(system is sys, maxsize == sys.maxsize)
try:
    import no_such_module_xyz
except ModuleNotFoundError as e:
    print("ModuleNotFoundError:", e, e.name)
try:
    from sys import no_such_name
except ImportError as e:
    print("ImportError:", e)
class Annotated:
    a: int = 1
    b: str
print(Annotated.__annotations__, Annotated.a)
v: float = 2.5
print(__annotations__, v)
i = 10
i //= 3; i **= 2; i -= 1; i <<= 2; i |= 1; i ^= 3; i %= 7
print(i, -(-5), +(-5), ~5, not 0)
sl = slice(1, 5, 2)
print(sl, sl.start, "abcdefg"[sl], [0, 1, 2, 3, 4, 5][sl], "abcdefg"[::-2])
print((lambda *a, k=1: (a, k))(1, 2, k=3))
