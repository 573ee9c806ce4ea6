# Classes mutated after their attribute sites specialized: every result must be CPython's.
# Each change bumps the class version (and its subclasses'), so the cached forms miss.


def warm(f, *args):
    for _ in range(100):
        r = f(*args)
    return r


class A:
    kind = "A.kind"

    def __init__(self):
        self.x = 1

    def m(self):
        return "A.m"


class Sub(A):
    pass


def get_x(o):
    return o.x  #q LOAD_ATTR


def call_m(o):
    return o.m()  #q LOAD_METHOD_WITH_VALUES


def get_kind(o):
    return o.kind


def class_kind(c):
    return c.kind


def class_m(c):
    return c.m


def get_y(o):
    try:
        return o.y
    except AttributeError:
        return "AttributeError"


a, s = A(), Sub()
print(warm(get_x, a), warm(call_m, a), warm(call_m, s), warm(get_kind, s), warm(class_kind, Sub))
print(warm(get_y, a), warm(class_m, Sub).__name__)

# A method replaced on the class, and on the base of the class.
A.m = lambda self: "A.m2"
print(call_m(a), call_m(s))
Sub.m = lambda self: "Sub.m"
print(call_m(a), call_m(s), class_m(Sub).__name__)
del Sub.m
print(call_m(s), class_m(Sub).__name__)

# An instance attribute shadowing the method, then removed.
a.m = lambda: "instance m"
print(call_m(a))
del a.m
print(call_m(a))

# Class attributes rebound through the base.
A.kind = "A.kind2"
print(get_kind(s), class_kind(Sub))
Sub.kind = "Sub.kind"
print(get_kind(s), class_kind(Sub), class_kind(A))

# An instance attribute turned into a property, and back.
print(warm(get_x, a))
A.x = property(lambda self: "property x")
print(get_x(a), get_x(s))
A.x = property(lambda self: "property x2", lambda self, v: None)
print(get_x(a))
del A.x
print(get_x(a), get_x(s))

# __getattr__ added: found attributes are unaffected, missing ones now resolve.
A.__getattr__ = lambda self, name: "getattr " + name
print(get_y(a), get_x(a), get_y(s))
del A.__getattr__
print(get_y(a))

# __getattribute__ added to the base and removed again.
print(warm(get_x, s), warm(call_m, s))
A.__getattribute__ = lambda self, name: "intercepted " + name
print(get_x(a), get_x(s), get_kind(s))
try:
    call_m(s)
except TypeError as e:
    print("TypeError:", e)
del A.__getattribute__
print(get_x(a), call_m(s))

# __setattr__ added after STORE_ATTR specialized.
def set_x(o, v):
    o.x = v  #q STORE_ATTR


warm(set_x, a, 5)
A.__setattr__ = lambda self, name, v: object.__setattr__(self, name, v * 2)
set_x(a, 5)
print(a.x)
del A.__setattr__
set_x(a, 5)
print(a.x)

# A data descriptor for a name instances already store.
class Store:
    def __get__(self, obj, owner):
        return "descriptor"

    def __set__(self, obj, value):
        obj.__dict__["seen"] = value


warm(set_x, s, 1)
print(warm(get_x, s))
Sub.x = Store()
set_x(s, 7)
print(get_x(s), s.__dict__.get("seen"))
del Sub.x
print(get_x(s))
