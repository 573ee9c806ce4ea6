# A suspended generator is closed when its last reference goes (GeneratorExit at its yield:
# `finally` blocks and `with` exits run), and at interpreter exit if still alive.
def gen(n):
    try:
        yield 1
        yield 2
    finally:
        print("finally", n)

class Ctx:
    def __init__(self, n):
        self.n = n
    def __enter__(self):
        return self
    def __exit__(self, typ, val, tb):
        print("exit", self.n, typ.__name__ if typ else None)
        return False

def with_gen(n):
    with Ctx(n):
        yield 1

g = gen(1)
next(g)
g = None
print("after rebinding")

def f():
    g = gen(2)
    next(g)
    return 5
print(f())

h = with_gen(3)
next(h)
del h
print("after del")

# Not started, or finished: nothing to run.
g = gen(4)
g = None
g = gen(5)
list(g)
g = None
print("after unstarted and finished")

# Dropped inside a for loop that breaks out.
for v in gen(6):
    print("got", v)
    break
print("after break")

# GeneratorExit caught and turned into a return.
def polite():
    try:
        yield 1
    except GeneratorExit:
        print("polite exit")
        return
p = polite()
next(p)
p = None
print("after polite")

# A generator in a cycle with itself, through a list it holds.
import gc
def cyclic(box):
    try:
        yield box
    finally:
        print("cyclic finally")
box = []
cg = cyclic(box)
box.append(cg)
next(cg)
del box, cg
print("collected", gc.collect() > 0)

# Still suspended at exit: closed then, module-level ones first, then those in lists.
k = gen(7)
next(k)
k2 = gen(8)
next(k2)
lst = [gen(9)]
next(lst[0])
w = with_gen(10)
next(w)
print("end of program")
