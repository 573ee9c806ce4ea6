"""Enumerations: Enum, IntEnum, StrEnum, Flag, IntFlag, auto and unique, as CPython 3.11
shows them (`<Color.RED: 1>`, `Color.RED`, `<Perm.R|W: 6>`).

The metaclass collects the members after the class body has run (the namespace is a plain
dict here), resolving `auto()` values in definition order."""

__all__ = [
    "EnumType", "EnumMeta", "Enum", "ReprEnum", "IntEnum", "StrEnum", "Flag", "IntFlag",
    "auto", "unique", "property", "verify", "member", "nonmember", "global_enum",
    "FlagBoundary", "STRICT", "CONFORM", "EJECT", "KEEP",
    "EnumCheck", "CONTINUOUS", "NAMED_FLAGS", "UNIQUE",
]

import operator as _operator

_builtin_property = property
_auto_null = object()


class _Deferred:
    """Arithmetic on `auto()` values in a class body (`WHITE = RED | GREEN`): the class body
    runs in a plain dict here, so the autos get their values only when the metaclass has
    collected the members; the expression is evaluated then."""

    def __init__(self, op, operands):
        self.op = op
        self.operands = operands

    def _resolve(self):
        return self.op(*[_resolved(v) for v in self.operands])


def _resolved(value):
    if isinstance(value, auto):
        return value.value
    if isinstance(value, _Deferred):
        return value._resolve()
    return value


def _deferred_operators(cls):
    for name, op in (("or", _operator.or_), ("and", _operator.and_), ("xor", _operator.xor),
                     ("add", _operator.add), ("sub", _operator.sub), ("mul", _operator.mul)):
        setattr(cls, "__%s__" % name,
                lambda self, other, op=op: _Deferred(op, (self, other)))
        setattr(cls, "__r%s__" % name,
                lambda self, other, op=op: _Deferred(op, (other, self)))
    cls.__invert__ = lambda self: _Deferred(_operator.invert, (self,))
    cls.__neg__ = lambda self: _Deferred(_operator.neg, (self,))
    return cls


_deferred_operators(_Deferred)


@_deferred_operators
class auto:
    """Instances are replaced with an appropriate value in Enum class suites."""

    def __init__(self, value=_auto_null):
        self.value = value

    def __repr__(self):
        return "auto(%r)" % (self.value,)


class member:
    """Forces an item to become an Enum member."""

    def __init__(self, value):
        self.value = value


class nonmember:
    """Protects an item from becoming an Enum member."""

    def __init__(self, value):
        self.value = value


class property:
    """The descriptor of `name` and `value` (and of members' other properties): on a member it
    is a property; on the class it finds the member of that name (so a member may be called
    `name`); setting it fails as CPython's does."""

    def __init__(self, fget=None, fset=None, fdel=None, doc=None):
        self.fget = fget
        self.fset = fset
        self.fdel = fdel
        self.__doc__ = doc if doc is not None else getattr(fget, "__doc__", None)
        self.name = getattr(fget, "__name__", None)
        self.clsname = None

    def __set_name__(self, ownerclass, name):
        self.name = name
        self.clsname = ownerclass.__name__

    def __get__(self, instance, ownerclass=None):
        if instance is None:
            try:
                return ownerclass._member_map_[self.name]
            except (KeyError, AttributeError):
                raise AttributeError(self.name) from None
        if self.fget is None:
            raise AttributeError("<enum %r> property %r has no getter" % (self.clsname, self.name))
        return self.fget(instance)

    def __set__(self, instance, value):
        if self.fset is None:
            raise AttributeError("<enum %r> cannot set attribute %r" % (self.clsname, self.name))
        return self.fset(instance, value)

    def __delete__(self, instance):
        if self.fdel is None:
            raise AttributeError("<enum %r> cannot delete attribute %r" % (self.clsname, self.name))
        return self.fdel(instance)

    def getter(self, fget):
        return type(self)(fget, self.fset, self.fdel, self.__doc__)

    def setter(self, fset):
        return type(self)(self.fget, fset, self.fdel, self.__doc__)

    def deleter(self, fdel):
        return type(self)(self.fget, self.fset, fdel, self.__doc__)


def _is_dunder(name):
    return len(name) > 4 and name[:2] == name[-2:] == "__" and name[2] != "_" and name[-3] != "_"


def _is_sunder(name):
    return len(name) > 2 and name[0] == name[-1] == "_" and name[1] != "_" and name[-2] != "_"


def _is_descriptor(obj):
    if isinstance(obj, (_builtin_property, classmethod, staticmethod)):
        return True
    if type(obj).__name__ in ("function", "builtin_function_or_method", "method_descriptor"):
        return True
    t = type(obj)
    return hasattr(t, "__get__") or hasattr(t, "__set__") or hasattr(t, "__delete__")


def _is_single_bit(num):
    return num != 0 and num & (num - 1) == 0


def _bits(num):
    # The set bits of a non-negative int, lowest first.
    while num:
        low = num & -num
        yield low
        num ^= low


def _find_in_bases(bases, name):
    # `name` as defined directly in one of the bases' MROs (raw, not bound).
    for base in bases:
        for klass in base.__mro__:
            if name in klass.__dict__:
                return klass.__dict__[name]
    return None


class EnumType(type):
    """Metaclass for Enum."""

    def __new__(metacls, cls, bases, classdict, *, boundary=None, _simple=False, **kwds):
        member_type, first_enum = metacls._get_mixins_(cls, bases)
        ignore = classdict.get("_ignore_", [])
        if isinstance(ignore, str):
            ignore = ignore.replace(",", " ").split()
        generate = classdict.get("_generate_next_value_")
        if generate is None:
            generate = _find_in_bases(bases, "_generate_next_value_")
        if isinstance(generate, staticmethod):
            generate = generate.__func__
        # Split the namespace into members and everything else.
        members = {}
        namespace = {}
        last_values = []
        for key, value in classdict.items():
            if key in ignore or key == "_ignore_":
                continue
            if isinstance(value, nonmember):
                namespace[key] = value.value
                continue
            if isinstance(value, member):
                value = value.value
            elif _is_dunder(key) or _is_sunder(key) or _is_descriptor(value):
                namespace[key] = value
                continue
            if key in members:
                raise TypeError("%r already defined as %r" % (key, members[key]))
            if isinstance(value, auto):
                if value.value is _auto_null:
                    if generate is None:
                        raise TypeError("auto() needs _generate_next_value_")
                    value.value = generate(key, 1, len(members), last_values[:])
                value = value.value
            elif isinstance(value, _Deferred):
                value = value._resolve()
            elif isinstance(value, tuple) and any(isinstance(v, auto) for v in value):
                items = []
                for v in value:
                    if isinstance(v, auto):
                        if v.value is _auto_null:
                            v.value = generate(key, 1, len(members), last_values[:])
                        v = v.value
                    items.append(v)
                value = tuple(items)
            members[key] = value
            last_values.append(value)
        for key in members:
            if key in ("mro", ""):
                raise ValueError("Invalid enum member name: {0}".format(key))
        new_member = metacls._find_new_(namespace, member_type, first_enum)
        namespace["_new_member_"] = new_member
        namespace["_use_args_"] = new_member is not object.__new__
        enum_class = super().__new__(metacls, cls, bases, namespace, **kwds)
        setattr_ = type.__setattr__
        setattr_(enum_class, "_member_names_", [])
        setattr_(enum_class, "_member_map_", {})
        setattr_(enum_class, "_value2member_map_", {})
        setattr_(enum_class, "_unhashable_values_", [])
        setattr_(enum_class, "_member_type_", member_type)
        if "_value_repr_" not in namespace:
            repr_ = member_type.__repr__ if member_type is not object else repr
            setattr_(enum_class, "_value_repr_", repr_)
        # The enum's repr/str/format win over the data type's (int's repr would not show
        # `<I.A: 1>`).
        if first_enum is not None:
            for name in ("__repr__", "__str__", "__format__", "__reduce_ex__"):
                if name in namespace:
                    continue
                for klass in enum_class.__mro__:
                    if name in klass.__dict__:
                        if not isinstance(klass, EnumType):
                            setattr_(enum_class, name, getattr(first_enum, name))
                        break
        # ReprEnum: str() and format() are the data type's.
        if ReprEnum is not None and issubclass(enum_class, ReprEnum) and member_type is not object:
            if "__format__" not in namespace:
                setattr_(enum_class, "__format__", member_type.__format__)
            if "__str__" not in namespace:
                method = member_type.__str__
                if method is object.__str__:
                    method = member_type.__repr__
                setattr_(enum_class, "__str__", method)
        is_flag = Flag is not None and issubclass(enum_class, Flag)
        if is_flag:
            if boundary is None:
                boundary = _find_in_bases(bases, "_boundary_")
            setattr_(enum_class, "_boundary_", boundary or STRICT if STRICT is not None else None)
        flag_mask = 0
        all_values = []
        for name, value in members.items():
            enum_member = metacls._make_member_(enum_class, name, value)
            value = enum_member._value_
            canonical = None
            try:
                canonical = enum_class._value2member_map_[value]
            except TypeError:
                for other in enum_class._member_map_.values():
                    if other._value_ == value:
                        canonical = other
                        break
            except KeyError:
                pass
            if canonical is not None:
                enum_member = canonical
            else:
                if not (is_flag and isinstance(value, int)) or _is_single_bit(value):
                    enum_class._member_names_.append(name)
                try:
                    enum_class._value2member_map_.setdefault(value, enum_member)
                except TypeError:
                    enum_class._unhashable_values_.append(value)
                if is_flag and isinstance(value, int):
                    flag_mask |= value
            enum_class._member_map_[name] = enum_member
            # A member named like an enum property of a base (`name`, `value`) is found
            # through that property, which still serves the members' own attribute.
            shadowed = any(isinstance(base.__dict__.get(name), property)
                           for base in enum_class.__mro__[1:])
            if not shadowed:
                setattr_(enum_class, name, enum_member)
            all_values.append(value)
        if is_flag:
            singles = 0
            for name in enum_class._member_names_:
                singles |= enum_class._member_map_[name]._value_
            setattr_(enum_class, "_flag_mask_", flag_mask)
            setattr_(enum_class, "_singles_mask_", singles)
            setattr_(enum_class, "_all_bits_", 2 ** flag_mask.bit_length() - 1)
        if first_enum is not None:
            setattr_(enum_class, "__new__", Enum.__dict__["__new__"])
        return enum_class

    @staticmethod
    def _make_member_(enum_class, name, value):
        if isinstance(value, tuple):
            args = value
        else:
            args = (value,)
        member_type = enum_class._member_type_
        if member_type is tuple:
            args = (args,)
        if not enum_class._use_args_:
            enum_member = enum_class._new_member_(enum_class)
        else:
            enum_member = enum_class._new_member_(enum_class, *args)
        if not hasattr(enum_member, "_value_"):
            if member_type is object:
                enum_member._value_ = value
            else:
                try:
                    enum_member._value_ = member_type(*args)
                except Exception:
                    enum_member._value_ = value
        enum_member._name_ = name
        enum_member.__objclass__ = enum_class
        enum_member.__init__(*args)
        enum_member._sort_order_ = len(enum_class._member_names_)
        return enum_member

    @staticmethod
    def _find_new_(namespace, member_type, first_enum):
        # The function that creates members: the class's own `__new__`, else a base enum's
        # member constructor, else the data type's `__new__`.
        new = namespace.get("__new__")
        if isinstance(new, staticmethod):
            new = new.__func__
        if new is not None and first_enum is not None:
            return new
        if first_enum is None:
            return object.__new__
        for method in ("_new_member_", "__new__"):
            for possible in (member_type, first_enum):
                target = getattr(possible, method, None)
                if target is None or target is object.__new__ or target is _enum_new:
                    continue
                return target
        return object.__new__

    @classmethod
    def _get_mixins_(metacls, class_name, bases):
        if not bases:
            return object, None
        first_enum = bases[-1]
        if not isinstance(first_enum, EnumType):
            raise TypeError("new enumerations should be created as "
                            "`EnumName([mixin_type, ...] [data_type,] enum_type)`")
        for base in bases:
            if isinstance(base, EnumType) and base._member_names_:
                raise TypeError("<enum %r> cannot extend %r" % (class_name, base))
        member_type = object
        for chain in bases:
            for base in chain.__mro__:
                if base is object or isinstance(base, EnumType):
                    continue
                if "__new__" in base.__dict__ or base.__module__ == "builtins" or not hasattr(base, "__dict__"):
                    member_type = base
                    break
            if member_type is not object:
                break
        return member_type, first_enum

    def __call__(cls, value, names=None, *values, module=None, qualname=None, type=None,
                 start=1, boundary=None):
        if names is None:
            return cls.__new__(cls, value)
        return cls._create_(value, names, module=module, qualname=qualname, type=type,
                            start=start, boundary=boundary)

    def _create_(cls, class_name, names, *, module=None, qualname=None, type=None, start=1,
                 boundary=None):
        bases = (cls,) if type is None else (type, cls)
        classdict = {}
        if isinstance(names, str):
            names = names.replace(",", " ").split()
        if isinstance(names, (tuple, list)) and names and isinstance(names[0], str):
            original, names = names, []
            last_values = []
            generate = cls._generate_next_value_
            for count, name in enumerate(original):
                value = generate(name, start, count, last_values[:])
                last_values.append(value)
                names.append((name, value))
        if isinstance(names, dict):
            names = list(names.items())
        for item in names:
            if isinstance(item, str):
                name, value = item, names[item]
            else:
                name, value = item
            classdict[name] = value
        if module is None:
            module = "__main__"
        classdict["__module__"] = module
        if qualname is not None:
            classdict["__qualname__"] = qualname
        meta = cls.__class__
        if boundary is not None:
            return meta.__new__(meta, class_name, bases, classdict, boundary=boundary)
        return meta.__new__(meta, class_name, bases, classdict)

    def __bool__(cls):
        return True

    def __contains__(cls, value):
        if not isinstance(value, Enum):
            raise TypeError(
                "unsupported operand type(s) for 'in': '%s' and '%s'" % (
                    type(value).__qualname__, cls.__class__.__qualname__))
        return isinstance(value, cls) and value._name_ in cls._member_map_

    def __delattr__(cls, attr):
        if attr in cls.__dict__.get("_member_map_", {}):
            raise AttributeError("%r cannot delete member %r." % (cls.__name__, attr))
        super().__delattr__(attr)

    def __getitem__(cls, name):
        return cls._member_map_[name]

    def __iter__(cls):
        return (cls._member_map_[name] for name in cls._member_names_)

    def __reversed__(cls):
        return (cls._member_map_[name] for name in reversed(cls._member_names_))

    def __len__(cls):
        return len(cls._member_names_)

    @_builtin_property
    def __members__(cls):
        return dict(cls._member_map_)

    def __repr__(cls):
        if Flag is not None and issubclass(cls, Flag):
            return "<flag %r>" % cls.__name__
        return "<enum %r>" % cls.__name__

    def __setattr__(cls, name, value):
        member_map = cls.__dict__.get("_member_map_", {})
        if name in member_map:
            raise AttributeError("cannot reassign member %r" % (name,))
        super().__setattr__(name, value)


EnumMeta = EnumType
Enum = ReprEnum = Flag = STRICT = None


class Enum(metaclass=EnumType):
    """Create a collection of name/value pairs."""

    def __new__(cls, value):
        if type(value) is cls:
            return value
        try:
            return cls._value2member_map_[value]
        except KeyError:
            pass
        except TypeError:
            for member in cls._member_map_.values():
                if member._value_ == value:
                    return member
        result = cls._missing_(value)
        if isinstance(result, cls):
            return result
        if Flag is not None and issubclass(cls, Flag) and cls._boundary_ is EJECT \
                and isinstance(result, int):
            return result
        if result is None:
            raise ValueError("%r is not a valid %s" % (value, cls.__qualname__))
        raise TypeError("error in %s._missing_: returned %r instead of None or a valid member"
                        % (cls.__name__, result))

    def __init__(self, *args, **kwds):
        pass

    def _generate_next_value_(name, start, count, last_values):
        for last in reversed(last_values):
            try:
                return last + 1
            except TypeError:
                pass
        return start

    @classmethod
    def _missing_(cls, value):
        return None

    def __repr__(self):
        v_repr = self.__class__._value_repr_ or repr
        return "<%s.%s: %s>" % (self.__class__.__name__, self._name_, v_repr(self._value_))

    def __str__(self):
        return "%s.%s" % (self.__class__.__name__, self._name_)

    def __format__(self, format_spec):
        return str.__format__(str(self), format_spec)

    def __dir__(self):
        names = ["__class__", "__doc__", "__eq__", "__hash__", "__module__", "name", "value"]
        for cls in type(self).__mro__:
            if cls is Enum or cls is object:
                break
            for key in cls.__dict__:
                if not key.startswith("_") and key not in cls._member_map_:
                    names.append(key)
        return sorted(set(names))

    def __hash__(self):
        return hash(self._name_)

    def __reduce_ex__(self, proto):
        return self.__class__, (self._value_,)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    @property
    def name(self):
        """The name of the Enum member."""
        return self._name_

    @property
    def value(self):
        """The value of the Enum member."""
        return self._value_


_enum_new = Enum.__dict__["__new__"]
if isinstance(_enum_new, staticmethod):
    _enum_new = _enum_new.__func__


class ReprEnum(Enum):
    """Only changes the repr(), leaving str() and format() to the mixed-in type."""


class IntEnum(int, ReprEnum):
    """Enum where members are also (and must be) ints."""


class StrEnum(str, ReprEnum):
    """Enum where members are also (and must be) strings."""

    def __new__(cls, *values):
        if len(values) > 3:
            raise TypeError("too many arguments for str(): %r" % (values,))
        if len(values) == 1 and not isinstance(values[0], str):
            raise TypeError("%r is not a string" % (values[0],))
        if len(values) >= 2 and not isinstance(values[1], str):
            raise TypeError("encoding must be a string, not %r" % (values[1],))
        if len(values) == 3 and not isinstance(values[2], str):
            raise TypeError("errors must be a string, not %r" % (values[2]))
        value = str(*values)
        member = str.__new__(cls, value)
        member._value_ = value
        return member

    def _generate_next_value_(name, start, count, last_values):
        return name.lower()


class FlagBoundary(StrEnum):
    """How Flag handles values outside its members' bits."""
    STRICT = auto()
    CONFORM = auto()
    EJECT = auto()
    KEEP = auto()


STRICT, CONFORM, EJECT, KEEP = FlagBoundary


class Flag(Enum, boundary=STRICT):
    """Support for flags: members combine with `|`, `&`, `^` and `~`."""

    _numeric_repr_ = repr

    def _generate_next_value_(name, start, count, last_values):
        if not count:
            return start if start is not None else 1
        last_value = max(last_values)
        try:
            high_bit = last_value.bit_length() - 1
        except Exception:
            raise TypeError("invalid flag value %r" % last_value) from None
        return 2 ** (high_bit + 1)

    @classmethod
    def _missing_(cls, value):
        if not isinstance(value, int):
            raise ValueError("%r is not a valid %s" % (value, cls.__qualname__))
        flag_mask = cls._flag_mask_
        all_bits = cls._all_bits_
        neg_value = None
        if not ~all_bits <= value <= all_bits or value & (all_bits ^ flag_mask):
            boundary = cls._boundary_
            if boundary is STRICT:
                bits = max(value.bit_length(), flag_mask.bit_length())
                raise ValueError("%r invalid value %r\n    given %s\n  allowed %s" % (
                    cls, value, _bin(value, bits), _bin(flag_mask, bits)))
            if boundary is CONFORM:
                value = value & flag_mask
            elif boundary is EJECT:
                return value
            elif boundary is KEEP:
                if value < 0:
                    value = max(all_bits + 1, 2 ** value.bit_length()) + value
            else:
                raise ValueError("%r unknown flag boundary %r" % (cls, boundary))
        if value < 0:
            neg_value = value
            value = all_bits + 1 + value
        unknown = value & ~flag_mask
        member_value = value & flag_mask
        member_type = cls._member_type_
        if member_type is object:
            pseudo = object.__new__(cls)
        else:
            pseudo = member_type.__new__(cls, value)
        if not hasattr(pseudo, "_value_"):
            pseudo._value_ = value
        if member_value:
            names = [m._name_ for m in cls._iter_bits_(member_value)]
            if unknown:
                names.append(cls._numeric_repr_(unknown))
            pseudo._name_ = "|".join(names)
        else:
            pseudo._name_ = None
        pseudo = cls._value2member_map_.setdefault(value, pseudo)
        if neg_value is not None:
            cls._value2member_map_[neg_value] = pseudo
        return pseudo

    @classmethod
    def _iter_bits_(cls, value):
        # The members of value's bits, in definition order (as CPython 3.11 lists them).
        found = []
        for bit in _bits(value):
            member = cls._value2member_map_.get(bit)
            if member is not None:
                found.append(member)
        found.sort(key=lambda m: m._sort_order_)
        return found

    def __contains__(self, other):
        if not isinstance(other, self.__class__):
            raise TypeError("unsupported operand type(s) for 'in': %r and %r" % (
                type(other).__qualname__, self.__class__.__qualname__))
        return other._value_ & self._value_ == other._value_

    def __iter__(self):
        return iter(list(self.__class__._iter_bits_(self._value_ & self.__class__._singles_mask_)))

    def __len__(self):
        return self._value_.bit_count()

    def __repr__(self):
        cls_name = self.__class__.__name__
        v_repr = self.__class__._value_repr_ or repr
        if self._name_ is None:
            return "<%s: %s>" % (cls_name, v_repr(self._value_))
        return "<%s.%s: %s>" % (cls_name, self._name_, v_repr(self._value_))

    def __str__(self):
        cls_name = self.__class__.__name__
        if self._name_ is None:
            return "%s(%r)" % (cls_name, self._value_)
        return "%s.%s" % (cls_name, self._name_)

    def __bool__(self):
        return bool(self._value_)

    def __or__(self, other):
        if isinstance(other, self.__class__):
            other = other._value_
        elif self._member_type_ is not object and isinstance(other, self._member_type_):
            pass
        else:
            return NotImplemented
        return self.__class__(self._value_ | other)

    def __and__(self, other):
        if isinstance(other, self.__class__):
            other = other._value_
        elif self._member_type_ is not object and isinstance(other, self._member_type_):
            pass
        else:
            return NotImplemented
        return self.__class__(self._value_ & other)

    def __xor__(self, other):
        if isinstance(other, self.__class__):
            other = other._value_
        elif self._member_type_ is not object and isinstance(other, self._member_type_):
            pass
        else:
            return NotImplemented
        return self.__class__(self._value_ ^ other)

    def __invert__(self):
        cls = self.__class__
        if cls._boundary_ in (EJECT, KEEP):
            return cls(~self._value_)
        return cls(cls._singles_mask_ & ~self._value_)

    __rand__ = __and__
    __ror__ = __or__
    __rxor__ = __xor__


def _bin(num, max_bits=None):
    # '0b0 1000': the sign bit apart, as CPython's enum shows invalid flag values.
    ceiling = 2 ** num.bit_length()
    if num >= 0:
        s = bin(num + ceiling).replace("1", "0", 1)
    else:
        s = bin(~num ^ (ceiling - 1) + ceiling)
    sign = s[:3]
    digits = s[3:]
    if max_bits is not None and len(digits) < max_bits:
        digits = (sign[-1] * max_bits + digits)[-max_bits:]
    return "%s %s" % (sign, digits)


class IntFlag(int, ReprEnum, Flag, boundary=KEEP):
    """Support for integer-based Flags."""

    __or__ = Flag.__or__
    __and__ = Flag.__and__
    __xor__ = Flag.__xor__
    __ror__ = Flag.__ror__
    __rand__ = Flag.__rand__
    __rxor__ = Flag.__rxor__
    __invert__ = Flag.__invert__


def unique(enumeration):
    """Class decorator for enumerations ensuring unique member values."""
    duplicates = []
    for name, member in enumeration.__members__.items():
        if name != member.name:
            duplicates.append((name, member.name))
    if duplicates:
        alias_details = ", ".join(["%s -> %s" % (alias, name) for (alias, name) in duplicates])
        raise ValueError("duplicate values found in %r: %s" % (enumeration, alias_details))
    return enumeration


class EnumCheck(StrEnum):
    """Various conditions to check an enumeration for."""
    CONTINUOUS = "no skipped integer values"
    NAMED_FLAGS = "multi-flag aliases may not contain unnamed flags"
    UNIQUE = "one name per value"


CONTINUOUS, NAMED_FLAGS, UNIQUE = EnumCheck


class verify:
    """Checks an enumeration for UNIQUE or CONTINUOUS values."""

    def __init__(self, *checks):
        self.checks = checks

    def __call__(self, enumeration):
        for check in self.checks:
            if check is UNIQUE:
                unique(enumeration)
            elif check is CONTINUOUS:
                values = set(e.value for e in enumeration)
                if len(values) < 2:
                    continue
                low, high = min(values), max(values)
                missing = [v for v in range(low, high + 1) if v not in values]
                if missing:
                    raise ValueError("invalid enum %r: missing values %s" % (
                        enumeration.__name__, ", ".join(str(m) for m in missing)))
        return enumeration


def global_enum_repr(self):
    module = self.__class__.__module__.split(".")[-1]
    return "%s.%s" % (module, self._name_)


def global_flag_repr(self):
    module = self.__class__.__module__.split(".")[-1]
    cls_name = self.__class__.__name__
    if self._name_ is None:
        return "%s.%s(%r)" % (module, cls_name, self._value_)
    if _is_single_bit(self._value_) or self._value_ == 0:
        return "%s.%s" % (module, self._name_)
    names = self._name_.split("|")
    return "|".join("%s.%s" % (module, name) if not name[:1].isdigit() else name
                    for name in names)


def global_str(self):
    if self._name_ is None:
        return "%s(%r)" % (self.__class__.__name__, self._value_)
    return self._name_


def global_enum(cls, update_str=False):
    """Shows members as `module.NAME` and exports them into their module's namespace."""
    import sys
    if issubclass(cls, Flag):
        type.__setattr__(cls, "__repr__", global_flag_repr)
    else:
        type.__setattr__(cls, "__repr__", global_enum_repr)
    if not issubclass(cls, ReprEnum) or update_str:
        type.__setattr__(cls, "__str__", global_str)
    module = sys.modules.get(cls.__module__)
    if module is not None:
        module.__dict__.update(cls.__members__)
    return cls
