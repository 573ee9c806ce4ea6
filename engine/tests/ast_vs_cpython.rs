//! Our AST against CPython's: every 8th stdlib file (sorted, site-packages skipped) is dumped by
//! `tests/tools/ast_dump.py` (one python3 process for all files) and by `dump_module`, and the
//! dumps must agree line for line: node kinds, fields and positions. Files CPython rejects must
//! be rejected by us too, with CPython's message.
//!
//! One known representation limit is normalized away: `Constant::Str` holds a Rust `String`, so
//! a lone surrogate escape (`'\udc80'`) decodes to U+FFFD; CPython's `'\udXXX'` is compared as
//! `'\ufffd'`.

use engine::syntax::dump::dump_module;
use engine::syntax::source::decode_source;
use engine::syntax::{parse, Mode};
use std::collections::HashMap;
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

/// Replaces `\udXXX` surrogate escapes (which a Rust string cannot hold) by `\ufffd`.
fn normalize_surrogates(line: &str) -> String {
    let b = line.as_bytes();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && i + 1 < b.len() && b[i + 1] == b'\\' {
            out.push_str("\\\\");
            i += 2;
            continue;
        }
        if b[i] == b'\\'
            && b.get(i + 1) == Some(&b'u')
            && b.get(i + 2) == Some(&b'd')
            && b.get(i + 3)
                .is_some_and(|c| matches!(c, b'8'..=b'9' | b'a'..=b'f'))
            && b.len() >= i + 6
        {
            out.push_str("\\ufffd");
            i += 6;
            continue;
        }
        let ch = line[i..].chars().next().unwrap_or(' ');
        out.push(ch);
        i += ch.len_utf8();
    }
    out
}

#[test]
fn stdlib_sample_matches_cpython_ast() {
    let Some(dir) = stdlib_dir() else {
        eprintln!("python3 not found: skipping");
        return;
    };
    let mut files = Vec::new();
    collect(&dir, &mut files);
    files.sort();
    // `ADDER_AST_STEP=1` compares every file.
    let step = std::env::var("ADDER_AST_STEP")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(8);
    let sample: Vec<PathBuf> = files.into_iter().step_by(step).collect();
    assert!(sample.len() >= 200, "only {} files", sample.len());

    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/tools/ast_dump.py");
    let out = Command::new("python3")
        .arg(script)
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
    let mut compared = 0;
    let mut rejected = 0;
    for path in &sample {
        let name = path.to_string_lossy();
        let want = expected.get(name.as_ref()).cloned().unwrap_or_default();
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let source = match decode_source(&bytes) {
            Ok(s) => s,
            Err(e) => {
                if !want.first().is_some_and(|l| l.starts_with("!!!")) {
                    failures.push(format!("{name}: we fail to decode: {e}"));
                }
                rejected += 1;
                continue;
            }
        };
        // A UTF-8 BOM and the coding cookie are source decoding's business, not the parser's.
        let source = source.strip_prefix('\u{feff}').unwrap_or(&source);
        let parsed = parse(source, Mode::Module);
        if let Some(reject) = want.first().and_then(|l| l.strip_prefix("!!! ")) {
            rejected += 1;
            if reject.contains("encoding") {
                continue;
            }
            match parsed.errors.first() {
                Some(e) if reject == format!("{}: {}", e.error_type.name(), e.message) => {}
                other => failures.push(format!("{name}: CPython says {reject}, we say {other:?}")),
            }
            continue;
        }
        compared += 1;
        if let Some(e) = parsed.errors.first() {
            failures.push(format!("{name}: unexpected error {e} at {:?}", e.range));
            continue;
        }
        let got = dump_module(source, &parsed.module);
        let got: Vec<&str> = got.lines().collect();
        let want: Vec<String> = want.iter().map(|l| normalize_surrogates(l)).collect();
        if let Some(i) = (0..want.len().max(got.len()))
            .find(|&i| want.get(i).map(String::as_str) != got.get(i).copied())
        {
            failures.push(format!(
                "{name}: line {}\n  CPython: {}\n  ours:    {}",
                i + 1,
                want.get(i).map_or("<end>", String::as_str),
                got.get(i).copied().unwrap_or("<end>")
            ));
        }
    }
    eprintln!(
        "compared {compared} files, {rejected} rejected by CPython, {} failures",
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
