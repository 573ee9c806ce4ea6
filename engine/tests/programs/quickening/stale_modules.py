# Module attributes rebound and deleted after LOAD_ATTR_MODULE specialized.
import math
def rd(): return math.pi
def cl(x): return math.sqrt(x)
for _ in range(100): rd(); cl(4.0)
print(rd(), cl(9.0))
math.pi = 3
math.sqrt = lambda x: "patched"
print(rd(), cl(9.0))
del math.pi
try: rd()
except AttributeError as e: print("AE", e)
math.pi = 4
print(rd())
