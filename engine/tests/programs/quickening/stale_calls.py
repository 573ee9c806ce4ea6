# Function defaults, bound methods, super(), slots across classes, deleted attributes.
def warm(f, *a):
    for _ in range(100): r = f(*a)
    return r
class A:
    def m(self): return "A.m"
    v = "A.v"
class B:
    def m(self): return "B.m"
    v = "B.v"
class C(A): pass
def cm(o): return o.m()
def cv(o): return o.v
def ccv(): return C.v
c = C()
print(warm(cm, c), warm(cv, c), warm(ccv))
class P:
    def __init__(self, a): self.a = a
class Q(P): pass
def mk(i): return Q(i)
print(warm(mk, 1).a)
P.__new__ = lambda cls, a: "new!"
print(mk(2))
del P.__new__
class R:
    def __init__(self): self.a = 1; self.b = 2; self.c = 3
def rb(o): return o.b
def rc(o): return o.c
r = R()
print(warm(rb, r), warm(rc, r))
del r.a
print(rb(r), rc(r))
r.a = 5
print(rb(r), rc(r), r.__dict__)
del r.b
try: rb(r)
except AttributeError as e: print("AE", e)
class S(A):
    def m(self): return "S.m+" + super().m()
print(warm(cm, S()))
A.m = lambda self: "A.m2"
print(cm(S()))
class T:
    def f(self, x): return x
t = T()
bm = t.f
def cb(i): return bm(i)
print(warm(cb, 3))
T.f = lambda self, x: x * 2
print(cb(3))
bm = t.f
print(cb(3))
class U:
    __slots__ = ("a",)
class V:
    __slots__ = ("b", "a")
def ua(o): return o.a
u = U(); u.a = 1
v = V(); v.a = 2; v.b = 3
print(warm(ua, u), ua(v), warm(ua, v), ua(u))
def f(a, b=2): return a + b
def callf(): return f(1)
for _ in range(100): callf()
f.__defaults__ = (10,)
print(callf())
f.__defaults__ = None
try: callf()
except TypeError as e: print(e)
