def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

b = b"Hello, World"
print(b, b[0], b[-1], b[1:5], b[::-2], len(b), list(b"ab"), b"lo" in b, 72 in b, b + b"!", b * 2, 2 * b"ab")
print(bytes(3), bytes([65, 66]), bytes("é", "utf-8"), bytes(b"x"), bytes(), bytes(range(3)), bytes("a", encoding="ascii"))
print(b.decode(), b"caf\xc3\xa9".decode(), b"\xe9".decode("latin-1"), b"\xff".decode("utf-8", "replace"), b"\xffa".decode("ascii", "ignore"))
print(b.hex(), b"\x01\xff".hex(":"), bytes.fromhex("01 ff 10"), b.upper(), b.lower(), b.swapcase(), b"hello world".title(), b"abc".capitalize())
print(b.find(b"o"), b.rfind(b"o"), b.find(111), b.index(b"W"), b.count(b"l"), b.startswith(b"Hell"), b.endswith((b"x", b"ld")))
print(b.split(), b.split(b", "), b"a b  c".split(None, 1), b.rsplit(b"o", 1), b"x\ny".splitlines(), b.partition(b", "), b.rpartition(b"o"))
print(b"  x  ".strip(), b"xxhixx".strip(b"x"), b"  x".lstrip(), b"x  ".rstrip(), b", ".join([b"a", b"b"]), b.replace(b"l", b"L", 2))
print(b.removeprefix(b"Hello"), b.removesuffix(b"World"), b"abc".isalpha(), b"12".isdigit(), b"a1".isalnum(), b" ".isspace(), b"abc".islower())
print(b"a" < b"b", b"a" == b"a", b"ab" > b"a", b"a" != b"b", hash(b"abc") == hash(b"abc"), repr(b"'\"\x00\n"), str(b"x"), sorted([b"b", b"a"]))
t(lambda: b[100])
t(lambda: b"a" + "b")
t(lambda: bytes("a"))
t(lambda: bytes(-1))
t(lambda: bytes([300]))
t(lambda: b"\xff".decode())
t(lambda: b"a".decode("nope"))
t(lambda: bytes.fromhex("0g"))
t(lambda: b"a".find("a"))
t(lambda: b",".join(["a"]))
t(lambda: b"abc"["x"])
