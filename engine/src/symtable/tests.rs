//! Fixture tests: one line of source, the expected dump or error, checked against what
//! `python3` reports (`symtable.symtable` / `compile(src, 'f', 'exec')`).

use super::*;
use crate::syntax::{parse, LineIndex, Mode};

fn analyse(source: &str) -> Analysis {
    let parsed = parse(source, Mode::Module);
    assert!(
        parsed.errors.is_empty(),
        "{source:?} does not parse: {:?}",
        parsed.errors
    );
    build(source, &parsed.module)
}

/// `"line:col-line:col message"` of the first error (1-based lines, CPython's 1-based
/// byte offsets), or `"ok"`.
fn first_error(source: &str) -> String {
    let analysis = analyse(source);
    let Some(e) = analysis.errors.first() else {
        return "ok".into();
    };
    let lines = LineIndex::new(source);
    let pos = |offset: u32| {
        let line = lines.line_of(offset);
        format!("{}:{}", line + 1, offset - lines.line_start(line) + 1)
    };
    format!("{}-{} {}", pos(e.range.start), pos(e.range.end), e.message)
}

/// Scope kind/name plus each symbol's `name:SCOPE`, for compact expectations.
fn scopes(source: &str) -> String {
    let table = analyse(source).table;
    let mut out = Vec::new();
    for scope in &table.scopes {
        if scope.kind == ScopeKind::Annotation {
            continue;
        }
        let mut syms: Vec<String> = scope
            .symbols
            .iter()
            .map(|s| format!("{}:{}", s.name, s.scope.name()))
            .collect();
        syms.sort();
        out.push(format!("{}[{}]", scope.name, syms.join(" ")));
    }
    out.join(" ")
}

#[test]
fn scope_resolution() {
    let cases: &[(&str, &str)] = &[
        ("x = 1", "top[x:LOCAL]"),
        ("def f(a):\n    return a + b", "top[f:LOCAL] f[a:LOCAL b:GLOBAL_IMPLICIT]"),
        (
            "def f():\n    x = 1\n    def g():\n        return x",
            "top[f:LOCAL] f[g:LOCAL x:CELL] g[x:FREE]",
        ),
        (
            "def f():\n    x = 1\n    class C:\n        x = 2\n        def m(self):\n            return x",
            "top[f:LOCAL] f[C:LOCAL x:CELL] C[m:LOCAL x:LOCAL] m[self:LOCAL x:FREE]",
        ),
        (
            "class C:\n    def m(self):\n        super()",
            "top[C:LOCAL] C[m:LOCAL] m[__class__:FREE self:LOCAL super:GLOBAL_IMPLICIT]",
        ),
        ("def f():\n    global g\n    g = 1", "top[f:LOCAL g:GLOBAL_EXPLICIT] f[g:GLOBAL_EXPLICIT]"),
        (
            "def f():\n    x = 0\n    def g():\n        nonlocal x\n        x = 1",
            "top[f:LOCAL] f[g:LOCAL x:CELL] g[x:FREE]",
        ),
        ("[y for y in z]", "top[z:GLOBAL_IMPLICIT] listcomp[.0:LOCAL y:LOCAL]"),
        (
            "def f():\n    [y := 1 for x in z]",
            "top[f:LOCAL] f[y:CELL z:GLOBAL_IMPLICIT] listcomp[.0:LOCAL x:LOCAL y:FREE]",
        ),
        ("[y := 1 for x in z]", "top[y:GLOBAL_EXPLICIT z:GLOBAL_IMPLICIT] listcomp[.0:LOCAL x:LOCAL y:GLOBAL_EXPLICIT]"),
        ("import a.b.c", "top[a:LOCAL]"),
        ("import a.b as c", "top[c:LOCAL]"),
        ("from m import *", "top[]"),
        ("try:\n    pass\nexcept E as e:\n    pass", "top[E:GLOBAL_IMPLICIT e:LOCAL]"),
        ("match x:\n    case [a, *b] | {'k': a, **b}: pass", "top[a:LOCAL b:LOCAL x:GLOBAL_IMPLICIT]"),
        ("class C:\n    __x = 1\n    def __m(self): return self.__x", "top[C:LOCAL] C[_C__m:LOCAL _C__x:LOCAL] __m[self:LOCAL]"),
        ("lambda a, *b, c=d, **e: a", "top[d:GLOBAL_IMPLICIT] lambda[a:LOCAL b:LOCAL c:LOCAL e:LOCAL]"),
        (
            "@dec\ndef f(a: T = d) -> R: pass",
            "top[R:GLOBAL_IMPLICIT T:GLOBAL_IMPLICIT d:GLOBAL_IMPLICIT dec:GLOBAL_IMPLICIT f:LOCAL] f[a:LOCAL]",
        ),
        (
            "def f():\n    x = 1\n    class C:\n        y = x",
            "top[f:LOCAL] f[C:LOCAL x:CELL] C[x:FREE y:LOCAL]",
        ),
    ];
    for &(source, want) in cases {
        assert_eq!(scopes(source), want, "{source:?}");
    }
}

#[test]
fn flags_and_params() {
    let table = analyse("def f(a, /, b, *c, d, **e):\n    x: int = a\n    return x").table;
    let f = table.scope(table.module().children[0]);
    assert_eq!(f.params, ["a", "b", "d", "c", "e"]);
    assert!(f.has_varargs && f.has_varkeywords && f.returns_value);
    let x = f.symbol("x").map(|s| s.flags);
    assert_eq!(
        x,
        Some(SymbolFlags::DEF_LOCAL | SymbolFlags::DEF_ANNOT | SymbolFlags::USE)
    );

    let table = analyse("[x for x in y]").table;
    let comp = table.scope(table.module().children[0]);
    assert_eq!(comp.params, [".0"]);
    assert_eq!(
        comp.flags_of("x"),
        SymbolFlags::DEF_LOCAL | SymbolFlags::DEF_COMP_ITER | SymbolFlags::USE
    );
    assert!(!comp.is_nested && comp.kind == ScopeKind::Comprehension(ComprehensionKind::List));

    let table = analyse("async def f():\n    yield 1").table;
    let f = table.scope(ScopeId(1));
    assert!(f.is_async && f.is_coroutine && f.is_generator);
}

#[test]
fn class_cells_and_name_ops() {
    let source = "def f():\n    x = 1\n    class C:\n        x = 2\n        def m(self):\n            super()\n            return x";
    let table = analyse(source).table;
    let f = ScopeId(1);
    let c = ScopeId(2);
    let m = ScopeId(3);
    assert!(table.scope(c).needs_class_closure);
    assert!(table
        .scope(c)
        .flags_of("x")
        .contains(SymbolFlags::DEF_FREE_CLASS));
    assert_eq!(table.scope(c).cellvars(), ["__class__"]);
    assert_eq!(table.scope(c).freevars(), ["x"]);
    assert_eq!(table.scope(m).freevars(), ["__class__", "x"]);
    assert_eq!(table.scope(f).cellvars(), ["x"]);
    assert_eq!(table.name_op(f, "x", true), NameOp::Deref);
    assert_eq!(table.name_op(c, "x", true), NameOp::Name);
    assert_eq!(table.name_op(m, "x", true), NameOp::Deref);
    assert_eq!(table.name_op(m, "self", true), NameOp::Fast);
    assert_eq!(table.name_op(m, "super", true), NameOp::Global);
    assert_eq!(table.name_op(ScopeId::MODULE, "f", true), NameOp::Name);
}

#[test]
fn scope_lookup_by_node() {
    let source = "def f():\n    g = lambda: [x for x in y]\n";
    let table = analyse(source).table;
    let lambda_start = source.find("lambda").unwrap_or(0) as u32;
    let comp_start = source.find('[').unwrap_or(0) as u32;
    let lambda = table.scope_at(lambda_start + 1);
    assert_eq!(table.scope(lambda).kind, ScopeKind::Lambda);
    let comp = table.scope_at(comp_start + 1);
    assert_eq!(table.scope(comp).name, "listcomp");
    let range = table.scope(comp).range;
    assert_eq!(table.scope_of_node(range), Some(comp));
    // Every use and binding of `x` in the comprehension is recorded with its range.
    let sites = &table
        .scope(comp)
        .symbol("x")
        .map(|s| s.sites.clone())
        .unwrap_or_default();
    let texts: Vec<&str> = sites.iter().map(|s| s.range.slice(source)).collect();
    assert_eq!(texts, ["x", "x"]);
}

#[test]
fn errors_match_cpython() {
    // Expectations are python3's SyntaxError (lineno:offset-end_lineno:end_offset msg).
    let cases: &[(&str, &str)] = &[
        ("return 1", "1:1-1:9 'return' outside function"),
        ("break", "1:1-1:6 'break' outside loop"),
        ("continue", "1:1-1:9 'continue' not properly in loop"),
        ("yield 1", "1:1-1:8 'yield' outside function"),
        ("await x", "1:1-1:8 'await' outside function"),
        ("class C:\n    yield 1", "2:5-2:12 'yield' outside function"),
        (
            "async def f():\n    yield 1\n    return 2",
            "3:5-3:13 'return' with value in async generator",
        ),
        (
            "nonlocal x",
            "1:1-1:11 nonlocal declaration not allowed at module level",
        ),
        (
            "def f():\n    nonlocal x",
            "2:5-2:15 no binding for nonlocal 'x' found",
        ),
        (
            "def f():\n    x\n    global x",
            "3:5-3:13 name 'x' is used prior to global declaration",
        ),
        (
            "def f():\n    x = 1\n    global x",
            "3:5-3:13 name 'x' is assigned to before global declaration",
        ),
        (
            "def f(x):\n    global x",
            "2:5-2:13 name 'x' is parameter and global",
        ),
        (
            "def f(x):\n    nonlocal x",
            "2:5-2:15 name 'x' is parameter and nonlocal",
        ),
        (
            "def f():\n    x = 1\n    def g():\n        global x\n        nonlocal x",
            "4:9-4:17 name 'x' is nonlocal and global",
        ),
        (
            "def f(a, a): pass",
            "1:10-1:11 duplicate argument 'a' in function definition",
        ),
        (
            "def f(a, *, b, **a): pass",
            "1:18-1:19 duplicate argument 'a' in function definition",
        ),
        (
            "lambda a, a: 1",
            "1:11-1:12 duplicate argument 'a' in function definition",
        ),
        (
            "def f():\n    from x import *",
            "2:19-2:20 import * only allowed at module level",
        ),
        (
            "[x for x in (y := [1])]",
            "1:14-1:22 assignment expression cannot be used in a comprehension iterable expression",
        ),
        (
            "[x := 1 for x in y]",
            "1:2-1:3 assignment expression cannot rebind comprehension iteration variable 'x'",
        ),
        (
            "class C:\n    [(y := 1) for x in z]",
            "2:7-2:8 assignment expression within a comprehension cannot be used in a class body",
        ),
        (
            "def f():\n    [(yield 1) for x in y]",
            "2:7-2:14 'yield' inside list comprehension",
        ),
        (
            "def f():\n    [x async for x in y]",
            "2:5-2:25 asynchronous comprehension outside of an asynchronous function",
        ),
        (
            "def f():\n    await x",
            "2:5-2:12 'await' outside async function",
        ),
        (
            "def f():\n    async with x: pass",
            "2:5-2:23 'async with' outside async function",
        ),
        (
            "def f():\n    async for x in y: pass",
            "2:5-2:27 'async for' outside async function",
        ),
        (
            "try:\n    pass\nexcept:\n    pass\nexcept E:\n    pass",
            "3:1-4:9 default 'except:' must be last",
        ),
        (
            "for x in y:\n    try:\n        pass\n    except* E:\n        break",
            "5:9-5:14 'break', 'continue' and 'return' cannot appear in an except* block",
        ),
        (
            "*a, *b = c",
            "1:1-1:7 multiple starred expressions in assignment",
        ),
        (
            "*a = b",
            "1:1-1:3 starred assignment target must be in a list or tuple",
        ),
        ("*a", "1:1-1:3 can't use starred expression here"),
        ("x = *a", "1:5-1:7 can't use starred expression here"),
        ("print(*a)", "ok"),
        (
            "match x:\n    case [a, a]: pass",
            "2:14-2:15 multiple assignments to name 'a' in pattern",
        ),
        (
            "match x:\n    case a: pass\n    case b: pass",
            "2:10-2:11 name capture 'a' makes remaining patterns unreachable",
        ),
        (
            "match x:\n    case _: pass\n    case b: pass",
            "2:10-2:11 wildcard makes remaining patterns unreachable",
        ),
        (
            "match x:\n    case [a] | (b): pass",
            "2:17-2:18 alternative patterns bind different names",
        ),
        (
            "match x:\n    case {1: a, True: b}: pass",
            "2:10-2:25 mapping pattern checks duplicate key (True)",
        ),
        (
            "match x:\n    case C(a=1, a=2): pass",
            "2:19-2:20 attribute name repeated in class pattern: a",
        ),
        (
            "match x:\n    case {1: a, **a}: pass",
            "2:14-2:15 multiple assignments to name 'a' in pattern",
        ),
        ("f(a=1, a=2)", "1:8-1:11 keyword argument repeated: a"),
        (
            "class C(a=1, a=2): pass",
            "1:14-1:17 keyword argument repeated: a",
        ),
        ("__debug__ = 1", "1:1-1:10 cannot assign to __debug__"),
        (
            "def f(__debug__): pass",
            "1:1-1:23 cannot assign to __debug__",
        ),
        ("del __debug__", "1:5-1:14 cannot delete __debug__"),
        (
            "x = 1\nfrom __future__ import annotations",
            "2:1-2:35 from __future__ imports must occur at the beginning of the file",
        ),
        (
            "def f():\n    x: int\n    global x",
            "3:5-3:13 annotated name 'x' can't be global",
        ),
        (
            "def f():\n    [i for i in range(3) if (j := 1) for j in x]",
            "2:42-2:43 comprehension inner loop cannot rebind assignment expression target 'j'",
        ),
        (
            "from __future__ import annotations\nx: (yield)",
            "2:5-2:10 'yield expression' can not be used within an annotation",
        ),
        ("def f():\n    global x\n    [x := 1 for y in z]", "ok"),
        ("(await x for x in y)", "ok"),
        (
            "[await x for x in y]",
            "1:1-1:21 asynchronous comprehension outside of an asynchronous function",
        ),
        (
            "async def f():\n    [[x async for x in z] for z in y]",
            "ok",
        ),
        // Phase order: a symtable error beats an earlier compiler error.
        (
            "return 1\ndef f(a, a): pass",
            "2:10-2:11 duplicate argument 'a' in function definition",
        ),
        // Compile order: a class body is compiled before its bases.
        (
            "class C(*a, a=1, a=2):\n    return",
            "2:5-2:11 'return' outside function",
        ),
    ];
    for &(source, want) in cases {
        assert_eq!(first_error(source), want, "{source:?}");
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let source = format!("x = {}1", "-".repeat(10_000));
    let parsed = parse(&source, Mode::Module);
    let analysis = build(&source, &parsed.module);
    if parsed.errors.is_empty() {
        assert!(analysis
            .errors
            .iter()
            .any(|e| e.message.contains("recursion")));
    }
}
