import re
for n in [100, 150, 1000]:
    try:
        print(n, bool(re.compile("(?:" * n + "a" + ")" * n).match("a")))
    except Exception as e:
        print(n, type(e).__name__, e)
try:
    print(bool(re.compile("(" * 50 + "a" + ")" * 50).match("a")))
except Exception as e:
    print(type(e).__name__, e)
