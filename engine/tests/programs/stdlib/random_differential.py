# Differential test: generated cases (seeded, so CPython generates the same ones) compared with python3's output.
import random
random.seed(2024)
out = []
for i in range(2000):
    k = random.randrange(12)
    if k == 0: out.append(random.randrange(1, 10**random.randint(1, 40)))
    elif k == 1: out.append(random.randint(-10**random.randint(0, 25), 10**random.randint(0, 25)))
    elif k == 2: out.append(random.sample(range(random.randint(1, 3000)), random.randint(0, 1)))
    elif k == 3: n = random.randint(1, 500); out.append(random.sample(list(range(n)), random.randint(0, min(n, 40))))
    elif k == 4: out.append(random.choices("abcdef", weights=[random.random() for _ in range(6)], k=5))
    elif k == 5: out.append(random.getrandbits(random.randint(0, 200)))
    elif k == 6: out.append(round(random.gammavariate(random.uniform(0.1, 5), 2), 9))
    elif k == 7: out.append(round(random.betavariate(random.uniform(0.5, 3), random.uniform(0.5, 3)), 9))
    elif k == 8: out.append(round(random.vonmisesvariate(1, random.uniform(0, 4)), 9))
    elif k == 9: out.append(random.randrange(-100, 100, random.choice([1, 3, 11])) if True else 0)
    elif k == 10: x = list(range(random.randint(0, 30))); random.shuffle(x); out.append(x)
    else: out.append((round(random.normalvariate(5, 2), 9), round(random.lognormvariate(0, 0.5), 9), round(random.weibullvariate(1, 1.5), 9), round(random.paretovariate(2), 9)))
for o in out: print(o)
