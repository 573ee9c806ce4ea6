print(chr(65), chr(0x20ac), chr(0x1F600), chr(0), repr(chr(10)), chr(True))
print(ord("a"), ord("€"), ord("\U0001F600"), ord(b"A"), ord("\n"))
for bad in ["chr()", "chr(-1)", "chr(0x110000)", "chr('a')", "chr(1.5)", "chr(2**70)", "chr(-2**40)",
            "ord()", "ord('ab')", "ord('')", "ord(1)", "ord(b'ab')", "ord(b'')", "ord(c='a')"]:
    try:
        print(eval(bad))
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__ + ":", e)

print(repr("x'y"), repr('x"y'), repr(1), repr(2.5), repr(None), repr([1, "a"]), repr((1,)))
print(ascii("héllo"), ascii("\u1234\U0001f600"), ascii(["é", 1]), ascii("plain"), ascii(1))


class R:
    def __repr__(self):
        return "R<é>"

    def __format__(self, spec):
        return "fmt:" + spec


print(repr(R()), ascii(R()), format(R()), format(R(), "xyz"))
print(format(3.14159, ".2f"), format(42, "08b"), format("x", ">5"), format(True), format(True, ">5"))
print(format(1234567, ","), format(2**70, "_x"), format(-1.5, "+.3e"), format(None), format([1]))
print(format(1), format(1.0), format("s"), format(0.1, ""), format(12, ""))


class Bad:
    def __format__(self, spec):
        return 5


for bad in ["format()", "format(1, 2)", "format(1, 'q')", "format('a', 'd')", "format(None, 'x')",
            "format(Bad())", "format(1, 'x', 3)", "format(value=1)", "format(object(), 's')"]:
    try:
        print(eval(bad))
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
