//! End-to-end tests of `adder lsp`: the real binary, spoken to over its stdio.

mod lsp_support;

use lsp_support::{at, pos, Server};
use serde_json::{json, Value};

const MAIN: &str = "file:///ws/main.py";

fn messages(diags: &[Value]) -> Vec<String> {
    diags
        .iter()
        .map(|d| d["message"].as_str().unwrap_or("").to_owned())
        .collect()
}

#[test]
fn initialize_advertises_every_feature() {
    let (s, init) = Server::initialized();
    let caps = &init["capabilities"];
    for cap in [
        "hoverProvider",
        "definitionProvider",
        "referencesProvider",
        "renameProvider",
        "documentHighlightProvider",
        "documentSymbolProvider",
        "workspaceSymbolProvider",
        "completionProvider",
        "signatureHelpProvider",
        "semanticTokensProvider",
        "foldingRangeProvider",
        "selectionRangeProvider",
        "codeLensProvider",
        "inlayHintProvider",
    ] {
        assert!(!caps[cap].is_null(), "{cap} missing: {caps}");
    }
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
    assert_eq!(s.stop(), Some(0));
}

#[test]
fn accepts_the_stdio_flag_vscode_languageclient_appends() {
    // `TransportKind.stdio` runs `adder lsp --stdio`.
    let mut s = Server::start_args(&["lsp", "--stdio"]);
    let init = s.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    assert_eq!(init["serverInfo"]["name"], "adder", "{init}");
    s.notify("initialized", json!({}));
    assert_eq!(s.stop(), Some(0));
}

#[test]
fn diagnostics_follow_incremental_changes() {
    let (mut s, _) = Server::initialized();
    s.open(
        MAIN,
        "import gc\ndef f(x):\n    y = 1\n    return x + missing\nprint(f(1)\n",
    );
    let d = messages(&s.diagnostics(MAIN));
    assert!(
        d.iter().any(|m| m.contains("'(' was never closed")),
        "{d:?}"
    );
    assert!(
        d.iter().any(|m| m == "name 'missing' is not defined"),
        "{d:?}"
    );
    assert!(
        d.iter().any(|m| m == "'gc' is imported but never used"),
        "{d:?}"
    );
    assert!(d.iter().any(|m| m.contains("local variable 'y'")), "{d:?}");
    // Close the paren, rename `missing` to `x`: two incremental edits in one notification.
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": MAIN, "version": 2}, "contentChanges": [
            {"range": {"start": pos(4, 10), "end": pos(4, 10)}, "text": ")"},
            {"range": {"start": pos(3, 15), "end": pos(3, 22)}, "text": "x"},
        ]}),
    );
    let d = messages(&s.diagnostics(MAIN));
    assert_eq!(
        d,
        vec![
            "'gc' is imported but never used",
            "local variable 'y' is assigned but never used"
        ]
    );
    // Many quick single-character edits arrive in order.
    for (i, ch) in "import math".chars().enumerate() {
        s.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": MAIN, "version": 3 + i}, "contentChanges": [
                {"range": {"start": pos(5, i as u32), "end": pos(5, i as u32)}, "text": ch.to_string()},
            ]}),
        );
    }
    let d = loop {
        let p = s.wait_notification("textDocument/publishDiagnostics", |p| p["uri"] == MAIN);
        if p["version"] == json!(13) {
            break messages(p["diagnostics"].as_array().expect("array"));
        }
    };
    assert!(
        d.contains(&"'math' is imported but never used".to_owned()),
        "{d:?}"
    );
    assert_eq!(s.stop(), Some(0));
}

#[test]
fn navigation_hover_rename_and_completion() {
    let (mut s, _) = Server::initialized();
    let helper = "file:///ws/helper.py";
    s.open(
        helper,
        "def scale(v, k=2):\n    \"\"\"Scale v by k.\"\"\"\n    return v * k\n",
    );
    s.open(
        MAIN,
        "from helper import scale\nclass Box:\n    def __init__(self, w):\n        self.w = w\n    def area(self):\n        return self.w\nb = Box(3)\ntotal = scale(b.area(), 4)\nprint(total)\n",
    );
    s.diagnostics(MAIN);
    // Hover: the imported function's signature and docstring.
    let h = s.request("textDocument/hover", at(MAIN, 7, 9));
    let md = h["contents"]["value"].as_str().unwrap_or("");
    assert!(
        md.contains("def scale(v, k=2)") && md.contains("Scale v by k."),
        "{md}"
    );
    // Hover: a variable whose type is evident from its constructor.
    let h = s.request("textDocument/hover", at(MAIN, 6, 0));
    assert!(
        h["contents"]["value"]
            .as_str()
            .unwrap_or("")
            .contains("b: Box"),
        "{h}"
    );
    // Definition into the other file.
    let d = s.request("textDocument/definition", at(MAIN, 7, 9));
    assert_eq!(d[0]["uri"], helper);
    assert_eq!(d[0]["range"]["start"], pos(0, 4));
    // Definition of a method through an instance.
    let d = s.request("textDocument/definition", at(MAIN, 7, 17));
    assert_eq!(d[0]["range"]["start"], pos(4, 8));
    // References of `total`, declaration included.
    let r = s.request(
        "textDocument/references",
        json!({"textDocument": {"uri": MAIN}, "position": pos(8, 7), "context": {"includeDeclaration": true}}),
    );
    assert_eq!(r.as_array().map(Vec::len), Some(2), "{r}");
    // Highlight marks the write and the read.
    let hl = s.request("textDocument/documentHighlight", at(MAIN, 8, 7));
    assert_eq!(hl.as_array().map(Vec::len), Some(2));
    // Rename: scope-correct edits; invalid identifiers are refused.
    let e = s.request(
        "textDocument/rename",
        json!({"textDocument": {"uri": MAIN}, "position": pos(2, 23), "newName": "width"}),
    );
    let edits = e["changes"][MAIN].as_array().cloned().unwrap_or_default();
    assert_eq!(edits.len(), 2, "{e}");
    let bad = s.call(
        "textDocument/rename",
        json!({"textDocument": {"uri": MAIN}, "position": pos(2, 23), "newName": "not valid"}),
    );
    assert!(bad["error"]["message"]
        .as_str()
        .unwrap_or("")
        .contains("not a valid Python identifier"));
    let bad = s.call("textDocument/prepareRename", at(MAIN, 8, 1));
    assert!(
        bad["error"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("builtin"),
        "{bad}"
    );
    // Completion: attributes of a class instance, with signatures.
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": MAIN, "version": 2}, "contentChanges": [
            {"range": {"start": pos(9, 0), "end": pos(9, 0)}, "text": "b."},
        ]}),
    );
    let c = s.request("textDocument/completion", at(MAIN, 9, 2));
    let labels: Vec<&str> = c.as_array().map_or(vec![], |a| {
        a.iter().filter_map(|i| i["label"].as_str()).collect()
    });
    assert!(
        labels.contains(&"area") && labels.contains(&"w"),
        "{labels:?}"
    );
    // Signature help inside a call.
    let sh = s.request("textDocument/signatureHelp", at(MAIN, 7, 23));
    assert_eq!(sh["signatures"][0]["label"], "scale(v, k=2)");
    assert_eq!(sh["activeParameter"], 1);
    assert_eq!(s.stop(), Some(0));
}

#[test]
fn symbols_tokens_folding_selection() {
    let (mut s, _) = Server::initialized();
    s.open(
        MAIN,
        "import gc\nclass A:\n    def m(self, x):\n        return x\n\ndef g():\n    return A()\n",
    );
    let syms = s.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": MAIN}}),
    );
    assert_eq!(syms[0]["name"], "A");
    assert_eq!(syms[0]["children"][0]["name"], "m");
    assert_eq!(syms[1]["name"], "g");
    let ws = s.request("workspace/symbol", json!({"query": "m"}));
    assert!(
        ws.as_array()
            .is_some_and(|a| a.iter().any(|x| x["name"] == "m")),
        "{ws}"
    );
    let toks = s.request(
        "textDocument/semanticTokens/full",
        json!({"textDocument": {"uri": MAIN}}),
    );
    let data = toks["data"].as_array().cloned().unwrap_or_default();
    assert!(data.len() >= 5 * 6, "{toks}");
    let folds = s.request(
        "textDocument/foldingRange",
        json!({"textDocument": {"uri": MAIN}}),
    );
    assert!(
        folds
            .as_array()
            .is_some_and(|a| a.iter().any(|f| f["startLine"] == 1 && f["endLine"] == 3)),
        "{folds}"
    );
    let sel = s.request(
        "textDocument/selectionRange",
        json!({"textDocument": {"uri": MAIN}, "positions": [pos(3, 16)]}),
    );
    assert!(!sel[0]["parent"].is_null(), "{sel}");
    assert_eq!(s.stop(), Some(0));
}

#[test]
fn the_live_vm_runs_profiles_and_shows_quickening() {
    let (mut s, _) = Server::initialized();
    let src = "def work(n):\n    t = 0\n    for i in range(n):\n        t += i * 2\n    return t\nprint(work(20000))\n";
    s.open(MAIN, src);
    s.diagnostics(MAIN);
    // Opening never runs anything: no output, no hints.
    let hints = s.request(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": MAIN}, "range": {"start": pos(0, 0), "end": pos(9, 0)}}),
    );
    assert_eq!(hints, json!([]));
    assert!(!s
        .notifications
        .iter()
        .any(|n| n["method"] == "adder/output"));
    let lens = s.request(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": MAIN}}),
    );
    assert!(lens.to_string().contains("not run yet"), "{lens}");
    // Run.
    let r = s.request("adder/run", json!({"uri": MAIN}));
    assert_eq!(r["status"], "ok", "{r}");
    let mut out = String::new();
    while !out.contains('\n') {
        let o = s.wait_notification("adder/output", |_| true);
        out.push_str(o["text"].as_str().unwrap_or(""));
    }
    assert_eq!(out, "399980000\n");
    // Inlay hints: execution counts and specialization status.
    let hints = s.request(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": MAIN}, "range": {"start": pos(0, 0), "end": pos(9, 0)}}),
    );
    let line3 = hints
        .as_array()
        .and_then(|a| a.iter().find(|h| h["position"]["line"] == 3))
        .cloned()
        .unwrap_or_default();
    // `t += i * 2` ran 20,000 times: the count is exact.
    assert!(
        line3["label"]
            .as_str()
            .unwrap_or("")
            .starts_with("×20,000 · 2/2 specialized"),
        "{hints}"
    );
    // Hover on the line shows the instructions in their current form.
    let h = s.request("textDocument/hover", at(MAIN, 3, 10));
    let md = h["contents"]["value"].as_str().unwrap_or("");
    assert!(
        md.contains("BINARY_OP_ADD_INT") && md.contains("✓") && md.contains("hits"),
        "{md}"
    );
    // Code lens: calls and % specialized.
    let lens = s.request(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": MAIN}}),
    );
    assert!(
        lens.to_string().contains("1 call") && lens.to_string().contains("specialized"),
        "{lens}"
    );
    // The quickening state and the profile.
    let q = s.request("adder/quickening", json!({"uri": MAIN, "function": "work"}));
    assert_eq!(q["qualname"], "work");
    assert!(q["instructions"]
        .as_array()
        .is_some_and(|a| a.iter().any(|i| i["current"] == "BINARY_OP_ADD_INT")));
    let bad = s.call("adder/quickening", json!({"uri": MAIN, "function": "nope"}));
    assert!(bad.get("error").is_some());
    let p = s.request("adder/profile", json!({"uri": MAIN}));
    assert!(
        p["functions"]
            .as_array()
            .is_some_and(|f| f.iter().any(|x| x["qualname"] == "work" && x["calls"] == 1)),
        "{p}"
    );
    // Evaluate in the same session.
    let e = s.request("adder/evaluate", json!({"code": "work(3)"}));
    assert_eq!(e["result"], "6");
    let e = s.request("adder/evaluate", json!({"code": "1/0"}));
    assert!(e["error"]
        .as_str()
        .unwrap_or("")
        .contains("ZeroDivisionError"));
    assert_eq!(s.stop(), Some(0));
}

#[test]
fn performance_hints_explain_failed_specializations() {
    let (mut s, _) = Server::initialized();
    let src = "class C:\n    def __getattribute__(self, name):\n        return object.__getattribute__(self, name)\nc = C()\nc.x = 1\nt = 0\nfor i in range(200):\n    t += c.x\n";
    s.open(MAIN, src);
    s.diagnostics(MAIN);
    let r = s.request("adder/run", json!({"uri": MAIN}));
    assert_eq!(r["status"], "ok", "{r}");
    let diags = loop {
        let d = s.diagnostics(MAIN);
        if d.iter().any(|x| x["code"] == "performance") {
            break d;
        }
    };
    let hint = diags
        .iter()
        .find(|x| x["code"] == "performance")
        .cloned()
        .unwrap_or_default();
    assert_eq!(hint["severity"], 3, "information");
    assert!(
        hint["message"]
            .as_str()
            .unwrap_or("")
            .contains("__getattribute__"),
        "{hint}"
    );
    // Switchable.
    s.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"adder": {"performanceHints": false}}}),
    );
    let diags = s.diagnostics(MAIN);
    assert!(
        !diags.iter().any(|x| x["code"] == "performance"),
        "{diags:?}"
    );
    assert_eq!(s.stop(), Some(0));
}

#[test]
fn an_infinite_loop_is_interrupted_while_requests_are_answered() {
    let (mut s, _) = Server::initialized();
    s.open(MAIN, "n = 0\nwhile True:\n    n += 1\n");
    s.diagnostics(MAIN);
    let run = s.send_request("adder/run", json!({"uri": MAIN}));
    std::thread::sleep(std::time::Duration::from_millis(300));
    // The server keeps answering while the program runs.
    let h = s.request("textDocument/hover", at(MAIN, 0, 0));
    assert!(
        h["contents"]["value"]
            .as_str()
            .unwrap_or("")
            .contains("n: int"),
        "{h}"
    );
    let i = s.request("adder/interrupt", json!({}));
    assert_eq!(i["interrupted"], true);
    let r = s.response(run);
    assert_eq!(r["result"]["status"], "interrupted", "{r}");
    let mut err = String::new();
    while !err.contains("KeyboardInterrupt") {
        let o = s.wait_notification("adder/output", |o| o["stream"] == "stderr");
        err.push_str(o["text"].as_str().unwrap_or(""));
    }
    // The session is usable afterwards.
    let e = s.request("adder/evaluate", json!({"code": "n > 0"}));
    assert_eq!(e["result"], "True");
    assert_eq!(s.stop(), Some(0));
}

#[test]
fn protocol_errors_are_answered_and_the_server_keeps_serving() {
    let (mut s, _) = Server::initialized();
    s.send_raw(b"{this is not json");
    let bad = s.wait_for_error_without_id();
    assert_eq!(bad["error"]["code"], -32700, "{bad}");
    let r = s.call("adder/nonexistent", json!({}));
    assert_eq!(r["error"]["code"], -32601);
    let r = s.call("textDocument/hover", at("file:///nowhere.py", 0, 0));
    assert_eq!(r["error"]["code"], -32602);
    assert!(r["error"]["message"]
        .as_str()
        .unwrap_or("")
        .contains("unknown document"));
    let r = s.call("adder/run", json!({"nouri": 1}));
    assert_eq!(r["error"]["code"], -32602);
    // Still serving.
    s.open(MAIN, "x = 1\n");
    assert!(s.diagnostics(MAIN).is_empty());
    let h = s.request("textDocument/hover", at(MAIN, 0, 0));
    assert!(h["contents"]["value"]
        .as_str()
        .unwrap_or("")
        .contains("x: int"));
    assert_eq!(s.stop(), Some(0));
}

trait ErrorWait {
    fn wait_for_error_without_id(&mut self) -> Value;
}

impl ErrorWait for Server {
    /// The error response to a message that could not be parsed has a null id.
    fn wait_for_error_without_id(&mut self) -> Value {
        // Sending a request afterwards flushes: the parse error is answered first.
        let id = self.send_request("shutdown_probe/none", json!({}));
        let _ = self.response(id);
        self.take_null_id_response()
    }
}

fn labels(c: &Value) -> Vec<String> {
    let items = c
        .as_array()
        .cloned()
        .or_else(|| c["items"].as_array().cloned())
        .unwrap_or_default();
    items
        .iter()
        .filter_map(|i| i["label"].as_str().map(str::to_owned))
        .collect()
}

fn item(c: &Value, label: &str) -> Value {
    c.as_array()
        .and_then(|a| a.iter().find(|i| i["label"] == label).cloned())
        .unwrap_or_else(|| panic!("{label} not offered: {c}"))
}

#[test]
fn the_standard_library_completes_and_hovers() {
    let (mut s, _) = Server::initialized();
    s.open(
        MAIN,
        "import functools\nimport math\nfrom collections import deque\n\nfunctools.reduce(max, [1])\nmath.sqrt(2)\nd = deque()\nprint(d)\n",
    );
    assert_eq!(messages(&s.diagnostics(MAIN)), Vec::<String>::new());
    // Hover: a library function's real parameters, a native's text signature, a class.
    let h = s.request("textDocument/hover", at(MAIN, 4, 12));
    let md = h["contents"]["value"].as_str().unwrap_or("");
    assert!(
        md.contains("(function) def reduce(function, sequence, initial=...)")
            && md.contains("Apply a function of two arguments"),
        "{md}"
    );
    let h = s.request("textDocument/hover", at(MAIN, 5, 6));
    let md = h["contents"]["value"].as_str().unwrap_or("");
    assert!(md.contains("(function) def sqrt(x, /)"), "{md}");
    let h = s.request("textDocument/hover", at(MAIN, 2, 26));
    let md = h["contents"]["value"].as_str().unwrap_or("");
    assert!(md.contains("(class) class deque"), "{md}");
    // Definition into the bundled library: there is no file to show.
    let d = s.request("textDocument/definition", at(MAIN, 4, 12));
    assert!(
        d.is_null() || d.as_array().is_some_and(Vec::is_empty),
        "{d}"
    );
    // Completion: module names, a module's exports, members with their kinds.
    let mut version = 1;
    let mut complete_at_end = |s: &mut Server, line: &str| {
        version += 1;
        s.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": MAIN, "version": version}, "contentChanges": [
                {"range": {"start": pos(8, 0), "end": pos(9, 0)}, "text": format!("{line}\n")},
            ]}),
        );
        s.request(
            "textDocument/completion",
            at(MAIN, 8, line.chars().count() as u32),
        )
    };
    let c = complete_at_end(&mut s, "import ");
    let l = labels(&c);
    for want in ["collections", "itertools", "json", "math", "re", "os"] {
        assert!(l.iter().any(|x| x == want), "{want}: {l:?}");
    }
    let c = complete_at_end(&mut s, "from itertools import ");
    let l = labels(&c);
    assert!(l.iter().any(|x| x == "permutations"), "{l:?}");
    let c = complete_at_end(&mut s, "functools.");
    let reduce = item(&c, "reduce");
    assert_eq!(reduce["kind"], 3, "{reduce}"); // Function
    assert_eq!(item(&c, "partial")["kind"], 7); // Class
    let c = complete_at_end(&mut s, "math.");
    assert_eq!(item(&c, "pi")["kind"], 21); // Constant
    assert_eq!(s.stop(), Some(0));
}

#[test]
fn completion_on_a_200_line_file_is_fast() {
    let (mut s, _) = Server::initialized();
    let mut text = String::from("import functools\nimport collections\nimport os\n\n");
    for i in 0..48 {
        text.push_str(&format!(
            "def f{i}(a, b=2):\n    \"\"\"Doc {i}.\"\"\"\n    x = a + b * {i}\n    return functools.reduce(max, [x, a])\n"
        ));
    }
    let line = text.lines().count() as u32;
    text.push('\n');
    s.open(MAIN, &text);
    s.diagnostics(MAIN);
    let mut times = Vec::new();
    for (k, typed) in [
        "functools.",
        "collections.",
        "os.path.",
        "",
        "import ",
        "from collections import ",
    ]
    .iter()
    .cycle()
    .take(30)
    .enumerate()
    {
        s.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": MAIN, "version": k + 2}, "contentChanges": [
                {"range": {"start": pos(line, 0), "end": pos(line + 1, 0)}, "text": format!("{typed}\n")},
            ]}),
        );
        let start = std::time::Instant::now();
        let c = s.request(
            "textDocument/completion",
            at(MAIN, line, typed.len() as u32),
        );
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        assert!(!labels(&c).is_empty(), "{typed}");
    }
    let first = times[0];
    let mut rest = times[1..].to_vec();
    rest.sort_by(f64::total_cmp);
    let median = rest[rest.len() / 2];
    let max = rest[rest.len() - 1];
    eprintln!(
        "completion latency: first {first:.1} ms, then median {median:.2} ms, max {max:.2} ms"
    );
    assert!(median < 50.0, "median {median} ms");
    assert_eq!(s.stop(), Some(0));
}

/// Issue 9's edit-and-continue, end to end: one of two functions is edited and the file run
/// again from the editor; the untouched one keeps its specialized instructions and counts,
/// the edited one starts cold, and the run's answer and `adder/quickening` say which.
#[test]
fn a_re_run_keeps_unchanged_functions_warm() {
    let (mut s, _) = Server::initialized();
    let v1 = "def f(x):\n    return x + 1\n\n\ndef g(x):\n    return x * 2\n\n\nfor i in range(1000):\n    f(i)\n    g(i)\n";
    s.open(MAIN, v1);
    s.diagnostics(MAIN);
    let r = s.request("adder/run", json!({"uri": MAIN}));
    assert_eq!(r["status"], "ok", "{r}");
    assert!(r["reload"].is_null(), "a first run keeps nothing: {r}");
    let form_hits = |q: &Value, form: &str| -> Option<u64> {
        q["instructions"]
            .as_array()?
            .iter()
            .find(|i| i["current"] == form)
            .and_then(|i| i["hits"].as_u64())
    };
    let f1 = s.request("adder/quickening", json!({"uri": MAIN, "function": "f"}));
    let f1_hits = form_hits(&f1, "BINARY_OP_ADD_INT").expect("f specialized");
    assert!(f1_hits > 900, "{f1}");

    // Edit g only (and add a line above f, so f also moves), then run again.
    let v2 = format!("# edited\n{}", v1.replace("x * 2", "x * 3"));
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": MAIN, "version": 2}, "contentChanges": [{"text": v2}]}),
    );
    let r = s.request("adder/run", json!({"uri": MAIN}));
    assert_eq!(r["status"], "ok", "{r}");
    let state_of = |summary: &Value, name: &str| -> String {
        summary["items"]
            .as_array()
            .and_then(|a| a.iter().find(|i| i["qualname"] == name))
            .map(|i| i["state"].as_str().unwrap_or("").to_owned())
            .unwrap_or_default()
    };
    assert_eq!(state_of(&r["reload"], "f"), "kept", "{r}");
    assert_eq!(state_of(&r["reload"], "g"), "replaced", "{r}");

    // f: the same specialized instruction, its count carried on (1,000 more hits), and its
    // new line; g: new code, specialized afresh, fewer hits than its 1,000 calls.
    let f2 = s.request("adder/quickening", json!({"uri": MAIN, "function": "f"}));
    assert_eq!(
        form_hits(&f2, "BINARY_OP_ADD_INT"),
        Some(f1_hits + 1000),
        "{f2}"
    );
    assert_eq!(f2["first_line"], 2, "{f2}");
    let g2 = s.request("adder/quickening", json!({"uri": MAIN, "function": "g"}));
    let g2_hits = form_hits(&g2, "BINARY_OP_MULTIPLY_INT").expect("g specialized again");
    assert!(g2_hits < 1000, "g restarted cold: {g2}");
    assert_eq!(state_of(&g2["reload"], "g"), "replaced", "{g2}");
    assert_eq!(state_of(&f2["reload"], "f"), "kept", "{f2}");
}
