# RecursionError from Python recursion and from recursion through Rust (no crash).
import sys
def f(n): return f(n + 1)
try:
    f(0)
except RecursionError as e:
    print("RecursionError:", e)
class R:
    def __repr__(self): return repr(self)
try:
    repr(R())
except RecursionError as e:
    print("RecursionError caught")
class E:
    def __eq__(self, o): return self == o
try:
    E() == E()
except RecursionError as e:
    print("RecursionError caught")
class G:
    def __getattr__(self, name): return self.missing
try:
    G().x
except RecursionError as e:
    print("RecursionError:", e)
l = []
for i in range(100000):
    l = [l]
try:
    repr(l)
except RecursionError as e:
    print("RecursionError:", e)
def k(x): return sorted([1, 2], key=k)
try:
    k(1)
except RecursionError as e:
    print("RecursionError:", e)
sys.setrecursionlimit(10000)
def deep(n): return 0 if n == 0 else 1 + deep(n - 1)
print(deep(5000))
class H:
    def __hash__(self): return hash(self)
try:
    hash(H())
except RecursionError as e:
    print("RecursionError caught")
print("survived")
