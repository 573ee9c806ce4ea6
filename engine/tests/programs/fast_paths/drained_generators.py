# Consumers that take a generator's items while it runs (list, tuple, sorted, sum, any,
# all): results, early exits, errors, nesting and the generator's state afterwards must be
# exactly what item-by-item resumption gives.
import sys


def count(n, log=None):
    for i in range(n):
        if log is not None:
            log.append(i)
        x = yield i
        if x is not None:
            log.append(("sent", x))


print(list(count(5)), tuple(count(3)), sorted(count(4), reverse=True))
print(sum(count(100)), sum(count(10), 0.5), sum(x / 2 for x in count(5)))
print(sum(x for x in [1, 2.5, True, 3]), sum((x for x in [2**62, 2**62, 2**62])))


class Money:
    def __init__(self, v):
        self.v = v

    def __radd__(self, other):
        return Money(other + self.v)

    def __add__(self, other):
        return Money(self.v + (other.v if isinstance(other, Money) else other))


def mixed():
    yield 1
    yield 2
    yield Money(10)
    yield 3
    yield Money(100)


print(sum(mixed()).v)

log = []
g = count(10, log)
print(any(x > 3 for x in g), log)
print(next(g), log)
log.clear()
g = count(10, log)
print(any(g), log, next(g))
log.clear()
g = count(10, log)
print(all(g), log, next(g))
print(all(x < 100 for x in count(50)), any(x is None for x in [0, None]))


def failing(n):
    for i in range(n):
        yield i
    raise ValueError("boom at %d" % n)


for consumer in (list, tuple, sum, any, sorted):
    g = failing(3)
    try:
        consumer(g)
    except ValueError as e:
        print(consumer.__name__, "raised", e)
    print(next(g, "finished"))


def stopper():
    yield 1
    raise StopIteration


try:
    list(stopper())
except RuntimeError as e:
    print("RuntimeError:", e, type(e.__cause__).__name__)


def delegating():
    yield from count(3)
    r = yield from inner_return()
    yield r


def inner_return():
    yield "a"
    return "ret"


print(list(delegating()))


def outer(n):
    for i in range(n):
        yield sum(j for j in range(i))
        yield list(k * i for k in range(3))


print(list(outer(4)))


def running():
    yield gen.gi_running
    yield gen.gi_frame is not None
    yield gen.gi_code.co_name


gen = running()
print(list(gen), gen.gi_running, gen.gi_frame)


def handled():
    try:
        raise KeyError("k")
    except KeyError:
        yield sys.exc_info()[0].__name__
        yield sys.exc_info()[0].__name__
    yield sys.exc_info()[0]


try:
    raise IndexError
except IndexError:
    print(list(handled()), sys.exc_info()[0].__name__)


def deep(n):
    if n:
        yield from deep(n - 1)
    yield n


print(sum(deep(200)), len(list(deep(300))))


def recurse(n):
    yield list(recurse(n + 1))


try:
    list(recurse(0))
except RecursionError as e:
    print("RecursionError", str(e)[:40])


def self_next():
    yield 1
    yield next(it)


it = self_next()
try:
    print(list(it))
except ValueError as e:
    print("ValueError:", e)
print(sum(x for x in range(10) if x % 2), list(x for x in ()), sum(()))
