"""Dump CPython's symbol tables in the text format of engine/src/symtable/dump.rs.

Usage:
  symtable_dump.py FILE...      for each file: "=== <path>", the dump (or "!error <Type>: <msg>"
                                when symtable() rejects it), then "!compile ok" or
                                "!compile <lineno> <offset> <end_lineno> <end_offset> <msg>".
  symtable_dump.py --snippets   reads hex-encoded UTF-8 snippets from stdin, one a line; prints
                                per snippet "parse" (ast.parse rejects it), "ok", or the
                                SyntaxError of compile(src, 'f', 'exec') as above.
"""
import ast
import symtable
import sys

FLAGS = [
    (1, "DEF_GLOBAL"), (2, "DEF_LOCAL"), (4, "DEF_PARAM"), (8, "DEF_NONLOCAL"),
    (16, "USE"), (32, "DEF_FREE"), (64, "DEF_FREE_CLASS"), (128, "DEF_IMPORT"),
    (256, "DEF_ANNOT"), (512, "DEF_COMP_ITER"),
]
SCOPES = {0: "UNRESOLVED", 1: "LOCAL", 2: "GLOBAL_EXPLICIT", 3: "GLOBAL_IMPLICIT", 4: "FREE", 5: "CELL"}


def flag_names(value):
    names = [name for bit, name in FLAGS if value & bit]
    return "|".join(names) if names else "0"


def dump(table, depth, out):
    raw = table._table
    indent = "  " * depth
    out.append(f"{indent}{table.get_type()} {table.get_name()} line {table.get_lineno()} "
               f"nested={int(bool(raw.nested))} params={','.join(raw.varnames)}")
    for name in sorted(raw.symbols, key=lambda n: n.encode("utf-8")):
        value = raw.symbols[name]
        scope = (value >> 11) & 15
        out.append(f"{indent}  {name} {SCOPES.get(scope, scope)} {flag_names(value & 2047)}")
    for child in table.get_children():
        dump(child, depth + 1, out)


def dump_file(path):
    with open(path, "rb") as f:
        source = f.read()
    try:
        text = source.decode("utf-8")
        table = symtable.symtable(text, path, "exec")
    except (SyntaxError, UnicodeDecodeError, ValueError, RecursionError) as e:
        return f"!error {type(e).__name__}: {e}\n"
    out = []
    dump(table, 0, out)
    return "\n".join(out) + "\n"


def compile_result(source):
    try:
        compile(source, "f", "exec")
    except SyntaxError as e:
        end = "-" if e.end_offset is None else e.end_offset
        end_line = "-" if e.end_lineno is None else e.end_lineno
        return f"{e.lineno} {e.offset} {end_line} {end} {e.msg}"
    except (ValueError, RecursionError) as e:
        return f"- - - - {type(e).__name__}: {e}"
    return "ok"


def snippets():
    for line in sys.stdin:
        source = bytes.fromhex(line.strip()).decode("utf-8")
        try:
            ast.parse(source)
        except SyntaxError:
            print("parse")
            continue
        print(compile_result(source))


def main():
    paths = sys.argv[1:]
    if paths == ["--snippets"]:
        snippets()
        return
    for path in paths:
        sys.stdout.write(f"=== {path}\n")
        sys.stdout.write(dump_file(path))
        with open(path, "rb") as f:
            sys.stdout.write(f"!compile {compile_result(f.read())}\n")


if __name__ == "__main__":
    main()
