# join/split/strip on ASCII and non-ASCII text, and map with one or several iterables.
words = "  alpha beta\tgamma  délta\n épsilon ".split()
print(words, [len(w) for w in words])
print("-".join(words), "".join([]), ",".join(("a",)), "é".join(["x", "y", "z"]))
print(" ".join(w.upper() for w in words), "+".join(iter(["p", "q"])))
for bad in (["a", 1], ("a", None), [b"x"]):
    try:
        "-".join(bad)
    except TypeError as e:
        print("TypeError", e)
try:
    "-".join(5)
except TypeError as e:
    print("TypeError", e)
print("a,b,,c".split(","), "a,b,,c".split(",", 1), "a b  c".rsplit(None, 1))
print("  xyz  ".strip(), "..é..".strip("."), "xyz".strip(), len("  é ".strip()))
s = "héllo wörld"
parts = s.split()
print(parts, [p[1] for p in parts], [len(p) for p in parts], parts[1][::-1])
print(list(map(len, words)), list(map(lambda a, b: a + b, "abc", "xyz")), list(map(str, [])))
print(list(map(pow, [2, 3], [5, 2, 9])))
