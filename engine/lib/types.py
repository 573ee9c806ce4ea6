"""Names for the interpreter's built-in types, SimpleNamespace, and the union type that
`int | None` builds."""

import sys

__all__ = ["FunctionType", "LambdaType", "MethodType", "BuiltinFunctionType",
           "BuiltinMethodType", "ModuleType", "GeneratorType", "NoneType",
           "EllipsisType", "NotImplementedType", "SimpleNamespace", "UnionType",
           "GenericAlias", "MappingProxyType", "new_class", "CodeType", "TracebackType",
           "FrameType", "CoroutineType", "AsyncGeneratorType", "CellType",
           "MethodWrapperType", "WrapperDescriptorType", "MethodDescriptorType",
           "ClassMethodDescriptorType", "GetSetDescriptorType", "MemberDescriptorType",
           "DynamicClassAttribute", "coroutine"]


def _f():
    pass


FunctionType = type(_f)
LambdaType = type(lambda: None)
CodeType = type(compile("", "", "exec"))


class _C:
    def _m(self):
        pass


MethodType = type(_C()._m)
BuiltinFunctionType = type(len)
BuiltinMethodType = type([].append)
ModuleType = type(sys)


def _g():
    yield 1


GeneratorType = type(_g())


async def _c():
    pass


_coro = _c()
CoroutineType = type(_coro)
_coro.close()
del _coro


async def _ag():
    yield


AsyncGeneratorType = type(_ag())
NoneType = type(None)
EllipsisType = type(Ellipsis)
NotImplementedType = type(NotImplemented)
MappingProxyType = type(type.__dict__) if type(type.__dict__) is not dict else dict
MethodWrapperType = type(object().__str__)
WrapperDescriptorType = type(object.__init__)
MethodDescriptorType = type(str.join)
ClassMethodDescriptorType = type(dict.__dict__["fromkeys"])
GetSetDescriptorType = type(FunctionType.__code__) if hasattr(FunctionType, "__code__") else property
MemberDescriptorType = GetSetDescriptorType

try:
    raise TypeError
except TypeError as _e:
    TracebackType = type(_e.__traceback__)
    FrameType = type(getattr(_e.__traceback__, "tb_frame", None))


def _cell_factory():
    a = 1

    def f():
        nonlocal a
    return f.__closure__[0] if getattr(f, "__closure__", None) else None


CellType = type(_cell_factory())


class SimpleNamespace:
    """A simple attribute-based namespace."""

    def __init__(self, mapping=None, /, **kwargs):
        if mapping is not None:
            kwargs = {**dict(mapping), **kwargs}
        for key, value in kwargs.items():
            setattr(self, key, value)

    def __repr__(self):
        if id(self) in _repr_running:
            return f"{type(self).__name__}(...)"
        _repr_running.add(id(self))
        try:
            items = (f"{k}={v!r}" for k, v in self.__dict__.items())
            name = "namespace" if type(self) is SimpleNamespace else type(self).__name__
            return f"{name}({', '.join(items)})"
        finally:
            _repr_running.discard(id(self))

    def __eq__(self, other):
        if isinstance(self, SimpleNamespace) and isinstance(other, SimpleNamespace):
            return self.__dict__ == other.__dict__
        return NotImplemented

    __hash__ = None

    def __reduce__(self):
        return type(self), (), dict(self.__dict__)


_repr_running = set()


class GenericAlias:
    """Represent a PEP 585 generic type: list[int], dict[str, int]."""

    def __init__(self, origin, args):
        if not isinstance(args, tuple):
            args = (args,)
        self.__origin__ = origin
        self.__args__ = args
        self.__parameters__ = tuple(a for a in args if hasattr(a, "__typing_subst__"))

    def __call__(self, *args, **kwargs):
        return self.__origin__(*args, **kwargs)

    def __mro_entries__(self, bases):
        return (self.__origin__,)

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return getattr(self.__origin__, name)

    def __repr__(self):
        args = ", ".join(_type_repr(a) for a in self.__args__) if self.__args__ else "()"
        return f"{_type_repr(self.__origin__)}[{args}]"

    def __eq__(self, other):
        if not isinstance(other, GenericAlias):
            return NotImplemented
        return self.__origin__ == other.__origin__ and self.__args__ == other.__args__

    def __hash__(self):
        return hash(self.__origin__) ^ hash(self.__args__)

    def __getitem__(self, item):
        return GenericAlias(self.__origin__, item)

    def __or__(self, other):
        return _union(self, other)

    def __ror__(self, other):
        return _union(other, self)

    def __instancecheck__(self, obj):
        raise TypeError("isinstance() argument 2 cannot be a parameterized generic")

    def __subclasscheck__(self, cls):
        raise TypeError("issubclass() argument 2 cannot be a parameterized generic")


def _type_repr(obj):
    if obj is None or obj is NoneType:
        return "None"
    if isinstance(obj, type) and not isinstance(obj, GenericAlias):
        if obj.__module__ == "builtins":
            return obj.__qualname__
        return f"{obj.__module__}.{obj.__qualname__}"
    if obj is ...:
        return "..."
    if isinstance(obj, FunctionType):
        return obj.__name__
    if obj is None or obj is NoneType:
        return "None"
    return repr(obj)


class UnionType:
    """Represent a PEP 604 union type, e.g. int | str."""

    def __init__(self, args):
        self.__args__ = args

    def __repr__(self):
        return " | ".join(_type_repr(a) for a in self.__args__)

    def __eq__(self, other):
        if not isinstance(other, UnionType):
            return NotImplemented
        return set(self.__args__) == set(other.__args__)

    def __hash__(self):
        return hash(frozenset(self.__args__))

    def __or__(self, other):
        return _union(self, other)

    def __ror__(self, other):
        return _union(other, self)

    def __instancecheck__(self, obj):
        return any(isinstance(obj, a) for a in self.__args__)

    def __subclasscheck__(self, cls):
        return any(issubclass(cls, a) for a in self.__args__)

    @property
    def __parameters__(self):
        return ()


def _unionable(obj):
    return obj is None or isinstance(obj, (type, GenericAlias, UnionType)) or \
        type(obj).__module__ == "typing"


def _union(a, b):
    """`a | b` for types (called by type.__or__ and type.__ror__)."""
    if not (_unionable(a) and _unionable(b)):
        return NotImplemented
    if type(a).__module__ == "typing" or type(b).__module__ == "typing":
        import typing
        return typing.Union[a, b]
    args = []
    for part in (a, b):
        items = part.__args__ if isinstance(part, UnionType) else (part,)
        for item in items:
            item = NoneType if item is None else item
            if item not in args:
                args.append(item)
    if len(args) == 1:
        return args[0]
    return UnionType(tuple(args))


def new_class(name, bases=(), kwds=None, exec_body=None):
    """Create a class object dynamically using the appropriate metaclass."""
    kwds = dict(kwds or {})
    meta = kwds.pop("metaclass", type(bases[0]) if bases else type)
    ns = {}
    if exec_body is not None:
        exec_body(ns)
    return meta(name, tuple(bases), ns, **kwds)


class DynamicClassAttribute(property):
    """An attribute that behaves like a property on instances and is looked up through
__getattr__ on the class."""

    def __get__(self, instance, ownerclass=None):
        if instance is None:
            raise AttributeError()
        return super().__get__(instance, ownerclass)


def coroutine(func):
    """Convert a regular generator function into a coroutine (no-op here)."""
    return func
