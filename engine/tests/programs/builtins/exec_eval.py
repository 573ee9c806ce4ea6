print(eval("1 + 2"), eval("  3 * 4"), eval("\tx", {"x": 5}), eval("x + y", {"x": 1}, {"y": 2}))
x = 10
print(eval("x * 2"))


def f():
    y = 3
    return eval("x + y")


print(f())
g = {}
exec("a = 1\nb = a + 1\ndef h():\n    return a + b\n", g)
print(g["a"], g["b"], g["h"](), "__builtins__" in g)
g2 = {"__builtins__": {"len": len}}
exec("r = len('abc')", g2)
print(g2["r"])
try:
    exec("print('no')", g2)
except NameError as e:
    print("NameError:", e)
loc = {}
exec("z = 5", {}, loc)
print(loc)
exec("w = 7")
print(w)
print(exec("1"), eval("None"))
code = compile("40 + 2", "<calc>", "eval")
print(eval(code), exec(code), type(code).__name__)
code2 = compile("k = 9\nprint('ran', k)", "<mod>", "exec")
exec(code2)
print(k)
exec(b"print('from bytes')")
print(eval(compile("[i * i for i in range(4)]", "f", "eval")))
ns = {}
exec("class Q:\n    v = 3\n", ns)
print(ns["Q"].v, ns["Q"].__name__)
print(eval("__name__", {}), eval("__name__"))

for src, mode in [("1 +", "eval"), ("x =", "exec"), ("  x = 1", "exec"), ("return 1", "exec")]:
    try:
        compile(src, "<t>", mode)
    except SyntaxError as e:
        print(type(e).__name__, e.msg, e.lineno, e.filename)
try:
    eval("1 +")
except SyntaxError as e:
    print("SyntaxError:", e)
try:
    exec("def f(:\n  pass")
except SyntaxError as e:
    print("SyntaxError:", e.lineno, e.offset, repr(e.text))
for bad in ["eval()", "eval(1)", "eval('1', 1)", "eval('1', {}, 1)", "exec(1)", "exec('1', 1)",
            "exec('1', {}, 1)", "exec('x=1', {}, {}, 1)", "exec('x=1', globals=None)", "eval('1', globals={})",
            "compile()", "compile('1', 'f')", "compile('1', 'f', 'bad')", "compile('1', 'f', 'eval', foo=1)",
            "eval(source='1')", "exec(code='1')"]:
    try:
        print(eval(bad))
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
try:
    eval("1 / 0")
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
m = __import__("sys")
print(m.__name__)
try:
    __import__("no_such_module_here")
except ImportError as e:
    print(type(e).__name__ + ":", e)
