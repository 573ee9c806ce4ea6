# Importing a sibling module: runs once, cached in sys.modules, aliases, from-imports.
import sys
import helpers
import helpers
import helpers as h
from helpers import greet, bump
print(helpers.greet("world"), h is helpers, greet is helpers.greet)
print(bump(), bump(), helpers.counter, h.counter)
print(sys.modules["helpers"] is helpers, "helpers" in sys.modules)
print(helpers.__name__, helpers.__file__.endswith("imports/helpers.py"), helpers.__package__ == "")
print(helpers.__doc__)
print(helpers._private, type(helpers).__name__)
print(__name__)
if __name__ == "__main__":
    print("main guard taken")
import math, helpers as again
print(again is helpers, math.sqrt(16))
def late():
    import helpers as inner
    from helpers import counter
    return inner.bump(), counter
print(late())
