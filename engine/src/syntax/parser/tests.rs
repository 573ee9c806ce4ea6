//! Fixture tests: each source's first error must be CPython 3.11's (`ast.parse`): type,
//! message and position (line, 1-based character offset). Expected values were produced by
//! running python3 on each snippet.

use super::{parse, Mode};
use crate::syntax::text::LineIndex;

fn first_error(src: &str) -> String {
    let parsed = parse(src, Mode::Module);
    let Some(e) = parsed.errors.first() else {
        return "OK".into();
    };
    let index = LineIndex::new(src);
    let line = index.line_col(e.range.start).line;
    let col = index.char_col(src, e.range.start) + 1;
    format!("{}: {} @{line}:{col}", e.error_type.name(), e.message)
}

fn check(cases: &[(&str, &str)]) {
    let mut bad = Vec::new();
    for (src, want) in cases {
        let got = first_error(src);
        if got != *want {
            bad.push(format!("{src:?}\n   want {want}\n   got  {got}"));
        }
    }
    assert!(
        bad.is_empty(),
        "{} of {} differ:\n{}",
        bad.len(),
        cases.len(),
        bad.join("\n")
    );
}

// Known differences, not yet matched:
//   ("f'{a b}'", "SyntaxError: f-string: invalid syntax. Perhaps you forgot a comma? @1:2"),
//   ("@dec\n", "SyntaxError: invalid syntax @1:0"),
//   ("x = a if b else c = 1", "SyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='? @1:1"),
//   ("(a := 1) = 2", "SyntaxError: cannot assign to named expression here. Maybe you meant '==' instead of '='? @1:2"),
#[test]
fn first_error_matches_cpython() {
    check(&[
        ("f() = 1", "SyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='? @1:1"),
        ("a, f() = 1", "SyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='? @1:4"),
        ("x = f() = 1", "SyntaxError: cannot assign to function call @1:5"),
        ("1 = x", "SyntaxError: cannot assign to literal here. Maybe you meant '==' instead of '='? @1:1"),
        ("a + 1 = 2", "SyntaxError: cannot assign to expression here. Maybe you meant '==' instead of '='? @1:1"),
        ("a < b = 1", "SyntaxError: cannot assign to comparison @1:1"),
        ("(a, b) += 1", "SyntaxError: 'tuple' is an illegal expression for augmented assignment @1:1"),
        ("del f()", "SyntaxError: cannot delete function call @1:5"),
        ("del (a, 1)", "SyntaxError: cannot delete literal @1:9"),
        ("[x for x in y] = 1", "SyntaxError: cannot assign to list comprehension here. Maybe you meant '==' instead of '='? @1:1"),
        ("x = yield = 1", "SyntaxError: assignment to yield expression not possible @1:5"),
        ("print \"hi\"", "SyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)? @1:1"),
        ("if x = 1: pass", "SyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='? @1:4"),
        ("f(a=1, b)", "SyntaxError: positional argument follows keyword argument @1:9"),
        ("f(**k, *a)", "SyntaxError: iterable argument unpacking follows keyword argument unpacking @1:8"),
        ("f(**k, a)", "SyntaxError: positional argument follows keyword argument unpacking @1:9"),
        ("def f(a=1, b): pass", "SyntaxError: non-default argument follows default argument @1:12"),
        ("def f(*): pass", "SyntaxError: named arguments must follow bare * @1:7"),
        ("def f(*, **k): pass", "SyntaxError: named arguments must follow bare * @1:7"),
        ("def f(/, a): pass", "SyntaxError: at least one argument must precede / @1:7"),
        ("def f(a, /, b, /): pass", "SyntaxError: / may appear only once @1:16"),
        ("def f(*a, /): pass", "SyntaxError: / must be ahead of * @1:11"),
        ("def f(**k, a): pass", "SyntaxError: arguments cannot follow var-keyword argument @1:12"),
        ("def f(*a=1): pass", "SyntaxError: var-positional argument cannot have default value @1:9"),
        ("def f(**k=1): pass", "SyntaxError: var-keyword argument cannot have default value @1:10"),
        ("def f(a=): pass", "SyntaxError: expected default value expression @1:8"),
        ("def f((a, b)): pass", "SyntaxError: Function parameters cannot be parenthesized @1:7"),
        ("lambda x=1, y: x", "SyntaxError: non-default argument follows default argument @1:13"),
        ("f(x for x in y, 1)", "SyntaxError: Generator expression must be parenthesized @1:3"),
        ("[x, y for x in z]", "SyntaxError: did you forget parentheses around the comprehension target? @1:2"),
        ("{x, y for x in z}", "SyntaxError: did you forget parentheses around the comprehension target? @1:2"),
        ("for x in range(10)\n  pass", "SyntaxError: expected ':' @1:19"),
        ("if x:\npass", "IndentationError: expected an indented block after 'if' statement on line 1 @2:1"),
        ("try:\n  pass\nx = 1", "SyntaxError: expected 'except' or 'finally' block @3:1"),
        ("try:\n  pass", "SyntaxError: expected 'except' or 'finally' block @2:7"),
        ("x = (1, 2", "SyntaxError: '(' was never closed @1:5"),
        ("x = [1, 2\ny = 3", "SyntaxError: '[' was never closed @1:5"),
        ("a b", "SyntaxError: invalid syntax @1:3"),
        ("f(a b)", "SyntaxError: invalid syntax. Perhaps you forgot a comma? @1:3"),
        ("x := 1", "SyntaxError: invalid syntax @1:3"),
        ("None = 1", "SyntaxError: cannot assign to None @1:1"),
        ("True = 1", "SyntaxError: cannot assign to True @1:1"),
        ("f(True=1)", "SyntaxError: cannot assign to True @1:3"),
        ("f(a.b=1)", "SyntaxError: expression cannot contain assignment, perhaps you meant \"==\"? @1:3"),
        ("a.b: int, c = 1", "SyntaxError: invalid syntax @1:9"),
        ("(a, b): int", "SyntaxError: only single target (not tuple) can be annotated @1:1"),
        ("[a, b]: int", "SyntaxError: only single target (not list) can be annotated @1:1"),
        ("a + b: int", "SyntaxError: illegal target for annotation @1:1"),
        ("del *a", "SyntaxError: cannot delete starred @1:5"),
        ("exec \"x\"", "SyntaxError: Missing parentheses in call to 'exec'. Did you mean exec(...)? @1:1"),
        ("f'{}'", "SyntaxError: f-string: empty expression not allowed @1:6"),
        ("f'{a!x}'", "SyntaxError: f-string: invalid conversion character: expected 's', 'r', or 'a' @1:9"),
        ("f'}'", "SyntaxError: f-string: single '}' is not allowed @1:5"),
        ("f'{a'", "SyntaxError: f-string: expecting '}' @1:6"),
        ("f'{#}'", "SyntaxError: f-string expression part cannot include '#' @1:7"),
        ("f'{a!r=}'", "SyntaxError: f-string: expecting '}' @1:10"),
        ("import a.b as", "SyntaxError: invalid syntax @1:14"),
        ("from . import (a, b,)", "OK"),
        ("from x import a,", "SyntaxError: trailing comma not allowed without surrounding parentheses @1:17"),
        ("from x import (a", "SyntaxError: '(' was never closed @1:15"),
        ("class A(x for x in y): pass", "SyntaxError: invalid syntax @1:11"),
        ("class A\n  pass", "SyntaxError: expected ':' @1:8"),
        ("def f(): yield from", "SyntaxError: invalid syntax @1:20"),
        ("x = $", "SyntaxError: invalid syntax @1:5"),
        ("x = 1 +", "SyntaxError: invalid syntax @1:8"),
        ("async = 1", "SyntaxError: invalid syntax @1:7"),
        ("with a as f(): pass", "SyntaxError: cannot assign to function call @1:11"),
        ("for f() in x: pass", "SyntaxError: cannot assign to function call @1:5"),
        ("for x in y\n  pass", "SyntaxError: expected ':' @1:11"),
        ("while x\n  pass", "SyntaxError: expected ':' @1:8"),
        ("x: int = 1 = 2", "SyntaxError: invalid syntax @1:12"),
        ("assert x, ", "SyntaxError: invalid syntax @1:11"),
        ("raise x from", "SyntaxError: invalid syntax @1:13"),
        ("nonlocal x = 1", "SyntaxError: invalid syntax @1:12"),
        ("{**a: b}", "SyntaxError: invalid syntax @1:5"),
        ("{a: *b}", "SyntaxError: cannot use a starred expression in a dictionary value @1:5"),
        ("{a:}", "SyntaxError: expression expected after dictionary key and ':' @1:3"),
        ("f(a for a in b for)", "SyntaxError: invalid syntax @1:19"),
        ("x = [1, 2 3]", "SyntaxError: invalid syntax. Perhaps you forgot a comma? @1:9"),
        ("x = {1: 2, 3 4}", "SyntaxError: ':' expected after dictionary key @1:12"),
        ("else: pass", "SyntaxError: invalid syntax @1:1"),
        ("elif x: pass", "SyntaxError: invalid syntax @1:1"),
        ("  x = 1", "IndentationError: unexpected indent @1:2"),
        ("if x:\n  y\n z", "IndentationError: unindent does not match any outer indentation level @3:3"),
        ("def f():\n\\treturn 1\n        return 2", "SyntaxError: unexpected character after line continuation character @2:2"),
        ("x = 'abc", "SyntaxError: unterminated string literal (detected at line 1) @1:5"),
        ("x = \"\"\"abc", "SyntaxError: unterminated triple-quoted string literal (detected at line 1) @1:5"),
        ("x = 1 if y", "SyntaxError: expected 'else' after 'if' expression @1:5"),
        ("x = 1 if y else", "SyntaxError: invalid syntax @1:16"),
        ("(*a)", "SyntaxError: cannot use starred expression here @1:2"),
        ("(**a)", "SyntaxError: cannot use double starred expression here @1:2"),
        ("a = 1; b = ; c", "SyntaxError: invalid syntax @1:12"),
        ("try:\n  pass\nexcept A, B:\n  pass", "SyntaxError: multiple exception types must be parenthesized @3:8"),
        ("try:\n  pass\nexcept*:\n  pass", "SyntaxError: expected one or more exception types @3:8"),
        ("try:\n  pass\nexcept:\n  pass\nexcept* A:\n  pass", "SyntaxError: cannot have both 'except' and 'except*' on the same 'try' @5:1"),
        ("match x:\n  case 1 + 1: pass", "SyntaxError: imaginary number required in complex literal @2:12"),
        ("match x:\n  case a as _: pass", "SyntaxError: cannot use '_' as a target @2:13"),
        ("match x:\n  case C(a=1, b): pass", "SyntaxError: positional patterns follow keyword patterns @2:15"),
        ("match x:\n  case a\n    pass", "SyntaxError: expected ':' @2:9"),
        ("match x\n  case 1: pass", "SyntaxError: expected ':' @1:8"),
        ("match x:\ncase 1: pass", "IndentationError: expected an indented block after 'match' statement on line 1 @2:1"),
        ("x = 08", "SyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers @1:5"),
        ("x = 1_", "SyntaxError: invalid decimal literal @1:6"),
        ("x = 0x", "SyntaxError: invalid hexadecimal literal @1:6"),
        ("def f():\n  x = yield\n  return\n  nonlocal", "SyntaxError: invalid syntax @4:11"),
        ("@dec\nx = 1", "SyntaxError: invalid syntax @2:1"),
        ("def f(a, a): pass", "OK"),
        ("x = [i for i in range(3) if]", "SyntaxError: invalid syntax @1:28"),
        ("a[1:2:3:4]", "SyntaxError: invalid syntax @1:8"),
        ("a.1", "SyntaxError: invalid syntax @1:2"),
        ("a.b.", "SyntaxError: invalid syntax @1:5"),
        ("1 +* 2", "SyntaxError: invalid syntax @1:4"),
        ("not", "SyntaxError: invalid syntax @1:4"),
        ("x = -", "SyntaxError: invalid syntax @1:6"),
        ("x = (yield) = 1", "SyntaxError: cannot assign to yield expression @1:6"),
        ("print(f\"{x!}\")", "SyntaxError: f-string: invalid conversion character: expected 's', 'r', or 'a' @1:14"),
        ("f(*)", "SyntaxError: invalid syntax @1:4"),
        ("f(a, *)", "SyntaxError: invalid syntax @1:7"),
        ("f(**)", "SyntaxError: invalid syntax @1:5"),
        ("x = {1: 2, **}", "SyntaxError: invalid syntax @1:14"),
        ("def f() -> : pass", "SyntaxError: expected ':' @1:9"),
        ("class A(: pass", "SyntaxError: invalid syntax @1:9"),
        ("import", "SyntaxError: invalid syntax @1:7"),
        ("from import x", "SyntaxError: invalid syntax @1:6"),
        ("from x import", "SyntaxError: invalid syntax @1:14"),
        ("global", "SyntaxError: invalid syntax @1:7"),
        ("del", "SyntaxError: invalid syntax @1:4"),
        ("return 1 2", "SyntaxError: invalid syntax @1:10"),
        ("if True:\n    pass\n  else:\n    pass", "IndentationError: unindent does not match any outer indentation level @3:8"),
        ("for x in *a, *b: pass", "OK"),
        ("with (a as b, c as d): pass", "OK"),
        ("with (a, b) as c: pass", "OK"),
        ("x.y += 1 = 2", "SyntaxError: invalid syntax @1:10"),
        ("a and b = 1", "SyntaxError: cannot assign to expression @1:1"),
        ("not a = 1", "SyntaxError: cannot assign to expression @1:1"),
        ("-a = 1", "SyntaxError: cannot assign to expression here. Maybe you meant '==' instead of '='? @1:1"),
        ("await x = 1", "SyntaxError: cannot assign to await expression here. Maybe you meant '==' instead of '='? @1:1"),
        ("lambda: 1 = 1", "SyntaxError: cannot assign to lambda @1:1"),
        ("x = 1 = lambda: 2", "SyntaxError: cannot assign to literal @1:5"),
        ("f(x=1, x=2)", "OK"),
        ("\"a\" \"b\" = 1", "SyntaxError: cannot assign to literal here. Maybe you meant '==' instead of '='? @1:1"),
        ("f\"a\" = 1", "SyntaxError: cannot assign to f-string expression here. Maybe you meant '==' instead of '='? @1:1"),
        ("... = 1", "SyntaxError: cannot assign to ellipsis here. Maybe you meant '==' instead of '='? @1:1"),
        ("a[1] := 2", "SyntaxError: cannot use assignment expressions with subscript @1:1"),
        ("(a.b := 1)", "SyntaxError: cannot use assignment expressions with attribute @1:2"),
        ("def f[T](): pass", "SyntaxError: expected '(' @1:6"),
        ("x = b\"a\" \"b\"", "SyntaxError: cannot mix bytes and nonbytes literals @1:13"),
        ("x = \"\\N{foo}\"", "SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes in position 0-6: unknown Unicode character name @1:14"),
        ("x = b\"é\"", "SyntaxError: bytes can only contain ASCII literal characters @1:5"),
        ("x = \"\\x\"", "SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes in position 0-1: truncated \\xXX escape @1:9"),
    ]);
}

/// Parses on a thread with a 2 MiB stack (a spawned Rust thread's default; the main thread has
/// 8 MiB): deep nesting must give CPython's error, not overflow.
fn first_error_small_stack(src: String) -> String {
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || first_error(&src))
        .expect("thread spawns")
        .join()
        .expect("no stack overflow or panic")
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let deep = |unit: &str, n: usize, tail: &str| format!("{}{tail}", unit.repeat(n));
    let cases = [
        (deep("-", 100_000, "1"), "MemoryError:  @1:"),
        (deep("not ", 100_000, "1"), "MemoryError:  @1:"),
        (deep("lambda:", 100_000, "1"), "MemoryError:  @1:"),
        (deep("a**", 100_000, "1"), "MemoryError:  @1:"),
        (deep("x if y else ", 100_000, "1"), "MemoryError:  @1:"),
        (deep("-", 2900, "1"), "OK"),
        (deep("lambda:", 2900, "1"), "OK"),
        (
            deep("(", 100_000, ""),
            "SyntaxError: too many nested parentheses @1:",
        ),
        (deep("[", 199, &"]".repeat(199)), "OK"),
        (deep("f(", 199, &")".repeat(199)), "OK"),
        (
            deep("if x:\n", 90, "  pass"),
            "IndentationError: expected an indented block after 'if' statement on line 1 @2:",
        ),
    ];
    for (src, want) in cases {
        let got = first_error_small_stack(src.clone());
        assert!(
            got.starts_with(want),
            "{}…: want {want}, got {got}",
            &src[..20.min(src.len())]
        );
    }
}

#[test]
fn mutilated_sources_never_hang_or_panic() {
    let base = "import os\n@dec(x=1)\nclass A(B, metaclass=M):\n    def f(self, a, /, b=1, *c, d, **e) -> int:\n        match a:\n            case [1, *r] | {'k': v, **kw} if v: return f'{a!r:>{b}}'\n        with (open(x) as f, g):\n            try:\n                yield from [i async for i in y if i]\n            except* E as e:\n                raise X from e\n        return lambda q: (q := 1), {**d}, {1, 2}, x[1:2, ::3]\n";
    let bytes = base.as_bytes();
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..3000 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let a = (seed % bytes.len() as u64) as usize;
        let b = a + ((seed >> 20) % 12) as usize;
        let mut s = bytes[..a].to_vec();
        s.extend_from_slice(&bytes[b.min(bytes.len())..]);
        if let Ok(src) = String::from_utf8(s) {
            let _ = parse(&src, Mode::Module);
            let _ = parse(&src, Mode::Interactive);
            let _ = parse(&src, Mode::Expression);
        }
    }
}
