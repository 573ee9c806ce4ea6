//! `adder run --profile=OUT FILE`: the run's output is unchanged, and OUT is a flame graph
//! (`.svg`) or a speedscope document (`.json`) naming the program's hot function.

use std::process::Command;

const PROGRAM: &str = "\
def hot(n):
    t = 0
    for i in range(n):
        t += i % 7
    return t
print(hot(3_000_000))
";

fn run(out: &std::path::Path) -> (String, String) {
    let dir = out.parent().expect("dir");
    let prog = dir.join("prog.py");
    std::fs::write(&prog, PROGRAM).expect("write program");
    let result = Command::new(env!("CARGO_BIN_EXE_adder"))
        .arg("run")
        .arg(format!("--profile={}", out.display()))
        .arg(&prog)
        .output()
        .expect("run adder");
    assert!(result.status.success(), "{result:?}");
    (
        String::from_utf8_lossy(&result.stdout).into_owned(),
        String::from_utf8_lossy(&result.stderr).into_owned(),
    )
}

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("adder-profile-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn svg_flame_graph() {
    let out = scratch("svg").join("prof.svg");
    let (stdout, stderr) = run(&out);
    assert_eq!(stdout, "8999994\n");
    assert!(stderr.contains("profile written to"), "{stderr}");
    let svg = std::fs::read_to_string(&out).expect("svg written");
    assert!(
        svg.starts_with("<?xml") && svg.contains("<svg"),
        "{}",
        &svg[..svg.len().min(200)]
    );
    assert!(svg.contains("hot ("), "the hot function is in the graph");
}

#[test]
fn speedscope_json() {
    let out = scratch("json").join("prof.json");
    let (stdout, _) = run(&out);
    assert_eq!(stdout, "8999994\n");
    let text = std::fs::read_to_string(&out).expect("json written");
    let doc: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(doc["profiles"][0]["type"], "sampled");
    let frames = doc["shared"]["frames"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(frames.iter().any(|f| f["name"] == "hot"), "{frames:?}");
    let samples = doc["profiles"][0]["samples"].as_array().map_or(0, Vec::len);
    let weights = doc["profiles"][0]["weights"].as_array().map_or(0, Vec::len);
    assert_eq!(samples, weights);
}

#[test]
fn other_extensions_are_refused_before_the_run() {
    let dir = scratch("txt");
    let prog = dir.join("prog.py");
    std::fs::write(&prog, PROGRAM).expect("write program");
    let result = Command::new(env!("CARGO_BIN_EXE_adder"))
        .arg("run")
        .arg(format!("--profile={}", dir.join("prof.txt").display()))
        .arg(&prog)
        .output()
        .expect("run adder");
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.contains("must end in .svg"), "{stderr}");
    assert_eq!(result.status.code(), Some(2), "{result:?}");
    assert!(
        result.stdout.is_empty(),
        "the program did not run: {result:?}"
    );
}
