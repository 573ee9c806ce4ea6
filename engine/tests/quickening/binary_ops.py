# BINARY_OP and COMPARE_OP: one form per operand types and operator; other types fail with
# the operand types in the reason.


def arith(a, b):
    # The two calls below whose sums overflow i64 pass the guard (hits) and compute a big int on the generic path.
    s = a + b  #q BINARY_OP_ADD_INT hits>=90 misses=0
    d = a - b  #q BINARY_OP_SUBTRACT_INT
    p = a * b  #q BINARY_OP_MULTIPLY_INT
    q = a // b  #q BINARY_OP_FLOOR_DIVIDE_INT
    r = a % b  #q BINARY_OP_REMAINDER_INT
    x = a ^ b  #q BINARY_OP_BITWISE_INT
    y = a << 3  #q BINARY_OP_BITWISE_INT
    return s, d, p, q, r, x, y


def farith(a, b):
    s = a + b  #q BINARY_OP_ADD_FLOAT
    d = a - b  #q BINARY_OP_SUBTRACT_FLOAT
    p = a * b  #q BINARY_OP_MULTIPLY_FLOAT
    q = a / b  #q BINARY_OP_TRUE_DIVIDE_FLOAT
    return s, d, p, q


def concat(a, b):
    return a + b


def concat_str(a, b):
    return a + b  #q BINARY_OP_ADD_UNICODE


def concat_list(a, b):
    return a + b  #q BINARY_OP_ADD_LIST


def concat_tuple(a, b):
    return a + b  #q BINARY_OP_ADD_TUPLE


def accumulate(a, b):
    a += b  #q BINARY_OP_ADD_INT
    return a


def mixed(a, b):
    return a % b, a // b  #q BINARY_OP_REMAINDER_FLOAT #q BINARY_OP failed "int // float" state=failed


def power(a, b):
    return a**b  #q BINARY_OP failed "int ** int"


def compares(a, b):
    return a < b, a == b  #q COMPARE_OP_INT


def fcompares(a, b):
    return a <= b  #q COMPARE_OP_FLOAT


def scompares(a, b):
    return a != b  #q COMPARE_OP_STR


def xcompares(a, b):
    return a == b  #q COMPARE_OP failed "int vs str"


total = 0
for i in range(100):
    total += sum(arith(i + 7, 3))
    total += sum(farith(i + 0.5, 2.0))
    concat_str("a", str(i))
    concat_list([i], [1])
    concat_tuple((i,), (1,))
    total += accumulate(i, 1)
    total += sum(mixed(i, 0.5))
    total += power(i, 2)
    compares(i, 50)
    fcompares(i * 0.5, 20.0)
    scompares("x", str(i))
    xcompares(i, "i")
print(total)
# The int forms overflow into big ints and divide by zero exactly as the generic path does.
print(arith(2**62, 2**62)[0], arith(-(2**63), -1)[2], arith(7, -2)[3:5])
try:
    arith(1, 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
print(farith(-0.0, 1.0))
try:
    farith(1.0, 0.0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)

#stats BINARY_OP failed "int // float" failures>=1 hits>=1000
#stats BINARY_OP_ADD_INT successes>=2
#stats COMPARE_OP failed "int vs str"
