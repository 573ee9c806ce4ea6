import enum, json
from enum import Enum, IntEnum, StrEnum, Flag, auto
from dataclasses import dataclass

class Suit(Enum):
    HEARTS = '♥'
    SPADES = '♠'

@dataclass
class Card:
    rank: int
    suit: Suit

c = Card(10, Suit.HEARTS)
print(c, c == Card(10, Suit.HEARTS))
class Level(IntEnum):
    DEBUG = 10
    INFO = 20
print(json.dumps({'level': Level.INFO}), json.dumps([Level.DEBUG]))
class Color(StrEnum):
    RED = auto()
print(json.dumps({'c': Color.RED}), json.dumps({Color.RED: 1}))
print(Level.INFO > 15, Level(10), Level['INFO'], [l.name for l in Level], Level.INFO.value, hash(Level.INFO) == hash(20))
print(dir(Suit.HEARTS))
print(Suit.HEARTS.__class__, Suit.__members__.keys(), list(Suit.__members__.values()))
class Weekday(Enum):
    MONDAY = 1
    TUESDAY = 2
    @classmethod
    def from_str(cls, s):
        return cls[s.upper()]
    def __str__(self):
        return self.name.capitalize()
print(Weekday.from_str('monday'), f"{Weekday.TUESDAY}", repr(Weekday.MONDAY), [str(w) for w in Weekday])
class Op(Enum):
    ADD = '+'
    SUB = '-'
    def apply(self, a, b):
        return a + b if self is Op.ADD else a - b
print(Op('+').apply(2, 3), Op.SUB.apply(5, 1), Op.ADD.value)
class Shape(Enum):
    CIRCLE = 1
    SQUARE = 2
    def __repr__(self):
        return f"Shape({self.name})"
print(repr(Shape.CIRCLE), [Shape.SQUARE])
print(isinstance(Level.INFO, int), type(Level.INFO + 1), Level.INFO * 2, str(Level.INFO), '%d' % Level.INFO, '{}'.format(Level.INFO))
print(Shape.CIRCLE.name, Shape(2).value, Shape.CIRCLE in Shape, len(Shape), bool(Shape))
class Empty(Enum):
    pass
print(list(Empty), len(Empty))
class Base(Enum):
    def describe(self):
        return self.name.lower()
class Child(Base):
    A = 1
print(Child.A.describe())
class Planet(Enum):
    EARTH = (1, 2)
print(Planet.EARTH.value, Planet((1, 2)))
class Status(IntEnum):
    OK = 200
    NOT_FOUND = 404
print({s: s.value for s in Status}, Status(404).name, max(Status), sum(Status))
print(enum.unique(Status) is Status)
class P(Flag):
    A = auto()
    B = auto()
    C = auto()
x = P.A | P.C
print(x, [m.name for m in x], P.A in x, P(0), ~x, x & P.A, x ^ P.A)
for f in P:
    print(f, f.value, bool(f & x))

from enum import Enum, IntEnum, Flag, IntFlag, auto, unique, StrEnum
import enum
class HttpStatus(IntEnum):
    def __new__(cls, value, phrase):
        obj = int.__new__(cls, value)
        obj._value_ = value
        obj.phrase = phrase
        return obj
    OK = (200, 'OK')
    NOT_FOUND = (404, 'Not Found')
print(HttpStatus.OK, repr(HttpStatus.NOT_FOUND), HttpStatus(404).phrase, HttpStatus.OK == 200)
class Mood(Enum):
    FUNKY = 1
    HAPPY = 3
    def describe(self):
        return self.name, self.value
    def __str__(self):
        return 'my custom str! {0}'.format(self.value)
    @classmethod
    def favorite_mood(cls):
        return cls.HAPPY
print(Mood.favorite_mood(), Mood.HAPPY.describe(), str(Mood.FUNKY))
class OrderedEnum(Enum):
    def __ge__(self, other):
        if self.__class__ is other.__class__:
            return self.value >= other.value
        return NotImplemented
    def __lt__(self, other):
        if self.__class__ is other.__class__:
            return self.value < other.value
        return NotImplemented
class Grade(OrderedEnum):
    A = 5
    B = 4
    C = 3
print(Grade.C < Grade.A, Grade.A >= Grade.B, sorted(Grade))
class Period(Enum):
    _ignore_ = 'Period i'
    Period = vars()
    for i in range(3):
        Period['obj_%d' % i] = i
print(list(Period))
class Animal(Enum):
    DOG = 1
    CAT = 2
print(Animal.DOG.__class__.__mro__, Animal.__class__.__name__)
try:
    Animal.DOG.value = 5
except AttributeError as e:
    print('AttributeError', e)
print(getattr(Animal, 'DOG'), Animal.DOG is Animal['DOG'], hasattr(Animal, 'FISH'))
x = IntFlag('Perm', 'R W X')
print(list(x), x.R | x.W)
class Num(IntEnum):
    ONE = 1
print(Num.ONE + Num.ONE, Num.ONE.bit_length(), Num.ONE.real, -Num.ONE, range(3)[Num.ONE])
class S(StrEnum):
    A = 'alpha'
print(S.A + '!', S.A.startswith('al'), S('alpha'), S.A in ['alpha'], {'alpha': 1}[S.A], S.A.value)
try:
    class Bad(StrEnum):
        X = 1
except TypeError as e:
    print('TypeError:', e)
print(enum.Enum.__members__ if False else '', Animal._member_names_, Animal._value2member_map_)

from enum import Enum
class A(Enum):
    X=1
try: A.name
except AttributeError as e: print(e)
try: del A.X.value
except AttributeError as e: print(e)
try: A.X.value = 3
except AttributeError as e: print(e)
print(type(Enum.__dict__['name']), Enum.__dict__['value'].__doc__)
class F(Enum):
    name = 1
    value = 2
print(F.name, F.value, F.name.name, F.value.value, F.name.value, list(F), F(1), F['value'])
