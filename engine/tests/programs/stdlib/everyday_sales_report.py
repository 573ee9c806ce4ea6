from collections import Counter, defaultdict, namedtuple
DATA = """date,region,product,qty,price
2024-01-03,north,widget,3,2.50
2024-01-04,south,gadget,1,10.00
2024-01-04,north,gadget,2,10.00
2024-01-05,east,widget,10,2.45
2024-01-06,south,widget,4,2.50
2024-02-01,north,doohickey,7,1.25
2024-02-02,east,gadget,1,9.99
"""
Row = namedtuple("Row", "date region product qty price")
lines = DATA.strip().splitlines()
header = lines[0].split(",")
rows = [Row(*l.split(",")) for l in lines[1:]]
rows = [r._replace(qty=int(r.qty), price=float(r.price)) for r in rows]
print(header, len(rows))
print(rows[0])
by_region = defaultdict(float)
by_month = defaultdict(lambda: defaultdict(int))
products = Counter()
for r in rows:
    by_region[r.region] += r.qty * r.price
    by_month[r.date[:7]][r.product] += r.qty
    products[r.product] += r.qty
print(f"{'Region':<10}|{'Revenue':>10}")
print("-" * 21)
for region, rev in sorted(by_region.items(), key=lambda kv: -kv[1]):
    print(f"{region:<10}|{rev:>10,.2f}")
print(f"{'TOTAL':<10}|{sum(by_region.values()):>10.2f}")
for month in sorted(by_month):
    items = ", ".join(f"{p}={q}" for p, q in sorted(by_month[month].items()))
    print(f"{month}: {items}")
print(products.most_common(2))
print(products)
print(dict(by_month["2024-01"]))
c2 = Counter("mississippi")
print(c2, c2["s"], c2["z"])
print(c2 + Counter("sip"), c2 - Counter("ssss"))
print(list(c2.elements())[:5], c2.total())
print("{:>8.3%}".format(0.12345), "{:+d}".format(5), "{:^9}".format("mid"), "{:08.2f}".format(-3.14159))
print("{0:x} {0:#o} {0:b} {0:#X}".format(255), f"{1234567:_}", f"{1e6:g}", f"{0.000012345:.3e}")
print("%5s|%-5s|%05d|%.2f|%x|%r" % ("a", "b", 42, 2.345, 255, "q"))
print(f"{'x'!r:>6}", f"{3.0!s}", f"{[1,2]=}")
total = sum(r.qty for r in rows)
print(f"avg qty {total/len(rows):.3f}; max {max(rows, key=lambda r: r.qty).product}")
