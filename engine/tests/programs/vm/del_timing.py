# __del__ runs the moment the last reference goes: before the next statement's effects.
class A:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print("del", self.n)

# rebinding
x = A(1)
x = None
print("after rebinding")
x = A(2)
x = A(3)
print("after rebinding to another")
# del statement
y = A(4)
del y
print("after del")
del x
print("after del 3")
# temporaries within expressions
print(A(5).n, A(6).n)
print(len([A(7), A(8)]))
A(9)
print("after expression statement")
# function locals at return
def f():
    a = A(10)
    b = A(11)
    return 12
print(f())
def g():
    a = A(13)
print(g())
# a local rebound inside a loop
for i in range(3):
    t = A(20 + i)
print("loop done")
del t
# containers: lists release last item first, dicts in order
l = [A(30), A(31), A(32)]
l = None
d = {"a": A(40), "b": A(41)}
d = None
tp = (A(50), A(51))
tp = None
print("containers done")
# an attribute holding the last reference
class Holder:
    pass
h = Holder()
h.a = A(60)
h.a = None
print("attribute rebound")
h.b = A(61)
del h
print("holder gone")
# clear() on a list
l = [A(70), A(71)]
l.clear()
print("cleared")
# exception instance with __del__, subclass of Exception
class E(Exception):
    def __del__(self):
        print("E del", self.args)
try:
    raise E("boom")
except E as e:
    print("caught", e)
print("after except")
# subclass of a built-in
class L(list):
    def __del__(self):
        print("L del", list(self))
v = L([1, 2])
v.append(3)
v = None
print("end")

# A __del__ that drops another object: the inner __del__ runs inside it.
class Nest:
    def __init__(self, n, child=None):
        self.n = n
        self.child = child
    def __del__(self):
        print("enter", self.n)
        self.child = None
        print("leave", self.n)
a = Nest(1, Nest(2, Nest(3)))
a = None
print("nest done")

# A long chain of objects with __del__ dropped at once (no deep recursion).
class Link:
    def __init__(self, nxt):
        self.nxt = nxt
    def __del__(self):
        self.nxt = None
n = None
for i in range(100000):
    n = Link(n)
n = None
print("chain done")
