# An exception escaping __del__ is reported on stderr ("Exception ignored in: ...") and does
# not propagate: the program goes on as if nothing happened.
class Bad:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print("bad del", self.n)
        raise ValueError("boom %d" % self.n)

try:
    b = Bad(1)
    del b
    print("not raised here")
except ValueError:
    print("wrongly caught")
print("after 1")

def f():
    b = Bad(2)
    return "returned"
try:
    print(f())
except ValueError:
    print("wrongly caught")

# A __del__ that handles its own exception.
class Careful:
    def __del__(self):
        try:
            raise KeyError("k")
        except KeyError as e:
            print("handled inside __del__", repr(e))
c = Careful()
c = None

# The exception being handled is undisturbed by a __del__ that raises.
try:
    raise RuntimeError("outer")
except RuntimeError as e:
    b = Bad(3)
    b = None
    print("still handling", e)

# A generator that ignores GeneratorExit: reported too.
def stubborn():
    try:
        yield 1
    finally:
        yield 2
s = stubborn()
next(s)
s = None
print("end")
