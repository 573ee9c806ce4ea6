def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

a = 1 + 2j
b = complex(3, -4)
print(a, b, a + b, a - b, a * b, a / b, -a, abs(b), a.conjugate(), a.real, a.imag)
print(a ** 2, (1j) ** 2, 2 ** a, a == complex(1, 2), 1 + 0j == 1, (2j) * 2, 1 / (1j))
print(complex(), complex(2), complex("1+2j"), complex("-3j"), complex(" (4-5j) "), complex(1.5, 2.5), complex("2"))
print(hash(1 + 0j) == hash(1), hash(complex(0, 1)), bool(0j), bool(1j), repr(complex(-0.0, -0.0)))
t(lambda: a / 0)
t(lambda: complex("x"))
t(lambda: complex(1, "a"))
t(lambda: a < b)
t(lambda: 0j ** -1)
