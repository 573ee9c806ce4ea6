# Binary files: bytes in and out, modes, seek and tell, read sizes.
import os
import random

base = "/tmp/adder_files_binary_" + str(random.randrange(10**12))
os.mkdir(base)
path = os.path.join(base, "data.bin")

with open(path, "wb") as f:
    print(type(f).__name__, f.mode, repr(f).replace(base, "BASE"))
    print(f.write(b"\x00\x01\x02hello\nworld\n"))
    print(f.write(bytes(range(250, 256))))
    print(f.tell())
with open(path, "rb") as f:
    print(type(f).__name__, f.mode, repr(f).replace(base, "BASE"))
    data = f.read()
    print(type(data).__name__, len(data), data)
with open(path, "rb") as f:
    print(f.read(3), f.tell())
    print(f.readline(), f.tell())
    print(f.readline(2), f.readline())
    print(f.read(100), f.read(), f.read(1))
    f.seek(3)
    print(f.read(5))
    f.seek(-6, 2)
    print(list(f.read()))
    f.seek(2)
    f.seek(1, 1)
    print(f.tell(), f.read(1))
with open(path, "rb") as f:
    print(list(f))
with open(path, "rb") as f:
    print(f.readlines())

with open(path, "ab") as f:
    print(f.mode, type(f).__name__)
    f.write(b"tail")
with open(path, "r+b") as f:
    print(f.mode, type(f).__name__, repr(f).replace(base, "BASE"))
    print(f.read(3))
    f.write(b"HEL")
    f.seek(0)
    print(f.read())
with open(path, "w+b") as f:
    print(f.mode)
    f.write(b"abcdef")
    f.seek(2)
    print(f.read(2), f.tell())
with open(path, "xb" if False else "rb") as f:
    print(f.readable(), f.writable(), f.seekable())

os.remove(path)
with open(path, "xb") as f:
    print(f.mode, type(f).__name__)
    f.write(bytearray(b"created") if "bytearray" in dir(__builtins__) else b"created")
print(open(path, "rb").read(), os.path.getsize(path))
os.unlink(path)
os.rmdir(base)
print(os.path.exists(path), os.path.exists(base))
