def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

class P:
    def __init__(self):
        self.x = 3
        self.items = [10, 20]
    def __repr__(self):
        return "P()"
    def __format__(self, spec):
        return "P:" + spec

p = P()
print("{} {} {}".format(1, "a", 2.5), "{1}{0}{1}".format("a", "b"), "{x}-{y}".format(x=1, y=2), "{{}} {}".format(5))
print("{0.x} {0.items[1]} {d[k]} {d[1]}".format(p, d={"k": "v", 1: "one"}), "{!r} {!s} {!a}".format("é", "é", "é"))
print("{:>6}|{:<6}|{:^6}|{:*^7}".format("a", "b", "c", "d"), "{:08.3f} {:+d} {:,} {:x} {:#b} {:e}".format(3.14159, 5, 10**6, 255, 5, 12345.678))
print("{:{}{}}".format(3.14159, ".", "2f"), "{0:{1}}".format("x", 4), "{:%}".format(0.5), "{}".format(p), "{:abc}".format(p), "{!r:>6}".format(p))
print("{0[0]}{0[1]}".format("hi"), "{a}".format_map({"a": 1}), "{} {}".format(*[1, 2]), "{:d}".format(True), "{:.3}".format("abcdef"))
print("%s %r %a %d %i %5.2f %-5d| %05d %x %X %o %#x %e %g %c %c %%" % ("s", "r", "é", 42, 7, 3.14159, 3, 42, 255, 255, 8, 255, 1234.5, 0.0001, 65, "z"))
print("%(name)s is %(age)d" % {"name": "Ann", "age": 30}, "%*d|%-*d|%.*f" % (5, 1, 4, 2, 2, 3.14159), "%s" % (1,), "%s" % [1, 2], "%s%%" % 5)
print("%.3s|%10.4s|%c" % ("abcdef", "xyzxyz", 10000), "%d %d" % (3.9, True), "%x" % -255, "%+.1e" % 12345.678, "%5s|%-5s|" % ("ab", "cd"))
t(lambda: "{}".format())
t(lambda: "{0}{}".format(1, 2))
t(lambda: "{}{0}".format(1, 2))
t(lambda: "{x}".format(y=1))
t(lambda: "{".format())
t(lambda: "}".format())
t(lambda: "{0!x}".format(1))
t(lambda: "{:d}".format("a"))
t(lambda: "{0.nope}".format(1))
t(lambda: "%d %d" % (1,))
t(lambda: "%d" % (1, 2))
t(lambda: "%s %s" % 1)
t(lambda: "%(a)s" % 1)
t(lambda: "%(a)s" % {"b": 1})
t(lambda: "%z" % 1)
t(lambda: "%" % ())
t(lambda: "%d" % "a")
t(lambda: "%x" % 1.5)
t(lambda: "%c" % "ab")
t(lambda: "%*d" % ("a", 1))
t(lambda: "abc" % 1)
