# BaseException API, chaining attributes, notes, hierarchy, except*.
e = ValueError("bad", 2)
print(e.args, str(e), repr(e), repr(ValueError()), str(ValueError("x")), repr(KeyError("k")), str(KeyError("k")))
print(str(KeyError()), str(KeyError("a", "b")), StopIteration(5).value, SystemExit(3).code, SystemExit().code)
print(OSError(2, "No such file").errno, str(OSError(2, "No such file")), OSError("x").errno)
try:
    try:
        1 / 0
    except ZeroDivisionError as inner:
        raise RuntimeError("wrapped") from inner
except RuntimeError as outer:
    print(type(outer.__cause__).__name__, type(outer.__context__).__name__, outer.__suppress_context__)
try:
    try:
        {}["k"]
    except KeyError:
        raise TypeError("during")
except TypeError as t:
    print(repr(t.__context__), t.__cause__, t.__suppress_context__, t.__traceback__ is not None)
try:
    raise ValueError("x") from None
except ValueError as v:
    print(v.__cause__, v.__suppress_context__)
err = ValueError("noted")
err.add_note("first note")
err.add_note("second")
print(err.__notes__)
try:
    err.add_note(5)
except TypeError as te:
    print("TypeError:", te)
print(err.with_traceback(None) is err)
class AppError(Exception):
    def __init__(self, code, msg):
        super().__init__(msg)
        self.code = code
ae = AppError(3, "failed")
print(ae.args, ae.code, str(ae), repr(ae))
class Quiet(Exception):
    def __init__(self, x): self.x = x
print(Quiet(1).args, repr(Quiet(2)))
names = ["BaseExceptionGroup", "ExceptionGroup", "TimeoutError", "BrokenPipeError", "ModuleNotFoundError",
         "UnicodeDecodeError", "TabError", "EncodingWarning", "RecursionError", "StopAsyncIteration"]
import builtins
for n in names:
    cls = getattr(builtins, n)
    print(n, [c.__name__ for c in cls.__mro__])
print(IOError is OSError, EnvironmentError is OSError, issubclass(KeyError, LookupError))
try:
    raise 5
except TypeError as te:
    print("TypeError:", te)
try:
    raise ValueError from 5
except TypeError as te:
    print("TypeError:", te)
try:
    try:
        raise
    except RuntimeError as re_:
        print("RuntimeError:", re_)
except Exception:
    pass
try:
    raise ExceptionGroup("many", [ValueError(1), TypeError(2), ValueError(3)])
except* ValueError as g:
    print("values", repr(g.exceptions), str(g))
except* TypeError as g:
    print("types", g.exceptions)
try:
    try:
        raise ExceptionGroup("eg", [KeyError("a"), OSError("b")])
    except* KeyError:
        print("handled keys")
except ExceptionGroup as rest:
    print("rest", rest.exceptions)
try:
    raise TypeError("naked")
except* TypeError as g:
    print("naked wrapped", type(g).__name__, g.exceptions)
eg = ExceptionGroup("m", [ValueError()])
print(str(eg), repr(eg.message))
try:
    ExceptionGroup("m", [])
except ValueError as ve:
    print("ValueError:", ve)
def nested():
    try:
        raise KeyError("inner")
    finally:
        print("finally runs")
try:
    nested()
except LookupError as le:
    print("caught", repr(le))
import sys
try:
    raise IndexError("idx")
except IndexError:
    print(sys.exc_info()[0].__name__, repr(sys.exc_info()[1]))
print(sys.exc_info())
