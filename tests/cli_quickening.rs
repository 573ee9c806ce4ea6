//! The quickening front ends of the `adder` binary: `adder run --stats[=json]` (the family
//! table on stderr after the run), `adder dis --adaptive` (each instruction's current form
//! under its source line) and `adder run --no-quicken` (the same program output).

use std::path::PathBuf;
use std::process::{Command, Output};

/// Int and float arithmetic, a mixed-type site that cannot specialize, an instance attribute,
/// a method call and a built-in.
const PROGRAM: &str = "\
class Box:
    def __init__(self, x):
        self.x = x

    def get(self):
        return self.x


def mix(a, b):
    return a // b


def main():
    total = 0
    for i in range(200):
        b = Box(i)
        total = total + b.get() + len([i])
        mix(i, 0.5)
    print(total, 1.5 * 2.0)


main()
";

/// The program in a file of its own (tests run in parallel).
fn program_file(name: &str, text: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli_quickening");
    std::fs::create_dir_all(&dir).expect("temporary directory");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("program file");
    path
}

fn adder(args: &[&str], file: &PathBuf) -> Output {
    Command::new(env!("CARGO_BIN_EXE_adder"))
        .args(args)
        .arg(file)
        .output()
        .expect("adder runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const EXPECTED_OUTPUT: &str = "20100 3.0\n";

#[test]
fn stats_prints_the_family_table_after_the_output() {
    let file = program_file("stats_text.py", PROGRAM);
    let out = adder(&["run", "--stats"], &file);
    assert!(out.status.success());
    assert_eq!(text(&out.stdout), EXPECTED_OUTPUT);
    let err = text(&out.stderr);
    assert!(err.contains("Specialization statistics"), "{err}");
    let line_starting = |prefix: &str| {
        err.lines()
            .find(|l| l.starts_with(prefix))
            .unwrap_or_else(|| panic!("no line starting with {prefix:?} in:\n{err}"))
            .to_owned()
    };
    // Family lines: name, attempts, success rate, failures, hits, misses, deopts, hit rate.
    let binary_op = line_starting("BINARY_OP ");
    let fields: Vec<&str> = binary_op.split_whitespace().collect();
    assert_eq!(fields.len(), 8, "{binary_op}");
    assert!(
        fields[1].parse::<u64>().is_ok_and(|n| n >= 3),
        "{binary_op}"
    );
    assert!(
        fields[3].parse::<u64>().is_ok_and(|n| n >= 1),
        "{binary_op}"
    );
    // Forms indented under their family, and the failure reasons.
    line_starting("  BINARY_OP_ADD_INT ");
    line_starting("  LOAD_ATTR_INSTANCE_VALUE ");
    line_starting("  LOAD_METHOD_WITH_VALUES ");
    line_starting("  CALL_PY_EXACT_ARGS ");
    line_starting("  CALL_ALLOC_AND_ENTER_INIT ");
    line_starting("  CALL_LEN ");
    let failed = line_starting("  failed ");
    assert!(err.contains("int // float"), "{failed}\n{err}");
    assert!(line_starting("total: ").contains("attempts"));
}

#[test]
fn stats_json_is_valid_and_has_the_families() {
    let file = program_file("stats_json.py", PROGRAM);
    let out = adder(&["run", "--stats=json"], &file);
    assert!(out.status.success());
    assert_eq!(text(&out.stdout), EXPECTED_OUTPUT);
    let json: serde_json::Value =
        serde_json::from_slice(&out.stderr).expect("--stats=json prints one JSON document");
    let families = json["families"].as_array().expect("a families array");
    let family = |name: &str| {
        families
            .iter()
            .find(|f| f["family"] == name)
            .unwrap_or_else(|| panic!("no family {name}"))
    };
    for name in [
        "LOAD_GLOBAL",
        "LOAD_ATTR",
        "LOAD_METHOD",
        "STORE_ATTR",
        "CALL",
    ] {
        let f = family(name);
        assert!(f["successes"].as_u64().is_some_and(|n| n >= 1), "{f}");
        assert!(f["hits"].as_u64().is_some_and(|n| n >= 100), "{f}");
    }
    let binary_op = family("BINARY_OP");
    let forms: Vec<&str> = binary_op["forms"]
        .as_array()
        .expect("forms")
        .iter()
        .filter_map(|f| f["form"].as_str())
        .collect();
    assert!(forms.contains(&"BINARY_OP_ADD_INT"), "{forms:?}");
    let reasons = binary_op["failure_reasons"].as_array().expect("reasons");
    assert!(
        reasons
            .iter()
            .any(|r| r[0] == "int // float" && r[1].as_u64() >= Some(1)),
        "{reasons:?}"
    );
    for key in ["attempts", "failures", "misses", "deopts"] {
        assert!(binary_op[key].is_u64(), "{key} in {binary_op}");
    }
}

#[test]
fn dis_adaptive_shows_forms_under_source_lines() {
    let file = program_file("dis_adaptive.py", PROGRAM);
    let out = adder(&["dis", "--adaptive"], &file);
    assert!(out.status.success());
    let shown = text(&out.stdout);
    assert!(shown.starts_with(EXPECTED_OUTPUT), "{shown}");
    for needle in [
        "Adaptive disassembly of Box.get",
        "Adaptive disassembly of main",
        "return self.x",
        "total = total + b.get() + len([i])",
        "LOAD_ATTR_INSTANCE_VALUE",
        "STORE_ATTR_INSTANCE_VALUE",
        "LOAD_METHOD_WITH_VALUES",
        "CALL_PY_EXACT_ARGS",
        "CALL_ALLOC_AND_ENTER_INIT",
        "LOAD_GLOBAL_BUILTIN",
        "FOR_ITER_RANGE",
        "not specialized: int // float",
    ] {
        assert!(shown.contains(needle), "no {needle:?} in:\n{shown}");
    }
    // The form sits on its instruction's row, after the source line it belongs to.
    let source_at = shown
        .find("    6  return self.x")
        .expect("source line and its number");
    let form_at = shown.find("LOAD_ATTR_INSTANCE_VALUE").expect("form");
    assert!(source_at < form_at);
    let row = shown
        .lines()
        .find(|l| l.contains("LOAD_ATTR_INSTANCE_VALUE"))
        .expect("row");
    assert!(row.contains("(x)") && row.contains("hits "), "{row}");
}

#[test]
fn dis_adaptive_function_shows_one_code_object() {
    let file = program_file("dis_function.py", PROGRAM);
    let out = adder(&["dis", "--adaptive", "--function", "mix"], &file);
    assert!(out.status.success());
    let shown = text(&out.stdout);
    assert_eq!(
        shown.matches("Adaptive disassembly of").count(),
        1,
        "{shown}"
    );
    assert!(shown.contains("Adaptive disassembly of mix"), "{shown}");
    assert!(shown.contains("0 of 1 specializable instructions specialized, 1 failed"));
}

#[test]
fn no_quicken_gives_the_same_output_and_no_specializations() {
    let file = program_file("no_quicken.py", PROGRAM);
    let quick = adder(&["run"], &file);
    let slow = adder(&["run", "--no-quicken", "--stats"], &file);
    assert!(quick.status.success() && slow.status.success());
    assert_eq!(text(&quick.stdout), EXPECTED_OUTPUT);
    assert_eq!(quick.stdout, slow.stdout);
    let err = text(&slow.stderr);
    assert!(
        err.contains("total: 0 attempts"),
        "with --no-quicken nothing is attempted:\n{err}"
    );
    assert!(!err.contains("BINARY_OP_ADD_INT"), "{err}");
}

#[test]
fn stats_follow_an_uncaught_exception() {
    let file = program_file(
        "uncaught.py",
        "def f(a):\n    return a + 1\nfor i in range(50):\n    f(i)\nf(None)\n",
    );
    let out = adder(&["run", "--stats"], &file);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    let traceback = err.find("TypeError").expect("the traceback");
    let table = err.find("Specialization statistics").expect("the table");
    assert!(traceback < table, "{err}");
    assert!(err.contains("BINARY_OP_ADD_INT"), "{err}");
}
