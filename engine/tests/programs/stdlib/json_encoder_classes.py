import json
from json import JSONEncoder, JSONDecoder

class Money:
    def __init__(self, amount, cur):
        self.amount, self.cur = amount, cur

class MoneyEncoder(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, Money):
            return {"amount": o.amount, "currency": o.cur}
        if isinstance(o, set):
            return sorted(o)
        return super().default(o)

print(json.dumps({"price": Money(9.5, "EUR"), "tags": {"x", "a"}}, cls=MoneyEncoder))
print(json.dumps([Money(1, "USD")], cls=MoneyEncoder, indent=2, sort_keys=True))
print(MoneyEncoder(indent=1).encode({"m": Money(2, "GBP")}))
try:
    json.dumps({"o": object()}, cls=MoneyEncoder)
except TypeError as e:
    print("TypeError:", e)
enc = json.JSONEncoder(sort_keys=True, separators=(",", "="))
print(enc.encode({"b": 1, "a": [1, 2]}), "".join(enc.iterencode([1, 2])), enc.item_separator, enc.key_separator)
dec = json.JSONDecoder(object_hook=lambda d: {k.upper(): v for k, v in d.items()})
print(dec.decode('{"a": {"b": 1}}'), dec.raw_decode('[1, 2] trailing'), json.JSONDecoder().raw_decode('{"x": 1}   ', 0))
class MyDecoder(json.JSONDecoder):
    def __init__(self, **kw):
        super().__init__(object_pairs_hook=lambda pairs: dict(sorted(pairs)), **kw)
print(json.loads('{"z": 1, "a": 2}', cls=MyDecoder))
print(issubclass(MoneyEncoder, JSONEncoder), JSONDecoder.__module__, JSONEncoder.__module__)
try:
    json.JSONDecoder().decode("[1,")
except json.JSONDecodeError as e:
    print(e)
