# Cycles with finalizers (PEP 442), resurrection, gc.collect() counts, gc.garbage.
import gc

class A:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print("del", self.n)

# A cycle survives reference counting; the collector runs both finalizers, then frees it.
a = A(1)
b = A(2)
a.other = b
b.other = a
del a, b
print("cycle dropped")
print("collected", gc.collect())
print("garbage", gc.garbage)

# A cycle without finalizers.
class B:
    pass
x = B()
y = B()
x.o = y
y.o = x
del x, y
print("collected", gc.collect())

# A self-referencing list.
l = []
l.append(l)
del l
print("collected", gc.collect())

# Nothing left.
print("collected", gc.collect())

# Resurrection: __del__ stores self; it runs at most once.
saved = []
class R:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print("R del", self.n)
        saved.append(self)
r = R(1)
r = None
print("saved", [s.n for s in saved])
saved.clear()
print("cleared saved (no second __del__)")

# Resurrection from a cycle.
r1 = R(2)
r2 = R(3)
r1.o = r2
r2.o = r1
del r1, r2
print("collected", gc.collect())
print("saved", sorted(s.n for s in saved))
saved.clear()
print("collected", gc.collect())

# __del__ that drops another object with __del__.
class Chain:
    def __init__(self, n, nxt=None):
        self.n = n
        self.nxt = nxt
    def __del__(self):
        print("chain del", self.n)
c = Chain(1, Chain(2, Chain(3)))
c = None
print("chain gone")

# gc.isenabled / disable / enable
print(gc.isenabled())
gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled())
print("end")
