//! `adder tokens` and `adder parse`: the front end's view of a file, for debugging and for
//! comparing with `python3 -m tokenize` and `ast.dump`.

use super::diagnostic;
use super::run::report_load_error;
use super::source_file::SourceFile;
use engine::syntax::dump::dump_module;
use engine::syntax::lexer::dump_tokens;
use engine::syntax::{parse as parse_source, LineIndex, Mode};
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

pub fn tokens(path: &Path) -> ExitCode {
    let file = match SourceFile::read(path) {
        Ok(file) => file,
        Err(error) => return report_load_error(&error),
    };
    let _ = std::io::stdout()
        .lock()
        .write_all(dump_tokens(&file.text).as_bytes());
    ExitCode::SUCCESS
}

/// Prints the tree on stdout and any syntax errors on stderr; exit status 1 if there are any.
pub fn parse(path: &Path) -> ExitCode {
    let file = match SourceFile::read(path) {
        Ok(file) => file,
        Err(error) => return report_load_error(&error),
    };
    let parsed = parse_source(&file.text, Mode::Module);
    let _ = std::io::stdout()
        .lock()
        .write_all(dump_module(&file.text, &parsed.module).as_bytes());
    let index = LineIndex::new(&file.text);
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let name = path.display().to_string();
    for error in &parsed.errors {
        eprint!(
            "{}",
            diagnostic::render(&name, &file.text, &index, error, color)
        );
    }
    if parsed.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// `adder dis FILE [--function NAME]`: the compiled bytecode, printed like `python3 -m dis`.
pub fn dis(args: &super::args::DisArgs) -> ExitCode {
    use engine::bytecode::dis::disassemble;
    use engine::compile::{compile_source, CompileError};
    let file = match SourceFile::read(&args.file) {
        Ok(file) => file,
        Err(error) => return report_load_error(&error),
    };
    if args.adaptive {
        return super::run::run_adaptive_dis(&file, args.function.as_deref());
    }
    let name = args.file.display().to_string();
    let code = match compile_source(&file.text, &name, Mode::Module) {
        Ok(code) => code,
        Err(CompileError::Syntax(error)) => {
            let index = LineIndex::new(&file.text);
            let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            eprint!(
                "{}",
                diagnostic::render(&name, &file.text, &index, &error, color)
            );
            return ExitCode::FAILURE;
        }
        Err(other) => {
            eprintln!("{other}");
            return ExitCode::FAILURE;
        }
    };
    let mut out = String::new();
    match &args.function {
        None => out.push_str(&disassemble(&code, Some(&file.text))),
        Some(wanted) => {
            let mut found = Vec::new();
            let mut stack = vec![code.clone()];
            while let Some(c) = stack.pop() {
                if c.name.as_str() == wanted || c.qualname.as_str() == wanted {
                    found.push(c.clone());
                }
                let mut children: Vec<_> = c.children().cloned().collect();
                children.reverse();
                stack.extend(children);
            }
            if found.is_empty() {
                eprintln!("adder: no function named {wanted:?} in {name}");
                return ExitCode::FAILURE;
            }
            for (i, c) in found.iter().enumerate() {
                if i > 0 {
                    out.push('\n');
                }
                out.push_str(&disassemble(c, Some(&file.text)));
            }
        }
    }
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    ExitCode::SUCCESS
}
