from enum import Enum, IntEnum, Flag, auto, unique
class State(Enum):
    IDLE = auto()
    RUNNING = auto()
    PAUSED = auto()
    DONE = auto()
    def can(self, other):
        return other in TRANSITIONS[self]
    @classmethod
    def parse(cls, s):
        return cls[s.upper()]
TRANSITIONS = {
    State.IDLE: {State.RUNNING},
    State.RUNNING: {State.PAUSED, State.DONE},
    State.PAUSED: {State.RUNNING, State.DONE},
    State.DONE: set(),
}
class Machine:
    def __init__(self):
        self.state = State.IDLE
        self.log = []
    def go(self, target):
        if not self.state.can(target):
            raise ValueError(f"bad transition {self.state.name} -> {target.name}")
        self.log.append((self.state, target))
        self.state = target
m = Machine()
for t in ["running", "paused", "running", "done", "idle"]:
    try:
        m.go(State.parse(t))
        print("now", m.state, repr(m.state), m.state.value)
    except ValueError as e:
        print("error:", e)
print(list(State), len(State), State(2), State["DONE"])
print([s.name for s in State if s is not State.DONE])
class Prio(IntEnum):
    LOW = 1
    HIGH = 3
print(Prio.HIGH > Prio.LOW, Prio.LOW + 1, sorted([Prio.HIGH, Prio.LOW]), int(Prio.HIGH), f"{Prio.HIGH}")
class Perm(Flag):
    R = auto()
    W = auto()
    X = auto()
rw = Perm.R | Perm.W
print(rw, Perm.R in rw, Perm.X in rw, bool(Perm(0)), rw & Perm.W, repr(rw))
try:
    State(9)
except ValueError as e:
    print(e)
class Color(str, Enum):
    RED = "red"
    GREEN = "green"
print(Color.RED == "red", Color("green"), Color.RED.value.upper(), f"{Color.RED.value}")
print(State.IDLE.__class__.__name__, isinstance(State.IDLE, State), State.__members__.keys())
d = {State.IDLE: 1}
print(d[State.IDLE], hash(State.IDLE) == hash(State.IDLE))
@unique
class U(Enum):
    A = 1
    B = 2
print(U.A.name, U(1) is U.A)
