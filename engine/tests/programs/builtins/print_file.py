import sys

print("to stdout", file=sys.stdout)
print("to stderr (not captured)", file=sys.stderr)
print("a", "b", sep=None, end=None)
print("x", "y", sep="", end="")
print()
print(1, 2, 3, sep="\n")
print(flush=True)


class Writer:
    def __init__(self):
        self.parts = []

    def write(self, text):
        self.parts.append(text)
        return len(text)

    def flush(self):
        self.parts.append("<flush>")


w = Writer()
print("a", 1, [2], sep="|", end="$", file=w, flush=True)
print(w.parts)
print(file=w)
print(w.parts)


class Noisy:
    def __str__(self):
        return "noisy"


print(Noisy(), Noisy())
old = sys.stdout
sys.stdout = w
print("captured")
sys.stdout = old
print(w.parts[-2:])
try:
    print(sep=3)
except TypeError as e:
    print(e)
try:
    print("x", end=b"")
except TypeError as e:
    print(e)
try:
    print(foo=1, sep=2)
except TypeError as e:
    print(e)
try:
    print("x", file=1)
except AttributeError as e:
    print(e)
