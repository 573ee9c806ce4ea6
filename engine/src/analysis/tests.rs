//! Fixture tests: a source with a cursor marker `$0` (and `//- /path` headers for more
//! files) → the expected answer.

use super::ide;
use super::outline;
use crate::db::{self, AnalysisDatabase, SourceFile};

/// Loads the fixture; returns the database, the file holding the cursor and the offset.
fn fixture(src: &str) -> (AnalysisDatabase, SourceFile, u32) {
    let mut db = AnalysisDatabase::default();
    let mut files: Vec<(String, String)> = Vec::new();
    if src.starts_with("//- ") {
        for part in src.split("//- ").filter(|p| !p.is_empty()) {
            let (path, body) = part.split_once('\n').unwrap_or((part, ""));
            files.push((path.trim().to_owned(), body.to_owned()));
        }
    } else {
        files.push(("/w/main.py".to_owned(), src.to_owned()));
    }
    db.set_roots(vec!["/w".to_owned()]);
    let mut cursor = None;
    for (path, body) in files {
        let offset = body.find("$0");
        let text = body.replace("$0", "");
        let file = db.set_file(&path, text);
        if let Some(o) = offset {
            cursor = Some((file, o as u32));
        }
    }
    let (file, offset) = cursor.unwrap_or_else(|| (db.file("/w/main.py").expect("main"), 0));
    (db, file, offset)
}

fn diags(src: &str) -> Vec<String> {
    let (db, file, _) = fixture(src);
    let text = file.text(&db);
    db::diagnostics(&db, file)
        .iter()
        .map(|d| {
            format!(
                "{:?} {} {}: {}",
                d.severity,
                d.code,
                d.range.slice(text),
                d.message
            )
        })
        .collect()
}

#[test]
fn undefined_names_know_builtins_and_globals() {
    let d = diags("def f(a):\n    print(len(a), missing, G)\nG = 1\n");
    assert_eq!(
        d,
        vec!["Error undefined-name missing: name 'missing' is not defined"]
    );
}

#[test]
fn unused_imports_and_variables() {
    let d =
        diags("import math\nimport gc\ndef f():\n    x = 1\n    y = 2\n    return y\nprint(gc)\n");
    assert_eq!(
        d,
        vec![
            "Warning unused-import math: 'math' is imported but never used",
            "Hint unused-variable x: local variable 'x' is assigned but never used",
        ]
    );
}

#[test]
fn every_syntax_error_is_reported() {
    let d = diags("def f(:\n    pass\nx = = 2\n");
    assert!(d.len() >= 2, "{d:?}");
    assert!(d.iter().all(|l| l.starts_with("Error")), "{d:?}");
}

#[test]
fn symtable_errors_and_missing_modules() {
    let d = diags("def f():\n    x = 1\n    global x\nimport nosuchmod\n");
    assert!(
        d.iter()
            .any(|l| l.contains("assigned to before global declaration")),
        "{d:?}"
    );
    assert!(
        d.iter().any(|l| l.contains("unresolved-import nosuchmod")),
        "{d:?}"
    );
}

#[test]
fn local_modules_resolve() {
    let d = diags(
        "//- /w/main.py\nimport helper\nhelper.go()\n//- /w/helper.py\ndef go():\n    pass\n",
    );
    assert_eq!(d, Vec::<String>::new());
}

#[test]
fn hover_shows_signature_docstring_and_types() {
    let (db, f, o) =
        fixture("def area(w, h=2):\n    \"\"\"Area.\"\"\"\n    return 1\nx = ar$0ea(3)\n");
    let h = ide::hover(&db, f, o).expect("hover").markdown;
    assert!(h.contains("(function) def area(w, h=2) -> int"), "{h}");
    assert!(h.contains("Area."), "{h}");
    let (db, f, o) = fixture("class C:\n    pass\nc = C()\nprint(c$0)\n");
    let h = ide::hover(&db, f, o).expect("hover").markdown;
    assert!(h.contains("(variable) c: C"), "{h}");
    let (db, f, o) = fixture("print(le$0n([]))\n");
    assert!(ide::hover(&db, f, o)
        .expect("hover")
        .markdown
        .contains("builtin function"));
}

#[test]
fn definition_is_scope_correct_and_crosses_files() {
    let (db, f, o) = fixture("x = 1\ndef g():\n    x = 2\n    return x$0\n");
    let t = ide::definition(&db, f, o);
    assert_eq!(t.len(), 1);
    assert_eq!(t[0].focus.start, 19);
    let (db, f, o) = fixture(
        "//- /w/main.py\nfrom helper import go\ngo$0()\n//- /w/helper.py\n\ndef go():\n    pass\n",
    );
    let t = ide::definition(&db, f, o);
    assert_eq!(t[0].file.path(&db), "/w/helper.py");
    assert_eq!(t[0].focus.slice(t[0].file.text(&db)), "go");
}

#[test]
fn references_and_rename() {
    let (db, f, o) = fixture("def f(n$0):\n    return n + 1\nn = 5\nprint(n)\n");
    let refs = ide::references(&db, f, o, true);
    assert_eq!(refs.len(), 2, "{refs:?}");
    let edits = ide::rename(&db, f, o, "count").expect("rename");
    assert_eq!(edits.len(), 2);
    assert!(ide::rename(&db, f, o, "class").is_err());
    assert!(ide::rename(&db, f, o, "1x").is_err());
    let (db, f, o) = fixture("pri$0nt(1)\n");
    assert!(ide::prepare_rename(&db, f, o).is_err());
}

#[test]
fn completion_in_scope_attributes_and_not_in_strings() {
    let (db, f, o) = fixture("import math\nVALUE = 1\ndef f(param):\n    loc = 2\n    $0\n");
    let labels: Vec<String> = ide::completions(&db, f, o)
        .into_iter()
        .map(|c| c.label)
        .collect();
    for want in ["param", "loc", "VALUE", "math", "f", "print", "while"] {
        assert!(labels.iter().any(|l| l == want), "{want} missing");
    }
    let (db, f, o) = fixture("import math\nmath.$0\n");
    let labels: Vec<String> = ide::completions(&db, f, o)
        .into_iter()
        .map(|c| c.label)
        .collect();
    assert!(labels.iter().any(|l| l == "sqrt"), "{labels:?}");
    let (db, f, o) = fixture("class P:\n    def __init__(self):\n        self.x = 1\n    def m(self):\n        pass\np = P()\np.$0\n");
    let labels: Vec<String> = ide::completions(&db, f, o)
        .into_iter()
        .map(|c| c.label)
        .collect();
    assert!(
        labels.contains(&"m".to_owned()) && labels.contains(&"x".to_owned()),
        "{labels:?}"
    );
    let (db, f, o) = fixture("s = 'abc$0'\n");
    assert!(ide::completions(&db, f, o).is_empty());
}

#[test]
fn signature_help_tracks_the_active_parameter() {
    let (db, f, o) = fixture("def f(a, b, c=1):\n    pass\nf(1, $0)\n");
    let s = ide::signature_help(&db, f, o).expect("sig");
    assert_eq!(s.label, "f(a, b, c=1)");
    assert_eq!(s.active_parameter, 1);
}

#[test]
fn outline_symbols_and_semantic_tokens() {
    let (db, f, _) =
        fixture("class A:\n    def m(self):\n        pass\ndef g(x):\n    return x\nK = 1\n");
    let syms = outline::document_symbols(&db, f);
    let names: Vec<&str> = syms.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["A", "g", "K"]);
    assert_eq!(syms[0].children[0].kind, outline::SymbolKind::Method);
    let toks = outline::semantic_tokens(&db, f);
    let text = f.text(&db);
    let kinds: Vec<(&str, &str)> = toks
        .iter()
        .map(|t| (t.range.slice(text), outline::TOKEN_TYPES[t.kind as usize]))
        .collect();
    assert!(kinds.contains(&("A", "class")));
    assert!(kinds.contains(&("m", "method")));
    assert!(kinds.contains(&("x", "parameter")));
    assert!(kinds.contains(&("g", "function")));
}

#[test]
fn an_edit_inside_one_function_recomputes_only_that_function() {
    let log = db::ExecutionLog::default();
    let mut db = AnalysisDatabase::with_execution_log(log.clone());
    let src = "def a():\n    return 1\n\ndef b():\n    return 2\n\ndef c():\n    return 3\n";
    let f = db.set_file("/w/main.py", src.to_owned());
    let _ = db::diagnostics(&db, f);
    let count = |log: &db::ExecutionLog| {
        log.lock().map_or(0, |l| {
            l.iter().filter(|e| e.starts_with("chunk_facts")).count()
        })
    };
    assert_eq!(count(&log), 3);
    log.lock().expect("log").clear();
    db.set_file("/w/main.py", src.replace("return 2", "return 22"));
    let _ = db::diagnostics(&db, f);
    assert_eq!(count(&log), 1, "{:?}", log.lock().expect("log"));
}

fn completion_labels(src: &str) -> Vec<String> {
    let (db, f, o) = fixture(src);
    ide::completions(&db, f, o)
        .into_iter()
        .map(|c| c.label)
        .collect()
}

fn completion(src: &str, label: &str) -> ide::Completion {
    let (db, f, o) = fixture(src);
    ide::completions(&db, f, o)
        .into_iter()
        .find(|c| c.label == label)
        .unwrap_or_else(|| panic!("{label} not offered"))
}

fn hover_text(src: &str) -> String {
    let (db, f, o) = fixture(src);
    ide::hover(&db, f, o).expect("hover").markdown
}

#[test]
fn import_statements_complete_module_names() {
    let labels = completion_labels(
        "//- /w/main.py\nimport $0\n//- /w/helper.py\nX = 1\n//- /w/pkg/__init__.py\n",
    );
    for want in [
        "collections",
        "functools",
        "math",
        "re",
        "helper",
        "pkg",
        "os",
    ] {
        assert!(
            labels.iter().any(|l| l == want),
            "{want} missing: {labels:?}"
        );
    }
    assert!(!labels.iter().any(|l| l == "main"), "{labels:?}");
    assert!(!labels.iter().any(|l| l.starts_with('_')), "{labels:?}");
    assert!(completion_labels("from fu$0").contains(&"functools".to_owned()));
    assert!(completion_labels("import sys, ite$0").contains(&"itertools".to_owned()));
    assert_eq!(completion_labels("import collections.$0"), ["abc"]);
}

#[test]
fn from_import_completes_public_names() {
    let labels = completion_labels("from collections import $0");
    for want in [
        "deque",
        "defaultdict",
        "Counter",
        "namedtuple",
        "OrderedDict",
        "ChainMap",
        "abc",
    ] {
        assert!(
            labels.iter().any(|l| l == want),
            "{want} missing: {labels:?}"
        );
    }
    assert!(!labels.iter().any(|l| l.starts_with('_')), "{labels:?}");
    // `__all__` decides: functools imports namedtuple, but does not export it.
    let labels = completion_labels("from functools import reduce, $0");
    assert!(labels.contains(&"lru_cache".to_owned()), "{labels:?}");
    assert!(
        !labels.iter().any(|l| l.contains("namedtuple")),
        "{labels:?}"
    );
    // A star import re-exports: collections.abc is `from _collections_abc import *`.
    let labels = completion_labels("from collections.abc import $0");
    assert!(labels.contains(&"Mapping".to_owned()), "{labels:?}");
    let labels = completion_labels("from math import $0");
    assert!(labels.contains(&"sqrt".to_owned()), "{labels:?}");
    // Workspace modules without `__all__`: names without an underscore.
    let labels =
        completion_labels("//- /w/main.py\nfrom helper import $0\n//- /w/helper.py\ndef go():\n    pass\n_hidden = 1\n");
    assert_eq!(labels, ["go"]);
}

#[test]
fn library_members_complete_with_kinds() {
    let c = completion("import functools\nfunctools.$0\n", "reduce");
    assert_eq!(c.kind, ide::CompletionKind::Function);
    assert_eq!(
        c.detail.as_deref(),
        Some("def reduce(function, sequence, initial=...)")
    );
    assert!(c
        .documentation
        .as_deref()
        .unwrap_or("")
        .starts_with("Apply a function"));
    let c = completion("import functools\nfunctools.$0\n", "partial");
    assert_eq!(c.kind, ide::CompletionKind::Class);
    let c = completion("import functools\nfunctools.$0\n", "WRAPPER_ASSIGNMENTS");
    assert_eq!(c.kind, ide::CompletionKind::Constant);
    let labels = completion_labels("import functools\nfunctools.$0\n");
    assert!(!labels.iter().any(|l| l.starts_with('_')), "{labels:?}");
    let c = completion("import os\nos.$0\n", "path");
    assert_eq!(c.kind, ide::CompletionKind::Module);
    let labels = completion_labels("import os\nos.path.$0\n");
    assert!(labels.contains(&"join".to_owned()), "{labels:?}");
    let labels = completion_labels("import collections.abc\ncollections.abc.$0\n");
    assert!(labels.contains(&"Iterable".to_owned()), "{labels:?}");
    let labels = completion_labels("from collections import deque\nd = deque()\nd.$0\n");
    assert!(labels.contains(&"appendleft".to_owned()), "{labels:?}");
    let c = completion("import math\nmath.$0\n", "sqrt");
    assert_eq!(c.detail.as_deref(), Some("def sqrt(x, /)"));
}

#[test]
fn hover_shows_library_signatures_and_docs() {
    let h = hover_text("import functools\nfunctools.red$0uce(max, [1])\n");
    assert!(
        h.starts_with("```python\n(function) def reduce(function, sequence, initial=...)\n```"),
        "{h}"
    );
    assert!(h.contains("Apply a function of two arguments"), "{h}");
    assert!(
        !h.contains("reduce(function, iterable[, initial]) -> value"),
        "{h}"
    );
    let h = hover_text("from collections import deq$0ue\n");
    assert!(h.contains("(class) class deque"), "{h}");
    let h = hover_text("from collections import deque\ndeq$0ue()\n");
    assert!(h.contains("(class) class deque"), "{h}");
    let h = hover_text("import math\nmath.sq$0rt(2)\n");
    assert!(h.contains("(function) def sqrt(x, /)"), "{h}");
    assert!(h.contains("Return the square root of x."), "{h}");
    let h = hover_text("import func$0tools\n");
    assert!(h.contains("(module) functools"), "{h}");
    let h = hover_text("import os\nos.path.jo$0in('a')\n");
    assert!(h.contains("(function) def join("), "{h}");
    let h = hover_text("print(le$0n([]))\n");
    assert!(h.contains("def len(obj, /)"), "{h}");
}

#[test]
fn library_names_are_not_unresolved_and_definition_stays_in_the_workspace() {
    let d = diags("import functools\nimport collections.abc\nfrom string import digits\nprint(functools, collections, digits)\n");
    assert_eq!(d, Vec::<String>::new());
    let (db, f, o) = fixture("from functools import reduce\nred$0uce\n");
    assert!(ide::definition(&db, f, o).is_empty());
}

#[test]
fn a_workspace_module_next_to_the_file_shadows_the_library() {
    let labels = completion_labels(
        "//- /w/main.py\nimport string\nstring.$0\n//- /w/string.py\ndef mine():\n    pass\n",
    );
    assert_eq!(labels, ["mine"]);
}

#[test]
fn signature_help_of_natives_uses_their_text_signature() {
    let (db, f, o) = fixture("import math\nmath.pow(2, $0)\n");
    let s = ide::signature_help(&db, f, o).expect("sig");
    assert_eq!(s.label, "math.pow(x, y)");
    assert_eq!(s.active_parameter, 1);
    let (db, f, o) = fixture("import functools\nfunctools.reduce(max, $0)\n");
    let s = ide::signature_help(&db, f, o).expect("sig");
    assert_eq!(s.label, "reduce(function, sequence, initial=...)");
}

#[test]
fn hover_on_a_from_import_module_and_builtin_signatures() {
    let h = hover_text("from collec$0tions import deque\n");
    assert!(h.contains("(module) collections"), "{h}");
    let h = hover_text("from os import path\npath.jo$0in('a')\n");
    assert!(h.contains("(function) def join(a, *p)"), "{h}");
    let h = hover_text("op$0en('x')\n");
    assert!(
        h.contains("(builtin function) def open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None, closefd=True, opener=None)"),
        "{h}"
    );
    assert!(!h.contains("newline controls"), "{h}");
    let labels = completion_labels("from os import path\npath.$0");
    assert!(labels.contains(&"exists".to_owned()), "{labels:?}");
}
