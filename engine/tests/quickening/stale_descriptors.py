# Descriptors whose behaviour changes without their owner class changing: the class of a
# class attribute gains `__get__` or `__set__`. The owner's version tag does not move, so no
# specialization may rest on what such an attribute was. And a property getter's
# AttributeError must still reach `__getattr__`.


def warm(f, *args):
    for _ in range(100):
        r = f(*args)
    return r


class Later:
    """A plain object at first; its class becomes a descriptor type below."""


class Owner:
    plain = Later()


def get_plain(o):
    return o.plain  #q LOAD_ATTR failed "class attribute is an instance of a Python class"


def class_plain():
    return Owner.plain  #q LOAD_ATTR failed "class attribute is an instance of a Python class"


o = Owner()
print(type(warm(get_plain, o)).__name__, type(warm(class_plain)).__name__)
Later.__get__ = lambda self, obj, owner: "now a descriptor"
print(get_plain(o), class_plain())
del Later.__get__


class NonData:
    def __get__(self, obj, owner):
        return "descriptor value"


class Shadowed:
    x = NonData()

    def __init__(self):
        self.x = "instance value"  # shadows the non-data descriptor


class Other:
    def __init__(self):
        self.x = "other instance value"


def get_x(o):
    return o.x


def set_x(o, v):
    o.x = v


s = Shadowed()
print(warm(get_x, s))
# A data descriptor now: it wins over the instance attribute.
NonData.__set__ = lambda self, obj, value: print("NonData.__set__", value)
print(get_x(s))
set_x(s, "assigned")
del NonData.__set__
print(get_x(s))

# The same through a site specialized for another class sharing the layout.
other, s2 = Other(), Shadowed()
print(warm(get_x, other), get_x(s2))
warm(set_x, other, "o")
NonData.__set__ = lambda self, obj, value: print("NonData.__set__ again", value)
print(get_x(s2))
set_x(s2, "assigned 2")
del NonData.__set__


class Lazy:
    def __init__(self):
        self.calls = 0

    @property
    def value(self):
        self.calls += 1
        if self.calls > 50:
            raise AttributeError("value is gone")
        return self.calls

    def __getattr__(self, name):
        return "__getattr__ " + name


class Strict:
    @property
    def value(self):
        return "strict"


def get_value(o):
    return o.value  #q LOAD_ATTR failed "class defines __getattr__"


def get_strict(o):
    return o.value  #q LOAD_ATTR_PROPERTY


print([get_value(Lazy()) for _ in range(3)], warm(get_strict, Strict()))
lazy = Lazy()
print([get_value(lazy) for _ in range(100)][-1])
# __getattr__ added after the property site specialized.
Strict.__getattr__ = lambda self, name: "late __getattr__"
Strict.value = property(lambda self: {}["missing"] if False else self.missing_attr)
print(get_strict(Strict()))
