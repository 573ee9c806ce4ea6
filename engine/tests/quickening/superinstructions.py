# Superinstructions: neighbouring pairs fused at load time, each still correct when its second
# half changes form or its operands are unusual.


class P:
    def __init__(self, x):
        self.x = x

    def get(self):
        return self.x

    def double(self):
        return self.get() * 2


def pairs(a, b):
    c = a + b  #q STORE_FAST__LOAD_FAST state=fused
    d = c - 1  #q LOAD_FAST__LOAD_CONST state=fused
    return a, b, c, d  #q LOAD_FAST__LOAD_FAST state=fused


def attr(p):
    return p.x  #q LOAD_FAST__LOAD_ATTR state=fused #q LOAD_ATTR_INSTANCE_VALUE hits>=100


def method(p):
    return p.double()  #q LOAD_FAST__LOAD_METHOD state=fused #q LOAD_METHOD_WITH_VALUES hits>=100


def swap(a, b):
    a, b = b, a
    return a - b


total = 0
for i in range(200):
    total += sum(pairs(i, 2)) + attr(P(i)) + method(P(i)) + swap(i, 1)
print(total)


# The second half meets other types: the fused load still runs, the attribute load deopts.
class Q:
    x = "class attribute"


for i in range(100):
    last = attr(P(i)) if i < 60 else attr(Q())
print(last)


def unbound(flag):
    if flag:
        y = 1
    return y + 1  #q LOAD_FAST__LOAD_CONST state=fused


print(unbound(True))
try:
    unbound(False)
except UnboundLocalError as e:
    print(e)


def unbound_pair(flag):
    if flag:
        z = 2
    w = 3
    return w, z  #q LOAD_FAST__LOAD_FAST state=fused


print(unbound_pair(True))
try:
    unbound_pair(False)
except UnboundLocalError as e:
    print(e)


def store_then_unbound(flag):
    if flag:
        v = 5
    u = 1
    del u
    u = 2
    return v


print(store_then_unbound(True))
try:
    store_then_unbound(False)
except UnboundLocalError as e:
    print(e)
