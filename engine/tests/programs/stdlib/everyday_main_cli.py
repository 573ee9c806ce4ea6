import sys, time
from collections import ChainMap, OrderedDict, deque, namedtuple, defaultdict, Counter
from functools import singledispatch, partial
from operator import itemgetter
import operator

Config = namedtuple("Config", ["host", "port", "debug"], defaults=[8080, False])

def parse_args(argv):
    opts = {}
    rest = []
    for a in argv:
        if a.startswith("--") and "=" in a:
            k, v = a[2:].split("=", 1)
            opts[k] = v
        else:
            rest.append(a)
    return opts, rest

class LRU:
    def __init__(self, cap):
        self.cap, self.d = cap, OrderedDict()
    def get(self, k):
        if k not in self.d:
            return None
        self.d.move_to_end(k)
        return self.d[k]
    def put(self, k, v):
        self.d[k] = v
        self.d.move_to_end(k)
        if len(self.d) > self.cap:
            print("evict", self.d.popitem(last=False))

@singledispatch
def describe(x):
    return f"thing {x!r}"
@describe.register
def _(x: int):
    return f"int {x}"
@describe.register(list)
def _(x):
    return f"list of {len(x)}"

def main(argv):
    opts, rest = parse_args(argv)
    defaults = {"host": "localhost", "port": "8080"}
    env = {"port": "9000"}
    cfg = ChainMap(opts, env, defaults)
    print(cfg["host"], cfg["port"], len(cfg), sorted(cfg), cfg.maps[0])
    c = Config(cfg["host"])
    print(c, c._replace(debug=True), Config._field_defaults)
    cache = LRU(2)
    for k in "abacd":
        if cache.get(k) is None:
            cache.put(k, k.upper())
    print(list(cache.d.items()), OrderedDict(a=1) == OrderedDict(a=1), repr(OrderedDict([("x", 1)])))
    window = deque(maxlen=3)
    for i in range(6):
        window.append(i)
    window.appendleft(-1); window.rotate(1)
    print(window, list(window), window.maxlen, deque("abc").pop(), len(deque()))
    dd = defaultdict(list)
    for word in "apple avocado banana blueberry cherry".split():
        dd[word[0]].append(word)
    print(dd, dict(dd), dd["z"], sorted(dd))
    print([describe(x) for x in [1, [1, 2], "s"]])
    inv = {"apple": 3, "pear": 0, "fig": 12}
    ranked = sorted(inv.items(), key=itemgetter(1), reverse=True)
    print(ranked, dict(filter(lambda kv: kv[1], inv.items())))
    ops = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv}
    expr = "3 4 + 2 * 7 /".split()
    stack = []
    for tok in expr:
        if tok in ops:
            b, a = stack.pop(), stack.pop()
            stack.append(ops[tok](a, b))
        else:
            stack.append(float(tok))
    print("rpn =", stack)
    t0 = time.perf_counter(); time.sleep(0.01); dt = time.perf_counter() - t0
    print(dt >= 0.009, isinstance(time.time(), float), time.strftime("%Y", time.gmtime(0)), time.monotonic() > 0)
    pow2 = partial(pow, 2)
    print([pow2(i) for i in range(5)], sys.argv[1:], sys.version_info[:2] >= (3, 8), sys.maxsize > 2**31, sys.platform)
    if "--fail" in rest:
        print("failing", file=sys.stderr)
        return 2
    return 0

if __name__ == "__main__":
    code = main(["--host=example.org", "x", "--fail"])
    print("exit code", code)
    try:
        sys.exit(code)
    except SystemExit as e:
        print("SystemExit", e.code)
