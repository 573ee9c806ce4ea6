class A:
    cls_attr = 1

    def method(self):
        return "m"


class B(A):
    pass


a, b = A(), B()
print(isinstance(a, A), isinstance(b, A), isinstance(a, B), isinstance(1, int), isinstance(True, int))
print(isinstance(1, (str, (float, int))), isinstance("x", ()), isinstance(b, (int, B)))
print(issubclass(B, A), issubclass(A, B), issubclass(bool, (str, int)), issubclass(A, object), issubclass(A, A))
print(isinstance(A, type), isinstance(type, type), isinstance(type, object), isinstance(int, object))


class Meta(type):
    def __instancecheck__(cls, obj):
        return obj == "yes"

    def __subclasscheck__(cls, sub):
        return sub is int


class Magic(metaclass=Meta):
    pass


print(isinstance("yes", Magic), isinstance("no", Magic), issubclass(int, Magic), issubclass(str, Magic))
print(isinstance("yes", (int, Magic)), issubclass(int, (str, Magic)))
for bad in ["isinstance(1)", "isinstance(1, 2)", "isinstance(1, (str, 2))", "issubclass(1, int)",
            "issubclass(int, 1)", "issubclass(int, (str, 1))", "isinstance(1, int, x=2)", "issubclass(int, int, 1)"]:
    try:
        print(eval(bad))
    except TypeError as e:
        print("TypeError:", e)


class C:
    def __call__(self):
        return 1


print(callable(len), callable(int), callable(1), callable(lambda: 1), callable([].append), callable(C()), callable(C), callable(a.method), callable(a))

setattr(a, "x", 10)
print(getattr(a, "x"), getattr(a, "cls_attr"), getattr(a, "nope", None), getattr(A, "cls_attr"), getattr(a, "method")())
print(hasattr(a, "x"), hasattr(a, "nope"), hasattr(A, "method"), hasattr(1, "real"))
delattr(a, "x")
print(hasattr(a, "x"))
setattr(A, "added", 5)
print(b.added)
delattr(A, "added")
print(hasattr(b, "added"))


class G:
    def __getattr__(self, name):
        if name == "boom":
            raise ValueError("boom")
        return name.upper()


g = G()
print(getattr(g, "abc"), hasattr(g, "anything"))
try:
    hasattr(g, "boom")
except ValueError as e:
    print("ValueError:", e)


class P:
    @property
    def p(self):
        return 1

    @p.deleter
    def p(self):
        print("deleting p")


delattr(P(), "p")
for bad in ["getattr()", "getattr(1)", "getattr(1, 2)", "getattr(1, 'x')", "getattr(1, 'x', 2, 3)",
            "setattr(1, 'x')", "setattr(1, 'x', 2)", "setattr(1, 2, 3)", "hasattr(1)", "hasattr(1, 2)",
            "delattr(1)", "delattr(1, 'x')", "delattr(a, 'nope')", "delattr(int, 'real')", "getattr(1, 'real', x=1)"]:
    try:
        print(eval(bad))
    except (TypeError, AttributeError) as e:
        print(type(e).__name__ + ":", e)

print(id(a) == id(a), id(a) != id(b), id(1) == id(1), id(None) == id(None), id(A) == id(A), type(id(a)))
x = [1]
y = x
print(id(x) == id(y), id(x) == id([1]))
print(hash(1) == hash(1.0) == hash(True), hash(-1), hash(2**64), hash(()), hash((1, 2)), hash(3.5), hash(float("inf")))
print(hash(a) == hash(a), hash(A) == hash(A))
for bad in ["hash([])", "hash({})", "hash(())", "hash()", "hash(1, 2)", "id()", "callable()"]:
    try:
        print(eval(bad))
    except TypeError as e:
        print("TypeError:", e)

print(vars(a), vars(A)["cls_attr"])
for bad in ["vars(1)", "vars(1, 2)", "vars(x=1)"]:
    try:
        print(eval(bad))
    except TypeError as e:
        print("TypeError:", e)

print([n for n in dir(a) if not n.startswith("__")], "method" in dir(A), "__class__" in dir(a))
a.z = 1
print([n for n in dir(a) if not n.startswith("__")])


class D:
    def __dir__(self):
        return ["b", "a", "c"]


print(dir(D()))


def f(p, q=2):
    r = p + q
    print(sorted(locals()), sorted(dir()))
    return locals()


print(f(1))


def outer():
    v = 1

    def inner():
        return sorted(locals().items())

    w = 2
    return inner(), sorted(locals())


print(outer())
print(globals()["A"] is A, "f" in globals(), locals() is globals())
print(type(1) is int, type("a") is str, type(a) is A, type(A) is type, type(Magic) is Meta)
for bad in ["type()", "type(1, 2)", "globals(1)", "locals(x=1)", "dir(1, 2)"]:
    try:
        print(eval(bad))
    except TypeError as e:
        print("TypeError:", e)
