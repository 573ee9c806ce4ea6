# __getattr__/__getattribute__/__setattr__/__delattr__, descriptors, __set_name__, slots.
class Desc:
    def __set_name__(self, owner, name):
        print("set_name", owner.__name__, name)
        self.name = "_" + name
    def __get__(self, obj, owner):
        if obj is None: return self
        return getattr(obj, self.name, "unset")
    def __set__(self, obj, value):
        setattr(obj, self.name, value * 2)
class A:
    x = Desc()
    y = Desc()
a = A()
print(a.x, type(A.x).__name__)
a.x = 5
print(a.x, a._x, vars(a))
class Hooks:
    def __init__(self):
        object.__setattr__(self, "log", [])
    def __getattr__(self, name):
        return f"missing:{name}"
    def __setattr__(self, name, value):
        self.log.append(name)
        object.__setattr__(self, name, value)
    def __delattr__(self, name):
        self.log.append("del " + name)
        object.__delattr__(self, name)
h = Hooks()
h.a = 1
print(h.a, h.b, h.log)
del h.a
print(h.a, h.log)
class Counted:
    def __init__(self): self.hits = 0
    def __getattribute__(self, name):
        if name != "hits":
            object.__setattr__(self, "hits", object.__getattribute__(self, "hits") + 1)
        return object.__getattribute__(self, name)
    def method(self): return "m"
c = Counted()
c.method(); c.method
print(c.hits)
class P:
    @property
    def v(self):
        raise AttributeError("inner")
    def __getattr__(self, name):
        return "fallback " + name
print(P().v)
class Slots:
    __slots__ = ("a",)
s = Slots()
for action in ["s.b = 1", "s.a", "s.__dict__", "del s.a"]:
    try:
        exec(action)
    except AttributeError as e:
        print("AttributeError:", e)
s.a = 3
print(s.a, hasattr(s, "__dict__"))
class Plain: pass
p = Plain()
try:
    del p.nothing
except AttributeError as e:
    print("AttributeError:", e)
try:
    p.nothing
except AttributeError as e:
    print("AttributeError:", e)
try:
    Plain.nothing
except AttributeError as e:
    print("AttributeError:", e)
class RO:
    @property
    def v(self): return 1
try:
    RO().v = 2
except AttributeError as e:
    print("AttributeError:", e)
try:
    del RO().v
except AttributeError as e:
    print("AttributeError:", e)
import sys
try:
    sys.nothing
except AttributeError as e:
    print("AttributeError:", e)
def f(): pass
f.attr = 1
print(f.attr, f.__name__, f.__qualname__)
try:
    int.x = 1
except TypeError as e:
    print("TypeError:", e)
