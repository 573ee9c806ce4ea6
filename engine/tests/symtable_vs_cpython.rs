//! Our symbol tables and compile-time errors against CPython's.
//!
//! `stdlib_sample_matches_cpython_symtable`: every 7th stdlib file (sorted, site-packages
//! skipped) is dumped by `tests/tools/symtable_dump.py` (CPython's `symtable` module, one
//! python3 process for all files) and by `symtable::dump_table`; the dumps must agree line for
//! line (every scope's type, name, line, nesting and parameters; every symbol's resolved scope
//! and flags), and `check_source` must agree with `compile()` on whether the file compiles.
//!
//! `snippets_match_cpython_compile`: a table of programs that CPython's symtable or compiler
//! rejects (or nearly rejects); our first error must be `compile()`'s, with its position.

use engine::check::check_source;
use engine::symtable::{build, dump_table};
use engine::syntax::source::decode_source;
use engine::syntax::{parse, LineIndex, Mode};
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const TOOL: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../tests/tools/symtable_dump.py"
);

fn stdlib_dir() -> Option<PathBuf> {
    let out = Command::new("python3")
        .args([
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['stdlib'])",
        ])
        .output()
        .ok()?;
    let dir = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (!dir.is_empty()).then(|| PathBuf::from(dir))
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "site-packages") {
                collect(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "py") {
            out.push(path);
        }
    }
}

/// `"lineno offset end_lineno end_offset message"` as the tool prints a SyntaxError, with
/// CPython's compile-phase columns (1-based UTF-8 byte offsets).
fn describe(source: &str, error: &engine::syntax::SyntaxError) -> String {
    let lines = LineIndex::new(source);
    let pos = |offset: u32| {
        let line = lines.line_of(offset);
        (line + 1, offset - lines.line_start(line) + 1)
    };
    let (l1, c1) = pos(error.range.start);
    let (l2, c2) = pos(error.range.end);
    format!("{l1} {c1} {l2} {c2} {}", error.message)
}

#[test]
fn stdlib_sample_matches_cpython_symtable() {
    let Some(dir) = stdlib_dir() else {
        eprintln!("python3 not found: skipping");
        return;
    };
    let mut files = Vec::new();
    collect(&dir, &mut files);
    files.sort();
    let sample: Vec<PathBuf> = files.into_iter().skip(3).step_by(7).collect();
    assert!(sample.len() >= 100, "only {} files", sample.len());

    let out = Command::new("python3")
        .arg(TOOL)
        .args(&sample)
        .output()
        .expect("python3 runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let mut expected: HashMap<&str, Vec<&str>> = HashMap::new();
    let mut current = None;
    for line in text.lines() {
        if let Some(path) = line.strip_prefix("=== ") {
            current = Some(path);
            expected.insert(path, Vec::new());
        } else if let Some(path) = current {
            expected.entry(path).or_default().push(line);
        }
    }

    let mut failures = Vec::new();
    let (mut compared, mut skipped) = (0, 0);
    for path in &sample {
        let name = path.to_string_lossy();
        let mut want = expected.get(name.as_ref()).cloned().unwrap_or_default();
        let compile = want
            .pop()
            .and_then(|l| l.strip_prefix("!compile "))
            .unwrap_or("?");
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let Ok(source) = decode_source(&bytes) else {
            skipped += 1;
            continue;
        };
        let source = source.strip_prefix('\u{feff}').unwrap_or(&source);
        let parsed = parse(source, Mode::Module);
        if !parsed.errors.is_empty() || want.first().is_some_and(|l| l.starts_with("!error")) {
            // Rejected by the parser: the AST test's business.
            skipped += 1;
            continue;
        }
        compared += 1;
        let analysis = build(source, &parsed.module);
        let got = dump_table(source, &analysis.table);
        let got: Vec<&str> = got.lines().collect();
        if let Some(i) = (0..want.len().max(got.len())).find(|&i| want.get(i) != got.get(i)) {
            failures.push(format!(
                "{name}: line {}\n  CPython: {}\n  ours:    {}",
                i + 1,
                want.get(i).copied().unwrap_or("<end>"),
                got.get(i).copied().unwrap_or("<end>")
            ));
        }
        let ours = check_source(source)
            .first()
            .map_or("ok".to_string(), |e| describe(source, e));
        if ours != compile {
            failures.push(format!("{name}: compile() says {compile}, we say {ours}"));
        }
    }
    eprintln!(
        "compared {compared} files, skipped {skipped}, {} failures",
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Programs around every check of `symtable.c`, `future.c` and `compile.c`'s early errors.
const SNIPPETS: &[&str] = &[
    "return 1",
    "break",
    "continue",
    "yield 1",
    "await x",
    "class C:\n    yield 1",
    "class C:\n    await x",
    "async def f():\n    yield 1\n    return 2",
    "async def f():\n    return 2\n    yield 1",
    "nonlocal x",
    "nonlocal x\nnonlocal y",
    "def f():\n    nonlocal x",
    "def f():\n    x\n    global x",
    "def f():\n    x = 1\n    global x",
    "def f(x):\n    global x",
    "def f(x):\n    nonlocal x",
    "def f():\n    x: int\n    global x",
    "def f():\n    x: int\n    nonlocal x",
    "def f():\n    x = 1\n    def g():\n        global x\n        nonlocal x",
    "def f():\n    global x\n    x: int",
    "def f():\n    y = 1\n    def g():\n        nonlocal y\n        y: int",
    "def f(a, a): pass",
    "def f(a, *, b, **a): pass",
    "lambda a, a: 1",
    "def f(a, /, *a): pass",
    "def f():\n    from x import *",
    "class C:\n    from x import *",
    "from x import *",
    "[x for x in (y := [1])]",
    "[x := 1 for x in y]",
    "class C:\n    [(y := 1) for x in z]",
    "[[(x := 1) for y in z] for x in w]",
    "[(lambda: (y := 1)) for x in (lambda: (z := 1))()]",
    "def f():\n    [i for i in range(3) if (j := 1) for j in x]",
    "def f():\n    global x\n    [x := 1 for y in z]",
    "def f():\n    [(yield 1) for x in y]",
    "def f():\n    {(yield 1) for x in y}",
    "def f():\n    {x: (yield) for x in y}",
    "def f():\n    ((yield) for x in y)",
    "def f():\n    [x for x in (yield)]",
    "def f():\n    [x async for x in y]",
    "def f():\n    [await x for x in y]",
    "[await x for x in y]",
    "(await x for x in y)",
    "def f():\n    (await x for x in y)",
    "def f():\n    [[await z for z in x] for x in y]",
    "async def f():\n    [[x async for x in z] for z in y]",
    "def f():\n    {x: y async for x, y in z}",
    "class C:\n    [x async for x in y]",
    "async def f():\n    def g():\n        [x async for x in y]",
    "def f():\n    await x",
    "lambda: await x",
    "lambda: (yield)",
    "def f():\n    async with x: pass",
    "def f():\n    async for x in y: pass",
    "async def f():\n    yield from x",
    "def f():\n    yield from x",
    "try:\n    pass\nexcept:\n    pass\nexcept E:\n    pass",
    "try:\n    pass\nexcept E:\n    pass\nexcept:\n    pass",
    "for x in y:\n    try:\n        pass\n    except* E:\n        break",
    "try:\n    pass\nexcept* E:\n    continue",
    "def f():\n    try:\n        pass\n    except* E:\n        return",
    "def f():\n    try:\n        pass\n    except* E:\n        return 1",
    "try:\n  pass\nexcept* E:\n  for x in y:\n    break\n  def g():\n    return 1",
    "while x:\n  try:\n    pass\n  except* E:\n    try:\n      pass\n    finally:\n      continue",
    "def f():\n  for a in b:\n    try:\n      pass\n    finally:\n      break",
    "*a, *b = c",
    "*a = b",
    "*a",
    "x = *a",
    "print(*a)",
    "x = *a, *b",
    "for *a in b: pass",
    "a, *b, c, *d = e",
    "[*a, *b] = c",
    "for x in *a, *b: pass",
    "{*a}",
    "def f(*args: *Ts): pass",
    "yield *a",
    "a[*b]",
    "match x:\n    case [a, a]: pass",
    "match x:\n    case a: pass\n    case b: pass",
    "match x:\n    case _: pass\n    case b: pass",
    "match x:\n    case a | b: pass",
    "match x:\n    case [a] | (b): pass",
    "match x:\n    case [a, [b]] | [a, [c, d]]: pass",
    "match x:\n    case {1: a, **a}: pass",
    "match x:\n    case C(a, b=a): pass",
    "match x:\n    case (a as b) | c: pass",
    "match x:\n    case 1 | b: pass\n    case 2: pass",
    "match x:\n    case a if a: pass\n    case b: pass",
    "match x:\n    case {1: a, True: b}: pass",
    "match x:\n    case {-0.0: a, 0: b}: pass",
    "match x:\n    case {'a': 1, \"a\": 2}: pass",
    "match x:\n    case {1.5: 1, 1.5: 2}: pass",
    "match x:\n    case {1e16: 1, 1e16: 2}: pass",
    "match x:\n    case {1+2j: 1, 1+2j: 2}: pass",
    "match x:\n    case {-1: 1, -1: 2}: pass",
    "match x:\n    case {b'x': 1, b'x': 2}: pass",
    "match x:\n    case {None: 1, None: 2}: pass",
    "match x:\n    case C(a=1, a=2): pass",
    "match x:\n    case [*a, *b]: pass",
    "match x:\n    case [a, *a]: pass",
    "match x:\n    case (a | b) as c: pass",
    "match x:\n    case [1, _, *_] | [_]: pass\n    case _: pass",
    "f(a=1, a=2)",
    "o.m(a=1, a=2)",
    "class C(a=1, a=2): pass",
    "f(a=1, **k, a=2)",
    "__debug__ = 1",
    "def f(__debug__): pass",
    "x.__debug__ = 1",
    "f(__debug__=1)",
    "del __debug__",
    "import __debug__",
    "from x import __debug__",
    "import a as __debug__",
    "x.__debug__ += 1",
    "def __debug__(): pass",
    "class __debug__: pass",
    "for __debug__ in x: pass",
    "with x as __debug__: pass",
    "try:\n  pass\nexcept E as __debug__:\n  pass",
    "(__debug__ := 1)",
    "[x for __debug__ in y]",
    "lambda __debug__: 1",
    "def f(*, __debug__): pass",
    "match x:\n    case __debug__: pass",
    "match x:\n    case C(__debug__=1): pass",
    "__debug__: int",
    "__debug__ += 1",
    "global __debug__",
    "x = 1\nfrom __future__ import annotations",
    "from __future__ import nope",
    "from __future__ import braces",
    "'''doc'''\nfrom __future__ import annotations",
    "def f():\n    from __future__ import annotations",
    "from __future__ import annotations\nfrom __future__ import division",
    "x = 1\nimport y; from __future__ import annotations",
    "from __future__ import annotations\nx: (yield)",
    "from __future__ import annotations\ndef f(x: (await y)): pass",
    "from __future__ import annotations\ndef f() -> (x := 1): pass",
    "é = 1; return é",
    "é = 1; (yield é)",
    "return 1\ndef f(a, a): pass",
    "class C(*a, a=1, a=2):\n    return",
    "def f():\n    x = 1\n    def g():\n        [x for x in y]\n        nonlocal x",
    "class C:\n    def f(self):\n        __class__\n        super",
    "def f():\n    class C:\n        nonlocal x",
    "def f():\n    x = 1\n    class C:\n        nonlocal x\n        x = 2",
    "@(yield)\ndef f(): pass",
    "def f(x=(yield)): pass",
    "class C(x=(yield)): pass",
    "def f():\n    def g(x=(yield)): pass",
    "def f():\n    lambda x=(await y): 1",
    "x: (yield) = 1",
    "def f():\n    x: (yield) = 1",
    "class C:\n    x: (await y)",
    "def f():\n    x.y: (await z)",
    "x.y: (yield)",
    "x[(yield)]: int",
];

#[test]
fn snippets_match_cpython_compile() {
    if stdlib_dir().is_none() {
        eprintln!("python3 not found: skipping");
        return;
    }
    let mut child = Command::new("python3")
        .args([TOOL, "--snippets"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    let mut input = String::new();
    for snippet in SNIPPETS {
        for byte in snippet.as_bytes() {
            input.push_str(&format!("{byte:02x}"));
        }
        input.push('\n');
    }
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(input.as_bytes()).expect("write snippets");
    }
    let out = child.wait_with_output().expect("python3 finishes");
    let text = String::from_utf8_lossy(&out.stdout);
    let answers: Vec<&str> = text.lines().collect();
    assert_eq!(answers.len(), SNIPPETS.len());

    let mut failures = Vec::new();
    for (snippet, want) in SNIPPETS.iter().zip(answers) {
        if want == "parse" {
            failures.push(format!(
                "{snippet:?}: CPython's parser rejects it; move it elsewhere"
            ));
            continue;
        }
        let parsed = parse(snippet, Mode::Module);
        if let Some(e) = parsed.errors.first() {
            failures.push(format!("{snippet:?}: our parser rejects it: {e}"));
            continue;
        }
        let analysis = build(snippet, &parsed.module);
        let got = analysis
            .errors
            .first()
            .map_or("ok".to_string(), |e| describe(snippet, e));
        // `compile()` leaves the end of future.c's errors unset.
        let got_cmp = if want.split(' ').nth(3) == Some("-") {
            let mut parts: Vec<&str> = got.splitn(5, ' ').collect();
            if parts.len() == 5 {
                parts[3] = "-";
            }
            parts.join(" ")
        } else {
            got.clone()
        };
        if got_cmp != want {
            failures.push(format!("{snippet:?}\n  CPython: {want}\n  ours:    {got}"));
        }
    }
    eprintln!("{} snippets, {} failures", SNIPPETS.len(), failures.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
