# from x import *: public names, or __all__ (submodules named there are imported).
from star_mod import *
print(public, helper(), "_private" in globals(), "_h" in globals())
from star_all import *
print(exported, _also, "hidden" in globals())
from shapes import *
print(area(Square(2)), DEFAULT, colors.RED, "units" in globals())
