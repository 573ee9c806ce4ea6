import random
random.seed("hello")
print(random.random(), random.randint(1, 100))
random.seed(b"bytes seed")
print(random.random())
random.seed(3.5)
print(random.random())
random.seed(-1.5)
print(random.random())
random.seed(True)
print(random.random())
random.seed(12345)
print(random.getrandbits(0), random.getrandbits(1), random.getrandbits(33), random.getrandbits(100), random.getrandbits(64))
print(random.randrange(10**30), random.randrange(-10, 10, 3), random.randrange(10, -10, -3), random.randrange(5))
print(random.sample(range(10000), 10))
print(random.sample(["a", "b", "c"], k=3, counts=None), random.sample(["x", "y"], counts=[3, 2], k=4))
print(random.choices(range(5), cum_weights=[1, 2, 3, 4, 5], k=5))
print([round(random.normalvariate(10, 2), 10) for _ in range(3)])
print([round(random.gauss(), 10) for _ in range(3)])
print(round(random.betavariate(2, 3), 10), round(random.gammavariate(0.5, 1), 10), round(random.gammavariate(3, 2), 10))
print(round(random.lognormvariate(0, 1), 10), round(random.vonmisesvariate(1, 2), 10), round(random.paretovariate(3), 10), round(random.weibullvariate(1, 2), 10))
print(random.triangular(1, 5, 2), random.randbytes(5))
r = random.Random()
r.seed(5)
print(r.random(), type(r).__name__, isinstance(r, random.Random))
class MyRandom(random.Random):
    def pick(self):
        return self.randint(1, 6)
m = MyRandom(5)
print(m.random(), m.pick(), type(m).__name__)
s = r.getstate()
print(s[0], len(s[1]), s[2])
for bad in [lambda: random.choice([]), lambda: random.randrange(0), lambda: random.randrange(5, 5), lambda: random.randint(5, 1),
            lambda: random.randrange(1, 10, 0), lambda: random.sample([1, 2], 3), lambda: random.sample({1, 2}, 1),
            lambda: random.getrandbits(-1), lambda: random.choices([1, 2], [1]), 
            lambda: random.seed([1]), lambda: random.randrange(10, step=2), lambda: random.choices([1], weights=[0])]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
x = [1, 2, 3, 4, 5]
random.seed(9)
random.shuffle(x)
print(x)
