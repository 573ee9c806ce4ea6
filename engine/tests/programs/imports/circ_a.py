print("circ_a: start")
import circ_b
def from_a():
    return "a"
print("circ_a: end", circ_b.from_b())
