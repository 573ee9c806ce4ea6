# A to-do manager: classes, json persistence, sorting, string methods, errors
import json, os, textwrap, string, random, copy, heapq, bisect, math
from dataclasses import dataclass, field
from datetime import date, timedelta
from contextlib import contextmanager, suppress
from io import StringIO
from abc import ABC, abstractmethod

class Store(ABC):
    @abstractmethod
    def save(self, items): ...
    @abstractmethod
    def load(self): ...

class MemoryStore(Store):
    def __init__(self):
        self.buf = StringIO()
    def save(self, items):
        self.buf = StringIO()
        json.dump([vars(i) | {"due": i.due.isoformat()} for i in items], self.buf, indent=1)
    def load(self):
        self.buf.seek(0)
        return json.load(self.buf)

try:
    Store()
except TypeError as e:
    print("TypeError:", e)

@dataclass
class Task:
    title: str
    due: date
    priority: int = 3
    done: bool = False
    tags: list = field(default_factory=list)
    def __lt__(self, other):
        return (self.priority, self.due) < (other.priority, other.due)

today = date(2024, 6, 10)
tasks = [
    Task("write report", today + timedelta(days=2), 1, tags=["work"]),
    Task("buy milk", today, 2, tags=["home", "shop"]),
    Task("call mom", today + timedelta(days=1)),
    Task("fix bike", today - timedelta(days=3), 2, True),
]
store = MemoryStore()
store.save(tasks)
raw = store.load()
print(len(raw), raw[0]["title"], raw[0]["due"], sorted(raw[1]))
loaded = [Task(**(d | {"due": date.fromisoformat(d["due"])})) for d in raw]
print(loaded == tasks)
heap = [t for t in loaded if not t.done]
heapq.heapify(heap)
while heap:
    t = heapq.heappop(heap)
    overdue = "OVERDUE " if t.due < today else ""
    print(f"[{t.priority}] {overdue}{t.title.title():<15} due {t.due:%a %d} {','.join(t.tags) or '-'}")
@contextmanager
def section(name):
    print(f"--- {name} ---")
    try:
        yield name.upper()
    finally:
        print(f"--- end {name} ---")
with section("wrap") as s:
    text = "The quick brown fox jumps over the lazy dog. " * 3
    print(s)
    print(textwrap.fill(text, width=30))
    print(textwrap.shorten(text, width=40, placeholder=" [...]"))
    print(textwrap.indent("a\nb", "> "), textwrap.dedent("   x\n   y"))
with suppress(KeyError):
    {}["missing"]
    print("not reached")
print(string.ascii_lowercase[:5], string.digits, string.capwords("hello big world"), string.punctuation[:4])
tpl = string.Template("$who likes ${what}!")
print(tpl.substitute(who="Ann", what="tea"), tpl.safe_substitute(who="Bob"))
random.seed(42)
print(random.randint(1, 100), random.choice("abc"), random.random(), random.sample(range(10), 3))
deck = list(range(10)); random.shuffle(deck); print(deck, random.uniform(1, 2), random.choices("xy", k=4))
random.seed("tasks")
print(random.randrange(0, 100, 5), round(random.gauss(0, 1), 6))
grid = [[0] * 3 for _ in range(2)]
deep = copy.deepcopy(grid); shallow = copy.copy(grid)
grid[0][0] = 9
print(deep, shallow, grid is shallow)
scores = [55, 62, 70, 88, 95]
grades = "FDCBA"
print([grades[bisect.bisect(scores, s) - 1] if s >= 55 else "F" for s in [40, 60, 75, 99]])
bisect.insort(scores, 80); print(scores)
print(math.isclose(0.1 + 0.2, 0.3), math.floor(-2.5), math.ceil(2.1), math.sqrt(2), math.gcd(12, 18), math.comb(5, 2), math.prod([1, 2, 3]), math.inf > 1e308, math.pi)
print(f"{math.hypot(3, 4):.1f}", math.log(math.e), math.log10(1000), math.factorial(10), math.trunc(-3.7), math.fsum([0.1] * 10))
summary = {"total": len(tasks), "done": sum(t.done for t in tasks), "tags": sorted({g for t in tasks for g in t.tags})}
print(json.dumps(summary), str(summary))
