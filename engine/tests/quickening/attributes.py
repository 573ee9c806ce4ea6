# LOAD_ATTR / STORE_ATTR on instances and classes.


class Point:
    dims = 2

    def __init__(self, x, y):
        self.x = x  #q STORE_ATTR_INSTANCE_VALUE(x)
        self.y = y  #q STORE_ATTR_INSTANCE_VALUE(y)

    @property
    def norm1(self):
        return abs(self.x) + abs(self.y)

    def move(self, dx):
        self.x = self.x + dx  #q STORE_ATTR_INSTANCE_VALUE(x) #q LOAD_ATTR_INSTANCE_VALUE(x)


class Slotted:
    __slots__ = ("a", "b")

    def __init__(self, a):
        self.a = a  #q STORE_ATTR_SLOT(a)


def read(p):
    return p.x + p.y  #q LOAD_ATTR_INSTANCE_VALUE(x) #q LOAD_ATTR_INSTANCE_VALUE(y)


def class_attr_via_instance(p):
    return p.dims  #q LOAD_ATTR_NONDESCRIPTOR(dims)


def prop(p):
    return p.norm1  #q LOAD_ATTR_PROPERTY(norm1)


def class_attr(cls):
    return cls.dims  #q LOAD_ATTR_CLASS(dims)


def slot(s):
    return s.a  #q LOAD_ATTR_SLOT(a)


def bound(p):
    return p.move  #q LOAD_ATTR failed "attribute is a method (a bound method is created)"


def missing(p):
    try:
        return p.z  #q LOAD_ATTR failed "attribute not found"
    except AttributeError:
        return None


def on_int(n):
    return n.real  #q LOAD_ATTR failed "owner is 'int'"


total = 0
for i in range(100):
    p = Point(i, -i)
    p.move(1)
    s = Slotted(i)
    total += read(p) + class_attr_via_instance(p) + prop(p) + class_attr(Point) + slot(s)
    bound(p)
    missing(p)
    on_int(i)
print(total)

# A class whose instance dict was asked for keeps its attributes shaped: still specialized.
q = Point(1, 2)
print(q.__dict__, read(q))
q.__dict__["x"] = 10
print(read(q))
