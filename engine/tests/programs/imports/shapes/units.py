FACTOR = 1
def scale(x):
    return x * FACTOR
