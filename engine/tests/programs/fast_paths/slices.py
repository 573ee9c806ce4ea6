# Slicing and slice assignment on the built-in sequences (the inline fast paths and the
# general path must agree).
xs = list(range(10))
for s in [slice(None), slice(2, 5), slice(-3, None), slice(None, -2), slice(None, None, -1),
          slice(7, 2, -2), slice(100, -100, -1), slice(-100, 100, 3), slice(5, 2), slice(0, 0)]:
    print(s, xs[s], tuple(xs)[s], "abcdefghij"[s], "héllo wörld"[s])
t = (1, 2, 3)
print(t[:] is t, t[0:3] is t, t[::1] is t)
s = "hello"
print(s[:] is s, s[1] is s[1:2])
print(xs[2:8:True], xs[False:3])


class Idx:
    def __index__(self):
        return 2


print(xs[Idx():5], "abcdef"[Idx():])
try:
    xs[::0]
except ValueError as e:
    print("ValueError", e)
try:
    xs[1.5:]
except TypeError as e:
    print("TypeError", e)

a = list(range(8))
a[:3] = a[5:]
print(a)
a[2:4] = [9, 9, 9, 9]
print(a)
a[1:6] = (7,)
print(a)
a[:] = a
print(a)
a[3:1] = ["x"]
print(a)
a[::2] = "ABC"[: len(a[::2])] if len(a[::2]) <= 3 else list(range(len(a[::2])))
print(a)
b = [1, 2, 3]
b[1:2] = b
print(b)
b[-100:100] = []
print(b)
try:
    b[0:1] = 5
except TypeError as e:
    print("TypeError", e)
c = [0] * 5
c[:2] = iter([4, 5, 6])
print(c)
perm = [3, 1, 0, 2]
while perm[0]:
    perm[: perm[0] + 1] = perm[perm[0] :: -1]
    print(perm)
