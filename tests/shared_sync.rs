//! The vendored copies of the shared reference material must equal their source when it sits
//! beside the checkout (../shared): tests/conformance ← ../shared/conformance and
//! bench/ ← ../shared/bench. Re-copy with `tests/sync-shared.sh`. Files of our own in those
//! folders are listed in `OURS` and ignored.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Files the vendored folders hold that the shared ones do not.
const OURS: &[&str] = &["known-failures.txt", "parse_throughput.sh"];

#[test]
fn conformance_corpus_matches_shared() {
    assert_mirrors("conformance", "tests/conformance");
}

#[test]
fn bench_matches_shared() {
    assert_mirrors("bench", "bench");
}

fn assert_mirrors(shared_name: &str, vendored: &str) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = repo.join("../shared").join(shared_name);
    if !shared.is_dir() {
        eprintln!("skipped: no {} beside the checkout", shared.display());
        return;
    }
    let want = files_below(&shared);
    let have = files_below(&repo.join(vendored));
    let mut problems = Vec::new();
    for (name, bytes) in &want {
        match have.get(name) {
            None => problems.push(format!("missing {vendored}/{name}")),
            Some(ours) if ours != bytes => problems.push(format!("{vendored}/{name} differs")),
            Some(_) => {}
        }
    }
    for name in have.keys().filter(|n| !want.contains_key(*n)) {
        if !OURS.contains(&name.as_str()) {
            problems.push(format!("{vendored}/{name} is not in {}", shared.display()));
        }
    }
    assert!(
        problems.is_empty(),
        "{vendored} is out of date with {}; run tests/sync-shared.sh:\n  {}",
        shared.display(),
        problems.join("\n  ")
    );
}

/// Relative path → contents of every file below `root`.
fn files_below(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack: Vec<PathBuf> = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
            if path.is_dir() {
                stack.push(path);
            } else if let (Ok(rel), Ok(bytes)) = (path.strip_prefix(root), std::fs::read(&path)) {
                files.insert(rel.to_string_lossy().into_owned(), bytes);
            }
        }
    }
    files
}
