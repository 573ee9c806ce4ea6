# collections as everyday scripts use it.
from collections import deque, defaultdict, Counter, namedtuple, OrderedDict, ChainMap
import collections.abc as cabc
q = deque(maxlen=3)
for i in range(5):
    q.append(i)
print(q, q.maxlen, len(q), q[1], list(reversed(q)))
q.appendleft(-1); q.rotate(1)
print(q, q.index(3), q.count(0), deque([1, 2]) == deque([1, 2]), deque([3]) * 2)
q.insert(1, 9) if len(q) < 3 else None
d = deque(range(6)); del d[2]; d[0] = 100; d.reverse(); print(d, d.copy() is not d)
graph = defaultdict(list)
for a, b in [(1, 2), (1, 3), (2, 3)]:
    graph[a].append(b)
print(graph, graph[9], sorted(graph))
words = "the quick brown fox jumps over the lazy dog the end".split()
c = Counter(words)
print(c.most_common(2), c["the"], c["missing"], c.total())
print(Counter("aabbc") + Counter("bcd"), Counter("aaab") - Counter("ab"), Counter(a=2) | Counter(a=1, b=1))
inv = Counter(apples=3); inv.update(apples=2, pears=1); inv.subtract(pears=1)
print(inv, +inv, sorted(inv.elements()))
Point = namedtuple("Point", "x y", defaults=[0])
p = Point(3)
print(p, p._asdict(), p._replace(x=5), Point._make((1, 2)), Point._fields, Point._field_defaults)
print(p == (3, 0), hash(p) == hash((3, 0)), sorted([Point(2, 1), Point(1, 5)]), type(p).__name__)
x, y = p
print(x, y, p.x, p[0], repr(Point(x=1, y=[2])))
Pair = namedtuple("Pair", ["first", "second"], rename=False)
print(Pair(1, 2).first, isinstance(Pair(1, 2), tuple))
od = OrderedDict.fromkeys("abc", 0)
od.move_to_end("a")
print(od, od.popitem(last=False), list(od.keys()), OrderedDict(a=1) == OrderedDict(a=1))
defaults = {"color": "red", "user": "guest"}
args = {"user": "ann"}
cm = ChainMap(args, defaults)
print(cm["user"], cm["color"], len(cm), sorted(cm), cm.new_child({"x": 1})["x"], cm.parents)
print(isinstance([], cabc.Sequence), isinstance({}, cabc.Mapping), isinstance(q, cabc.Iterable),
      isinstance(3, cabc.Hashable), issubclass(dict, cabc.MutableMapping), isinstance(iter([]), cabc.Iterator))
class Registry(cabc.MutableMapping):
    def __init__(self):
        self._d = {}
    def __getitem__(self, k):
        return self._d[k]
    def __setitem__(self, k, v):
        self._d[k] = v
    def __delitem__(self, k):
        del self._d[k]
    def __iter__(self):
        return iter(self._d)
    def __len__(self):
        return len(self._d)
r = Registry()
r["a"] = 1
r.update(b=2)
print(dict(r), r.get("z", 0), "a" in r, r.pop("a"), r.setdefault("c", 3), sorted(r.items()))
try:
    namedtuple("Bad", "x x")
except ValueError as e:
    print("ValueError:", e)
try:
    deque([1]).remove(5)
except ValueError as e:
    print("ValueError:", e)
