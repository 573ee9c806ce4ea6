# The life cycle of a site whose operand types change: it specializes on its second
# execution, counts a miss for every execution of another type, deoptimizes after 53 misses,
# waits one execution (2^deopts - 1) and re-specializes for the new type. An execution that
# attempts a specialization runs the generic path (it is no hit); the counters of an
# instruction accumulate over its forms.


def add(a, b):
    return a + b  #q BINARY_OP_ADD_FLOAT deopts=1 misses=53 hits=243 attempts=2 successes=2


def x_of(o):
    # `B` keeps `x` at another slot (still a hit); `C`'s `x` is a class attribute: misses.
    return o.x  #q LOAD_ATTR_NONDESCRIPTOR deopts=1 misses=53


def call(o):
    # Two classes with their own `f`: the site turns polymorphic instead of deoptimizing.
    return o.f()  #q LOAD_METHOD_WITH_VALUES deopts=0 misses=0 #q CALL_PY_EXACT_ARGS deopts=0


def fresh(a, b):
    return a * b  #q BINARY_OP_MULTIPLY_INT state=specialized hits=0 misses=0 attempts=1


def flipping(a, b):
    return a - b  #q BINARY_OP deopts>=2


class A:
    def __init__(self):
        self.x = "A"

    def f(self):
        return "A.f"


class B:
    def __init__(self):
        self.pad = 0
        self.x = "B"

    def f(self):
        return "B.f"


class C:
    x = "C"

    def f(self):
        return "C.f"


def main():
    t = 0
    for i in range(100):  # warm-up, attempt, 98 hits
        t += add(i, 1)
    for i in range(200):  # 53 misses (the last deopts), wait, attempt, 145 hits
        t += add(i + 0.5, 1.0)
    print(t)
    a, b, c = A(), B(), C()
    r = [x_of(a) + call(a) for _ in range(100)] + [x_of(b) + call(b) for _ in range(100)]
    print(r[0], r[-1], [x_of(c) for _ in range(100)][-1])
    fresh(2, 3)
    fresh(2, 3)
    # Alternating 60 ints and 60 floats, three times: every switch deoptimizes.
    for k in range(6):
        for i in range(60):
            flipping(i, 1) if k % 2 == 0 else flipping(i * 1.0, 1.0)


main()

#stats BINARY_OP_ADD_INT misses>=53 deopts>=1
#stats BINARY_OP_ADD_FLOAT successes>=1 deopts=0
#stats LOAD_ATTR_INSTANCE_VALUE deopts=1
#stats LOAD_ATTR deopts=1
