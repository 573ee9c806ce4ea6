def f():
    out = []
    vals = [5.5, -5.5, 0.0, -0.0, 3.0, -3.0, 1e308, float('inf'), float('nan'), 7]
    divs = [2.0, -2.0, 3.0, -3.0, 0.5, float('inf'), -float('inf'), 2]
    for _ in range(3):
        for a in vals:
            for b in divs:
                r = a % b
                out.append(repr(r))
    try:
        for _ in range(10):
            x = 1.5 % 0.0
    except ZeroDivisionError as e:
        out.append(str(e))
    return out
print(" ".join(f()))
