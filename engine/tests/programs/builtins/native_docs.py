# Docstrings and text signatures of built-in functions, methods, classes and module functions.
import math
print(len.__doc__)
print(len.__text_signature__, list.append.__text_signature__, [].pop.__text_signature__)
print(math.sqrt.__doc__, math.sqrt.__text_signature__)
print(str.join.__doc__)
print(list.__doc__)
print(ValueError.__doc__)
print(dict.fromkeys.__doc__)
print(sorted.__text_signature__)
