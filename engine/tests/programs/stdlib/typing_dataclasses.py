# typing annotations and dataclasses, the way application code uses them.
from __future__ import annotations
from dataclasses import dataclass, field, asdict, replace
from typing import List, Dict, Optional, TypeVar, Generic, NamedTuple, Callable, Union
T = TypeVar("T")
class Box(Generic[T]):
    def __init__(self, item: T) -> None:
        self.item = item
    def get(self) -> T:
        return self.item
print(Box[int](5).get(), Box("s").get())
@dataclass(order=True)
class Task:
    priority: int
    name: str = field(compare=False)
    tags: List[str] = field(default_factory=list)
tasks = [Task(2, "write"), Task(1, "plan", ["x"])]
print(sorted(tasks), asdict(tasks[1]), replace(tasks[0], priority=0))
class Row(NamedTuple):
    id: int
    label: Optional[str] = None
print(Row(1), Row(2, "b")._asdict())
def apply(f: Callable[[int], int], xs: List[int]) -> Dict[int, int]:
    return {x: f(x) for x in xs}
print(apply(lambda v: v * v, [1, 2]))
def parse(s: Union[str, int]) -> int | None:
    return int(s) if s else None
print(parse("7"), parse(""), int | None, Optional[int])
