"""Support for type hints: the names importable, subscriptable and harmless at run time
(List[int], Optional[str], TypeVar, Generic[T], Protocol, NamedTuple, TypedDict, ...)."""

import collections as _collections
import collections.abc as _abc
import functools as _functools
import sys as _sys
import types as _types

__all__ = ["Any", "Callable", "ClassVar", "Final", "Generic", "Literal", "Optional",
           "Protocol", "Tuple", "Type", "TypeVar", "Union", "AbstractSet", "ByteString",
           "Container", "Hashable", "ItemsView", "Iterable", "Iterator", "KeysView",
           "Mapping", "MappingView", "MutableMapping", "MutableSequence", "MutableSet",
           "Sequence", "Sized", "ValuesView", "Awaitable", "AsyncIterator", "AsyncIterable",
           "Coroutine", "Collection", "AsyncGenerator", "Reversible", "SupportsAbs",
           "SupportsFloat", "SupportsInt", "SupportsIndex", "SupportsRound", "Counter",
           "Deque", "Dict", "DefaultDict", "List", "OrderedDict", "Set", "FrozenSet",
           "NamedTuple", "TypedDict", "Generator", "AnyStr", "cast", "final",
           "get_args", "get_origin", "get_type_hints", "NewType", "no_type_check",
           "overload", "runtime_checkable", "Text", "TYPE_CHECKING", "NoReturn", "Never",
           "Self", "LiteralString", "TypeAlias", "Annotated", "ParamSpec", "Concatenate",
           "TypeGuard", "Required", "NotRequired", "assert_never", "reveal_type",
           "dataclass_transform", "ChainMap", "Pattern", "Match", "IO", "TextIO",
           "BinaryIO", "SupportsBytes", "SupportsComplex", "Unpack", "TypeVarTuple",
           "assert_type", "is_typeddict", "get_overloads", "clear_overloads"]

TYPE_CHECKING = False


def _type_repr(obj):
    if isinstance(obj, type):
        if obj.__module__ == "builtins":
            return obj.__qualname__
        return f"{obj.__module__}.{obj.__qualname__}"
    if obj is ...:
        return "..."
    if obj is None or obj is type(None):
        return "None"
    if isinstance(obj, (list, tuple)):
        return "[" + ", ".join(_type_repr(a) for a in obj) + "]"
    return repr(obj)


class _Alias:
    """A subscripted type: List[int], Dict[str, int], Callable[..., int]."""

    def __init__(self, origin, args, name=None):
        if not isinstance(args, tuple):
            args = (args,)
        self.__origin__ = origin
        self.__args__ = args
        self._name = name
        self.__parameters__ = tuple(a for a in args if isinstance(a, TypeVar))

    def __repr__(self):
        name = self._name or _type_repr(self.__origin__)
        if self._name is None and not name.startswith("typing."):
            pass
        args = ", ".join(_type_repr(a) for a in self.__args__)
        return f"{name}[{args}]"

    def __call__(self, *args, **kwargs):
        origin = self.__origin__
        if not callable(origin) or isinstance(origin, _SpecialForm):
            raise TypeError(f"Type {self!r} cannot be instantiated")
        return origin(*args, **kwargs)

    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        mapping = dict(zip(self.__parameters__, params))
        args = tuple(mapping.get(a, a) for a in self.__args__)
        return _Alias(self.__origin__, args, self._name)

    def __mro_entries__(self, bases):
        origin = self.__origin__
        if isinstance(origin, type):
            if origin is Generic or origin is Protocol:
                if any(isinstance(b, type) and issubclass(b, origin) for b in bases
                       if b is not self):
                    return ()
            return (origin,)
        return ()

    def __eq__(self, other):
        if not isinstance(other, _Alias):
            return NotImplemented
        return self.__origin__ == other.__origin__ and self.__args__ == other.__args__

    def __hash__(self):
        return hash((self.__origin__, self.__args__))

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return getattr(self.__origin__, name)

    def __instancecheck__(self, obj):
        raise TypeError("Subscripted generics cannot be used with class and instance checks")

    def __subclasscheck__(self, cls):
        raise TypeError("Subscripted generics cannot be used with class and instance checks")


class _Generic:
    """An unsubscripted generic stand-in (typing.List): subscriptable, and isinstance()
checks against its origin."""

    def __init__(self, origin, name, nparams=-1):
        self.__origin__ = origin
        self._name = name
        self._nparams = nparams

    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        return _Alias(self.__origin__, params, f"typing.{self._name}")

    def __repr__(self):
        return f"typing.{self._name}"

    def __call__(self, *args, **kwargs):
        return self.__origin__(*args, **kwargs)

    def __mro_entries__(self, bases):
        return (self.__origin__,)

    def __instancecheck__(self, obj):
        return isinstance(obj, self.__origin__)

    def __subclasscheck__(self, cls):
        return issubclass(cls, self.__origin__)

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return getattr(self.__origin__, name)


class _SpecialForm:
    """Any, Union, Optional, ClassVar, Final, Literal, ...: names with meaning only to type
checkers; subscripting gives an alias that records its arguments."""

    def __init__(self, name, getitem=None):
        self._name = name
        self._getitem = getitem

    def __repr__(self):
        return f"typing.{self._name}"

    def __getitem__(self, params):
        if self._getitem is None:
            raise TypeError(f"{self} is not subscriptable")
        return self._getitem(self, params)

    def __call__(self, *args, **kwargs):
        raise TypeError(f"Cannot instantiate {self!r}")

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __instancecheck__(self, obj):
        raise TypeError(f"{self} cannot be used with isinstance()")

    def __subclasscheck__(self, cls):
        raise TypeError(f"{self} cannot be used with issubclass()")

    def __reduce__(self):
        return self._name


def _generic_getitem(form, params):
    return _Alias(form, params, f"typing.{form._name}")


class _UnionAlias(_Alias):
    def __repr__(self):
        args = self.__args__
        if len(args) == 2 and type(None) in args:
            other = args[0] if args[1] is type(None) else args[1]
            return f"typing.Optional[{_type_repr(other)}]"
        return f"typing.Union[{', '.join(_type_repr(a) for a in args)}]"

    def __instancecheck__(self, obj):
        return any(isinstance(obj, a) for a in self.__args__ if isinstance(a, type))

    def __subclasscheck__(self, cls):
        return any(issubclass(cls, a) for a in self.__args__ if isinstance(a, type))

    def __eq__(self, other):
        if not isinstance(other, _UnionAlias):
            return NotImplemented
        return set(self.__args__) == set(other.__args__)

    def __hash__(self):
        return hash(frozenset(self.__args__))


def _union_getitem(form, params):
    if not isinstance(params, tuple):
        params = (params,)
    if not params:
        raise TypeError("Cannot take a Union of no types.")
    flat = []
    for p in params:
        p = type(None) if p is None else p
        items = p.__args__ if isinstance(p, (_UnionAlias, _types.UnionType)) else (p,)
        for item in items:
            if item not in flat:
                flat.append(item)
    if len(flat) == 1:
        return flat[0]
    return _UnionAlias(Union, tuple(flat), "typing.Union")


def _optional_getitem(form, params):
    return Union[params, None]


Any = _SpecialForm("Any")
NoReturn = _SpecialForm("NoReturn")
Never = _SpecialForm("Never")
Self = _SpecialForm("Self")
LiteralString = _SpecialForm("LiteralString")
TypeAlias = _SpecialForm("TypeAlias")
ClassVar = _SpecialForm("ClassVar", _generic_getitem)
Final = _SpecialForm("Final", _generic_getitem)
Union = _SpecialForm("Union", _union_getitem)
Optional = _SpecialForm("Optional", _optional_getitem)
Literal = _SpecialForm("Literal", _generic_getitem)
Concatenate = _SpecialForm("Concatenate", _generic_getitem)
TypeGuard = _SpecialForm("TypeGuard", _generic_getitem)
Required = _SpecialForm("Required", _generic_getitem)
NotRequired = _SpecialForm("NotRequired", _generic_getitem)
Unpack = _SpecialForm("Unpack", _generic_getitem)


class _AnnotatedForm(_SpecialForm):
    def __getitem__(self, params):
        if not isinstance(params, tuple) or len(params) < 2:
            raise TypeError("Annotated[...] should be used with at least two arguments "
                            "(a type and an annotation).")
        alias = _Alias(params[0], (params[0],), "typing.Annotated")
        alias.__metadata__ = params[1:]
        return alias


Annotated = _AnnotatedForm("Annotated")


class TypeVar:
    """Type variable."""

    def __init__(self, name, *constraints, bound=None, covariant=False, contravariant=False):
        self.__name__ = name
        self.__constraints__ = constraints
        self.__bound__ = bound
        self.__covariant__ = covariant
        self.__contravariant__ = contravariant
        try:
            self.__module__ = _sys._getframe(1).f_globals.get("__name__", "__main__")
        except (AttributeError, ValueError):
            self.__module__ = "__main__"

    def __repr__(self):
        prefix = "+" if self.__covariant__ else "-" if self.__contravariant__ else "~"
        return prefix + self.__name__

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __typing_subst__(self, arg):
        return arg


class ParamSpec(TypeVar):
    """Parameter specification variable."""

    @property
    def args(self):
        return self

    @property
    def kwargs(self):
        return self

    def __repr__(self):
        return "~" + self.__name__


class TypeVarTuple:
    """Type variable tuple."""

    def __init__(self, name):
        self.__name__ = name

    def __repr__(self):
        return self.__name__

    def __iter__(self):
        yield Unpack[self]


AnyStr = TypeVar("AnyStr", bytes, str)
Text = str


class Generic:
    """Abstract base class for generic types: class C(Generic[T])."""

    __slots__ = ()

    def __class_getitem__(cls, params):
        if not isinstance(params, tuple):
            params = (params,)
        return _Alias(cls, params)

    def __init_subclass__(cls, *args, **kwargs):
        super().__init_subclass__(*args, **kwargs)
        params = []
        for base in cls.__dict__.get("__orig_bases__", ()):
            for arg in getattr(base, "__args__", ()):
                if isinstance(arg, TypeVar) and arg not in params:
                    params.append(arg)
        cls.__parameters__ = tuple(params)


class _ProtocolMeta(type(_abc.Iterable)):
    def __instancecheck__(cls, instance):
        if cls.__dict__.get("_is_protocol", False):
            if not cls.__dict__.get("_is_runtime_protocol", False):
                raise TypeError("Instance and class checks can only be used with "
                                "@runtime_checkable protocols")
            return all(hasattr(instance, attr) for attr in _protocol_attrs(cls))
        return super().__instancecheck__(instance)

    def __call__(cls, *args, **kwargs):
        if cls.__dict__.get("_is_protocol", False):
            raise TypeError("Protocols cannot be instantiated")
        return super().__call__(*args, **kwargs)


_SPECIAL_NAMES = {"__abstractmethods__", "__annotations__", "__dict__", "__doc__",
                  "__init__", "__module__", "__new__", "__slots__", "__subclasshook__",
                  "__weakref__", "__class_getitem__", "__parameters__", "__orig_bases__",
                  "__qualname__", "_is_protocol", "_is_runtime_protocol", "_abc_registry",
                  "_abc_cache", "_abc_negative_cache", "_abc_negative_cache_version",
                  "__init_subclass__", "__protocol_attrs__"}


def _protocol_attrs(cls):
    attrs = set()
    for base in cls.__mro__[:-1]:
        if base.__name__ in ("Protocol", "Generic"):
            continue
        names = list(base.__dict__.keys()) + list(base.__dict__.get("__annotations__", {}))
        for name in names:
            if not name.startswith("_abc_") and name not in _SPECIAL_NAMES:
                attrs.add(name)
    return attrs


class Protocol(Generic, metaclass=_ProtocolMeta):
    """Base class for protocol classes (structural subtyping)."""

    __slots__ = ()
    _is_protocol = True

    def __init_subclass__(cls, *args, **kwargs):
        super().__init_subclass__(*args, **kwargs)
        if "_is_protocol" not in cls.__dict__:
            cls._is_protocol = any(b is Protocol for b in cls.__bases__)


def runtime_checkable(cls):
    """Mark a protocol class as a runtime protocol (isinstance checks its attributes)."""
    cls._is_runtime_protocol = True
    return cls


# The container aliases.
List = _Generic(list, "List")
Dict = _Generic(dict, "Dict")
Set = _Generic(set, "Set")
FrozenSet = _Generic(frozenset, "FrozenSet")
Tuple = _Generic(tuple, "Tuple")
Type = _Generic(type, "Type")
Deque = _Generic(_collections.deque, "Deque")
DefaultDict = _Generic(_collections.defaultdict, "DefaultDict")
OrderedDict = _Generic(_collections.OrderedDict, "OrderedDict")
Counter = _Generic(_collections.Counter, "Counter")
ChainMap = _Generic(_collections.ChainMap, "ChainMap")
Callable = _Generic(_abc.Callable, "Callable")
Iterable = _Generic(_abc.Iterable, "Iterable")
Iterator = _Generic(_abc.Iterator, "Iterator")
Generator = _Generic(_abc.Generator, "Generator")
Reversible = _Generic(_abc.Reversible, "Reversible")
Container = _Generic(_abc.Container, "Container")
Collection = _Generic(_abc.Collection, "Collection")
Hashable = _abc.Hashable
Sized = _abc.Sized
Sequence = _Generic(_abc.Sequence, "Sequence")
MutableSequence = _Generic(_abc.MutableSequence, "MutableSequence")
AbstractSet = _Generic(_abc.Set, "AbstractSet")
MutableSet = _Generic(_abc.MutableSet, "MutableSet")
Mapping = _Generic(_abc.Mapping, "Mapping")
MutableMapping = _Generic(_abc.MutableMapping, "MutableMapping")
MappingView = _Generic(_abc.MappingView, "MappingView")
KeysView = _Generic(_abc.KeysView, "KeysView")
ItemsView = _Generic(_abc.ItemsView, "ItemsView")
ValuesView = _Generic(_abc.ValuesView, "ValuesView")
Awaitable = _Generic(_abc.Awaitable, "Awaitable")
Coroutine = _Generic(_abc.Coroutine, "Coroutine")
AsyncIterable = _Generic(_abc.AsyncIterable, "AsyncIterable")
AsyncIterator = _Generic(_abc.AsyncIterator, "AsyncIterator")
AsyncGenerator = _Generic(_abc.AsyncGenerator, "AsyncGenerator")
ByteString = _Generic(_abc.ByteString, "ByteString")
Pattern = _Generic(str, "Pattern")
Match = _Generic(str, "Match")
IO = _Generic(object, "IO")
TextIO = _Generic(object, "TextIO")
BinaryIO = _Generic(object, "BinaryIO")


def _supports(name, method):
    def __subclasshook__(cls, other):
        return hasattr(other, method) or NotImplemented
    ns = {"__slots__": (), method: lambda self: None, "_is_protocol": True,
          "_is_runtime_protocol": True}
    return _ProtocolMeta(name, (Protocol,), ns)


SupportsInt = _supports("SupportsInt", "__int__")
SupportsFloat = _supports("SupportsFloat", "__float__")
SupportsComplex = _supports("SupportsComplex", "__complex__")
SupportsBytes = _supports("SupportsBytes", "__bytes__")
SupportsIndex = _supports("SupportsIndex", "__index__")
SupportsAbs = _supports("SupportsAbs", "__abs__")
SupportsRound = _supports("SupportsRound", "__round__")


def cast(typ, val):
    """Cast a value to a type (returns the value unchanged)."""
    return val


def assert_type(val, typ, /):
    """Ask a static type checker to confirm that the value is of the given type."""
    return val


def reveal_type(obj, /):
    """Reveal the inferred type of a variable (prints it at run time)."""
    print(f"Runtime type is {type(obj).__name__!r}", file=_sys.stderr)
    return obj


def assert_never(arg, /):
    """Statically assert that a line of code is unreachable."""
    value = repr(arg)
    if len(value) > 100:
        value = value[:100] + "..."
    raise AssertionError(f"Expected code to be unreachable, but got: {value}")


def final(f):
    """A decorator to indicate final methods and final classes."""
    try:
        f.__final__ = True
    except (AttributeError, TypeError):
        pass
    return f


_overloads = {}


def overload(func):
    """Decorator for overloaded functions/methods (the last, undecorated definition is the
one that runs)."""
    key = getattr(func, "__qualname__", None)
    _overloads.setdefault(key, []).append(func)

    def _overload_dummy(*args, **kwds):
        raise NotImplementedError(
            "You should not call an overloaded function. A series of @typing.overload-"
            "decorated functions outside a stub module should always be followed by an "
            "implementation that is not @typing.overload-ed.")
    return _overload_dummy


def get_overloads(func):
    return list(_overloads.get(getattr(func, "__qualname__", None), []))


def clear_overloads():
    _overloads.clear()


def no_type_check(arg):
    """Decorator to indicate that annotations are not type hints."""
    return arg


def dataclass_transform(**kwargs):
    """Decorator marking a dataclass-like decorator, base class or metaclass."""
    def decorator(cls_or_fn):
        cls_or_fn.__dataclass_transform__ = kwargs
        return cls_or_fn
    return decorator


def get_origin(tp):
    """Get the unsubscripted version of a type."""
    if isinstance(tp, (_Alias, _types.GenericAlias)):
        origin = tp.__origin__
        if origin is Union:
            return Union
        return origin
    if isinstance(tp, _types.UnionType):
        return _types.UnionType
    if tp is Generic:
        return Generic
    return None


def get_args(tp):
    """Get type arguments with all substitutions performed."""
    if isinstance(tp, (_Alias, _types.GenericAlias, _types.UnionType)):
        return tuple(tp.__args__)
    return ()


def get_type_hints(obj, globalns=None, localns=None, include_extras=False):
    """Return type hints for an object (its __annotations__, and its bases' for a class;
string annotations evaluated)."""
    if isinstance(obj, type):
        hints = {}
        for base in reversed(obj.__mro__):
            ann = base.__dict__.get("__annotations__", {})
            module = _sys.modules.get(base.__module__)
            g = globalns if globalns is not None else getattr(module, "__dict__", {})
            for name, value in ann.items():
                hints[name] = _eval(value, g, localns or dict(vars(base)))
        return hints
    ann = getattr(obj, "__annotations__", None) or {}
    g = globalns if globalns is not None else getattr(obj, "__globals__", {})
    return {name: _eval(value, g, localns) for name, value in ann.items()}


def _eval(value, globalns, localns):
    if value is None:
        return type(None)
    if isinstance(value, str):
        return eval(value, globalns, localns)
    return value


def NewType(name, tp):
    """NewType creates simple unique types with almost zero runtime overhead."""
    def new_type(x):
        return x
    new_type.__name__ = name
    new_type.__qualname__ = name
    new_type.__supertype__ = tp
    return new_type


class _NamedTupleMeta(type):
    def __new__(cls, typename, bases, ns):
        if ns.get("_root", False):
            return super().__new__(cls, typename, bases, ns)
        types = ns.get("__annotations__", {})
        field_names = list(types)
        defaults = []
        for name in field_names:
            if name in ns:
                defaults.append(ns[name])
            elif defaults:
                raise TypeError(f"Non-default namedtuple field {name} cannot follow "
                                f"default field{'s' if len(defaults) > 1 else ''} "
                                f"{', '.join(field_names[:len(defaults)])}")
        nm_tpl = _collections.namedtuple(typename, field_names, defaults=defaults,
                                         module=ns.get("__module__", "__main__"))
        nm_tpl.__annotations__ = types
        for key, value in ns.items():
            if key in ("__module__", "__qualname__", "__annotations__", "_root",
                       "__orig_bases__"):
                continue
            if key in ("_make", "_asdict", "_replace", "_fields", "_field_defaults",
                       "__new__", "__init__", "__slots__", "__getnewargs__"):
                raise AttributeError("Cannot overwrite NamedTuple attribute " + key)
            if key not in field_names:
                setattr(nm_tpl, key, value)
        return nm_tpl


def NamedTuple(typename, fields=None, /, **kwargs):
    """Typed version of namedtuple: class P(NamedTuple): x: int; or NamedTuple('P', [...])."""
    if fields is None:
        fields = kwargs.items()
    fields = list(fields)
    nm_tpl = _collections.namedtuple(typename, [n for n, _ in fields])
    nm_tpl.__annotations__ = dict(fields)
    return nm_tpl


_NamedTuple = type.__new__(_NamedTupleMeta, "NamedTuple", (), {"_root": True})
NamedTuple.__mro_entries__ = lambda bases: (_NamedTuple,)


class _TypedDictMeta(type):
    def __new__(cls, name, bases, ns, total=True):
        annotations = {}
        for base in bases:
            annotations.update(base.__dict__.get("__annotations__", {}))
        annotations.update(ns.get("__annotations__", {}))
        ns["__annotations__"] = annotations
        tp = super().__new__(cls, name, (dict,), ns)
        tp.__total__ = total
        keys = set(annotations)
        tp.__required_keys__ = frozenset(keys if total else ())
        tp.__optional_keys__ = frozenset(() if total else keys)
        return tp

    def __call__(cls, *args, **kwargs):
        return dict(*args, **kwargs)

    def __subclasscheck__(cls, other):
        raise TypeError("TypedDict does not support instance and class checks")

    __instancecheck__ = __subclasscheck__


def TypedDict(typename, fields=None, /, *, total=True, **kwargs):
    """A simple typed namespace: at run time, a plain dict."""
    if fields is None:
        fields = kwargs
    ns = {"__annotations__": dict(fields)}
    return _TypedDictMeta(typename, (), ns, total=total)


_TypedDict = type.__new__(_TypedDictMeta, "TypedDict", (), {})
TypedDict.__mro_entries__ = lambda bases: (_TypedDict,)


def is_typeddict(tp):
    """Check if an annotation is a TypedDict class."""
    return isinstance(tp, _TypedDictMeta)
