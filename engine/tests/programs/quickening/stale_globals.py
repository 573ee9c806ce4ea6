# Globals rebound, deleted and re-added; built-ins shadowed, patched and deleted.
g = 1
def read_g(): return g
def use_len(x): return len(x)
def use_abs(x): return abs(x)
for _ in range(100):
    read_g(); use_len([1]); use_abs(-1)
print(read_g(), use_len([1,2]), use_abs(-3))
g = 2
print(read_g())
del g
try:
    read_g()
except NameError as e:
    print("NameError", e)
g = 3
print(read_g())
def len(x): return "mine"
print(use_len([1]))
del len
print(use_len([1,2,3]))
import builtins
old = builtins.abs
builtins.abs = lambda x: "patched"
print(use_abs(-5))
builtins.abs = old
print(use_abs(-5))
globals()["g"] = 9
print(read_g())
for _ in range(100): use_len("ab")
builtins.len = lambda x: "blen"
print(use_len("abc"))
del builtins.len
try:
    use_len("x")
except NameError as e:
    print("NameError", e)
builtins.len = lambda x: 99
print(use_len("x"))
