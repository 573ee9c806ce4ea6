# The dispatch loop's fast paths for generators, loop exhaustion and sequence building
# must behave exactly as the generic paths (each loop runs long enough to be quickened).
import sys


def count(n):
    i = 0
    while i < n:
        yield i
        i += 1


def relay(source):
    got = yield from source
    return got


def echo():
    received = []
    while True:
        v = yield len(received)
        if v is None:
            return received
        received.append(v)


total = 0
for _ in range(50):
    for x in count(20):
        total += x
print("sum", total)

# SEND through yield from, the delegate's return value reaching the delegator.
for _ in range(30):
    r = relay(echo())
    next(r)
    for k in range(5):
        r.send(k)
    try:
        r.send(None)
    except StopIteration as e:
        last = e.value
print("relayed", last)

# Re-entering a running generator.
def selfish():
    yield me.send(None)

me = selfish()
try:
    next(me)
except ValueError as e:
    print("ValueError:", e)

# Sending a value to a just-started generator.
g = count(3)
try:
    g.send(1)
except TypeError as e:
    print("TypeError:", e)

# StopIteration raised inside a generator becomes RuntimeError.
def leaky():
    yield 1
    raise StopIteration("inner")

try:
    for _ in range(40):
        for v in leaky():
            pass
except RuntimeError as e:
    print("RuntimeError:", e, "from", repr(e.__cause__))

# Deep recursion through generators raises RecursionError, not a crash.
def deep(n):
    yield from deep(n + 1)

try:
    for v in deep(0):
        pass
except RecursionError as e:
    print("RecursionError:", e)

# Exhausted list iterators stay exhausted when the list grows.
def drain():
    result = None
    for _ in range(40):
        items = [1, 2]
        it = iter(items)
        for _ in it:
            pass
        items.append(3)
        result = next(it, "exhausted")
    return result

print(drain())

# Concatenation builds new sequences; set building reports unhashable items.
def concat():
    t = ()
    lst = []
    for i in range(40):
        t = t + (i,)
        lst = lst + [i]
    return len(t), t[-1], len(lst), lst[-3:]

print(concat())
try:
    for _ in range(40):
        s = {x for x in [(1,), [2]]}
except TypeError as e:
    print("TypeError:", e)
print(sorted({c % 5 for c in range(100)}), [1, 2, 3][::2], (1, 2, 3)[1:])
print(sys.getrecursionlimit() > 0)
