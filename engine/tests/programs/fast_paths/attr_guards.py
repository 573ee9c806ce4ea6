# Attribute loads and stores specialized by class version and layout: exception
# subclasses (whose state attributes live apart), classes changed after warm-up,
# and several layouts meeting one instruction.


class ParseError(Exception):
    def __init__(self, text, pos):
        Exception.__init__(self, text)
        self.pos = pos


class Stop(StopIteration):
    value = "class attribute"


def exceptions():
    total = 0
    for i in range(300):
        try:
            raise ParseError("bad", i)
        except ParseError as e:
            e.pos += 1
            total += e.pos
            e.note = i
            total += e.note
    print("pos sum", total)
    e = ParseError("text", 3)
    for i in range(200):
        e.args = ("changed", i)
    print(e.args, e.pos, str(e))
    s = Stop(7)
    for i in range(200):
        v = s.value
    print("Stop.value", v)
    for i in range(200):
        s.value = i
    print("Stop.value set", s.value, s.args)
    try:
        raise ValueError("outer") from e
    except ValueError as err:
        for i in range(200):
            c = err.__cause__
        print("cause", type(c).__name__, c.pos)


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


def read_x(p):
    return p.x


def write_y(p, v):
    p.y = v


def changed_class():
    p = Point(1, 2)
    for i in range(300):
        write_y(p, i)
        read_x(p)
    print("before", read_x(p), p.y)
    Point.x = property(lambda self: "from the property")
    print("after property", read_x(p))
    del Point.x
    print("after del", read_x(p))

    def setter(self, name, value):
        object.__setattr__(self, name, value * 10)
    Point.__setattr__ = setter
    write_y(p, 5)
    print("after __setattr__", p.y)
    del Point.__setattr__
    write_y(p, 6)
    print("after del", p.y)


class Other:
    def __init__(self):
        self.z = 0
        self.x = "other x"


def layouts():
    items = [Point(i, i) for i in range(5)] + [Other() for _ in range(5)]
    out = []
    for _ in range(100):
        out = [read_x(o) for o in items]
    print(out)
    q = Point(1, 2)
    q.extra = 1
    del q.extra
    print(read_x(q), q.__dict__)


exceptions()
changed_class()
layouts()
