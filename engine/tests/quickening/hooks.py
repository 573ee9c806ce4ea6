# Classes whose attribute access is not plain: the specializers refuse them, and say why.


class Intercepting:
    def __init__(self):
        self.x = 1

    def __getattribute__(self, name):
        return object.__getattribute__(self, name) * 2


class Guarded:
    def __setattr__(self, name, value):
        object.__setattr__(self, name, value + 1)


class Typed:
    def __init__(self, kind):
        self.kind = kind

    def __get__(self, obj, owner):
        return obj.__dict__.get("_v", self.kind)

    def __set__(self, obj, value):
        obj.__dict__["_v"] = value


class WithDescriptor:
    v = Typed("default")

    def __init__(self):
        self.v = "set"


class Plain:
    @classmethod
    def make(cls):
        return cls

    cached = property(len)


def get_x(o):
    return o.x  #q LOAD_ATTR failed "class overrides __getattribute__"


def set_y(o, v):
    o.y = v  #q STORE_ATTR failed "class overrides __setattr__"


def get_v(o):
    return o.v  #q LOAD_ATTR failed "attribute is a data descriptor"


def set_v(o, v):
    o.v = v  #q STORE_ATTR failed "attribute is a data descriptor"


def builtin_property(o):
    try:
        return o.cached  #q LOAD_ATTR failed "property with a built-in getter"
    except TypeError:
        return None


def class_method(o):
    return o.make  #q LOAD_ATTR failed "attribute is a non-data descriptor"


def main():
    i, g, w, p = Intercepting(), Guarded(), WithDescriptor(), Plain()
    out = []
    for n in range(100):
        out.append((get_x(i), set_y(g, n), get_v(w), set_v(w, n), builtin_property(p)))
        class_method(p)
    print(out[-1], g.y, w.v, w.__dict__)


main()

#stats LOAD_ATTR failed "class overrides __getattribute__"
#stats STORE_ATTR failed "class overrides __setattr__"
