//! Edit-and-continue: a file run again in a session keeps the code objects (and quickening
//! state) of its unchanged functions and classes; changed ones start cold; the outcome says
//! which.

use engine::db::definitions::DefKind;
use engine::runtime::types::code::PyCode;
use engine::session::reload::{ReloadState, ReloadSummary};
use engine::session::{Session, Status};
use engine::vm::host::Host;
use engine::vm::quicken::inspect::{CodeInfo, InstrState};
use std::cell::RefCell;
use std::rc::Rc;

#[derive(Clone, Default)]
struct Out {
    stdout: Rc<RefCell<String>>,
    stderr: Rc<RefCell<String>>,
}

impl Host for Out {
    fn write_stdout(&mut self, text: &str) {
        self.stdout.borrow_mut().push_str(text);
    }
    fn write_stderr(&mut self, text: &str) {
        self.stderr.borrow_mut().push_str(text);
    }
    fn read_line(&mut self) -> Option<String> {
        None
    }
}

impl Out {
    /// Everything written since the last take (stdout, stderr).
    fn take(&self) -> (String, String) {
        (
            std::mem::take(&mut *self.stdout.borrow_mut()),
            std::mem::take(&mut *self.stderr.borrow_mut()),
        )
    }
}

fn session() -> (Session, Out) {
    let out = Out::default();
    (Session::new(Box::new(out.clone())), out)
}

/// Runs `source` as `demo.py`; the reload summary (None on a first run).
fn run(s: &mut Session, source: &str) -> Option<ReloadSummary> {
    let outcome = s.run_file(source, "demo.py", false);
    assert!(
        matches!(outcome.status, Status::Ok | Status::Error { .. }),
        "{:?}",
        outcome.status
    );
    outcome.reload
}

fn cell(s: &mut Session, source: &str) {
    let outcome = s.run_cell(source, false);
    assert_eq!(outcome.status, Status::Ok, "{source}");
}

fn code(s: &mut Session, expr: &str) -> Rc<PyCode> {
    let value = s.eval(expr).unwrap_or_else(|e| panic!("{expr}: {e}"));
    s.code_of(&value).expect("a function").0
}

fn info(s: &mut Session, code: &Rc<PyCode>) -> CodeInfo {
    s.vm.inspect_code(code)
}

fn hits(info: &CodeInfo) -> u64 {
    info.instructions.iter().map(|i| u64::from(i.hits)).sum()
}

fn states(summary: &ReloadSummary) -> Vec<(String, ReloadState)> {
    summary
        .items
        .iter()
        .map(|i| (i.qualname.clone(), i.state))
        .collect()
}

fn named(pairs: &[(&str, ReloadState)]) -> Vec<(String, ReloadState)> {
    pairs.iter().map(|(n, s)| (n.to_string(), *s)).collect()
}

use ReloadState::{Kept, New, Removed, Replaced};

const TWO: &str = "\
def f(n):
    total = 0
    for i in range(n):
        total += i * 2
    return total

def g(n):
    return [x + 1 for x in range(n)]
";

#[test]
fn an_edit_to_g_keeps_f_warm_and_restarts_g() {
    let (mut s, _out) = session();
    assert_eq!(run(&mut s, TWO), None, "no summary on the first run");
    cell(&mut s, "for _ in range(50): f(100); g(100)");
    let (f0, g0) = (code(&mut s, "f"), code(&mut s, "g"));
    let f_before = info(&mut s, &f0);
    assert!(f_before.specialized > 0 && hits(&f_before) > 0);
    assert!(info(&mut s, &g0).specialized > 0);

    let summary = run(&mut s, &TWO.replace("x + 1", "x + 2")).expect("a re-run");
    // Comprehensions and lambdas go with their function; only definitions are listed.
    assert_eq!(states(&summary), named(&[("f", Kept), ("g", Replaced)]));
    assert_eq!(summary.functions(Kept), ["f"]);
    assert_eq!(summary.functions(Replaced), ["g"]);
    assert_eq!(summary.items[0].kind, DefKind::Function);
    assert_eq!((summary.items[0].line, summary.items[1].line), (1, 7));

    let (f1, g1) = (code(&mut s, "f"), code(&mut s, "g"));
    assert!(Rc::ptr_eq(&f0, &f1), "f kept its code object");
    assert!(!Rc::ptr_eq(&g0, &g1), "g has new code");
    let f_after = info(&mut s, &f1);
    assert_eq!(f_after.specialized, f_before.specialized);
    assert_eq!(hits(&f_after), hits(&f_before), "f's counts are intact");
    let g_after = info(&mut s, &g1);
    assert_eq!(
        (g_after.specialized, hits(&g_after)),
        (0, 0),
        "g starts cold"
    );
    assert!(g_after
        .instructions
        .iter()
        .all(|i| !matches!(i.state, InstrState::Specialized)));
    cell(&mut s, "assert g(3) == [2, 3, 4], g(3)");
    // The kept code goes on warming up where it left off.
    cell(&mut s, "f(100)");
    assert!(hits(&info(&mut s, &f1)) > hits(&f_before));
}

#[test]
fn a_function_that_only_moved_is_kept_and_reports_its_new_lines() {
    let source = "\
def f(x):
    y = x * 2
    return 10 // (y - 4)
";
    let (mut s, out) = session();
    run(&mut s, source);
    cell(&mut s, "for i in range(100): f(i + 3)");
    let f0 = code(&mut s, "f");
    let specialized = info(&mut s, &f0).specialized;
    assert!(specialized > 0);
    out.take();

    let moved = format!("import sys\n\n# three lines added above\n{source}f(2)\n");
    let summary = run(&mut s, &moved).expect("a re-run");
    assert_eq!(states(&summary), named(&[("f", Kept)]));
    assert_eq!(summary.items[0].line, 4);
    let f1 = code(&mut s, "f");
    assert!(Rc::ptr_eq(&f0, &f1));
    assert_eq!(f1.first_line(), 4);
    let after = info(&mut s, &f1);
    assert_eq!(after.first_line, 4);
    assert_eq!(after.specialized, specialized);
    let operations: Vec<&str> = after
        .instructions
        .iter()
        .filter(|i| i.original == "BINARY_OP" && i.line == 6)
        .map(|i| &moved[i.start as usize..i.end as usize])
        .collect();
    assert_eq!(operations, ["y - 4", "10 // (y - 4)"], "on their new line");
    cell(&mut s, "assert f.__code__.co_firstlineno == 4");

    // The traceback of the kept code is the one a cold run prints.
    let (_, warm) = out.take();
    let (mut cold, cold_out) = session();
    run(&mut cold, &moved);
    let (_, cold_err) = cold_out.take();
    assert!(warm.contains("line 6, in f"), "{warm}");
    assert!(warm.contains("~~~^^~~~~~~~"), "{warm}");
    assert_eq!(warm, cold_err);
}

#[test]
fn a_class_with_one_changed_method() {
    let source = "\
class C:
    def m(self):
        return 1

    def n(self):
        return 2

def use(k):
    c = C()
    return c.m() + c.n()
";
    let (mut s, _out) = session();
    run(&mut s, source);
    cell(&mut s, "for _ in range(100): use(0)");
    let (m0, n0, use0) = (
        code(&mut s, "C.m"),
        code(&mut s, "C.n"),
        code(&mut s, "use"),
    );
    let summary = run(&mut s, &source.replace("return 2", "return 20")).expect("a re-run");
    assert_eq!(
        states(&summary),
        named(&[
            ("C", Replaced),
            ("C.m", Kept),
            ("C.n", Replaced),
            ("use", Kept)
        ])
    );
    assert_eq!(summary.items[0].kind, DefKind::Class);
    assert!(Rc::ptr_eq(&m0, &code(&mut s, "C.m")));
    assert!(!Rc::ptr_eq(&n0, &code(&mut s, "C.n")));
    assert!(Rc::ptr_eq(&use0, &code(&mut s, "use")));
    cell(&mut s, "assert use(0) == 21");
}

#[test]
fn nested_functions_come_along_or_match_on_their_own() {
    let source = "\
def outer():
    def inner(x):
        return x + 1
    return inner

def other():
    return 1
";
    let (mut s, _out) = session();
    run(&mut s, source);
    cell(&mut s, "i = outer()");
    cell(&mut s, "for k in range(100): i(k)");
    let inner0 = code(&mut s, "i");

    // outer untouched: inner comes along inside it.
    let summary = run(&mut s, &source.replace("return 1", "return 2")).expect("a re-run");
    assert_eq!(
        states(&summary),
        named(&[
            ("outer", Kept),
            ("outer.<locals>.inner", Kept),
            ("other", Replaced)
        ])
    );
    cell(&mut s, "i = outer()");
    assert!(Rc::ptr_eq(&inner0, &code(&mut s, "i")));

    // outer changed around it: inner still matches on its own.
    let edited = source.replace("    return inner", "    inner.tag = 1\n    return inner");
    let summary = run(&mut s, &edited).expect("a re-run");
    assert_eq!(summary.functions(Replaced), ["outer", "other"]);
    assert_eq!(summary.functions(Kept), ["outer.<locals>.inner"]);
    cell(&mut s, "i = outer()");
    let inner1 = code(&mut s, "i");
    assert!(Rc::ptr_eq(&inner0, &inner1));
    assert!(info(&mut s, &inner1).specialized > 0);

    // Same text, different scope: `y` turns from a free variable into a global.
    let closure = "\
def outer():
    y = 1
    def inner(x):
        return x + y
    return inner
";
    run(&mut s, closure);
    let summary = run(&mut s, &closure.replace("    y = 1\n", "    pass\n")).expect("a re-run");
    assert_eq!(
        summary.functions(Replaced),
        ["outer", "outer.<locals>.inner"]
    );
    cell(&mut s, "y = 5");
    cell(&mut s, "assert outer()(1) == 6");
}

#[test]
fn deleted_and_added_functions() {
    let (mut s, _out) = session();
    run(&mut s, "def a():\n    return 1\n\ndef b():\n    return 2\n");
    let summary =
        run(&mut s, "def a():\n    return 1\n\ndef c():\n    return 3\n").expect("a re-run");
    assert_eq!(
        states(&summary),
        named(&[("a", Kept), ("c", New), ("b", Removed)])
    );
    assert_eq!(summary.items[2].line, 4, "where b was");
}

#[test]
fn decorated_functions_and_defaults() {
    let source = "\
calls = []
def deco(fn):
    calls.append(fn.__name__)
    return fn

@deco
def f(x, k=len(calls)):
    return x + k
";
    let (mut s, _out) = session();
    run(&mut s, source);
    let f0 = code(&mut s, "f");
    let summary = run(&mut s, source).expect("a re-run");
    assert!(summary.items.iter().all(|i| i.state == Kept), "{summary:?}");
    assert!(Rc::ptr_eq(&f0, &code(&mut s, "f")));
    // The decorator ran again and the default was evaluated again, as in a cold run.
    cell(&mut s, "assert calls == ['f'] and f(0) == 0, (calls, f(0))");
    let summary = run(&mut s, &source.replace("@deco\n", "@deco\n@deco\n")).expect("a re-run");
    assert_eq!(
        summary.functions(Replaced),
        ["f"],
        "the decorators are part of its text"
    );
}

#[test]
fn warm_global_loads_survive_a_run_that_adds_names() {
    let source = "\
K = 3
def f(n):
    return len(range(n)) + K
";
    let (mut s, _out) = session();
    run(&mut s, source);
    cell(&mut s, "for _ in range(100): f(2)");
    let f0 = code(&mut s, "f");
    let globals = |i: &CodeInfo| {
        i.instructions
            .iter()
            .filter(|x| x.original == "LOAD_GLOBAL")
            .map(|x| (x.current, x.misses))
            .collect::<Vec<_>>()
    };
    let before = globals(&info(&mut s, &f0));
    assert_eq!(
        before,
        [
            ("LOAD_GLOBAL_BUILTIN", 0),
            ("LOAD_GLOBAL_BUILTIN", 0),
            ("LOAD_GLOBAL_MODULE", 0)
        ]
    );
    // New names change the globals' keys version the loads are guarded on.
    run(&mut s, &format!("{source}NEW = 1\ndef h():\n    pass\n")).expect("a re-run");
    cell(&mut s, "for _ in range(100): f(2)");
    let f1 = code(&mut s, "f");
    assert!(Rc::ptr_eq(&f0, &f1));
    assert_eq!(
        globals(&info(&mut s, &f1)),
        before,
        "still specialized, no misses"
    );
}

#[test]
fn a_rerun_behaves_like_a_cold_run() {
    let v1 = "\
import math

class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm(self):
        return math.sqrt(self.x * self.x + self.y * self.y)

def total(points):
    return sum(p.norm() for p in points)

def make(n):
    return [Point(i, i + 1) for i in range(n)]

print(round(total(make(200)), 3))
";
    let v2 = v1
        .replace("def make(n):", "SCALE = 2\n\ndef make(n):")
        .replace("Point(i, i + 1)", "Point(i * SCALE, i + 1)")
        .replace("print(", "print(len(make(3)), ");
    let (mut warm, warm_out) = session();
    run(&mut warm, v1);
    cell(&mut warm, "for _ in range(20): total(make(50))");
    warm_out.take();
    let summary = run(&mut warm, &v2).expect("a re-run");
    assert_eq!(summary.functions(Replaced), ["make"]);
    assert_eq!(
        summary.functions(Kept),
        ["Point.__init__", "Point.norm", "total"]
    );
    let (mut cold, cold_out) = session();
    run(&mut cold, &v2);
    let (warm, cold) = (warm_out.take(), cold_out.take());
    assert_eq!(warm, cold);
    // python3 prints the same.
    assert_eq!(cold, ("3 44588.742\n".to_owned(), String::new()));
}

#[test]
fn sites_guarded_on_a_recreated_class_respecialize_at_once() {
    let source = "\
class C:
    def __init__(self):
        self.v = 1

    def m(self):
        return self.v

def use(k):
    c = C()
    return c.m() + c.v
";
    let (mut s, _out) = session();
    run(&mut s, source);
    cell(&mut s, "for _ in range(100): use(0)");
    let u = code(&mut s, "use");
    let specialized = |i: &CodeInfo| {
        i.instructions
            .iter()
            .filter(|x| x.state == InstrState::Specialized)
            .map(|x| x.current)
            .collect::<Vec<_>>()
    };
    let before = specialized(&info(&mut s, &u));
    assert!(before.contains(&"CALL_ALLOC_AND_ENTER_INIT"), "{before:?}");
    // Same text: the class statement still makes a new class, with a new version.
    let summary = run(&mut s, source).expect("a re-run");
    assert!(summary.items.iter().all(|i| i.state == Kept));
    assert!(Rc::ptr_eq(&u, &code(&mut s, "use")));
    cell(&mut s, "for _ in range(100): use(0)");
    let after = info(&mut s, &u);
    assert_eq!(specialized(&after), before);
    for i in after
        .instructions
        .iter()
        .filter(|i| i.state == InstrState::Specialized)
    {
        assert_eq!((i.misses, i.deopts), (0, 0), "{} {}", i.current, i.cache);
        assert!(!i.cache.contains("polymorphic"), "{}", i.cache);
        assert!(i.hits >= 197, "{} kept its counts: {}", i.current, i.hits);
    }
}

#[test]
fn the_summary_is_plain_data() {
    let (mut s, _out) = session();
    run(&mut s, "def f():\n    pass\n");
    let summary = run(&mut s, "def f():\n    return 1\n").expect("a re-run");
    let json = serde_json::to_string(&summary).unwrap_or_default();
    assert_eq!(
        json,
        r#"{"filename":"demo.py","items":[{"qualname":"f","kind":"function","line":1,"state":"replaced"}]}"#
    );
    let back: ReloadSummary = serde_json::from_str(&json).expect("round trip");
    assert_eq!(back, summary);
}
