//! The single writer: every document change goes through one thread that owns the salsa
//! database, in arrival order. Readers ask it for a snapshot (a clone of the database) and
//! run on blocking threads; the next write cancels them (salsa unwinds their queries with
//! `Cancelled`, which the server answers as `ContentModified`).
//!
//! Arrival order holds because tower-lsp-server polls each message's handler for the first
//! time in the order the messages were read, and the handlers send to this thread before
//! their first `await`.

use crate::convert;
use engine::db::AnalysisDatabase;
use engine::syntax::LineIndex;
use std::collections::HashSet;
use std::sync::mpsc;
use tokio::sync::oneshot;
use tower_lsp_server::ls_types::TextDocumentContentChangeEvent;

pub enum Edit {
    Open {
        path: String,
        text: String,
        version: i32,
    },
    Change {
        path: String,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
    },
    Close {
        path: String,
    },
    /// Files of the workspace read from disk (not open in the editor), and its roots.
    Load {
        files: Vec<(String, String)>,
        roots: Vec<String>,
    },
    Snapshot(oneshot::Sender<AnalysisDatabase>),
}

/// What the writer tells the server after applying edits: these open documents changed.
pub struct Changed {
    pub paths: Vec<(String, i32)>,
    pub snapshot: AnalysisDatabase,
}

/// Starts the writer thread; `changed` is called (on the writer thread) after each batch of
/// edits with the open documents whose diagnostics must be recomputed.
pub fn spawn(changed: impl Fn(Changed) + Send + 'static) -> mpsc::Sender<Edit> {
    let (tx, rx) = mpsc::channel::<Edit>();
    let spawned = std::thread::Builder::new()
        .name("adder-lsp-writer".into())
        .spawn(move || writer(rx, changed));
    if spawned.is_err() {
        eprintln!("adder lsp: cannot start the writer thread");
    }
    tx
}

fn writer(rx: mpsc::Receiver<Edit>, changed: impl Fn(Changed)) {
    let mut db = AnalysisDatabase::default();
    let mut open: HashSet<String> = HashSet::new();
    while let Ok(first) = rx.recv() {
        let mut dirty: Vec<(String, i32)> = Vec::new();
        let mut next = Some(first);
        // Apply everything queued before recomputing anything (edits coalesce).
        while let Some(edit) = next {
            match edit {
                Edit::Open {
                    path,
                    text,
                    version,
                } => {
                    db.set_file(&path, text);
                    open.insert(path.clone());
                    mark(&mut dirty, path, version);
                }
                Edit::Change {
                    path,
                    version,
                    changes,
                } => {
                    // A change to a document never opened is ignored.
                    if let Some(file) = db.file(&path) {
                        let mut text = file.text(&db).clone();
                        for c in changes {
                            apply_change(&mut text, c);
                        }
                        db.set_file(&path, text);
                        mark(&mut dirty, path, version);
                    }
                }
                Edit::Close { path } => {
                    open.remove(&path);
                }
                Edit::Load { files, roots } => {
                    db.set_roots(roots);
                    for (path, text) in files {
                        if !open.contains(&path) {
                            db.set_file(&path, text);
                        }
                    }
                    // Imports may resolve now.
                    for p in &open {
                        mark(&mut dirty, p.clone(), -1);
                    }
                }
                Edit::Snapshot(reply) => {
                    let _ = reply.send(db.clone());
                }
            }
            next = rx.try_recv().ok();
        }
        if !dirty.is_empty() {
            changed(Changed {
                paths: dirty,
                snapshot: db.clone(),
            });
        }
    }
}

fn mark(dirty: &mut Vec<(String, i32)>, path: String, version: i32) {
    match dirty.iter_mut().find(|(p, _)| *p == path) {
        Some(entry) => entry.1 = entry.1.max(version),
        None => dirty.push((path, version)),
    }
}

/// Applies one change event (a range edit, or the whole text) to `text`.
pub fn apply_change(text: &mut String, change: TextDocumentContentChangeEvent) {
    match change.range {
        None => *text = change.text,
        Some(range) => {
            let lines = LineIndex::new(text);
            let start = convert::offset(&lines, text, range.start) as usize;
            let end = (convert::offset(&lines, text, range.end) as usize).max(start);
            if text.is_char_boundary(start) && text.is_char_boundary(end) {
                text.replace_range(start..end, &change.text);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::panic::AssertUnwindSafe;
    use std::time::Duration;
    use tower_lsp_server::ls_types::{Position, Range};

    fn snapshot(tx: &mpsc::Sender<Edit>) -> AnalysisDatabase {
        let (stx, srx) = oneshot::channel();
        tx.send(Edit::Snapshot(stx)).expect("writer");
        srx.blocking_recv().expect("snapshot")
    }

    #[test]
    fn a_newer_edit_cancels_a_reader_and_edits_apply_in_order() {
        let tx = spawn(|_| {});
        let path = "/w/a.py".to_owned();
        tx.send(Edit::Open {
            path: path.clone(),
            text: "x = 1\n".to_owned(),
            version: 1,
        })
        .expect("writer");
        let snap = snapshot(&tx);
        let file = snap.file(&path).expect("opened");
        // The writer starts applying this and waits for the snapshot to go.
        tx.send(Edit::Change {
            path: path.clone(),
            version: 2,
            changes: vec![TextDocumentContentChangeEvent {
                range: Some(Range::new(Position::new(0, 4), Position::new(0, 5))),
                range_length: None,
                text: "22".to_owned(),
            }],
        })
        .expect("writer");
        std::thread::sleep(Duration::from_millis(200));
        let read = std::panic::catch_unwind(AssertUnwindSafe(|| {
            engine::db::diagnostics(&snap, file).len()
        }));
        let cancelled = read.err().is_some_and(|p| p.is::<salsa::Cancelled>());
        assert!(cancelled, "the pending write cancels the reader");
        drop(snap);
        let snap = snapshot(&tx);
        assert_eq!(snap.file(&path).expect("file").text(&snap), "x = 22\n");
    }
}
