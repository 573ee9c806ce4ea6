"""A collection of string constants, Template strings and capwords."""

__all__ = ["ascii_letters", "ascii_lowercase", "ascii_uppercase", "capwords", "digits",
           "hexdigits", "octdigits", "printable", "punctuation", "whitespace",
           "Formatter", "Template"]

whitespace = " \t\n\r\x0b\x0c"
ascii_lowercase = "abcdefghijklmnopqrstuvwxyz"
ascii_uppercase = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ascii_letters = ascii_lowercase + ascii_uppercase
digits = "0123456789"
hexdigits = digits + "abcdef" + "ABCDEF"
octdigits = "01234567"
punctuation = r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"""
printable = digits + ascii_letters + punctuation + whitespace


def capwords(s, sep=None):
    """capwords(s [,sep]) -> string

Split the argument into words using split, capitalize each word using capitalize, and
join the capitalized words using join."""
    return (sep or " ").join(map(str.capitalize, s.split(sep)))


_ID_START = set("_" + ascii_letters)
_ID_CONTINUE = _ID_START | set(digits)


class Template:
    """A string class for supporting $-substitutions."""

    delimiter = "$"
    braceidpattern = None
    flags = None

    def __init__(self, template):
        self.template = template

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)

    # Each piece: ("text", s) | ("named", name, start) | ("escaped",) | ("invalid", start)
    def _scan(self):
        template = self.template
        delim = self.delimiter
        n = len(template)
        i = 0
        text_start = 0
        while True:
            j = template.find(delim, i)
            if j < 0:
                break
            if j > text_start:
                yield ("text", template[text_start:j])
            k = j + len(delim)
            if template.startswith(delim, k):
                yield ("escaped",)
                i = text_start = k + len(delim)
                continue
            if k < n and template[k] == "{":
                end = k + 1
                while end < n and template[end] in (_ID_START if end == k + 1 else _ID_CONTINUE):
                    end += 1
                if end > k + 1 and end < n and template[end] == "}":
                    yield ("named", template[k + 1:end], j)
                    i = text_start = end + 1
                    continue
                yield ("invalid", j)
                i = text_start = k
                continue
            end = k
            while end < n and template[end] in (_ID_START if end == k else _ID_CONTINUE):
                end += 1
            if end > k:
                yield ("named", template[k:end], j)
                i = text_start = end
                continue
            yield ("invalid", j)
            i = text_start = k
        if text_start < n:
            yield ("text", template[text_start:])

    def _invalid(self, index):
        lines = self.template[:index].splitlines(keepends=True)
        if not lines:
            colno = 1
            lineno = 1
        else:
            colno = index - len("".join(lines[:-1]))
            lineno = len(lines)
        raise ValueError(f"Invalid placeholder in string: line {lineno}, col {colno}")

    def substitute(self, mapping=None, /, **kws):
        if mapping is None:
            mapping = kws
        elif kws:
            mapping = _ChainMap(kws, mapping)
        out = []
        for piece in self._scan():
            kind = piece[0]
            if kind == "text":
                out.append(piece[1])
            elif kind == "escaped":
                out.append(self.delimiter)
            elif kind == "named":
                out.append(str(mapping[piece[1]]))
            else:
                self._invalid(piece[1])
        return "".join(out)

    def safe_substitute(self, mapping=None, /, **kws):
        if mapping is None:
            mapping = kws
        elif kws:
            mapping = _ChainMap(kws, mapping)
        out = []
        template = self.template
        for piece in self._scan():
            kind = piece[0]
            if kind == "text":
                out.append(piece[1])
            elif kind == "escaped":
                out.append(self.delimiter)
            elif kind == "named":
                try:
                    out.append(str(mapping[piece[1]]))
                except KeyError:
                    start = piece[2]
                    braced = template.startswith("{", start + len(self.delimiter))
                    length = len(self.delimiter) + len(piece[1]) + (2 if braced else 0)
                    out.append(template[start:start + length])
            else:
                out.append(self.delimiter)
        return "".join(out)

    def is_valid(self):
        return all(piece[0] != "invalid" for piece in self._scan())

    def get_identifiers(self):
        ids = []
        for piece in self._scan():
            if piece[0] == "named" and piece[1] not in ids:
                ids.append(piece[1])
            elif piece[0] == "invalid":
                self._invalid(piece[1])
        return ids


class _ChainMap:
    def __init__(self, *maps):
        self.maps = maps

    def __getitem__(self, key):
        for mapping in self.maps:
            try:
                return mapping[key]
            except KeyError:
                pass
        raise KeyError(key)


class Formatter:
    """The str.format() machinery as an overridable class (format, vformat, get_value,
format_field, convert_field)."""

    def format(self, format_string, /, *args, **kwargs):
        return self.vformat(format_string, args, kwargs)

    def vformat(self, format_string, args, kwargs):
        used_args = set()
        result = self._vformat(format_string, args, kwargs, used_args, 2)
        self.check_unused_args(used_args, args, kwargs)
        return result

    def _vformat(self, format_string, args, kwargs, used_args, depth, auto=None):
        if depth < 0:
            raise ValueError("Max string recursion exceeded")
        if auto is None:
            auto = [0]
        out = []
        for literal, field_name, spec, conversion in self.parse(format_string):
            if literal:
                out.append(literal)
            if field_name is None:
                continue
            if field_name == "":
                if auto[0] is False:
                    raise ValueError("cannot switch from manual field specification to "
                                     "automatic field numbering")
                field_name = str(auto[0])
                auto[0] += 1
            elif field_name.isdigit():
                if auto[0]:
                    raise ValueError("cannot switch from manual field specification to "
                                     "automatic field numbering")
                auto[0] = False
            obj, arg_used = self.get_field(field_name, args, kwargs)
            used_args.add(arg_used)
            obj = self.convert_field(obj, conversion)
            spec = self._vformat(spec, args, kwargs, used_args, depth - 1, auto)
            out.append(self.format_field(obj, spec))
        return "".join(out)

    def get_value(self, key, args, kwargs):
        if isinstance(key, int):
            return args[key]
        return kwargs[key]

    def check_unused_args(self, used_args, args, kwargs):
        pass

    def format_field(self, value, format_spec):
        return format(value, format_spec)

    def convert_field(self, value, conversion):
        if conversion is None:
            return value
        if conversion == "s":
            return str(value)
        if conversion == "r":
            return repr(value)
        if conversion == "a":
            return ascii(value)
        raise ValueError(f"Unknown conversion specifier {conversion}")

    def parse(self, format_string):
        """Yield (literal_text, field_name, format_spec, conversion) for each piece."""
        i, n = 0, len(format_string)
        literal = []
        while i < n:
            c = format_string[i]
            if c in "{}":
                if i + 1 < n and format_string[i + 1] == c:
                    literal.append(c)
                    i += 2
                    continue
                if c == "}":
                    raise ValueError("Single '}' encountered in format string")
                depth, j = 1, i + 1
                while j < n and depth:
                    if format_string[j] == "{":
                        depth += 1
                    elif format_string[j] == "}":
                        depth -= 1
                    j += 1
                if depth:
                    raise ValueError("expected '}' before end of string")
                field = format_string[i + 1:j - 1]
                spec = ""
                conversion = None
                colon = field.find(":")
                if colon >= 0:
                    field, spec = field[:colon], field[colon + 1:]
                bang = field.find("!")
                if bang >= 0:
                    field, conversion = field[:bang], field[bang + 1:]
                yield "".join(literal), field, spec, conversion
                literal = []
                i = j
                continue
            literal.append(c)
            i += 1
        if literal:
            yield "".join(literal), None, None, None

    def get_field(self, field_name, args, kwargs):
        first, rest = field_name, ""
        for k, ch in enumerate(field_name):
            if ch in ".[":
                first, rest = field_name[:k], field_name[k:]
                break
        key = int(first) if first.isdigit() else first
        obj = self.get_value(key, args, kwargs)
        while rest:
            if rest[0] == ".":
                end = len(rest)
                for k in range(1, len(rest)):
                    if rest[k] in ".[":
                        end = k
                        break
                obj = getattr(obj, rest[1:end])
                rest = rest[end:]
            else:
                end = rest.index("]")
                index = rest[1:end]
                obj = obj[int(index) if index.isdigit() else index]
                rest = rest[end + 1:]
        return obj, key
