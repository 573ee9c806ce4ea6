from dataclasses import dataclass, field, asdict, astuple, replace, fields
import json
from typing import List, Optional

@dataclass(order=True)
class Item:
    sort_key: float = field(init=False, repr=False)
    name: str
    price: float
    qty: int = 0
    tags: List[str] = field(default_factory=list)
    note: Optional[str] = None

    def __post_init__(self):
        self.sort_key = self.price * self.qty

    @property
    def total(self) -> float:
        return round(self.price * self.qty, 2)

@dataclass(frozen=True)
class Point:
    x: int
    y: int = 0

inv = [Item("bolt", 0.1, 100, ["hw"]), Item("nut", 0.05, 250), Item("gear", 3.5, 4, ["hw", "big"], "fragile")]
for it in sorted(inv):
    print(it, it.total)
print(sorted(inv, key=lambda i: i.name)[0].name)
print(max(inv).name, min(inv).name)
d = [asdict(i) for i in inv]
s = json.dumps(d, indent=2, sort_keys=True)
print(s)
back = [Item(**{k: v for k, v in x.items() if k != "sort_key"}) for x in json.loads(s)]
print(back == inv, back[2])
print(json.dumps({"a": [1, 2.5, None, True], "b": {"c": "é"}}, separators=(",", ":")))
print(json.dumps({"a": "é"}, ensure_ascii=False), json.dumps([1, 2], indent=None))
p = Point(1)
print(p, hash(p) == hash(Point(1, 0)), replace(p, y=5), astuple(p))
try:
    p.x = 3
except Exception as e:
    print(type(e).__name__, e)
print([f.name for f in fields(Item)])
try:
    json.loads("{'a': 1}")
except json.JSONDecodeError as e:
    print("JSONDecodeError:", e, e.pos, e.lineno, e.colno)
try:
    json.dumps({1: object()})
except TypeError as e:
    print(e)
print(json.loads('[1, 2.0, "x", null, true, {"k": [ ]}]'))
print(json.dumps(3.0), json.dumps(float("inf")), json.dumps("a\nb\"c"))
print(Item("z", 1.0) == Item("z", 1.0), Item("z", 1.0) < Item("y", 2.0, 1))
print(repr(Point), Point.__dataclass_fields__.keys())
