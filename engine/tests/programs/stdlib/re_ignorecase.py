# IGNORECASE: Unicode simple case classes (KELVIN SIGN, long s, final sigma, titlecase digraphs), ASCII-only folding with re.ASCII.
import re
pairs = [("k", "K"), ("k", "\u212a"), ("s", "\u017f"), ("\u00b5", "\u03bc"), ("i", "\u0130"), ("i", "\u0131"), ("ǅ", "ǆ"), ("ǅ", "Ǆ"), ("σ", "ς"), ("Σ", "ς"), ("ß", "ẞ"), ("é", "É"), ("ω", "Ω"), ("a", "A")]
for a, b in pairs:
    print(repr(a), repr(b), bool(re.fullmatch(a, b, re.I)), bool(re.fullmatch("[" + a + "]", b, re.I)), bool(re.fullmatch("[" + a + "-" + a + "]", b, re.I)), bool(re.fullmatch(a, b, re.I | re.A)))
print(re.findall(r"(?i)[a-z]+", "Hello ÉCOLE World"), re.findall(r"(?i)\w+", "ÉCOLE"), re.sub("(?i)é", "e", "Élan éclair"))
print(re.findall(r"(?i)(\w)\1", "aA bB cc Dd"))
