# Text files: writing, reading back every way, appending, seeking, newline translation.
import os
import random

base = "/tmp/adder_files_text_" + str(random.randrange(10**12))
os.mkdir(base)
path = os.path.join(base, "notes.txt")

with open(path, "w") as f:
    print(type(f).__name__, f.mode, f.encoding, f.closed)
    print(repr(f).replace(base, "BASE"))
    n = f.write("first line\n")
    print("wrote", n)
    f.writelines(["second\n", "third\n"])
    print("fourth", 4, sep=": ", file=f)
    print(f.tell())
print(f.closed)

with open(path) as f:
    print(repr(f.read()))
with open(path) as f:
    print(repr(f.readline()), repr(f.readline(3)), repr(f.readline()))
    print(f.readlines())
    print(repr(f.readline()), repr(f.read()))
with open(path) as f:
    for i, line in enumerate(f, 1):
        print(i, line.rstrip("\n"))
with open(path) as f:
    print([len(line) for line in f])
with open(path, "r") as f:
    print(f.read(5), f.tell(), f.read(3))
    f.seek(0)
    print(repr(f.readline()))
    print(f.seek(0, 2), repr(f.read()))

# Appending keeps what is there.
with open(path, "a") as f:
    f.write("appended\n")
    print(f.mode, f.tell())
print(open(path).read().splitlines()[-2:])

# w truncates; w+ and r+ read and write.
with open(path, "w+") as f:
    f.write("abc\ndef\n")
    f.seek(0)
    print(repr(f.read()))
with open(path, "r+") as f:
    print(repr(f.readline()))
    f.write("XYZ\n")
with open(path) as f:
    print(repr(f.read()))

# Newlines: universal on reading by default, kept with newline="".
with open(path, "w", newline="") as f:
    f.write("a\r\nb\rc\nd")
with open(path) as f:
    print(repr(f.read()), f.newlines is None or True)
with open(path, newline="") as f:
    print(f.readlines())
with open(path, newline="\n") as f:
    print(f.readlines())
with open(path, "rb") as f:
    print(f.read())
with open(path, "w", newline="\r\n") as f:
    f.write("one\ntwo\n")
with open(path, "rb") as f:
    print(f.read())

# Unicode round trip, explicit encodings.
with open(path, "w", encoding="utf-8") as f:
    print(repr(f).replace(base, "BASE"))
    f.write("héllo wörld ✓\n")
with open(path, encoding="utf-8") as f:
    text = f.read()
    print(text, len(text), f.tell())
print(os.path.getsize(path))
with open(path, "w", encoding="latin-1") as f:
    f.write("café\n")
print(os.path.getsize(path), open(path, "rb").read())

# A big file written in a loop, read back line by line.
with open(path, "w") as f:
    for i in range(5000):
        f.write(f"line {i}\n")
total = 0
count = 0
with open(path) as f:
    for line in f:
        total += int(line.split()[1])
        count += 1
print(count, total)

# The file object is an iterator; closing twice is fine.
f = open(path)
print(iter(f) is f, next(f), f.readable(), f.writable(), f.seekable())
f.close()
f.close()
print(f.closed, f.name == path)

os.remove(path)
os.rmdir(base)
print(os.path.exists(base))
