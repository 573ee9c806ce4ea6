# itertools as everyday scripts use it.
import itertools
from itertools import (accumulate, chain, combinations, combinations_with_replacement, compress,
                       count, cycle, dropwhile, filterfalse, groupby, islice, pairwise, permutations,
                       product, repeat, starmap, takewhile, tee, zip_longest)
print(list(zip(count(1), "abc")), list(islice(cycle([1, 2]), 5)), list(repeat(0, 3)))
print(list(accumulate([1, 2, 3], initial=10)), list(chain.from_iterable(["ab", "cd"])))
print(list(combinations([1, 2, 3], 2)), len(list(permutations(range(4)))), list(product("ab", repeat=2)))
print(list(combinations_with_replacement("ab", 2)), list(compress(range(5), [1, 0, 1])))
print(list(dropwhile(lambda x: x < 3, [1, 2, 3, 1])), list(takewhile(lambda x: x < 3, [1, 2, 3, 1])))
print(list(filterfalse(None, [0, 1, "", "a"])), list(starmap(max, [(1, 2), (4, 3)])))
rows = [("fruit", "apple"), ("fruit", "pear"), ("veg", "kale")]
for kind, group in groupby(rows, key=lambda r: r[0]):
    print(kind, [name for _, name in group])
print(list(pairwise("abcd")), list(zip_longest("ab", "xyz", fillvalue="?")))
a, b, c = tee(range(3), 3)
print(list(a), list(b), list(c))
it = iter(range(10))
print(list(islice(it, 2, 8, 3)), next(it))
print(next(count(5, 2.5)), repr(count(3)), repr(repeat("x", 2)))
print(list(islice(count(), 3)), list(chain()), list(product()), list(permutations([], 0)))
batches = [list(islice(iter(range(7)), i, i + 3)) for i in range(0, 7, 3)]
print(batches)
try:
    list(islice([1], -1))
except ValueError as e:
    print("ValueError:", e)
