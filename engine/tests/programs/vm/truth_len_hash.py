# __bool__, __len__, __hash__ and dict keys through __eq__/__hash__.
class B:
    def __init__(self, v): self.v = v
    def __bool__(self): return self.v
class L:
    def __init__(self, n): self.n = n
    def __len__(self): return self.n
print(bool(B(True)), bool(B(False)), bool(L(0)), bool(L(3)), len(L(4)), bool(object()))
print("yes" if L(1) else "no", not L(0), [x for x in [L(0), L(2)] if x].__len__())
for obj in [B(1), L(-1), L("x"), L(2**70)]:
    try:
        bool(obj) if isinstance(obj, B) else len(obj)
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__ + ":", e)
try:
    len(5)
except TypeError as e:
    print("TypeError:", e)
class K:
    def __init__(self, k): self.k = k
    def __eq__(self, o): return isinstance(o, K) and self.k == o.k
    def __hash__(self): return hash(self.k)
    def __repr__(self): return f"K({self.k!r})"
d = {K(1): "one", K("a"): "a"}
print(d[K(1)], K("a") in d, K(2) in d, len({K(1), K(1), K(2)}))
class NoHash:
    def __eq__(self, o): return True
try:
    hash(NoHash())
except TypeError as e:
    print("TypeError:", e)
try:
    {NoHash(): 1}
except TypeError as e:
    print("TypeError:", e)
class BadHash:
    def __hash__(self): return "x"
try:
    hash(BadHash())
except TypeError as e:
    print("TypeError:", e)
class Explicit:
    __hash__ = None
try:
    hash(Explicit())
except TypeError as e:
    print("TypeError:", e)
class Inherits(K):
    pass
print(hash(Inherits(5)) == hash(5), hash(-1), hash((1, 2)), hash(2**64), hash(1.5))
for v in [[1], {}, {1}]:
    try:
        hash(v)
    except TypeError as e:
        print("TypeError:", e)
class BadBool:
    def __bool__(self): return 1
try:
    if BadBool(): pass
except TypeError as e:
    print("TypeError:", e)
