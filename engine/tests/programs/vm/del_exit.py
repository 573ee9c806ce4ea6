# Interpreter exit: what the module still holds is finalized in CPython 3.11's order. Objects
# held directly (or through instance attributes) first, in creation order, with every global
# still bound; then the contents of containers (lists last item first); cycles collected.
class A:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print("del", self.n, "g =", g)

g = 7
items = [A(i) for i in range(3)]
c = items[2]
b = items[1]
a = items[0]
del items
l = [A(10), A(11)]
d = {1: A(20), 2: A(21)}
tt = (A(30), A(31))
h = A(40)
h.kids = [A(41), A(42)]
h.child = A(43)
_private = A(50)
z = A(60)
def make_cycle():
    p = A(70)
    q = A(71)
    p.o = q
    q.o = p
make_cycle()
c1 = A(80)
c2 = A(81)
c1.o = c2
c2.o = c1
print("end of program")
