print(abs(-3), abs(3.5), abs(-0.0), abs(True), abs(-2**100), abs(-9223372036854775808))
print(abs(3 - 4j))


class N:
    def __init__(self, v):
        self.v = v

    def __abs__(self):
        return "abs!"

    def __round__(self, n=None):
        return ("round", n)

    def __index__(self):
        return self.v

    def __divmod__(self, other):
        return ("divmod", other)

    def __rdivmod__(self, other):
        return ("rdivmod", other)

    def __pow__(self, e, m=None):
        return ("pow", e, m)


n = N(42)
print(abs(n), round(n), round(n, 2), round(n, ndigits=None), divmod(n, 1), divmod(1, n))
print(pow(n, 2), pow(n, 2, 5), hex(n), oct(n), bin(n), chr(N(65)))
print(round(2.5), round(3.5), round(-2.5), round(0.5), round(1.25, 1), round(2.675, 2))
print(round(123.456, -1), round(123.456, -2), round(5, -1), round(15, -1), round(25, -1), round(-25, -1))
print(round(1234, -2), round(1250, -2), round(1350, -2), round(7, 2), round(7, -5), round(True))
print(round(1e300, -300), round(0.1 + 0.2, 15), round(float("inf"), 2), type(round(5.0, 0)))
for bad in ["round()", "round('a')", "round(1.5, 'x')", "round(float('inf'))", "round(float('nan'))",
            "round(1, 2, 3)", "round(1.5, foo=2)", "round(1.5, number=2)"]:
    try:
        print(eval(bad))
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__ + ":", e)

print(divmod(7, 2), divmod(-7, 2), divmod(7, -2), divmod(-7, -2), divmod(0, 5))
print(divmod(7.5, 2), divmod(-7.5, 2), divmod(7, 0.5), divmod(2**70, 3), divmod(-2**70, 7))
print(divmod(True, 2), divmod(-9223372036854775808, -1))
for bad in ["divmod(1, 0)", "divmod(1.0, 0)", "divmod('a', 1)", "divmod(1)", "divmod(1, 2, 3)", "divmod([], ())"]:
    try:
        print(eval(bad))
    except (TypeError, ZeroDivisionError) as e:
        print(type(e).__name__ + ":", e)

print(pow(2, 10), pow(2, -1), pow(-2, 3), pow(2.0, 0.5), pow(0, 0), pow(10, 20), pow(-1, 10**20))
print(pow(3, 4, 5), pow(3, 4, -5), pow(-3, 3, 7), pow(2, -1, 5), pow(38, -1, 97), pow(5, 0, 1))
print(pow(base=2, exp=3), pow(2, exp=3, mod=5), pow(2**100, 2**100, 10**9 + 7))
for bad in ["pow()", "pow(1)", "pow(1, 2, 3, 4)", "pow(2, 2, 0)", "pow(2, -1, 4)", "pow(2.0, 2, 3)",
            "pow(2, 0.5, 3)", "pow(0, -1)", "pow(0.0, -1)", "pow(2, 3, base=2)", "pow('a', 2)", "pow('a', 2, 3)"]:
    try:
        print(eval(bad))
    except (TypeError, ValueError, ZeroDivisionError) as e:
        print(type(e).__name__ + ":", e)

print(sum([1, 2, 3]), sum([0.1] * 10), sum([1, 2.5]), sum([1.5, 2]), sum([[1], [2]], []))
print(sum([2**63, 1]), sum([9223372036854775807, 1]), sum([-9223372036854775808, -1]), sum([True, True]))
print(sum([], 0.0), sum([], True), sum([1], True), sum([0.5, 2**70]), sum(range(101)), sum([1e100, 1.0, -1e100, 1.0]))
print(sum(x * x for x in range(5)), sum([1, 2], start=10), sum(((1,), (2,)), ()))
print(sum([0.1, 0.2, 0.3]), sum([1, 0.1, 0.2]), sum([3, 0.5, 2**64]))
for bad in ["sum()", "sum(1)", "sum(['a'])", "sum(['a', 'b'], '')", "sum([b'a'], b'')", "sum([1], 2, 3)",
            "sum(iterable=[1])", "sum([1], foo=1)", "sum([1], 2, start=3)"]:
    try:
        print(eval(bad))
    except TypeError as e:
        print(type(e).__name__ + ":", e)

print(hex(255), hex(-255), hex(0), oct(8), oct(-8), bin(5), bin(-5), bin(0), hex(True))
print(hex(2**70), oct(2**70), bin(2**65), hex(-2**64), hex(-9223372036854775808))
for bad in ["hex(1.5)", "oct('a')", "bin(None)", "hex()", "hex(x=1)"]:
    try:
        print(eval(bad))
    except TypeError as e:
        print(type(e).__name__ + ":", e)
