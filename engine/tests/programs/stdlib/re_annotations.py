import re

def first_word(p: re.Pattern[str], text: str) -> "re.Match[str] | None":
    return p.search(text)

WORD: re.Pattern[str] = re.compile(r"[A-Za-z]+")
m = first_word(WORD, "  42 hello world")
print(m, isinstance(m, re.Match), isinstance(WORD, re.Pattern), type(m).__name__, type(WORD).__name__)
print(m.__copy__() is m, WORD.__deepcopy__({}) is WORD)
