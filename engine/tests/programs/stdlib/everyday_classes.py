class Account:
    __slots__ = ("owner", "_balance")
    interest = 0.02
    count = 0
    def __init__(self, owner, balance=0):
        self.owner = owner
        self._balance = balance
        Account.count += 1
    @property
    def balance(self):
        return self._balance
    @balance.setter
    def balance(self, value):
        if value < 0:
            raise ValueError("negative balance")
        self._balance = value
    @balance.deleter
    def balance(self):
        self._balance = 0
    @classmethod
    def from_string(cls, s):
        owner, bal = s.split(":")
        return cls(owner, int(bal))
    @staticmethod
    def fee(amount):
        return round(amount * 0.01, 2)
    def __repr__(self):
        return f"{type(self).__name__}({self.owner!r}, {self._balance})"
    def __str__(self):
        return f"{self.owner}: ${self._balance:,.2f}"
    def __eq__(self, other):
        return isinstance(other, Account) and (self.owner, self._balance) == (other.owner, other._balance)
    __hash__ = None
class Savings(Account):
    __slots__ = ("rate",)
    def __init__(self, owner, balance=0, rate=0.05):
        super().__init__(owner, balance)
        self.rate = rate
    def __repr__(self):
        return super().__repr__()[:-1] + f", rate={self.rate})"
a = Account.from_string("ann:1200")
print(a, repr(a), a.balance, Account.fee(250), a.fee(10))
a.balance = 50
print(a.balance)
try:
    a.balance = -1
except ValueError as e:
    print("ValueError:", e)
del a.balance
print(a.balance)
try:
    a.extra = 1
except AttributeError as e:
    print("AttributeError:", e)
s = Savings("bob", 10)
print(s, repr(s), Account.count, isinstance(s, Account), Savings.__mro__[1].__name__, Savings.__slots__)
print(a == Account("ann", 0), hasattr(a, "__dict__"), Account.__slots__)
try:
    hash(a)
except TypeError as e:
    print("TypeError:", e)
print(type(Account.balance).__name__, Account.balance.fget.__name__, Account.fee.__qualname__, type(Account.__dict__["from_string"]).__name__)
class Temperature:
    def __init__(self, c):
        self.c = c
    f = property(lambda self: self.c * 9 / 5 + 32, doc="fahrenheit")
    def __format__(self, spec):
        if spec.endswith("F"):
            return format(self.f, spec[:-1] + "f") + "°F"
        return format(self.c, spec) + "°C"
t = Temperature(21.5)
print(f"{t:.1F} {t:.2f} {t}", Temperature.f.__doc__)
class Meta(type):
    def __repr__(cls):
        return f"<class {cls.__name__} via Meta>"
class W(metaclass=Meta):
    pass
print(W, type(W).__name__)
class Pos(int):
    def __repr__(self):
        return f"Pos({int(self)})"
print(str(Pos(3)), repr(Pos(3)), f"{Pos(3)}", Pos(3) + 1, "%s" % Pos(4), [Pos(5)])
class Name(str):
    def __repr__(self):
        return f"Name<{str.__str__(self)}>"
print(str(Name("x")), repr(Name("x")), Name("y"), [Name("z")])
class F(float):
    def __repr__(self):
        return "F!"
print(str(F(1.5)), F(1.5))
def annotated(a: int, b: "str" = "x", *args: float, c: bool = False, **kw: dict) -> list:
    return []
print(annotated.__annotations__)
print(annotated.__code__.co_name, annotated.__code__.co_argcount, annotated.__code__.co_varnames[:4], annotated.__code__.co_kwonlyargcount)
print(annotated.__defaults__, annotated.__kwdefaults__, annotated.__name__, annotated.__qualname__, annotated.__module__)
def plain(): pass
print(plain.__annotations__, plain.__code__.co_filename.endswith(".py"), plain.__code__.co_firstlineno)
class Ordered(dict):
    def __init__(self):
        super().__init__()
        self.order = []
    def __setitem__(self, k, v):
        if not k.startswith("__"):
            self.order.append(k)
        super().__setitem__(k, v)
class OM(type):
    @classmethod
    def __prepare__(mcs, name, bases):
        return Ordered()
    def __new__(mcs, name, bases, ns):
        cls = super().__new__(mcs, name, bases, dict(ns))
        cls.fields = ns.order
        return cls
class Rec(metaclass=OM):
    b = 1
    a = 2
    def m(self): pass
print(Rec.fields)
