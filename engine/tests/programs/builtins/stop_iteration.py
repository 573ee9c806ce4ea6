def f(x):
    if x == 3:
        raise StopIteration
    return x
print(sorted(map(f, [5, 1, 3, 2])), list(map(f, [5, 1, 3, 2])), sum(map(f, [1, 2, 3, 4])))
print(min(map(f, [5, 1, 3, 0])), any(map(f, [0, 3, 1])), list(zip(map(f, [1, 3]), "ab")))
class E:
    def __iter__(self):
        return self
    def __next__(self):
        raise ValueError("inner")
try:
    list(enumerate(E()))
except ValueError as e:
    print("ValueError", e)
try:
    sorted(E())
except ValueError as e:
    print("ValueError", e)
print(list(iter(iter([1, 2]).__next__, 2)))
