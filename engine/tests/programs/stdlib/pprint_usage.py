import pprint
from pprint import pformat, pp, PrettyPrinter
from collections import OrderedDict, defaultdict, Counter, deque, ChainMap
from dataclasses import dataclass, field

data = {
    'name': 'Widget Pro',
    'tags': ['tools', 'hardware', 'sale', 'featured', 'new-arrival', 'limited', 'bestseller'],
    'dimensions': {'width': 12.5, 'height': 4.25, 'depth': 3.0, 'unit': 'cm'},
    'prices': [(1, 19.99), (10, 17.49), (100, 14.99)],
    'available': True,
    'supplier': None,
    'ratings': {5: 120, 4: 45, 3: 12, 2: 3, 1: 7},
}
pprint.pprint(data)
pprint.pprint(data, width=40)
pprint.pprint(data, indent=4, width=60)
pprint.pprint(data, depth=1)
pprint.pprint(data, depth=2, width=50)
pprint.pprint(data, sort_dicts=False, width=70)
pp(data, width=50)
print(pformat(list(range(40)), width=40))
print(pformat(list(range(40)), width=40, compact=True))
print(pformat([list(range(8)) for _ in range(4)], width=30, compact=True))
print(pformat({'k': 'a fairly long string value that will need to be wrapped across several lines because it is long'}))
print(pformat('word ' * 30, width=40))
print(pformat(['x' * 30, 'y' * 30, ('z',) * 5], width=30))
print(pformat({1, 2, 3, 'a'} if False else {3, 1, 2}), pformat(set()), pformat(frozenset({5, 4})))
print(pformat(set(range(30)), width=30))
print(pformat(frozenset(range(20)), width=30))
print(pformat((1,)), pformat(()), pformat([]), pformat({}), pformat((1, 2)))
print(pformat(tuple(range(25)), width=30))
nested = {'level1': {'level2': {'level3': {'level4': ['deep', 'values', 'here'] * 3}}}}
pprint.pprint(nested, width=50)
pprint.pprint(nested, depth=3)
rec = [1, 2]
rec.append(rec)
import re
print(re.sub(r'id=\d+', 'id=N', pformat(rec)))
print(pprint.isrecursive(rec), pprint.isreadable(data), pprint.isreadable(rec), pprint.saferepr({'b': 1, 'a': [2, 3]}))
print(pformat(OrderedDict([('b', 1), ('a', 2)])), pformat(OrderedDict((str(i) * 5, i) for i in range(10)), width=40))
dd = defaultdict(list)
for w in 'apple avocado banana blueberry cherry cranberry date'.split():
    dd[w[0]].append(w)
pprint.pprint(dd, width=40)
c = Counter('the quick brown fox jumps over the lazy dog and then some more text here')
pprint.pprint(c, width=40)
pprint.pprint(deque(range(30)), width=40)
pprint.pprint(deque(range(30), maxlen=40), width=40)
pprint.pprint(ChainMap({'a': 1, 'b': 2} , {'c' * 20: 3, 'd' * 20: 4}), width=40)


@dataclass
class Point:
    x: float
    y: float
    label: str = 'origin'
    history: list = field(default_factory=list)


p = Point(1.5, 2.5, 'a rather long label for this point', [Point(0, 0), Point(1, 1)])
pprint.pprint(p)
pprint.pprint(p, width=40)
pr = PrettyPrinter(indent=2, width=30)
pr.pprint(data['tags'])
print(pr.pformat({'x': list(range(12))}))
print(pformat(10 ** 12, underscore_numbers=True), pformat([10 ** 6, 2 ** 40], underscore_numbers=True))
print(pformat(b'binary data that goes on and on and on and on and on and on', width=30))
records = [{'id': i, 'name': f'user{i}', 'email': f'user{i}@example.com', 'active': i % 2 == 0} for i in range(3)]
pprint.pprint(records)
pprint.pprint(records, width=120)
for bad in [dict(indent=-1), dict(depth=0), dict(width=0)]:
    try:
        PrettyPrinter(**bad)
    except ValueError as e:
        print('ValueError:', e)
