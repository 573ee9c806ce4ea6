# What goes wrong, as CPython reports it.
import sys
def show(e):
    text = str(e)
    if text.endswith(".py)"):
        text = text.rsplit(" (", 1)[0]
    print(type(e).__name__ + ":", text, "| name =", e.name)
for stmt in ["import nope", "import nope.sub", "import helpers.sub", "import shapes.nope",
             "from helpers import nope", "from shapes import nope", "from . import x",
             "from .helpers import greet", "import shapes.solid.toofar", "from shapes import *, x"]:
    try:
        exec(stmt)
    except SyntaxError as e:
        print("SyntaxError:", e.msg)
    except ImportError as e:
        show(e)
try:
    import shapes.broken
except SyntaxError as e:
    print("SyntaxError:", e.msg, e.filename.endswith("shapes/broken.py"), e.lineno, repr(e.text))
for attempt in range(2):
    try:
        import shapes.raises
    except ValueError as e:
        print(attempt, "ValueError:", e, "shapes.raises" in sys.modules, hasattr(sys.modules["shapes"], "raises"))
try:
    __import__("")
except ValueError as e:
    print("ValueError:", e)
try:
    import importlib
    importlib.import_module(".units")
except TypeError as e:
    print("TypeError:", e)
sys.modules["blocked"] = None
try:
    import blocked
except ImportError as e:
    show(e)
import nope_at_the_end
