__all__ = ["exported", "_also"]
exported = "e"
_also = "a"
hidden = "h"
