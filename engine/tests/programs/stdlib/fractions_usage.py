from fractions import Fraction
import math

# Construction and normalisation
print(Fraction(3, 4), Fraction(6, -8), Fraction(0, 5), Fraction(7))
print(repr(Fraction(10, 4)), Fraction('3/4'), Fraction(' -1.25 '), Fraction('1e3'), Fraction('2.5E-2'))
print(Fraction(0.5), Fraction(1.1), Fraction(Fraction(1, 2), Fraction(1, 3)), Fraction('1_000/3'))
for bad in ['abc', '1/0x', '', '1.2.3', '/2']:
    try:
        Fraction(bad)
    except ValueError as e:
        print('ValueError:', e)
try:
    Fraction(1, 0)
except ZeroDivisionError as e:
    print('ZeroDivisionError:', e)
try:
    Fraction([1])
except TypeError as e:
    print('TypeError:', e)
try:
    Fraction(1.5, 2)
except TypeError as e:
    print('TypeError:', e)

# Arithmetic
a, b = Fraction(1, 3), Fraction(1, 6)
print(a + b, a - b, a * b, a / b, a // b, a % b, divmod(a, b), -a, +a, abs(-a))
print(a + 1, 1 + a, a - 1, 2 - a, a * 3, 3 * a, a / 2, 2 / a, a ** 2, a ** -2, 2 ** Fraction(2), Fraction(4, 9) ** Fraction(1, 2))
print(a + 0.5, 0.5 + a, a * 1.5, type(a + 0.5).__name__)
try:
    a / 0
except ZeroDivisionError as e:
    print('ZeroDivisionError:', e)
try:
    Fraction(0) ** -1
except ZeroDivisionError as e:
    print('ZeroDivisionError:', e)
total = sum(Fraction(1, n) for n in range(1, 11))
print(total, float(total), round(total, 3), total.limit_denominator(100))

# Comparisons and hashing
print(Fraction(1, 2) == 0.5, Fraction(2, 1) == 2, Fraction(1, 3) < 0.34, Fraction(1, 3) > Fraction(1, 4), Fraction(1, 2) != Fraction(2, 4))
print(hash(Fraction(2)) == hash(2), hash(Fraction(1, 2)) == hash(0.5), hash(Fraction(1, 3)), hash(Fraction(-1, 3)))
print({Fraction(1, 2): 'half'}[0.5], sorted([Fraction(3, 4), Fraction(1, 2), 0.6, 1]))
print(max(Fraction(1, 3), Fraction(2, 7)), min([Fraction(5, 2), 2, 3]))

# Conversions
x = Fraction(-7, 2)
print(int(x), float(x), math.floor(x), math.ceil(x), round(x), round(Fraction(5, 2)), round(Fraction(7, 2)), math.trunc(x))
print(round(Fraction(22, 7), 2), round(Fraction(1234, 1), -2), x.as_integer_ratio(), x.numerator, x.denominator)
print(Fraction(math.pi).limit_denominator(), Fraction(math.pi).limit_denominator(10), Fraction.from_float(0.1))
print(bool(Fraction(0)), bool(Fraction(1, 9)), f"{Fraction(3, 8)}", str(Fraction(8, 4)))
try:
    Fraction(1, 3).limit_denominator(0)
except ValueError as e:
    print('ValueError:', e)

# An everyday use: exact probabilities
from itertools import product
outcomes = list(product(range(1, 7), repeat=2))
p = Fraction(sum(1 for d in outcomes if sum(d) == 7), len(outcomes))
print(f"P(sum=7) = {p} ≈ {float(p):.4f}")
recipe = {'flour': Fraction(3, 4), 'sugar': Fraction(1, 3)}
print({k: v * 3 for k, v in recipe.items()})
