def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

class A:
    pass

class B(A):
    def __init__(self, x):
        self.x = x

class C:
    def __new__(cls, *args):
        return object.__new__(cls)

print(type(1), type(True), type(1.5), type("a"), type([]), type(()), type({}), type(set()), type(range(1)))
print(type(A), type(A()), A, B, int, type, object)
print(B.__mro__, B.mro(), A.__subclasses__(), B.__name__, B.__qualname__, B.__module__)
print(isinstance(1, int), isinstance(True, int), isinstance(B(1), A), isinstance(1, (str, int)), issubclass(B, A), issubclass(bool, int), issubclass(A, B))
a = A()
print(a == a, a != a, a == A(), object.__eq__(a, 1), object.__ne__(a, a), hash(a) == hash(a))
print(repr(a).startswith("<__main__.A object at 0x"), str(a) == repr(a), format(a, "") == str(a))
print(object.__repr__(1).startswith("<int object"), repr(object()).startswith("<object object at 0x"))
t(lambda: object(1))
t(lambda: A(1))
t(lambda: B())
t(lambda: C(1) is not None)
t(lambda: format(a, "x"))
t(lambda: isinstance(1, 1))
t(lambda: issubclass(1, int))
X = type("X", (A,), {"y": 5, "f": lambda self: self.y * 2})
x = X()
print(X, X.__name__, X.__bases__, x.y, x.f(), isinstance(x, A), type(x) is X, X.__module__)
print(type(1) is int, type(type(1)), type("x", (), {}).__mro__)
t(lambda: type("X", 1, {}))
t(lambda: type(1, 2))
print(int.__name__, str.__qualname__, repr(int), repr(type(None)))
print(sorted(n for n in dir(a) if n.startswith("__eq") or n == "__init__"))
