# Classes and instances changed after their attribute and call sites specialized.
class A:
    def __init__(self):
        self.x = 1
    def m(self):
        return "m1"
def get_x(o): return o.x
def call_m(o): return o.m()
a = A()
for _ in range(100):
    r1 = get_x(a); r2 = call_m(a)
print(r1, r2)
# new method assigned
A.m = lambda self: "m2"
print(call_m(a))
# method shadowed by instance attribute
a.m = lambda: "inst"
print(call_m(a))
del a.m
print(call_m(a))
# attribute turned into property
A.x = property(lambda self: "prop")
print(get_x(a))
del A.x
print(get_x(a))
# __getattr__ added: existing attr unaffected, missing attr found
def get_y(o):
    try:
        return o.y
    except AttributeError as e:
        return "AE"
for _ in range(100):
    r = get_y(a)
print(r)
A.__getattr__ = lambda self, n: "ga:" + n
print(get_y(a), get_x(a))
# __getattribute__ added
A.__getattribute__ = lambda self, n: "gab:" + n
print(get_x(a), call_m(a) if False else "", get_y(a))
del A.__getattribute__
print(get_x(a), call_m(a), get_y(a))
# __dict__ manipulation
for _ in range(100):
    r = get_x(a)
a.__dict__["x"] = 42
print(get_x(a))
for _ in range(100):
    r = get_x(a)
a.__dict__.clear()
print(get_y(a))
a.__dict__["x"] = 7
print(get_x(a))
