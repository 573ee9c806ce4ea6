try:
    exec("x=1\ndef f(): return x\nprint(f())", {}, {})
except NameError as e:
    print("NameError", e)
g = {}
l = {}
exec("y = 2\nclass C:\n    z = 3\nw = C.z", g, l)
print(sorted(l), l["w"], sorted(k for k in g if k != "__builtins__"))
def outer():
    a = 5
    return eval("a + 1"), eval("[a * i for i in range(3)]") if False else eval("a * 2")
print(outer())
print(eval("(lambda q: q + 1)(4)"))
code = compile("for i in range(3): print(i)", "<loop>", "exec")
exec(code, {})
exec(compile("1 + 1", "<s>", "single"))
exec("import sys\nprint(sys.__name__)")
d = {"__builtins__": __builtins__}
exec("print(len('abc'))", d)
print(eval("globals() is g2", (g2 := {"g2": None})) if False else eval("len(globals())", {}))
def h():
    v = 1
    exec("v = 2")
    return v
print(h())
print(eval("__builtins__") is not None)
