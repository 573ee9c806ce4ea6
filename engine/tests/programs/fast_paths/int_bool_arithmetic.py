def f():
    acc = 0
    for k in range(300):
        acc = acc + (k % 3 == 1)
        acc -= (k % 5 == 0)
        acc += True * 2
    print(acc)
    x = True
    for k in range(300):
        y = x + x
        z = x & x
        w = (k > 3) * 10 + True
        v = 7 // (k % 2 == 0 or 1)
        u = True % 2
    print(y, z, w, v, u, type(y), type(z))
    big = 2**62
    for k in range(300):
        r = big + True
    print(r, type(r))
    for k in range(300):
        try:
            q = 5 // (k < 0)
        except ZeroDivisionError as e:
            q = str(e)
    print(q)
    vals = [1, True, 2, False, 3.5, "s"]
    out = []
    for k in range(300):
        try:
            out.append(vals[k % 6] + 1)
        except TypeError as e:
            out.append(str(e))
    print(out[:6])
f()
