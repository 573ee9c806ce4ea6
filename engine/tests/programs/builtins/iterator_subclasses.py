class E(enumerate):
    pass
e = E("ab")
print(type(e).__name__, list(e))
class Z(zip):
    def __next__(self):
        return ("z",) + super().__next__()
print(list(Z("ab", "cd")))
print(type(enumerate) is type, enumerate.__name__, isinstance(enumerate("a"), enumerate), type(iter(int, 1)).__name__)
print(repr(map).startswith("<class"), callable(filter))
