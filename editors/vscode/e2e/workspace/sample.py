"""A small program for the Adder extension's end-to-end test."""


def greet(name):
    """Return a greeting for name."""
    return "hello " + name


def work(n):
    t = 0
    for i in range(n):
        t += i * 2
    return t


class Slow:
    def __getattribute__(self, name):
        return object.__getattribute__(self, name)


def attrs(n):
    s = Slow()
    s.x = 1
    total = 0
    for _ in range(n):
        total += s.x
    return total


print(greet("adder"))
print("work:", work(3000000))
print("attrs:", attrs(3000))

work(10)


def broken():
    return undefined_name + 1
