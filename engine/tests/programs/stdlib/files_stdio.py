# sys.stdout and sys.stderr are file objects too.
import io
import sys

print(repr(sys.stdout), repr(sys.stderr))
print(sys.stdout.encoding, sys.stdout.mode, sys.stdout.writable() if hasattr(sys.stdout, "writable") else True)
n = sys.stdout.write("written directly\n")
print(n)
sys.stdout.writelines(["one\n", "two\n"])
sys.stdout.flush()
print("to stdout", file=sys.stdout)
print("to stderr", file=sys.stderr)
sys.stderr.write("also stderr\n")

# print(file=...) works with any object that has write().
buf = io.StringIO()
print("into", "buffer", sep="-", end="!\n", file=buf)
print(repr(buf.getvalue()))


class Upper:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s.upper())


u = Upper()
print("shout", 1, file=u)
print(u.parts)
