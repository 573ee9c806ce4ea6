import enum
from enum import Enum, IntEnum, StrEnum, Flag, IntFlag, auto, unique


class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3

    def describe(self):
        return f"{self.name.lower()} ({self.value})"

    @property
    def is_warm(self):
        return self is Color.RED

    @classmethod
    def default(cls):
        return cls.GREEN


print(Color.RED, repr(Color.RED), Color.RED.name, Color.RED.value, type(Color.RED))
print(list(Color), len(Color), Color(2), Color['BLUE'], Color.RED in Color)
print(Color.RED.describe(), Color.RED.is_warm, Color.BLUE.is_warm, Color.default())
print(Color.RED == Color.RED, Color.RED == 1, Color.RED is Color(1), Color.RED != Color.BLUE)
print(isinstance(Color.RED, Color), isinstance(Color.RED, Enum), issubclass(Color, Enum), Color)
print(f"{Color.RED}", f"{Color.RED!r}", "%s" % Color.GREEN, str(Color.BLUE), format(Color.RED, "^13") + "|")
counts = {Color.RED: 0, Color.GREEN: 0}
for c in [Color.RED, Color.RED, Color.GREEN]:
    counts[c] += 1
print(counts, sorted(Color, key=lambda c: c.value, reverse=True))
for name, member in Color.__members__.items():
    print(name, member)
for bad in [4, 'RED', None]:
    try:
        Color(bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    Color['PURPLE']
except KeyError as e:
    print("KeyError:", e)
try:
    Color.RED = 5
except AttributeError as e:
    print("AttributeError:", e)
try:
    Color.RED < Color.GREEN
except TypeError as e:
    print("TypeError:", e)
try:
    class MoreColor(Color):
        PINK = 4
except TypeError as e:
    print("TypeError:", e)


# Aliases and unique
class Shape(Enum):
    SQUARE = 2
    DIAMOND = 1
    CIRCLE = 3
    ALIAS_FOR_SQUARE = 2


print(Shape.ALIAS_FOR_SQUARE, Shape(2), list(Shape), len(Shape.__members__))
try:
    @unique
    class Mistake(Enum):
        ONE = 1
        TWO = 2
        THREE = 3
        FOUR = 3
except ValueError as e:
    print("ValueError:", e)


# auto and _generate_next_value_
class Ordinal(Enum):
    NORTH = auto()
    EAST = auto()
    SOUTH = 10
    WEST = auto()


print(list(Ordinal), auto)


class AutoName(Enum):
    def _generate_next_value_(name, start, count, last_values):
        return name.title()

    ALPHA = auto()
    BETA = auto()


print(list(AutoName), AutoName.BETA.value)


# Members with tuples and __init__
class Planet(Enum):
    MERCURY = (3.303e+23, 2.4397e6)
    EARTH = (5.976e+24, 6.37814e6)

    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius

    @property
    def surface_gravity(self):
        G = 6.67300E-11
        return G * self.mass / (self.radius * self.radius)


print(Planet.EARTH, Planet.EARTH.value, Planet.EARTH.mass, round(Planet.EARTH.surface_gravity, 2))


# _missing_
class Status(Enum):
    ACTIVE = "active"
    INACTIVE = "inactive"

    @classmethod
    def _missing_(cls, value):
        if isinstance(value, str):
            for member in cls:
                if member.value == value.lower():
                    return member
        return None


print(Status("ACTIVE"), Status("Inactive"))
try:
    Status("gone")
except ValueError as e:
    print("ValueError:", e)


# IntEnum
class Priority(IntEnum):
    LOW = 1
    MEDIUM = 2
    HIGH = 3


print(Priority.HIGH, repr(Priority.HIGH), Priority.HIGH == 3, Priority.LOW < Priority.HIGH, Priority.HIGH + 1)
print(sorted([Priority.HIGH, Priority.LOW, Priority.MEDIUM]), max(Priority), [1, 2, 3, 4][Priority.MEDIUM])
print(f"{Priority.LOW}", int(Priority.MEDIUM), Priority(3), {1: 'one'}[Priority.LOW], isinstance(Priority.LOW, int))


# StrEnum
class Method(StrEnum):
    GET = auto()
    POST = auto()
    CUSTOM = "X-Custom"


print(Method.GET, repr(Method.POST), Method.GET == "get", Method.CUSTOM.lower(), "/".join(Method))
print(f"{Method.POST}", Method("post"), Method.GET.upper(), len(Method.CUSTOM))


# Flag and IntFlag
class Perm(Flag):
    R = 4
    W = 2
    X = 1


rw = Perm.R | Perm.W
print(rw, repr(rw), Perm.R in rw, Perm.X in rw, bool(rw & Perm.X), list(rw), len(rw))
print(repr(~Perm.R), repr(Perm.R & Perm.W), bool(Perm.R & Perm.W), Perm(7), Perm(0), repr(Perm(0)))
print(rw.name, rw.value, Perm.R ^ rw, list(Perm))


class Color2(Flag):
    RED = auto()
    GREEN = auto()
    BLUE = auto()
    WHITE = RED | GREEN | BLUE


print(list(Color2), Color2.WHITE, repr(Color2.RED | Color2.BLUE), Color2.WHITE.value, Color2(7))


class Mode(IntFlag):
    READ = 4
    WRITE = 2
    EXEC = 1


m = Mode.READ | Mode.WRITE
print(m, repr(m), m == 6, m | 1, repr(m | 8), m & 4, isinstance(m, int), Mode(0), repr(Mode(0)))
print(Mode.READ in m, repr(~Mode.READ), m + 1, repr(Mode(5)))
try:
    Perm(8)
except ValueError as e:
    print("ValueError:", e)

# Functional API
Animal = Enum('Animal', 'ANT BEE CAT DOG')
print(Animal.ANT, Animal.DOG.value, list(Animal))
Sizes = IntEnum('Sizes', [('S', 1), ('M', 5), ('L', 10)])
print(list(Sizes), Sizes.M + 1)

# In a match statement and as a dict key in JSON-like data
def action(c):
    match c:
        case Color.RED:
            return "stop"
        case Color.GREEN:
            return "go"
        case _:
            return "wait"


print([action(c) for c in Color])
import copy
print(copy.copy(Color.RED) is Color.RED, copy.deepcopy([Color.BLUE])[0] is Color.BLUE)
print(enum.EnumMeta is enum.EnumType, type(Color), Color.__name__, Color.RED.__class__.__name__)

import re
print(re.I, repr(re.M | re.S), re.IGNORECASE | re.MULTILINE, re.compile("a", re.I | re.M).flags)
print(re.findall("a", "AaA", re.I), re.RegexFlag, re.A.value, re.NOFLAG, int(re.X))
