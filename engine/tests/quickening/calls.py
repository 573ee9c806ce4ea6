# LOAD_METHOD and CALL: methods, Python functions, built-ins, classes.
import math


class Counter:
    def __init__(self, start):
        self.n = start

    def bump(self, k):
        self.n += k
        return self.n

    def bump_default(self, k=1):
        self.n += k
        return self.n


def add3(a, b, c=0):
    return a + b + c


def star(*args):
    return len(args)


def kwonly(a, *, b=2):
    return a + b


def method_call(c, i):
    return c.bump(i)  #q LOAD_METHOD_WITH_VALUES(bump) #q CALL_PY_EXACT_ARGS


def method_default(c):
    return c.bump_default()  #q CALL_PY_WITH_DEFAULTS


def bound_call(f, i):
    return f(i)  #q CALL_BOUND_METHOD_EXACT_ARGS


def plain_calls(i):
    return add3(i, 1, 2) + add3(i, 1)  #q CALL_PY_EXACT_ARGS #q CALL_PY_WITH_DEFAULTS


def builtins_calls(xs, i):
    n = len(xs)  #q CALL_LEN
    ok = isinstance(i, int)  #q CALL_ISINSTANCE
    t = type(i)  #q CALL_TYPE_1
    l = list(xs)  #q CALL_BUILTIN_CLASS
    a = abs(-i)  #q CALL_BUILTIN_O
    m = max(i, 3)  #q CALL_BUILTIN_FAST
    return n, ok, t, l, a, m


def native_methods(xs, s, i):
    xs.append(i)  #q LOAD_METHOD_NO_DICT(append) #q CALL_LIST_APPEND
    return s.upper()  #q LOAD_METHOD_NO_DICT(upper) #q CALL_METHOD_DESCRIPTOR_FAST


def construct(i):
    return Counter(i)  #q CALL_ALLOC_AND_ENTER_INIT


def module_calls(x):
    # A name bound by `import` loads the function with LOAD_ATTR (CPython 3.11 does too).
    return math.sqrt(x) + math.pi  #q LOAD_ATTR_MODULE(sqrt) #q LOAD_ATTR_MODULE(pi)


def module_method(m, x):
    return m.sqrt(x)  #q LOAD_METHOD_MODULE(sqrt) #q CALL_BUILTIN_O


def class_method_call():
    return Counter.bump  #q LOAD_ATTR_CLASS(bump)


def failing(i):
    a = add3(i, b=1)  #q CALL failed "keyword arguments"
    b = star(i, i)  #q CALL failed "callee has *args, **kwargs or keyword-only parameters"
    c = kwonly(i)  #q CALL failed "callee has *args, **kwargs or keyword-only parameters"
    d = add3(i)  #q CALL failed "argument count does not match the parameters"
    return a, b, c, d


def main():
    total = 0
    xs = []
    for i in range(100):
        c = construct(i)
        total += method_call(c, i) + method_default(c) + bound_call(c.bump, 1)
        total += plain_calls(i)
        total += builtins_calls([1, 2], i)[0]
        native_methods(xs, "ab", i)
        total += module_calls(4.0) + module_method(math, 9.0)
        class_method_call()
        try:
            failing(i)
        except TypeError as e:
            err = str(e)
    print(total, len(xs), err)


main()

#stats CALL failed "keyword arguments"
#stats CALL_PY_EXACT_ARGS hits>=100
#stats LOAD_METHOD_WITH_VALUES hits>=90
