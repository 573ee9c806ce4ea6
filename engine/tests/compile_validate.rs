//! The compiler's structural invariants on real code: every code object compiled from every
//! vendored conformance program and from a sample of the stdlib (every N-th file, sorted,
//! site-packages skipped; `ADDER_COMPILE_ALL=1` for all of it) passes
//! `compile::validate::validate` (stack depths, jump targets, exception table, locations),
//! without a panic. Files the front end rejects are skipped; any compiler error is a failure.

use engine::compile::validate::validate;
use engine::compile::{compile_source, CompileError};
use engine::syntax::source::decode_source;
use engine::syntax::Mode;
use std::path::{Path, PathBuf};
use std::process::Command;

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

/// Compiles and validates one file; returns problems (empty when fine or rejected as
/// invalid Python before code generation).
fn check_file(path: &Path) -> Vec<String> {
    let Ok(bytes) = std::fs::read(path) else {
        return Vec::new();
    };
    let Ok(source) = decode_source(&bytes) else {
        return Vec::new();
    };
    let name = path.display().to_string();
    match compile_source(&source, &name, Mode::Module) {
        Ok(code) => validate(&code, source.len())
            .into_iter()
            .map(|p| format!("{name}: {p}"))
            .collect(),
        // Syntax errors are the front end's business; compiling valid code must not fail.
        Err(CompileError::Syntax(_)) => Vec::new(),
        Err(e) => vec![format!("{name}: {e}")],
    }
}

fn run(files: &[PathBuf]) {
    let mut problems = Vec::new();
    for f in files {
        problems.extend(check_file(f));
    }
    assert!(
        problems.is_empty(),
        "{} problems in {} files, first ones:\n{}",
        problems.len(),
        files.len(),
        problems
            .iter()
            .take(30)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn conformance_programs_compile_to_valid_code() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/conformance");
    let mut files = Vec::new();
    collect(&root, &mut files);
    files.sort();
    assert!(
        files.len() >= 50,
        "conformance corpus missing ({} files)",
        files.len()
    );
    run(&files);
}

#[test]
fn stdlib_sample_compiles_to_valid_code() {
    let Some(dir) = stdlib_dir() else {
        eprintln!("python3 not found; skipping");
        return;
    };
    let mut files = Vec::new();
    collect(&dir, &mut files);
    files.sort();
    let all = std::env::var_os("ADDER_COMPILE_ALL").is_some();
    let step = if all { 1 } else { (files.len() / 300).max(1) };
    let sample: Vec<PathBuf> = files.into_iter().step_by(step).collect();
    run(&sample);
}
