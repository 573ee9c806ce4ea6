# Differential test: generated cases (seeded, so CPython generates the same ones) compared with python3's output.
import random, re
random.seed(12345)
ATOMS = ["a", "b", "c", ".", "\\d", "\\w", "\\s", "[ab]", "[^a]", "[a-c]", "x", "\\b", "^", "$", "(?:ab)", "\\.", " "]
def gen(depth=0):
    r = random.random()
    if depth > 3 or r < 0.3:
        return random.choice(ATOMS)
    if r < 0.45:
        return gen(depth + 1) + gen(depth + 1)
    if r < 0.55:
        return gen(depth + 1) + "|" + gen(depth + 1)
    if r < 0.7:
        return "(" + gen(depth + 1) + ")"
    if r < 0.75:
        return "(?P<n%d>" % depth + gen(depth + 1) + ")"
    if r < 0.82:
        q = random.choice(["*", "+", "?", "{2}", "{1,3}", "{,2}", "*?", "+?", "??", "{1,2}?"])
        a = random.choice(["a", "b", "(?:ab)", "[abc]", "(a|b)", ".", "\\w"])
        return a + q
    if r < 0.86:
        return "(?=" + gen(depth + 1) + ")"
    if r < 0.9:
        return "(?!" + gen(depth + 1) + ")"
    if r < 0.93:
        return "(?<=" + random.choice(["a", "b", "ab", "\\d"]) + ")"
    if r < 0.96:
        return "(a)\\1" if depth == 0 else "a"
    return "(?>" + gen(depth + 1) + ")"
TEXTS = ["", "a", "ab", "abc", "aabbcc", "a b c", "xaxbx", "123 abc", "ab\nba", "cab. bac aab", "aaaa", "ba ab 9a"]
bad = 0
for i in range(1000):
    p = gen()
    try:
        rx = re.compile(p, random.choice([0, 0, re.I, re.M, re.S]))
    except re.error as e:
        print(i, repr(p), "error", e)
        continue
    t = random.choice(TEXTS)
    m = rx.search(t)
    out = [repr(p)]
    out.append(m and (m.span(), m.groups(), m.lastindex))
    out.append(rx.findall(t))
    out.append(rx.sub("<\\g<0>>", t))
    out.append(rx.split(t))
    fm = rx.fullmatch(t)
    out.append(fm and fm.span())
    print(i, *out)
