# Class attributes, static/class methods, bases, __init__/__new__ and properties changed
# after their sites specialized.
class K:
    attr = 1
    @staticmethod
    def sm(): return "sm"
    @classmethod
    def cm(cls): return "cm" + cls.__name__
    def f(self): return "f"
def rd(): return K.attr
def call_sm(): return K.sm()
def call_cm(): return K.cm()
for _ in range(100): rd(); call_sm(); call_cm()
print(rd(), call_sm(), call_cm())
K.attr = 2; K.sm = staticmethod(lambda: "sm2"); K.cm = classmethod(lambda c: "cm2")
print(rd(), call_sm(), call_cm())
class Base:
    v = "base"
    def m(self): return "Base.m"
class Sub(Base): pass
def rv(): return Sub.v
def rm(o): return o.m()
s = Sub()
for _ in range(100): rv(); rm(s)
Base.v = "base2"; Base.m = lambda self: "Base.m2"
print(rv(), rm(s))
Sub.m = lambda self: "Sub.m"
print(rm(s))
del Sub.m
print(rm(s))
# init
class P:
    def __init__(self, a): self.a = a
def mk(i): return P(i)
for i in range(100): mk(i)
print(mk(5).a)
P.__init__ = lambda self, a: setattr(self, "a", a * 10)
print(mk(5).a)
class Q(P): pass
def mkq(i): return Q(i)
for i in range(100): mkq(i)
P.__init__ = lambda self, a: setattr(self, "a", -a)
print(mkq(3).a)
# property
class R:
    def __init__(self): self._v = 1
    @property
    def v(self): return self._v
def rp(o): return o.v
r = R()
for _ in range(100): rp(r)
print(rp(r))
R.v = property(lambda self: "newprop")
print(rp(r))
R.v = "plain"
print(rp(r))
del R.v
r.v = "inst"
print(rp(r))
# slots
class S:
    __slots__ = ("a", "b")
    def __init__(self): self.a = 1
def rs(o): return o.a
def ws(o, v): o.a = v
s1 = S()
for i in range(100): ws(s1, i); rs(s1)
print(rs(s1))
del s1.a
try: rs(s1)
except AttributeError as e: print("AE", e)
