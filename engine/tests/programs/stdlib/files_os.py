# The os functions a script uses around files: making, listing, renaming, removing.
import os
import random

base = "/tmp/adder_files_os_" + str(random.randrange(10**12))
print(os.path.exists(base))
os.mkdir(base)
print(os.path.exists(base), os.path.isdir(base), os.path.isfile(base))

os.makedirs(os.path.join(base, "a", "b", "c"))
os.makedirs(os.path.join(base, "a", "b"), exist_ok=True)
try:
    os.makedirs(os.path.join(base, "a"))
except FileExistsError as e:
    print("FileExistsError", e.errno)
for name in ["one.txt", "two.txt", "three.log"]:
    with open(os.path.join(base, name), "w") as f:
        f.write(name * 3)
print(sorted(os.listdir(base)))
print(sorted(n for n in os.listdir(base) if n.endswith(".txt")))
print(os.path.getsize(os.path.join(base, "one.txt")))
print(os.path.isfile(os.path.join(base, "one.txt")), os.path.isdir(os.path.join(base, "a")))

os.rename(os.path.join(base, "one.txt"), os.path.join(base, "uno.txt"))
print(sorted(os.listdir(base)))
os.replace(os.path.join(base, "two.txt"), os.path.join(base, "uno.txt"))
print(sorted(os.listdir(base)), open(os.path.join(base, "uno.txt")).read())

for root, dirs, files in os.walk(base):
    print(root.replace(base, "BASE"), sorted(dirs), sorted(files))

old = os.getcwd()
os.chdir(os.path.join(base, "a"))
print(os.path.basename(os.getcwd()))
with open("relative.txt", "w") as f:
    f.write("here")
print(os.path.exists("relative.txt"), sorted(os.listdir(".")), sorted(os.listdir()))
os.remove("relative.txt")
os.chdir(old)
print(os.getcwd() == old)

os.removedirs(os.path.join(base, "a", "b", "c"))
print(sorted(os.listdir(base)))
os.unlink(os.path.join(base, "uno.txt"))
os.remove(os.path.join(base, "three.log"))
print(os.listdir(base))
os.rmdir(base)
print(os.path.exists(base))
