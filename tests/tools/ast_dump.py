#!/usr/bin/env python3
"""Prints CPython's AST of Python files in the normalized line-per-node format of
engine/src/syntax/dump.rs, so the two parsers can be compared line by line.

Usage: ast_dump.py FILE...   Each file's dump is preceded by a line `=== FILE` (and a line
`!!! ErrorType: message` instead of a dump when CPython rejects the file).

Format: one line per node, indented two spaces per level:
    <label>Kind(scalar=value, ...) L<line>:C<col>-L<end_line>:C<end_col>
Scalars are identifiers, constants (strings as ascii()), operators, contexts, None and empty
lists; child nodes follow on their own lines labelled `field=` or `field[i]=`. Positions are
CPython's lineno/col_offset (UTF-8 bytes); nodes without positions print none.
`type_comment` fields are left out.
"""
import ast
import sys

sys.set_int_max_str_digits(0)


def is_child(v):
    return isinstance(v, ast.AST) and bool(v._fields or v._attributes)


def scalar(v):
    if isinstance(v, ast.AST):
        return type(v).__name__
    if isinstance(v, str):
        return ascii(v)
    if isinstance(v, list):
        return "[" + ", ".join(scalar(x) for x in v) + "]"
    if v is Ellipsis:
        return "Ellipsis"
    return repr(v)


def dump(node, label, depth, out):
    head = []
    kids = []
    for f in node._fields:
        if f == "type_comment":
            continue
        v = getattr(node, f, None)
        if is_child(v):
            kids.append((f + "=", v))
        elif isinstance(v, list) and any(is_child(x) for x in v):
            for i, x in enumerate(v):
                kids.append((f"{f}[{i}]=", x))
        else:
            head.append(f"{f}={scalar(v)}")
    pos = ""
    if "lineno" in node._attributes:
        pos = f" L{node.lineno}:C{node.col_offset}-L{node.end_lineno}:C{node.end_col_offset}"
    out.append(f"{'  ' * depth}{label}{type(node).__name__}({', '.join(head)}){pos}")
    for lab, k in kids:
        if k is None:
            out.append(f"{'  ' * (depth + 1)}{lab}None")
        else:
            dump(k, lab, depth + 1, out)


def main():
    out = []
    for path in sys.argv[1:]:
        out.append(f"=== {path}")
        try:
            with open(path, "rb") as f:
                tree = ast.parse(f.read(), path)
        except (SyntaxError, ValueError, MemoryError, RecursionError) as e:
            out.append(f"!!! {type(e).__name__}: {getattr(e, 'msg', e)}")
            continue
        for stmt in tree.body:
            dump(stmt, "", 0, out)
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
