print("circ_b: start")
import circ_a
print("circ_b sees circ_a partially:", hasattr(circ_a, "from_a"))
def from_b():
    return "b"
