# Simulations with seeded random: dice, Monte Carlo, shuffling a deck, weighted picks, walks.
import random

random.seed(2023)
rolls = [random.randint(1, 6) + random.randint(1, 6) for _ in range(1000)]
hist = {total: rolls.count(total) for total in range(2, 13)}
for total, n in hist.items():
    print(f"{total:2} {'#' * (n // 10)} {n}")

random.seed(7)
inside = 0
N = 20000
for _ in range(N):
    x, y = random.random(), random.random()
    if x * x + y * y <= 1.0:
        inside += 1
print("pi ~", 4 * inside / N)

suits = "SHDC"
ranks = ["2", "3", "4", "5", "6", "7", "8", "9", "10", "J", "Q", "K", "A"]
deck = [r + s for s in suits for r in ranks]
rng = random.Random(42)
rng.shuffle(deck)
hands = [deck[i * 5:(i + 1) * 5] for i in range(4)]
for h in hands:
    print(" ".join(h))
print(rng.sample(deck, 3), rng.choice(deck))

rng2 = random.Random("seed as text")
loot = rng2.choices(["common", "rare", "epic", "legendary"], weights=[70, 20, 9, 1], k=20)
print(loot, {k: loot.count(k) for k in sorted(set(loot))})

random.seed(99)
position = 0
path = []
for step in range(20):
    position += random.choice((-1, 1))
    path.append(position)
print(path, max(path), min(path))

random.seed(123)
samples = [random.gauss(100, 15) for _ in range(2000)]
mean = sum(samples) / len(samples)
var = sum((s - mean) ** 2 for s in samples) / (len(samples) - 1)
print(round(mean, 6), round(var ** 0.5, 6))
print([round(random.expovariate(0.5), 6) for _ in range(3)], [round(random.uniform(-1, 1), 6) for _ in range(3)])
state = random.getstate()
a = [random.randrange(0, 1000, 7) for _ in range(5)]
random.setstate(state)
b = [random.randrange(0, 1000, 7) for _ in range(5)]
print(a, a == b)
print(random.sample(range(1, 50), 6), sorted(random.sample(range(10 ** 9), 4)))
population = ["red", "blue"]
print(random.sample(population, counts=[3, 2], k=5))
random.seed(5)
queue = list(range(10))
random.shuffle(queue)
print(queue, random.getrandbits(40), random.randbytes(4).hex())
