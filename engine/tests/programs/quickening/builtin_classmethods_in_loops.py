# Built-in class methods called in loops, long enough for the calls to be specialized:
# `Class.method` must stay bound to the class.
for i in range(6):
    print(i, dict.fromkeys("ab", i), int.from_bytes(bytes([i, 1]), "big"), float.fromhex("0x1p%d" % i))
maps = [{"a": 1}, {}, {"b": 2}, {"c": 3}]
seen = {}
for m in reversed(maps):
    seen.update(dict.fromkeys(m))
print(seen)
from collections import ChainMap
for _ in range(4):
    print(sorted(ChainMap(*maps)), len(ChainMap(*maps)))
