//! `adder check PATH...`: every static error (syntax and symbol table) of each file, linter
//! style, then a summary. Directories are searched for `.py` files; files are checked in
//! parallel and reported in path order. Exit status 1 when any error was found, 2 when a
//! path could not be read.

use super::args::CheckArgs;
use super::diagnostic;
use super::source_file::errno_text;
use engine::check::check_source;
use engine::syntax::source::decode_source;
use engine::syntax::{LineIndex, SyntaxError};
use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The outcome for one file.
enum Checked {
    Clean,
    /// The diagnostics, already rendered, and how many there are.
    Errors(usize, String),
    Unreadable(String),
}

pub fn check(args: &CheckArgs) -> ExitCode {
    let mut files = Vec::new();
    let mut unreadable = Vec::new();
    for path in &args.paths {
        if path.is_dir() {
            collect_python_files(path, &args.exclude, &mut files, &mut unreadable);
        } else {
            files.push(path.clone());
        }
    }
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let results = check_all(&files, color && !args.quiet);

    let mut stdout = std::io::stdout().lock();
    let (mut errors, mut files_with_errors) = (0, 0);
    for message in &unreadable {
        eprintln!("adder: {message}");
    }
    for (path, result) in files.iter().zip(&results) {
        match result {
            Checked::Clean => {}
            Checked::Unreadable(message) => {
                eprintln!("adder: {message}");
                unreadable.push(message.clone());
            }
            Checked::Errors(count, rendered) => {
                errors += count;
                files_with_errors += 1;
                let _ = if args.quiet {
                    writeln!(stdout, "{}: {}", path.display(), plural(*count, "error"))
                } else {
                    write!(stdout, "{rendered}")
                };
            }
        }
    }
    let checked = files.len() - unreadable.len().min(files.len());
    let _ = if errors == 0 {
        writeln!(stdout, "checked {}: no errors", plural(checked, "file"))
    } else {
        writeln!(
            stdout,
            "checked {}: {} in {}",
            plural(checked, "file"),
            plural(errors, "error"),
            plural(files_with_errors, "file")
        )
    };
    if !unreadable.is_empty() {
        ExitCode::from(2)
    } else if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn plural(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// Checks `files` on all cores; results come back in the order of `files`.
fn check_all(files: &[PathBuf], color: bool) -> Vec<Checked> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len().max(1));
    let next = AtomicUsize::new(0);
    let mut results: Vec<Option<Checked>> = (0..files.len()).map(|_| None).collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(path) = files.get(i) else { break };
                        done.push((i, check_file(path, color)));
                    }
                    done
                })
            })
            .collect();
        for handle in handles {
            // A panicking worker already printed its message; its files count as unreadable.
            for (i, result) in handle.join().unwrap_or_default() {
                results[i] = Some(result);
            }
        }
    });
    results
        .into_iter()
        .zip(files)
        .map(|(r, path)| {
            r.unwrap_or_else(|| {
                Checked::Unreadable(format!(
                    "internal error while checking '{}'",
                    path.display()
                ))
            })
        })
        .collect()
}

fn check_file(path: &Path, color: bool) -> Checked {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            return Checked::Unreadable(format!(
                "can't open file '{}': {}",
                path.display(),
                errno_text(&e)
            ))
        }
    };
    let (text, errors): (String, Vec<SyntaxError>) = match decode_source(&bytes) {
        Ok(text) => {
            let errors = check_source(&text);
            (text, errors)
        }
        Err(error) => (String::from_utf8_lossy(&bytes).into_owned(), vec![error]),
    };
    if errors.is_empty() {
        return Checked::Clean;
    }
    let index = LineIndex::new(&text);
    let name = path.display().to_string();
    let rendered = errors
        .iter()
        .map(|e| diagnostic::render(&name, &text, &index, e, color))
        .collect();
    Checked::Errors(errors.len(), rendered)
}

/// Every `.py` file below `dir`, sorted, skipping entries named in `exclude`.
fn collect_python_files(
    dir: &Path,
    exclude: &[OsString],
    files: &mut Vec<PathBuf>,
    unreadable: &mut Vec<String>,
) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            unreadable.push(format!(
                "can't read directory '{}': {}",
                dir.display(),
                errno_text(&e)
            ));
            return;
        }
    };
    // Directory symlinks are not followed (as os.walk does not), so loops cannot happen.
    let mut paths: Vec<(PathBuf, bool)> = entries
        .filter_map(Result::ok)
        .filter(|e| !exclude.iter().any(|x| *x == e.file_name()))
        .map(|e| (e.path(), e.file_type().is_ok_and(|t| t.is_dir())))
        .collect();
    paths.sort();
    for (path, is_dir) in paths {
        if is_dir {
            collect_python_files(&path, exclude, files, unreadable);
        } else if path.extension().is_some_and(|ext| ext == "py") {
            files.push(path);
        }
    }
}
