from typing import (Any, Callable, Dict, Generic, Iterable, Iterator, List, NamedTuple, Optional,
                    Protocol, Tuple, TypedDict, TypeVar, Union, runtime_checkable, cast, overload, ClassVar, Sequence)
T = TypeVar("T")
K = TypeVar("K")
class Stack(Generic[T]):
    def __init__(self) -> None:
        self._items: List[T] = []
    def push(self, item: T) -> None:
        self._items.append(item)
    def pop(self) -> T:
        return self._items.pop()
    def __len__(self) -> int:
        return len(self._items)
s: Stack[int] = Stack()
s.push(1); s.push(2)
print(s.pop(), len(s), Stack[int], Stack.__name__)
class Point(NamedTuple):
    x: float
    y: float = 0.0
    def norm(self) -> float:
        return (self.x ** 2 + self.y ** 2) ** 0.5
p = Point(3, 4)
print(p, p.norm(), p._asdict(), Point._fields, Point._field_defaults, p._replace(x=0))
class Movie(TypedDict):
    title: str
    year: int
m: Movie = {"title": "Heat", "year": 1995}
print(m, type(m).__name__, Movie.__annotations__ if hasattr(Movie, "__annotations__") else None)
@runtime_checkable
class Greeter(Protocol):
    def greet(self, name: str) -> str: ...
class English:
    def greet(self, name: str) -> str:
        return f"Hello, {name}"
class Mute:
    pass
print(isinstance(English(), Greeter), isinstance(Mute(), Greeter))
def apply(f: Callable[[int], int], xs: Iterable[int]) -> List[int]:
    return [f(x) for x in xs]
print(apply(lambda x: x + 1, [1, 2]), cast(int, "not checked"))
def first(xs: Sequence[T], default: Optional[T] = None) -> Optional[T]:
    return xs[0] if xs else default
print(first([]), first("abc"), apply.__annotations__)
def group(pairs: Iterable[Tuple[K, T]]) -> Dict[K, List[T]]:
    out: Dict[K, List[T]] = {}
    for k, v in pairs:
        out.setdefault(k, []).append(v)
    return out
print(group([("a", 1), ("b", 2), ("a", 3)]))
class Config:
    defaults: ClassVar[Dict[str, Any]] = {"debug": False}
    name: str
    def __init__(self, name: str) -> None:
        self.name = name
print(Config.defaults, Config("x").name, Config.__annotations__)
def u(x: Union[int, str]) -> str:
    return str(x)
print(u(1), Optional[int], Union[int, str], List[int], Dict[str, int])
def gen() -> Iterator[int]:
    yield from range(3)
print(list(gen()), T, T.__name__)
