# Circular imports: the partially initialized module is visible; a from-import of a name
# not yet defined fails with CPython's message.
import circ_a
print(circ_a.from_a(), circ_a.circ_b.from_b())
import sys
try:
    import circ_c
except ImportError as e:
    print(type(e).__name__, str(e).rsplit(" (", 1)[0], e.name)
print("circ_c" in sys.modules, "circ_d" in sys.modules)
