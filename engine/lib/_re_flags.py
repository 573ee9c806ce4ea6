"""Turns the native re module's flag constants into members of `re.RegexFlag`, an IntFlag
shown as CPython shows it (`re.IGNORECASE`, `re.IGNORECASE|re.MULTILINE`). Imported by the
interpreter the first time a program imports re."""

import enum
import re


class RegexFlag(enum.IntFlag, boundary=enum.KEEP):
    __module__ = "re"
    NOFLAG = 0
    ASCII = A = re.ASCII
    IGNORECASE = I = re.IGNORECASE
    LOCALE = L = re.LOCALE
    UNICODE = U = re.UNICODE
    MULTILINE = M = re.MULTILINE
    DOTALL = S = re.DOTALL
    VERBOSE = X = re.VERBOSE
    TEMPLATE = T = re.TEMPLATE
    DEBUG = re.DEBUG
    _numeric_repr_ = hex

    def __str__(self):
        return self.__repr__()


enum.global_enum(RegexFlag)
re.RegexFlag = RegexFlag
