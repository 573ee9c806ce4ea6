# functools as everyday scripts use it.
import functools
from functools import lru_cache, partial, reduce, wraps, total_ordering, cmp_to_key, cached_property
def logged(func):
    @wraps(func)
    def wrapper(*args, **kwargs):
        print("calling", func.__name__)
        return func(*args, **kwargs)
    return wrapper
@logged
def add(a, b):
    "Add two numbers."
    return a + b
print(add(2, 3), add.__name__, add.__doc__, add.__wrapped__(1, 1))
@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(60), fib.cache_info().hits, fib.cache_info())
@lru_cache(maxsize=2)
def sq(x):
    print("computing", x)
    return x * x
sq(1); sq(2); sq(1); sq(3); sq(2)
print(sq.cache_info(), sq.cache_parameters())
class Circle:
    def __init__(self, r):
        self.r = r
    @cached_property
    def area(self):
        print("computing area")
        return 3 * self.r * self.r
c = Circle(2)
print(c.area, c.area, "area" in vars(c))
@total_ordering
class Money:
    def __init__(self, cents):
        self.cents = cents
    def __eq__(self, other):
        return self.cents == other.cents
    def __lt__(self, other):
        return self.cents < other.cents
print(Money(1) <= Money(2), Money(3) > Money(2), Money(2) >= Money(2), max([Money(5), Money(9)]).cents)
base2 = partial(int, base=2)
print(base2("101"), base2.func is int, base2.keywords, repr(partial(max, 1))[:25])
print(reduce(lambda a, b: a * b, range(1, 6)), reduce(lambda a, b: a + b, [], 0))
print(sorted(["bb", "a", "ccc"], key=cmp_to_key(lambda a, b: len(b) - len(a))))
@functools.singledispatch
def describe(x):
    return "thing"
@describe.register(int)
def _(x):
    return "int"
@describe.register(list)
def _(x):
    return "list"
print(describe(1), describe([]), describe("s"), describe(True))
class Temp:
    @functools.cache
    def conv(self, c):
        return c * 9 / 5 + 32
print(Temp().conv(100))
