# seq[a:b] and seq[a:b] = v run without a slice object once the subscript is specialized:
# bounds of every sign and size, tuples, lists assigned to themselves, other values and
# containers falling back, errors.


def main():
    l = list(range(10))
    t = tuple(l)
    out = []
    for i in range(-12, 13):
        for j in (None, -3, 0, 4, 20):
            out.append((l[i:j], t[i:j], l[:j], t[i:]))
    print(len(out), out[0], out[37], out[-1])
    print(t[:] is t, t[0:10] is t, l[:] is l)
    m = list(range(8))
    for k in range(100):
        m[:3] = m[5:8]
        m[2:2] = (k,)
        del m[2]
    print(m)
    n = [1, 2, 3]
    for k in range(60):
        n[1:2] = n
        n[:] = n[:3]
    print(n)
    s = "abcdef"
    for k in range(60):
        r = s[1:4]
    print(r)
    for k in range(60):
        try:
            l[1:3] = 5
        except TypeError as e:
            msg = str(e)
    print(msg)
    for k in range(60):
        try:
            x = l["a":2]
        except TypeError as e:
            msg = str(e)
    print(msg)
    for k in range(60):
        l[2:4] = "xy"
    print(l)

    class L(list):
        def __getitem__(self, k):
            return ("custom", k)
    c = L([1, 2, 3])
    for k in range(60):
        v = c[0:2]
    print(v)
    big = 2**70
    for k in range(60):
        w = l[-big:big]
    print(w == l, w is l)


main()
