# operator, heapq, bisect, copy, string, textwrap, contextlib, abc, io, os.path, time, sys.
import operator, heapq, bisect, copy, string, textwrap, contextlib, io, os, sys, time
from abc import ABC, abstractmethod
from operator import itemgetter, attrgetter, methodcaller
data = [{"n": "b", "a": 3}, {"n": "a", "a": 3}, {"n": "c", "a": 1}]
print(sorted(data, key=itemgetter("a", "n")), itemgetter(1, 0)("xy"))
class P:
    def __init__(self, name, city):
        self.name, self.city = name, city
        self.addr = self
print(attrgetter("name", "addr.city")(P("ann", "oslo")), methodcaller("split", "-")("a-b"))
print(operator.add(1, 2), operator.mul("a", 3), operator.neg(5), operator.contains([1], 1), operator.truth(0))
h = []
for x in [5, 1, 4, 2]:
    heapq.heappush(h, x)
print(h[0], [heapq.heappop(h) for _ in range(len(h))], heapq.nlargest(2, [1, 8, 3]), heapq.nsmallest(2, [4, 1, 9]))
tasks = [(3, "low"), (1, "urgent"), (2, "mid")]
heapq.heapify(tasks)
print(heapq.heappop(tasks), heapq.heappushpop(tasks, (0, "now")), list(heapq.merge([1, 4], [2, 3])))
grades = [60, 70, 80, 90]
print([("FDCBA")[bisect.bisect(grades, s)] for s in [55, 70, 85, 95]], bisect.bisect_left(grades, 70))
bisect.insort(grades, 75)
print(grades)
orig = {"a": [1, 2], "b": {"c": [3]}}
sh, dp = copy.copy(orig), copy.deepcopy(orig)
orig["a"].append(9)
print(sh["a"], dp["a"], dp == {"a": [1, 2], "b": {"c": [3]}})
class Node:
    def __init__(self, v):
        self.v, self.next = v, None
n = Node(1); n.next = n
m = copy.deepcopy(n)
print(m.next is m, m is not n, copy.copy(n).next is n)
print(string.ascii_letters[:5], string.capwords("hi there"), string.Template("$a-${b}").substitute(a=1, b=2))
print(string.Formatter().format("{0}+{x}", 1, x=2))
print(textwrap.wrap("The quick brown fox jumps over the lazy dog", 15))
print(textwrap.fill("one two three four five six", width=10))
print(repr(textwrap.dedent("    a\n      b\n    c\n")), repr(textwrap.indent("x\ny\n", "> ")))
print(textwrap.shorten("Hello  world, this is a long sentence", width=20))
@contextlib.contextmanager
def tag(name):
    print(f"<{name}>")
    try:
        yield name
    finally:
        print(f"</{name}>")
with tag("b") as t:
    print("inside", t)
with contextlib.suppress(KeyError):
    {}["x"]
buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    print("hidden")
print(repr(buf.getvalue()))
with contextlib.ExitStack() as stack:
    stack.callback(print, "cleanup")
    stack.enter_context(tag("i"))
class Shape(ABC):
    @abstractmethod
    def area(self): ...
class Sq(Shape):
    def area(self):
        return 4
try:
    Shape()
except TypeError as e:
    print("TypeError:", e)
print(Sq().area(), isinstance(Sq(), Shape))
print(os.path.join("a", "b"), os.path.splitext("f.tar.gz"), os.path.basename("/x/y.py"), os.path.exists("/"))
t = time.perf_counter()
print(time.perf_counter() >= t, isinstance(time.time(), float), sys.version_info >= (3, 11))
