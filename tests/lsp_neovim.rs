//! A real editor as the client: Neovim (headless) opens a file with `adder lsp` attached and
//! must receive diagnostics and a hover. `./test.sh` installs Neovim when it can; without
//! it this test says so and passes.

use std::process::Command;

#[test]
fn neovim_receives_diagnostics_and_hover() {
    let has_nvim = Command::new("nvim")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_nvim {
        eprintln!(
            "SKIPPED: nvim is not installed (./test.sh installs it with apt-get when run as root)"
        );
        return;
    }
    let dir = std::env::temp_dir().join(format!("adder-nvim-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("greet.py");
    std::fs::write(
        &file,
        "def greet(name):\n    \"\"\"Say hello.\"\"\"\n    return \"hi \" + name\n\nprint(greet(\"x\"), missing_name)\n",
    )
    .expect("write");
    let out = dir.join("out.txt");
    let probe = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/nvim/lsp_probe.lua");
    let status = Command::new("nvim")
        .args(["--headless", "--clean", "-u", "NONE", "-c"])
        .arg(format!("luafile {probe}"))
        .arg(&file)
        .current_dir(&dir)
        .env("LSP_CMD", format!("{} lsp", env!("CARGO_BIN_EXE_adder")))
        .env("OUT", &out)
        .env("HOVER_LINE", "4")
        .env("HOVER_CHAR", "7")
        .status()
        .expect("run nvim");
    let report = std::fs::read_to_string(&out).unwrap_or_default();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(status.success(), "nvim failed: {report}");
    assert!(report.contains("initialized=true"), "{report}");
    assert!(report.contains("diagnostics_received=true"), "{report}");
    assert!(
        report.contains("DIAG 5:19 sev=1 name 'missing_name' is not defined"),
        "{report}"
    );
    assert!(
        report.contains("HOVER ```python\\n(function) def greet(name)"),
        "{report}"
    );
    assert!(report.contains("Say hello."), "{report}");
}
