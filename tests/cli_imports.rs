//! `adder run` on a script that imports a sibling module and a package from its own
//! directory (`sys.path[0]`), wherever it is run from: the same stdout as python3, and an
//! uncaught exception raised inside an imported module reported with that module's file
//! name and source line.

use std::path::{Path, PathBuf};
use std::process::Command;

fn adder() -> &'static str {
    env!("CARGO_BIN_EXE_adder")
}

/// A fresh directory under the target dir holding `files` (path, text).
fn project(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&root);
    for (path, text) in files {
        let path = root.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create the fixture directory");
        }
        std::fs::write(&path, text).expect("write a fixture file");
    }
    root
}

const FILES: &[(&str, &str)] = &[
    (
        "app/main.py",
        "import util\nfrom shop import cart\nfrom shop.pricing import total as t\n\
         print(util.shout('hi'), cart.checkout([3, 4]), t([1]))\n\
         print(util.__name__, cart.__name__, cart.__package__)\n\
         if __name__ == '__main__':\n    import failing\n",
    ),
    ("app/util.py", "def shout(s):\n    return s.upper() + '!'\n"),
    ("app/shop/__init__.py", "from .pricing import total\n"),
    (
        "app/shop/cart.py",
        "from . import pricing\nfrom .pricing import TAX\n\ndef checkout(items):\n    return pricing.total(items) * TAX\n",
    ),
    (
        "app/shop/pricing.py",
        "TAX = 2\n\ndef total(items):\n    return sum(items)\n",
    ),
    (
        "app/failing.py",
        "def explode():\n    raise RuntimeError('boom in module')\n\nexplode()\n",
    ),
];

#[test]
fn a_script_imports_its_siblings_and_packages() {
    let root = project("cli_imports", FILES);
    // Run from elsewhere: imports resolve against the script's directory, not the cwd.
    let out = Command::new(adder())
        .args(["run", "app/main.py"])
        .current_dir(&root)
        .output()
        .expect("run adder");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stdout, "HI! 14 1\nutil shop.cart shop\n", "{stderr}");
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let module = root.join("app/failing.py");
    let expected_tail = format!(
        "  File \"{}\", line 4, in <module>\n    explode()\n  File \"{}\", line 2, in explode\n    raise RuntimeError('boom in module')\nRuntimeError: boom in module\n",
        module.display(),
        module.display()
    );
    assert!(stderr.ends_with(&expected_tail), "{stderr}");
    assert!(
        stderr.starts_with("Traceback (most recent call last):\n"),
        "{stderr}"
    );
}

#[test]
fn a_syntax_error_in_an_imported_module_names_its_file() {
    let root = project(
        "cli_imports_syntax",
        &[
            ("main.py", "import broken\n"),
            ("broken.py", "x = 1\nif x\n    pass\n"),
        ],
    );
    let out = Command::new(adder())
        .args(["run", "main.py"])
        .current_dir(&root)
        .output()
        .expect("run adder");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let file = root.join("broken.py");
    let expected = format!(
        "  File \"{}\", line 2\n    if x\n        ^\nSyntaxError: expected ':'\n",
        file.display()
    );
    assert!(stderr.ends_with(&expected), "{stderr}");
    assert_eq!(out.status.code(), Some(1));
}
