# Differential test: generated cases (seeded, so CPython generates the same ones) compared with python3's output.
import random, json
random.seed(77)
def gen(d=0):
    r = random.random()
    if d > 3 or r < 0.4:
        return random.choice([0, -1, 10**20, 1.5, -0.0, 1e-9, 3.14159, True, False, None, "", "a\"b", "é\n", "\u2603", 2**63, 1e300])
    if r < 0.7:
        return [gen(d + 1) for _ in range(random.randint(0, 3))]
    return {random.choice(["k", "a", "ü", "z z", "1"]) + str(i): gen(d + 1) for i in range(random.randint(0, 3))}
for i in range(400):
    v = gen()
    opts = random.choice([{}, {"indent": 2}, {"sort_keys": True}, {"ensure_ascii": False}, {"separators": (",", ":")}, {"indent": "\t", "sort_keys": True}, {"indent": 0}])
    s = json.dumps(v, **opts)
    print(i, s)
    assert json.loads(s) == v or v != v
    # Corrupt it.
    if s:
        k = random.randrange(len(s))
        bad = s[:k] + random.choice(["", ",", "}", "]", "\"", ":", "x", "\\"]) + s[k + 1:]
        try:
            print(" ->", repr(json.loads(bad)))
        except json.JSONDecodeError as e:
            print(" ->", e)
