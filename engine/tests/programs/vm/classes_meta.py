# Metaclasses, __init_subclass__, __new__, __call__, __instancecheck__, __prepare__, MRO.
class Meta(type):
    def __new__(mcs, name, bases, ns, **kw):
        print("Meta.__new__", name, sorted(k for k in ns if not k.startswith("__")), kw)
        cls = super().__new__(mcs, name, bases, ns)
        cls.tag = name.lower()
        return cls
    def __init__(cls, name, bases, ns, **kw):
        print("Meta.__init__", name)
        super().__init__(name, bases, ns)
    def __call__(cls, *args):
        print("Meta.__call__", cls.__name__, args)
        return super().__call__(*args)
class Base(metaclass=Meta):
    def __init__(self, x=0): self.x = x
class Child(Base, flag=1):
    def m(self): pass
c = Child(5)
print(c.x, Child.tag, type(Child).__name__, isinstance(Child, Meta), type(c).__name__)
class Registry:
    subclasses = []
    def __init_subclass__(cls, key=None, **kw):
        super().__init_subclass__(**kw)
        cls.key = key
        Registry.subclasses.append(cls.__name__)
class R1(Registry, key="one"): pass
class R2(Registry): pass
print(Registry.subclasses, R1.key, R2.key)
try:
    class Bad(R1, unknown=1): pass
except TypeError as e:
    print("TypeError:", e)
class Single:
    _inst = None
    def __new__(cls, *args):
        if cls._inst is None:
            cls._inst = super().__new__(cls)
        return cls._inst
    def __init__(self, v): self.v = v
s1 = Single(1); s2 = Single(2)
print(s1 is s2, s1.v)
class NotMine:
    def __new__(cls): return 42
print(NotMine())
class Even(type):
    def __instancecheck__(cls, obj): return isinstance(obj, int) and obj % 2 == 0
class EvenNum(metaclass=Even): pass
print(isinstance(4, EvenNum), isinstance(3, EvenNum))
class Ordered(type):
    @classmethod
    def __prepare__(mcs, name, bases):
        print("prepare", name)
        return {"injected": 1}
class O(metaclass=Ordered):
    a = 1
print(O.injected, O.a)
class Callable:
    def __call__(self, *a, **k): return (a, k)
print(Callable()(1, b=2))
T = type("T", (object,), {"z": 3, "f": lambda self: self.z * 2})
print(T().f(), T.__name__, T.__mro__)
class A: pass
class B(A): pass
class C(A): pass
class D(B, C): pass
print([k.__name__ for k in D.__mro__])
try:
    class E(A, B): pass
except TypeError as e:
    print("TypeError:", e)
for src in ["A(1)", "object(1)", "NotImplemented.x"]:
    try:
        eval(src)
    except (TypeError, AttributeError) as e:
        print(type(e).__name__ + ":", e)
class InitRet:
    def __init__(self): return 1
try:
    InitRet()
except TypeError as e:
    print("TypeError:", e)
class WithRepr:
    def __repr__(self): return "<WR>"
    def __format__(self, spec): return f"fmt[{spec}]"
print(WithRepr(), str(WithRepr()), f"{WithRepr():>4}", format(WithRepr(), "x"), [WithRepr()])
class Sub(list):
    def total(self): return sum(self)
sl = Sub([1, 2, 3])
sl.append(4)
print(sl, sl.total(), len(sl), isinstance(sl, list), type(sl).__name__, sl[1:])
class Dd(dict):
    def __missing__(self, k): return f"<{k}>"
print(Dd(a=1)["a"], Dd()["b"])
class MyInt(int):
    def __repr__(self): return f"MyInt({int(self)})"
print(MyInt(3) + 4, repr(MyInt(3)), MyInt(7) // 2)
try:
    class X(bool): pass
except TypeError as e:
    print("TypeError:", e)
