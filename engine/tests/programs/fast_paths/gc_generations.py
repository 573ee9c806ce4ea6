# Cycles are reclaimed whichever generation they reach, and short-lived containers do not
# disturb them.
import gc

freed = []


class Node:
    def __init__(self, i):
        self.i = i
        self.other = None

    def __del__(self):
        freed.append(self.i)


keep = []
for i in range(3000):
    a, b = Node(i), Node(-i)
    a.other, b.other = b, a          # a cycle, garbage once the names move on
    if i % 100 == 0:
        keep.append(a)               # survives: referenced from outside
    scratch = [[j] for j in range(5)]  # short-lived containers
gc.collect()
print(len(freed) >= 2 * (3000 - 30) - 2, len(keep), all(n.other.other is n for n in keep))
del keep
gc.collect()
print(len(freed))
s = {1}
s.add(frozenset([s and 2]))
print(len(s))
