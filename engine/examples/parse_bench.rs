//! Parse throughput over every `.py` file below a directory (site-packages skipped):
//! `cargo run --release -p adder-engine --example parse_bench -- DIR` prints
//! `files=N bytes=B seconds=S MBps=X`, the best of 3 rounds. Files are read and decoded
//! before timing starts; only `parse` is timed. (Minimal version written for
//! bench/parse_throughput.sh; the parser's owner may replace it.)

use engine::syntax::source::decode_source;
use engine::syntax::{parse, Mode};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: parse_bench DIR");
        std::process::exit(2);
    };
    let mut paths = Vec::new();
    collect(Path::new(&dir), &mut paths);
    let sources: Vec<String> = paths
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .filter_map(|bytes| decode_source(&bytes).ok())
        .collect();
    let bytes: usize = sources.iter().map(String::len).sum();
    let mut best = f64::INFINITY;
    for _ in 0..3 {
        let started = Instant::now();
        let mut errors = 0;
        for source in &sources {
            errors += parse(source, Mode::Module).errors.len();
        }
        std::hint::black_box(errors);
        best = best.min(started.elapsed().as_secs_f64());
    }
    let mbps = bytes as f64 / 1e6 / best;
    println!(
        "files={} bytes={bytes} seconds={best:.4} MBps={mbps:.1}",
        sources.len()
    );
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            if entry.file_name() != "site-packages" {
                collect(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "py") {
            out.push(path);
        }
    }
}
