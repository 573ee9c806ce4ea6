def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

a = [5, 3, 1]
a.append(4); a.extend([9, 0]); a.extend(range(2)); a.insert(1, 7); a.insert(-1, 8); a.insert(100, 6)
print(a, len(a), a.pop(), a.pop(0), a.pop(-2), a, a.index(9), a.count(1), 9 in a, 42 in a)
a.remove(1); a.reverse(); print(a, a.copy() == a, a.copy() is a)
a.sort(); print(a); a.sort(reverse=True); print(a); a.sort(key=lambda x: (x % 3, x)); print(a)
words = ["banana", "Apple", "cherry", "apple", "Banana"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len, reverse=True), sorted([(1, "b"), (1, "a"), (0, "z")]))
b = list(range(10))
b[2:5] = ["x"]; print(b)
b[::2] = "ABCDE"[:len(b[::2])]; print(b)
del b[1::3]; print(b)
b[1:1] = [100, 200]; print(b)
b[-1] = "last"; del b[0]; print(b, b[1:-1], b[::-1], b[-2:])
c = [1, 2]; c += (3, 4); c *= 2; print(c, [0] * 3, 2 * [1, 2], [1, 2] + [3], [[]] * 2)
print([1, 2, 3] < [1, 2, 4], [1, 2] < [1, 2, 0], [1, [2]] == [1, [2]], [] == [], [1] != [1.0], [3] > [2, 9], [1, 2] <= [1, 2])
d = [1, 2]; d.append(d); print(d, repr(d))
print(list("abc"), list((1, 2)), list({"k": 1}), list(range(3)), list(), list(reversed([1, 2, 3])), [1, 2].__reversed__().__next__())
e = [3, 1, 2]; e.clear(); print(e, [x * 2 for x in [1, 2]], list(map(str, [1, 2])))
t(lambda: [].pop())
t(lambda: [1].pop(5))
t(lambda: [1][3])
t(lambda: [1]["a"])
t(lambda: [1].remove(2))
t(lambda: [1].index(2))
t(lambda: [1, "a"].sort())
t(lambda: [1] + (2,))
t(lambda: [1] * 1.5)
t(lambda: hash([]))
t(lambda: [].append())
t(lambda: [].copy(1))
t(lambda: [].sort(1))
t(lambda: [].sort(foo=1))
t(lambda: [].insert(1))
t(lambda: list(5))
def setitem():
    x = [1, 2, 3]
    x[::2] = [1]
def mutate():
    x = [3, 2, 1]
    x.sort(key=lambda v: x.append(v) or v)
def assign_out():
    x = []
    x[0] = 1
t(setitem)
t(mutate)
t(assign_out)
