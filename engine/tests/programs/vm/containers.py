# __getitem__/__setitem__/__delitem__/__contains__, slicing, iteration fallbacks.
class Grid:
    def __init__(self): self.d = {}
    def __getitem__(self, k):
        print("get", k)
        return self.d.get(k, 0)
    def __setitem__(self, k, v):
        print("set", k, v)
        self.d[k] = v
    def __delitem__(self, k):
        print("del", k)
        del self.d[k]
g = Grid()
g[1, 2] = 5
print(g[1, 2], g[0:3], g[::2], g[1:2, 3])
g[1, 2] += 1
del g[1, 2]
class Seq:
    def __getitem__(self, i):
        if i >= 4: raise IndexError(i)
        return i * 10
print(list(Seq()), 20 in Seq(), 25 in Seq(), [x for x in Seq()])
a, b, *rest = Seq()
print(a, b, rest)
class Cont:
    def __contains__(self, x): return x == "magic"
print("magic" in Cont(), "other" in Cont(), "other" not in Cont())
class It:
    def __init__(self): self.i = 0
    def __iter__(self): return self
    def __next__(self):
        self.i += 1
        if self.i > 3: raise StopIteration
        return self.i
print(list(It()), 2 in It(), sum(It()))
class Alias:
    def __class_getitem__(cls, item): return f"{cls.__name__}[{item.__name__}]"
print(Alias[int])
for expr in ["1[0]", "Alias()[0]", "len(Alias())", "iter(5)", "next(iter([]))", "3 in 5", "3 in Alias()"]:
    try:
        eval(expr)
    except (TypeError, StopIteration) as e:
        print(type(e).__name__ + ":", e)
def setdel():
    x = 5
    try:
        x[0] = 1
    except TypeError as e:
        print("TypeError:", e)
    try:
        del x[0]
    except TypeError as e:
        print("TypeError:", e)
    t = (1, 2)
    try:
        t[0] = 1
    except TypeError as e:
        print("TypeError:", e)
setdel()
l = [0, 1, 2, 3, 4, 5]
l[1] = "a"; del l[0]
print(l, l[-1], l[1:3], l[::-1])
try:
    l[10]
except IndexError as e:
    print("IndexError:", e)
try:
    l[10] = 1
except IndexError as e:
    print("IndexError:", e)
d = {"a": 1}
try:
    d["b"]
except KeyError as e:
    print("KeyError:", e, repr(e))
class BadIter:
    def __iter__(self): return 5
try:
    iter(BadIter())
except TypeError as e:
    print("TypeError:", e)
