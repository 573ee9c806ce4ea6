# Packages: __init__ runs first, submodules bind on their parent, relative imports inside.
import shapes
print(shapes.area(shapes.Square(3)), shapes.DEFAULT, shapes.__package__, shapes.__name__)
print(isinstance(shapes.__path__, list), shapes.__path__[0].endswith("shapes"))
print(shapes.__file__.endswith("shapes/__init__.py"), shapes.__doc__)
print(hasattr(shapes, "geometry"), hasattr(shapes, "colors"))
import shapes.solid.cube as cube
print(cube.volume(shapes.Square(2)), cube.where())
print(shapes.solid.cube is cube, shapes.solid.Square is shapes.Square, shapes.solid.u.FACTOR)
from shapes import colors
print(colors.RED, shapes.colors is colors)
from shapes.geometry import Square as Sq, area
print(Sq(5), area(Sq(5)))
import shapes.units
shapes.units.FACTOR = 10
print(shapes.area(shapes.Square(1)))
from shapes.solid import cube as c2
print(c2 is cube)
import nsdir.inner.mod
print(nsdir.inner.mod.VALUE, nsdir.__file__, list(nsdir.__path__)[0].endswith("nsdir"))
import importlib
print(importlib.import_module("shapes.geometry") is shapes.geometry)
print(importlib.import_module(".units", "shapes") is shapes.units)
print(importlib.import_module("..geometry", "shapes.solid").Square is shapes.Square)
print(__import__("shapes.solid").__name__, __import__("shapes.solid", fromlist=["x"]).__name__)
