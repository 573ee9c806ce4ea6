def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

d = {"a": 1, "b": 2}
d["c"] = 3; d["a"] = 10; del d["b"]
print(d, len(d), d["a"], d.get("z"), d.get("z", 0), "a" in d, "b" in d, d.setdefault("e", 5), d.setdefault("a", 0), d)
print(list(d), list(d.keys()), list(d.values()), list(d.items()), d.keys(), d.values(), d.items())
print(d.pop("e"), d.pop("zz", "dflt"), d.popitem(), d, d.copy(), d == {"a": 10}, d != {"a": 11}, {1: 2} == {1.0: 2})
d.update({"x": 1}, y=2); d.update([("z", 3)]); d.update(w=4); print(d)
print(dict(a=1), dict([(1, 2), (3, 4)]), dict({"k": "v"}, k2="v2"), dict.fromkeys("ab"), dict.fromkeys([1, 2], 0), dict(zip("ab", [1, 2])))
print({"a": 1} | {"b": 2}, {"a": 1, "b": 0} | {"b": 2}); e = {"a": 1}; e |= {"c": 3}; e |= [("d", 4)]; print(e)
k = {"a": 1, "b": 2, "c": 3}.keys()
print(sorted(k & {"a", "c", "x"}), sorted(k | {"z"}), sorted(k - {"a"}), sorted(k ^ {"a", "q"}), "a" in k, len(k), ("a", 1) in {"a": 1}.items(), k == {"a", "b", "c"}, k.isdisjoint({"q"}))
print(list(reversed({"a": 1, "b": 2})), list(reversed({"a": 1, "b": 2}.items())), {1: "x"}.values(), 2 in {1: 2}.values())
r = {}; r["self"] = r; print(r)
print({1: 1, True: 2, 1.0: 3}, {(1, 2): "t"}[(1, 2)], {None: 0}[None], dict(), {}.keys())
it = iter({"a": 1, "b": 2}); print(next(it), list(it))
big = {i: i * i for i in range(20)}
for i in range(0, 20, 2):
    del big[i]
print(big, sum(big.values()))
t(lambda: {}["x"])
t(lambda: {}[1, 2])
t(lambda: {}.pop("x"))
t(lambda: {}.popitem())
t(lambda: {[]: 1})
t(lambda: dict([1, 2]))
t(lambda: dict([(1, 2, 3)]))
t(lambda: {"a": 1} | [1])
t(lambda: hash({}))
t(lambda: {}.get())
def change():
    x = {1: 1}
    for k in x:
        x[k + 1] = 1
t(change)
def delete():
    x = {1: 1, 2: 2}
    for k in x:
        del x[k]
t(delete)
