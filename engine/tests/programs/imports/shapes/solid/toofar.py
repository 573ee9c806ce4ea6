from ... import helpers
