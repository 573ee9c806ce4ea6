//! Every `def` and `class` of a file, nested ones included, each with a fingerprint of its
//! text: what re-running an edited file (`session::reload`) compares to decide which
//! functions kept their code.
//!
//! The fingerprint covers the definition's whole text from the start of its first line
//! (indentation and decorators included) to its end, and nothing of its position: a function
//! that only moved because lines were added above it keeps its fingerprint.

use super::{parsed, Db, SourceFile};
use crate::analysis::walk::{walk_body, Visitor};
use crate::syntax::ast::{Stmt, StmtKind};
use crate::syntax::LineIndex;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};

/// What a definition makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DefKind {
    Function,
    Class,
}

/// One `def` or `class` statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Definition {
    pub name: String,
    pub kind: DefKind,
    /// 1-based line of its first decorator, or of the statement: `co_firstlineno` of the code
    /// it compiles to.
    pub line: u32,
    /// Hash of its text (see the module documentation).
    pub fingerprint: u64,
}

/// A file's definitions by first line (at most one `def` or `class` starts on a line: a
/// compound statement cannot follow another on the same line).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Definitions {
    pub by_line: BTreeMap<u32, Definition>,
}

impl Definitions {
    /// The definition that compiled to a code object named `name` starting at `line`.
    pub fn at(&self, line: u32, name: &str) -> Option<&Definition> {
        self.by_line.get(&line).filter(|d| d.name == name)
    }
}

#[salsa::tracked(returns(ref))]
pub fn definitions(db: &dyn Db, file: SourceFile) -> Definitions {
    let text = file.text(db);
    let pf = parsed(db, file);
    let mut collect = Collect {
        text,
        lines: &pf.lines,
        out: Definitions::default(),
    };
    walk_body(&mut collect, &pf.parsed.module.body);
    collect.out
}

struct Collect<'t> {
    text: &'t str,
    lines: &'t LineIndex,
    out: Definitions,
}

impl<'a> Visitor<'a> for Collect<'_> {
    fn stmt(&mut self, s: &'a Stmt) -> bool {
        let (name, kind) = match &s.kind {
            StmtKind::FunctionDef(f) => (&f.name.id, DefKind::Function),
            StmtKind::ClassDef(c) => (&c.name.id, DefKind::Class),
            _ => return true,
        };
        let Some(first) = super::definition_start(s) else {
            return true;
        };
        let line = self.lines.line_of(first);
        let start = self.lines.line_start(line) as usize;
        let end = (s.range.end as usize).min(self.text.len());
        let body = self.text.get(start..end).unwrap_or("");
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        kind.hash(&mut hasher);
        body.hash(&mut hasher);
        let line = line as u32 + 1;
        self.out.by_line.insert(
            line,
            Definition {
                name: name.to_string(),
                kind,
                line,
                fingerprint: hasher.finish(),
            },
        );
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::AnalysisDatabase;

    #[test]
    fn moved_definitions_keep_their_fingerprints() {
        let mut db = AnalysisDatabase::default();
        let before =
            "def f(x):\n    return x\n\nclass C:\n    @staticmethod\n    def m():\n        pass\n";
        let file = db.set_file("/a.py", before.into());
        let old = definitions(&db, file).clone();
        assert_eq!(
            old.by_line
                .values()
                .map(|d| (d.name.as_str(), d.line))
                .collect::<Vec<_>>(),
            [("f", 1), ("C", 4), ("m", 5)]
        );
        db.set_file("/a.py", format!("import os\n\n{before}"));
        let new = definitions(&db, file);
        assert_eq!(
            new.at(3, "f").map(|d| d.fingerprint),
            old.at(1, "f").map(|d| d.fingerprint)
        );
        assert_eq!(
            new.at(7, "m").map(|d| d.fingerprint),
            old.at(5, "m").map(|d| d.fingerprint)
        );
        db.set_file("/a.py", before.replace("return x", "return x + 1"));
        let edited = definitions(&db, file);
        assert_ne!(
            edited.at(1, "f").map(|d| d.fingerprint),
            old.at(1, "f").map(|d| d.fingerprint)
        );
        assert_eq!(
            edited.at(5, "m").map(|d| d.fingerprint),
            old.at(5, "m").map(|d| d.fingerprint)
        );
    }
}
