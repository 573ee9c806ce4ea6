from ..geometry import Square
from .. import units as u
