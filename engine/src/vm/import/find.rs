//! Finding a module by name: the bundled library (`engine/lib`, compiled into the binary)
//! and the directories of `sys.path`, searched in CPython's order — the script's directory
//! (`sys.path[0]`) first, then the standard library (here: the bundled one), then the rest.
//! In each directory a package (`name/__init__.py`) wins over a module (`name.py`); a
//! directory without `__init__.py` is a namespace package when nothing else matches.

use super::bundled;
use crate::runtime::types::object::ObjKind;
use crate::runtime::value::Value;
use crate::vm::host::PathKind;
use crate::vm::Vm;

/// Where a module's code comes from.
pub(super) enum Found {
    /// A source file (`is_package`: an `__init__.py`, whose directory is `dir`).
    Source {
        file: String,
        source: Vec<u8>,
        package_dir: Option<String>,
    },
    /// A namespace package: directories named like it, without `__init__.py`.
    Namespace { dirs: Vec<String> },
}

impl Found {
    pub(super) fn is_package(&self) -> bool {
        !matches!(
            self,
            Found::Source {
                package_dir: None,
                ..
            }
        )
    }

    /// The package's `__path__`, when it is one.
    pub(super) fn search_path(&self) -> Option<Vec<String>> {
        match self {
            Found::Source {
                package_dir: Some(dir),
                ..
            } => Some(vec![dir.clone()]),
            Found::Source { .. } => None,
            Found::Namespace { dirs } => Some(dirs.clone()),
        }
    }
}

impl Vm {
    /// Module `name` along `search` (a parent package's `__path__`), or along `sys.path`
    /// with the bundled library after its first entry for a top-level module.
    pub(super) fn find_module(&mut self, name: &str, search: Option<&[String]>) -> Option<Found> {
        let entries = match search {
            Some(entries) => entries.to_vec(),
            None => {
                let mut entries = self.sys_path();
                entries.insert(entries.len().min(1), bundled::LIB_ROOT.to_owned());
                entries
            }
        };
        let tail = name.rsplit('.').next().unwrap_or(name);
        let mut namespace = Vec::new();
        for entry in entries {
            if entry.starts_with(bundled::LIB_ROOT) {
                if let Some(found) = bundled::find(name) {
                    return Some(found);
                }
                continue;
            }
            let dir = if entry.is_empty() {
                match self.host.current_dir() {
                    Some(cwd) => cwd,
                    None => continue,
                }
            } else {
                entry
            };
            let package_dir = join(&dir, tail);
            if self.host.path_kind(&package_dir) == Some(PathKind::Dir) {
                let init = join(&package_dir, "__init__.py");
                if self.host.path_kind(&init) == Some(PathKind::File) {
                    if let Ok(source) = self.host.read_file(&init) {
                        return Some(Found::Source {
                            file: init,
                            source,
                            package_dir: Some(package_dir),
                        });
                    }
                }
                namespace.push(package_dir);
            }
            let file = format!("{}.py", join(&dir, tail));
            if self.host.path_kind(&file) == Some(PathKind::File) {
                if let Ok(source) = self.host.read_file(&file) {
                    return Some(Found::Source {
                        file,
                        source,
                        package_dir: None,
                    });
                }
            }
        }
        (!namespace.is_empty()).then_some(Found::Namespace { dirs: namespace })
    }

    /// The `str` entries of `sys.path` (others are skipped, as CPython's finder does).
    fn sys_path(&mut self) -> Vec<String> {
        let key = self.interner.intern("sys");
        let Some(Value::Object(o)) = self.modules.get_str(&key) else {
            return Vec::new();
        };
        let ObjKind::Module(sys) = &o.kind else {
            return Vec::new();
        };
        let key = self.interner.intern("path");
        match sys.dict.get_str(&key) {
            Some(Value::List(list)) => list
                .to_vec()
                .into_iter()
                .filter_map(|v| match v {
                    Value::Str(s) => Some(s.as_str().to_owned()),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        }
    }
}

fn join(dir: &str, name: &str) -> String {
    if dir.ends_with('/') {
        format!("{dir}{name}")
    } else {
        format!("{dir}/{name}")
    }
}
