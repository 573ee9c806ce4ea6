//! `help()` on built-ins prints what CPython's pydoc prints: signature from the text
//! signature, docstring, the kind of callable (`tests/help/*.py`, expected output from python3).

use std::process::Command;

#[test]
fn help_on_builtins_matches_cpython() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/help");
    let program = "help_natives";
    {
        let expected = std::fs::read_to_string(dir.join(format!("{program}.out"))).expect("out");
        let result = Command::new(env!("CARGO_BIN_EXE_adder"))
            .arg("run")
            .arg(dir.join(format!("{program}.py")))
            .output()
            .expect("run adder");
        assert!(result.status.success(), "{result:?}");
        assert_eq!(
            String::from_utf8_lossy(&result.stdout),
            expected,
            "{program}"
        );
    }
}
