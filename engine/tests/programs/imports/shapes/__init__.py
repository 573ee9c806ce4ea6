"""A package of shapes."""
print("shapes: init", __name__, __package__)
from .geometry import area, Square
from . import units
DEFAULT = Square(2)
__all__ = ["area", "Square", "DEFAULT", "colors"]
