import random
class Dice(random.Random):
    def __init__(self, sides, seed=None):
        super().__init__(seed)
        self.sides = sides
    def roll(self):
        return self.randint(1, self.sides)
d = Dice(20, seed=3)
print([d.roll() for _ in range(5)], d.sides)
print(random.Random.__name__, random.Random.__module__)
r = random.Random(1)
print(r.getstate() == random.Random(1).getstate())
class Loaded(random.Random):
    """A generator with a memory of what it rolled."""
    def __init__(self, seed):
        super().__init__(seed)
        self.history = []
    def roll(self):
        value = self.choice([1, 2, 3, 4, 5, 6, 6, 6])
        self.history.append(value)
        return value
g = Loaded("table 7")
print([g.roll() for _ in range(8)], g.history == [v for v in g.history], isinstance(g, random.Random))
g.seed(11)
print(g.random(), g.sample(range(20), 4), type(g).__name__)
