# Floor division and modulo of big ints, including quotients small enough for the estimate.
b = 3 ** 200 + 12345
for k in [0, 1, 2, 7, 10 ** 6, 2 ** 52 - 1, 2 ** 52, 2 ** 70]:
    for extra in [0, 1, b - 1, -1]:
        a = b * k + extra
        for x, y in [(a, b), (-a, b), (a, -b), (-a, -b)]:
            if y:
                q, r = x // y, x % y
                assert q * y + r == x and (r == 0 or (r < 0) == (y < 0)) and abs(r) < abs(y)
                assert divmod(x, y) == (q, r)
print((b * 12 + 5) // b, (b * 12 + 5) % b, (b * 12 - 5) // b, (-(b * 12) - 5) // b)
q, r, t = 1, 0, 1
digits = []
for k in range(1, 300):
    q, r, t = q * k, (4 * k + 2) * q + (2 * k + 1) * r, (2 * k + 1) * t
    while True:
        d = (3 * q + r) // t
        if d != (4 * q + r) // t:
            break
        digits.append(d)
        q, r = 10 * q, 10 * (r - d * t)
print("".join(map(str, digits)))
print(2 ** 64 // (2 ** 64 - 1), (2 ** 128 + 1) % (2 ** 64 + 1), (10 ** 40) // (10 ** 39 + 1))
