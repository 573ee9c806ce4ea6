# Binary and unary operator dispatch: NotImplemented, reflection, subclass-first, in-place.
class Money:
    def __init__(self, v): self.v = v
    def __add__(self, o):
        if isinstance(o, Money): return Money(self.v + o.v)
        if isinstance(o, int): return Money(self.v + o)
        return NotImplemented
    def __radd__(self, o):
        print("radd with", o)
        return self + o
    def __repr__(self): return f"Money({self.v})"
print(Money(1) + Money(2), Money(1) + 5, 5 + Money(1), sum([Money(1), Money(2)], Money(0)))
class Base:
    def __mul__(self, o): return "Base.mul"
    def __rmul__(self, o): return "Base.rmul"
class Derived(Base):
    def __rmul__(self, o): return "Derived.rmul"
print(Base() * Derived(), Derived() * Base(), Base() * Base())
class Acc:
    def __init__(self): self.items = []
    def __iadd__(self, o):
        self.items.append(o)
        return self
a = Acc(); b = a
a += 1; a += 2
print(a is b, b.items)
class OnlyAdd:
    def __init__(self, n): self.n = n
    def __add__(self, o): return OnlyAdd(self.n + o)
x = OnlyAdd(1); y = x
x += 10
print(x.n, y.n, x is y)
lst = [1]; alias = lst
lst += [2]
print(alias, lst is alias)
t = (1,); t2 = t
t += (2,)
print(t, t2)
class Num:
    def __init__(self, n): self.n = n
    def __neg__(self): return Num(-self.n)
    def __pos__(self): return "pos"
    def __invert__(self): return "inv"
    def __abs__(self): return 99
    def __matmul__(self, o): return "matmul"
    def __pow__(self, o): return f"pow {o}"
    def __rpow__(self, o): return f"rpow {o}"
    def __floordiv__(self, o): return "floordiv"
    def __mod__(self, o): return "mod"
    def __lshift__(self, o): return "lshift"
    def __and__(self, o): return "and"
    def __xor__(self, o): return "xor"
    def __or__(self, o): return "or"
print((-Num(3)).n, +Num(1), ~Num(1), abs(Num(1)), Num(1) @ 2, Num(1) ** 2, 2 ** Num(1))
print(Num(1) // 1, Num(1) % 1, Num(1) << 1, Num(1) & 1, Num(1) ^ 1, Num(1) | 1)
print(2 ** 10, 2 ** -1, 7 // -2, -7 % 3, 1 << 70, -(2 ** 63), 10 / 4, 7.5 // 2, -7.5 % 2)
print(1 + True, True + True, ~True, -True, 3 * 1.5, 2 ** 0.5)
for expr in ["Money(1) + 'x'", "'x' + Money(1)", "Money(1) - 1", "[] * 'a'", "-'x'", "~1.5",
             "Num(1) + 1", "1 ** Money(1)", "object() < object()"]:
    try:
        eval(expr)
    except TypeError as e:
        print("TypeError:", e)
def inplace_errors():
    m = Money(1)
    try:
        m -= 1
    except TypeError as e:
        print("TypeError:", e)
    try:
        m **= 2
    except TypeError as e:
        print("TypeError:", e)
inplace_errors()
try:
    1 / 0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    1 % 0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    1.0 // 0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
