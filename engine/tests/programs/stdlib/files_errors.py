# What goes wrong with files, as CPython says it.
import io
import os
import random

base = "/tmp/adder_files_errors_" + str(random.randrange(10**12))
os.mkdir(base)
path = os.path.join(base, "f.txt")
missing = os.path.join(base, "missing.txt")


def attempt(label, fn):
    try:
        result = fn()
    except Exception as e:
        text = str(e).replace(base, "BASE")
        print(label, "->", type(e).__name__, text)
        if isinstance(e, OSError) and e.errno is not None:
            print("   errno", e.errno, e.strerror, str(e.filename).replace(base, "BASE"))
    else:
        print(label, "->", repr(result).replace(base, "BASE"))


attempt("missing file", lambda: open(missing))
attempt("missing dir", lambda: open(os.path.join(base, "no", "x.txt"), "w"))
attempt("directory", lambda: open(base))
attempt("directory w", lambda: open(base, "w"))
with open(path, "w") as f:
    f.write("content\n")
attempt("exclusive", lambda: open(path, "x"))
attempt("not a directory", lambda: open(os.path.join(path, "x")))

for mode in ["rr", "q", "rw", "rbt", "b", "+", "wa"]:
    attempt("mode " + mode, lambda: open(path, mode))
attempt("mode int", lambda: open(path, 3))
attempt("binary encoding", lambda: open(path, "rb", encoding="utf-8"))
attempt("binary errors", lambda: open(path, "rb", errors="strict"))
attempt("binary newline", lambda: open(path, "rb", newline=""))
attempt("bad newline", lambda: open(path, newline="x"))
attempt("bad encoding", lambda: open(path, encoding="nope"))
attempt("bad path", lambda: open(3.5))

f = open(path)
attempt("write on r", lambda: f.write("x"))
f.close()
attempt("read closed", lambda: f.read())
attempt("readline closed", lambda: f.readline())
attempt("iterate closed", lambda: list(f))
attempt("tell closed", lambda: f.tell())
attempt("with closed", lambda: f.__enter__())
f = open(path, "w")
attempt("read on w", lambda: f.read())
attempt("write bytes", lambda: f.write(b"x"))
attempt("seek cur", lambda: f.seek(1, 1))
attempt("seek end", lambda: f.seek(-1, 2))
attempt("seek negative", lambda: f.seek(-1))
f.close()
attempt("write closed", lambda: f.write("x"))
b = open(path, "rb")
attempt("write on rb", lambda: b.write(b"x"))
b.close()
b = open(path, "wb")
attempt("read on wb", lambda: b.read())
attempt("write str", lambda: b.write("x"))
attempt("seek negative b", lambda: b.seek(-1))
b.close()
print(isinstance(io.UnsupportedOperation(), OSError), isinstance(io.UnsupportedOperation(), ValueError))

attempt("remove missing", lambda: os.remove(missing))
attempt("rmdir missing", lambda: os.rmdir(missing))
attempt("mkdir exists", lambda: os.mkdir(base))
attempt("rename missing", lambda: os.rename(missing, path + ".new"))
attempt("listdir missing", lambda: os.listdir(missing))
attempt("listdir file", lambda: os.listdir(path))
attempt("chdir missing", lambda: os.chdir(missing))
attempt("getsize missing", lambda: os.path.getsize(missing))
attempt("rmdir not empty", lambda: os.rmdir(base))
attempt("remove dir", lambda: os.remove(base))

try:
    with open(missing) as f:
        pass
except OSError as e:
    print("caught as OSError:", type(e).__name__)

os.remove(path)
os.rmdir(base)
print("cleaned", os.path.exists(base))
