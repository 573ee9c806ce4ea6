# Subscripts, membership, unpacking, iteration and truth tests.


def subscripts(l, t, s, d, i):
    a = l[i]  #q BINARY_SUBSCR_LIST_INT
    b = t[-1]  #q BINARY_SUBSCR_TUPLE_INT
    c = s[i % 3]  #q BINARY_SUBSCR_STR_INT
    e = d["k"]  #q BINARY_SUBSCR_DICT
    l[0] = i  #q STORE_SUBSCR_LIST_INT
    d[i] = a  #q STORE_SUBSCR_DICT
    return a, b, c, e


def slice_(l):
    l[:1] = l[:1]  #q BINARY_SUBSCR_SLICE #q STORE_SUBSCR_LIST_SLICE
    return l[1:], range(4)[1:]  #q BINARY_SUBSCR_SLICE #q BINARY_SUBSCR failed "range[slice]"


def membership(x, d, s):
    return x in d, x not in s  #q CONTAINS_OP_DICT #q CONTAINS_OP_SET


def in_list(x, l):
    return x in l  #q CONTAINS_OP failed "in list"


def unpack(pair, triple, lst):
    a, b = pair  #q UNPACK_SEQUENCE_TWO_TUPLE
    c, d, e = triple  #q UNPACK_SEQUENCE_TUPLE
    f, g = lst  #q UNPACK_SEQUENCE_LIST
    return a + b + c + d + e + f + g


def unpack_str(s):
    a, b = s  #q UNPACK_SEQUENCE failed "unpacking str"
    return a + b


def gen(n):
    for i in range(n):
        yield i


def loops(n, l, t):
    total = 0
    for i in range(n):  #q FOR_ITER_RANGE
        total += i
    for x in l:  #q FOR_ITER_LIST
        total += x
    for x in t:  #q FOR_ITER_TUPLE
        total += x
    for x in gen(3):  #q FOR_ITER_GEN
        total += x
    for k in {1: 2}:  #q FOR_ITER_NATIVE
        total += k
    for i, x in enumerate(t):  #q FOR_ITER_NATIVE
        total += i
    for x in Countdown(2):  #q FOR_ITER failed "iterating Countdown"
        total += x
    return total


class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n == 0:
            raise StopIteration
        self.n -= 1
        return self.n


def truth(b, i, n, l, s, f):
    r = 0
    if b:  #q POP_JUMP_IF_FALSE_BOOL
        r += 1
    if not i:  #q POP_JUMP_IF_TRUE_INT
        r += 2
    if n:  #q POP_JUMP_IF_FALSE_NONE
        r += 4
    if l:  #q POP_JUMP_IF_FALSE_LIST
        r += 8
    if not s:  #q POP_JUMP_IF_TRUE_STR
        r += 16
    if f:  #q POP_JUMP_IF_FALSE failed "truth of float"
        r += 32
    return r


def main():
    total = 0
    for i in range(100):
        l, d = [1, 2, 3], {"k": 5}
        total += sum(subscripts(l, (1, 2), "abc", d, i % 3)[:2])
        total += len(slice_(l))
        total += sum(membership(i, d, {1, 2}))
        total += in_list(i, l)
        total += unpack((1, 2), (3, 4, 5), [6, 7])
        total += len(unpack_str("xy"))
        total += loops(i % 5, l, (i, 1))
        total += truth(i % 2 == 0, i % 3, None, l if i % 4 else [], "s" * (i % 2), i / 7)
    print(total)


main()
