"""The struct sequences of sys (version_info, float_info, int_info) and time.struct_time,
built once at start-up and moved into sys and time by the interpreter."""


def _struct_sequence(qualified, fields):
    # A tuple whose items also have names, shown as `sys.version_info(major=3, ...)`.
    namespace = {"__slots__": (), "n_fields": len(fields), "n_sequence_fields": len(fields),
                 "n_unnamed_fields": 0, "_fields": fields}
    for index, field in enumerate(fields):
        namespace[field] = property(lambda self, i=index: tuple.__getitem__(self, i))

    def __repr__(self):
        items = ", ".join(f"{name}={value!r}" for name, value in zip(fields, self))
        return f"{qualified}({items})"

    namespace["__repr__"] = __repr__
    namespace["__reduce__"] = lambda self: (type(self), (tuple(self),))
    cls = type(qualified.rpartition(".")[2], (tuple,), namespace)
    cls.__module__ = "sys"
    return cls


version_info = _struct_sequence(
    "sys.version_info", ("major", "minor", "micro", "releaselevel", "serial"))((3, 11, 7, "final", 0))
float_info = _struct_sequence(
    "sys.float_info",
    ("max", "max_exp", "max_10_exp", "min", "min_exp", "min_10_exp", "dig", "mant_dig",
     "epsilon", "radix", "rounds"))((1.7976931348623157e+308, 1024, 308,
                                      2.2250738585072014e-308, -1021, -307, 15, 53,
                                      2.220446049250313e-16, 2, 1))
int_info = _struct_sequence(
    "sys.int_info", ("bits_per_digit", "sizeof_digit", "default_max_str_digits",
                     "str_digits_check_threshold"))((30, 4, 4300, 640))


class struct_time(tuple):
    """The time value as returned by gmtime(), localtime(), and strptime(), and
    accepted by asctime(), mktime() and strftime().  May be considered as a
    sequence of 9 integers."""

    n_fields = 11
    n_sequence_fields = 9
    n_unnamed_fields = 0
    _fields = ("tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec", "tm_wday",
               "tm_yday", "tm_isdst")

    def __new__(cls, sequence, dict=None):
        items = tuple(sequence)
        n = len(items)
        if n < 9:
            raise TypeError("time.struct_time() takes an at least 9-sequence (%d-sequence given)"
                            % n)
        if n > 11:
            raise TypeError("time.struct_time() takes an at most 11-sequence (%d-sequence given)"
                            % n)
        self = tuple.__new__(cls, items[:9])
        self._extra = items[9:] + (None,) * (11 - n)
        return self

    def __repr__(self):
        items = ", ".join("%s=%r" % (name, value) for name, value in zip(self._fields, self))
        return "time.struct_time(%s)" % items

    def __reduce__(self):
        return (type(self), (tuple(self) + self._extra,))

    tm_year = property(lambda self: self[0], doc="year, for example, 1993")
    tm_mon = property(lambda self: self[1], doc="month of year, range [1, 12]")
    tm_mday = property(lambda self: self[2], doc="day of month, range [1, 31]")
    tm_hour = property(lambda self: self[3], doc="hours, range [0, 23]")
    tm_min = property(lambda self: self[4], doc="minutes, range [0, 59]")
    tm_sec = property(lambda self: self[5], doc="seconds, range [0, 61])")
    tm_wday = property(lambda self: self[6], doc="day of week, range [0, 6], Monday is 0")
    tm_yday = property(lambda self: self[7], doc="day of year, range [1, 366]")
    tm_isdst = property(lambda self: self[8], doc="1 if summer time is in effect, 0 if not, and -1 if unknown")
    tm_zone = property(lambda self: self._extra[0], doc="abbreviation of timezone name")
    tm_gmtoff = property(lambda self: self._extra[1], doc="offset from UTC in seconds")


struct_time.__module__ = "time"
