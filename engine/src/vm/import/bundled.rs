//! The bundled library: Adder's own standard-library modules written in Python
//! (`engine/lib/`), compiled into the binary and found after the script's directory and
//! before the rest of `sys.path`, as CPython finds its standard library.

use super::find::Found;

/// The pseudo-directory of the bundled modules: their `__file__` and `__path__` start with
/// it, and a `sys.path` or `__path__` entry starting with it searches the table below.
pub const LIB_ROOT: &str = "<adder-lib>";

/// One bundled module: its dotted name, whether it is a package, its source.
pub struct Bundled {
    pub name: &'static str,
    pub package: bool,
    pub source: &'static str,
}

macro_rules! module {
    ($name:literal, $file:literal) => {
        Bundled {
            name: $name,
            package: false,
            source: include_str!(concat!("../../../lib/", $file)),
        }
    };
    ($name:literal, $file:literal, package) => {
        Bundled {
            name: $name,
            package: true,
            source: include_str!(concat!("../../../lib/", $file)),
        }
    };
}

/// Every bundled module (a test checks that each file of `engine/lib` is listed).
pub const MODULES: &[Bundled] = &[
    module!("__future__", "__future__.py"),
    module!("_collections_abc", "_collections_abc.py"),
    module!("_sysinfo", "_sysinfo.py"),
    module!("abc", "abc.py"),
    module!("bisect", "bisect.py"),
    module!("collections", "collections/__init__.py", package),
    module!("collections.abc", "collections/abc.py"),
    module!("functools", "functools.py"),
    module!("heapq", "heapq.py"),
    module!("importlib", "importlib/__init__.py", package),
    module!("itertools", "itertools.py"),
    module!("operator", "operator.py"),
    module!("string", "string.py"),
    module!("textwrap", "textwrap.py"),
    module!("types", "types.py"),
    module!("typing", "typing.py"),
    module!("copy", "copy.py"),
    module!("dataclasses", "dataclasses.py"),
    module!("contextlib", "contextlib.py"),
    module!("io", "io.py"),
    module!("os", "os.py"),
    module!("posixpath", "posixpath.py"),
    module!("enum", "enum.py"),
    module!("_re_flags", "_re_flags.py"),
    module!("fractions", "fractions.py"),
    module!("datetime", "datetime.py"),
    module!("statistics", "statistics.py"),
    module!("pprint", "pprint.py"),
];

/// The `__file__` of a bundled module: `<adder-lib>/collections/__init__.py`.
pub fn module_path(module: &Bundled) -> String {
    let dir = format!("{LIB_ROOT}/{}", module.name.replace('.', "/"));
    if module.package {
        format!("{dir}/__init__.py")
    } else {
        format!("{dir}.py")
    }
}

/// The bundled module `name` (dotted), as a source to load.
pub(super) fn find(name: &str) -> Option<Found> {
    let module = MODULES.iter().find(|m| m.name == name)?;
    let dir = format!("{LIB_ROOT}/{}", module.name.replace('.', "/"));
    Some(Found::Source {
        file: module_path(module),
        source: module.source.as_bytes().to_vec(),
        package_dir: module.package.then_some(dir),
    })
}

#[cfg(test)]
mod tests {
    use super::MODULES;
    use std::path::Path;

    fn files(dir: &Path, prefix: &str, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                files(&path, &format!("{prefix}{name}/"), out);
            } else if let Some(stem) = name.strip_suffix(".py") {
                let dotted = format!("{prefix}{stem}").replace('/', ".");
                out.push(
                    dotted
                        .strip_suffix(".__init__")
                        .unwrap_or(&dotted)
                        .to_owned(),
                );
            }
        }
    }

    #[test]
    fn every_file_of_the_library_is_bundled() {
        let mut names = Vec::new();
        files(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("lib"),
            "",
            &mut names,
        );
        for name in names {
            assert!(
                MODULES.iter().any(|m| m.name == name),
                "engine/lib module {name} is missing from bundled::MODULES"
            );
        }
    }
}
