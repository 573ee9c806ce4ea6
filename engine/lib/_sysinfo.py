"""The struct sequences of sys (version_info, float_info, int_info), built once at start-up
and moved into sys by the interpreter."""


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
