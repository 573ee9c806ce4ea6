# Rich comparisons: reflection, == falling back to identity, error messages, __ne__ default.
class V:
    def __init__(self, n): self.n = n
    def __eq__(self, o):
        print("V.eq")
        return isinstance(o, V) and self.n == o.n
    def __lt__(self, o):
        if not isinstance(o, V): return NotImplemented
        return self.n < o.n
    def __repr__(self): return f"V{self.n}"
print(V(1) == V(1), V(1) != V(2), V(1) < V(2), V(2) > V(1), sorted([V(3), V(1), V(2)]))
print(V(1) == 3)
class W:
    pass
w = W()
print(w == w, w == W(), w != W(), w is w)
class Sub(V):
    def __eq__(self, o):
        print("Sub.eq")
        return True
print(V(1) == Sub(2))
class G:
    def __gt__(self, o):
        print("G.gt called")
        return True
print(1 < G())
for a, b in [(V(1), 3), (3, V(1)), (W(), W()), ("a", 1), ([1], (1,)), (None, None)]:
    try:
        a < b
    except TypeError as e:
        print("TypeError:", e)
try:
    V(1) >= V(2)
except TypeError as e:
    print("TypeError:", e)
print(1 == 1.0, 2**53 + 1 > float(2**53), 1 < 1.5, float("nan") == float("nan"), [1, 2] < [1, 3])
print((1, "a") < (1, "b"), "abc" < "abd", None == 0, True == 1, 1 != 1.0)
x = 5
print(1 < x < 10, 1 < x > 10, x == 5 == 5.0)
