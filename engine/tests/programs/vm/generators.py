# Generators: send/throw/close, return values, yield from, expressions, PEP 479, state.
import sys
def gen():
    x = yield 1
    print("got", x)
    try:
        y = yield 2
        print("got", y)
    except ValueError as e:
        print("caught", repr(e))
        yield "recovered"
    finally:
        print("finally")
    return "done"
g = gen()
print(next(g), g.send("a"), g.throw(ValueError("boom")))
try:
    next(g)
except StopIteration as e:
    print("StopIteration", e.value, e.args)
print(list(gen()))
def counter(n):
    i = 0
    while i < n:
        yield i
        i += 1
print(list(counter(4)), sum(counter(5)), [x * x for x in counter(3)], max(counter(6)))
def sub():
    r = yield "s1"
    print("sub got", r)
    yield "s2"
    return "sub result"
def outer():
    result = yield from sub()
    print("outer got", result)
    yield from [10, 20]
    yield from range(2)
o = outer()
print(next(o), o.send("x"), next(o), next(o), list(o))
def closeable():
    try:
        yield 1
        yield 2
    except GeneratorExit:
        print("GeneratorExit seen")
        raise
c = closeable()
next(c)
c.close()
print(c.close(), list(c))
def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield "no"
s = stubborn(); next(s)
try:
    s.close()
except RuntimeError as e:
    print("RuntimeError:", e)
def leaks():
    yield 1
    raise StopIteration("inner")
try:
    list(leaks())
except RuntimeError as e:
    print("RuntimeError:", e, type(e.__cause__).__name__)
def running():
    yield g2.send(None)
g2 = running()
try:
    next(g2)
except ValueError as e:
    print("ValueError:", e)
fresh = counter(3)
try:
    fresh.send(5)
except TypeError as e:
    print("TypeError:", e)
def thrower():
    yield 1
t = thrower()
try:
    t.throw(KeyError, "k")
except KeyError as e:
    print("KeyError:", e)
try:
    next(t)
except StopIteration:
    print("exhausted after throw")
ge = (i * 2 for i in range(4) if i != 2)
print(type(ge).__name__, list(ge), list(ge))
print(sum(x for x in range(10)), {k: v for k, v in zip("ab", range(2))}, {x % 3 for x in range(7)})
def with_exc_state():
    try:
        raise KeyError("outer")
    except KeyError:
        yield sys.exc_info()[0].__name__
        yield sys.exc_info()[0].__name__
w = with_exc_state()
print(next(w), sys.exc_info()[0], next(w))
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
f = fib()
print([next(f) for _ in range(10)])
def delegate_throw():
    try:
        yield from sub()
    except ZeroDivisionError:
        yield "outer handled"
d = delegate_throw(); next(d)
print(d.throw(ZeroDivisionError))
print(gen.__name__, g.__name__, type(g).__name__)
