from .units import scale


class Square:
    def __init__(self, side):
        self.side = side

    def __repr__(self):
        return f"Square({self.side})"


def area(shape):
    return scale(shape.side * shape.side)
