//! Raising and handling exceptions: `raise` semantics (instantiation, `from`, implicit
//! `__context__`), traceback entries recorded as an exception leaves each frame, and the
//! CPython-format report of an uncaught exception.

use super::Vm;
use crate::runtime::error::{PyErr, PyResult};
use crate::runtime::types::class::Layout;
use crate::runtime::types::code::PyCode;
use crate::runtime::types::instance::{ExceptionState, Payload, TracebackEntry};
use crate::runtime::value::Value;
use std::cell::RefMut;
use std::rc::Rc;

/// The exception state of an exception instance, if `exc` is one.
pub fn exception_state(exc: &Value) -> Option<RefMut<'_, ExceptionState>> {
    match exc {
        Value::Instance(inst) => match &inst.payload {
            Payload::Exception(state) => Some(state.borrow_mut()),
            _ => None,
        },
        _ => None,
    }
}

impl Vm {
    /// Turns the operand of `raise X` into an exception instance: classes are instantiated,
    /// anything not deriving from `BaseException` is a `TypeError`.
    pub fn make_exception(&mut self, value: Value) -> PyResult<Value> {
        match &value {
            Value::Class(class) if class.layout == Layout::Exception => {
                let class = class.clone();
                self.call_class(&class, &[], &[])
            }
            Value::Instance(inst) if inst.class().layout == Layout::Exception => Ok(value),
            _ => Err(self.type_error("exceptions must derive from BaseException")),
        }
    }

    /// `raise exc [from cause]`.
    pub fn raise(&mut self, exc: Value, cause: Option<Value>) -> PyErr {
        let exc = match self.make_exception(exc) {
            Ok(e) => e,
            Err(e) => return e,
        };
        if let Some(cause) = cause {
            let cause = match cause {
                Value::None => Value::None,
                other => match self.make_exception(other) {
                    Ok(c) => c,
                    Err(_) => {
                        return self.type_error("exception causes must derive from BaseException")
                    }
                },
            };
            if let Some(mut state) = exception_state(&exc) {
                state.cause = cause;
                state.suppress_context = true;
            }
        }
        PyErr { exc }
    }

    /// Records that `err` passed through the innermost frame at instruction `instr`, and
    /// links it to the exception being handled (implicit chaining), once.
    pub(crate) fn note_traceback(&mut self, err: &PyErr, code: &Rc<PyCode>, instr: u32) {
        if let Some(mut state) = exception_state(&err.exc) {
            state.traceback_entries.push(TracebackEntry {
                code: code.clone(),
                instr,
            });
        }
    }

    /// Sets `__context__` of a newly raised exception to the exception being handled.
    pub(crate) fn chain_context(&mut self, err: &PyErr) {
        let handled = self.handled_exception.clone();
        if handled.is_none() || handled.is(&err.exc) {
            return;
        }
        // Avoid creating a cycle: if `err` is already in the context chain of `handled`,
        // cut it there (as CPython's `_PyErr_SetObject` does).
        let mut cursor = handled.clone();
        loop {
            let next = match exception_state(&cursor) {
                Some(state) => state.context.clone(),
                None => break,
            };
            if next.is(&err.exc) {
                if let Some(mut state) = exception_state(&cursor) {
                    state.context = Value::None;
                }
                break;
            }
            cursor = next;
        }
        if let Some(mut state) = exception_state(&err.exc) {
            if state.context.is_null() || state.context.is_none() {
                state.context = handled;
            }
        }
    }

    /// The text CPython prints for an uncaught exception: chained exceptions first, each with
    /// its traceback, then `Type: message`.
    pub fn format_exception(&mut self, exc: &Value) -> String {
        let mut out = String::new();
        let mut ctx = PrintContext::default();
        self.format_chain(exc, &mut ctx, &mut out);
        out
    }

    /// One exception with its cause/context chain (`TracebackException.format`), exception
    /// groups drawn with their sub-exceptions in nested margins.
    fn format_chain(&mut self, exc: &Value, ctx: &mut PrintContext, out: &mut String) {
        // Each entry carries the message that links it to its cause or context (printed
        // between the two), CPython's `TracebackException.format` order.
        let mut chain: Vec<(Option<&'static str>, Value)> = Vec::new();
        let mut cursor = Some(exc.clone());
        while let Some(e) = cursor.take() {
            ctx.seen.push(e.clone());
            let (cause, context, suppress) = match exception_state(&e) {
                Some(s) => (s.cause.clone(), s.context.clone(), s.suppress_context),
                None => (Value::None, Value::None, false),
            };
            let is_new = |v: &Value, seen: &[Value]| {
                matches!(v, Value::Instance(_)) && !seen.iter().any(|s| s.is(v))
            };
            let mut msg = None;
            if is_new(&cause, &ctx.seen) {
                msg = Some(
                    "\nThe above exception was the direct cause of the following exception:\n\n",
                );
                cursor = Some(cause);
            } else if !suppress && is_new(&context, &ctx.seen) {
                msg = Some(
                    "\nDuring handling of the above exception, another exception occurred:\n\n",
                );
                cursor = Some(context);
            }
            chain.push((msg, e));
        }
        for (msg, e) in chain.into_iter().rev() {
            if let Some(msg) = msg {
                ctx.emit(msg, '|', out);
            }
            let entries = exception_state(&e)
                .map(|s| s.traceback_entries.clone())
                .unwrap_or_default();
            let members = self.group_members(&e);
            let Some(members) = members else {
                if !entries.is_empty() {
                    ctx.emit("Traceback (most recent call last):\n", '|', out);
                    let stack = self.stack_text(&entries);
                    ctx.emit(&stack, '|', out);
                }
                if let Some(block) = self.syntax_error_block(&e) {
                    ctx.emit(&block, '|', out);
                    continue;
                }
                let summary = self.summary_with_notes(&e);
                ctx.emit(&summary, '|', out);
                continue;
            };
            let toplevel = ctx.depth == 0;
            if toplevel {
                ctx.depth += 1;
            }
            if !entries.is_empty() {
                let margin = if toplevel { '+' } else { '|' };
                ctx.emit(
                    "Exception Group Traceback (most recent call last):\n",
                    margin,
                    out,
                );
                let stack = self.stack_text(&entries);
                ctx.emit(&stack, '|', out);
            }
            let summary = self.summary_with_notes(&e);
            ctx.emit(&summary, '|', out);
            let n = members.len().min(16);
            ctx.need_close = false;
            for (i, member) in members.iter().take(n).enumerate() {
                let last = i == n - 1;
                if last {
                    ctx.need_close = true;
                }
                let truncated = i >= 15;
                let title = if truncated {
                    "...".to_owned()
                } else {
                    (i + 1).to_string()
                };
                out.push_str(&format!(
                    "{}{}+---------------- {title} ----------------\n",
                    ctx.indent(),
                    if i == 0 { "+-" } else { "  " }
                ));
                ctx.depth += 1;
                if truncated {
                    let more = members.len() - 15;
                    let text = format!(
                        "and {more} more exception{}\n",
                        if more == 1 { "" } else { "s" }
                    );
                    ctx.emit(&text, '|', out);
                } else {
                    self.format_chain(member, ctx, out);
                }
                if last && ctx.need_close {
                    out.push_str(&format!(
                        "{}+------------------------------------\n",
                        ctx.indent()
                    ));
                    ctx.need_close = false;
                }
                ctx.depth -= 1;
            }
            if toplevel {
                ctx.depth = 0;
            }
        }
    }

    /// The sub-exceptions of an exception group (`None` for other exceptions).
    fn group_members(&self, exc: &Value) -> Option<Vec<Value>> {
        if !self
            .class_of(exc)
            .is_subclass(&self.types.base_exception_group)
        {
            return None;
        }
        let args = exception_state(exc)?.args.clone();
        let Value::Tuple(t) = args else { return None };
        match t.items().get(1) {
            Some(Value::Tuple(m)) => Some(m.items().to_vec()),
            Some(Value::List(l)) => Some(l.to_vec()),
            _ => None,
        }
    }

    /// `Type: message` and the notes, one per line.
    /// A raised `SyntaxError` (from `compile`, or an imported module) shown as CPython's
    /// `TracebackException` shows it: its file and line, the source line, carets, then
    /// `SyntaxError: msg`. `None` for other exceptions.
    fn syntax_error_block(&mut self, exc: &Value) -> Option<String> {
        let syntax_error = self.types.syntax_error.clone();
        let Value::Instance(inst) = exc else {
            return None;
        };
        if !inst.class().is_subclass(&syntax_error) {
            return None;
        }
        let get = |vm: &mut Vm, name: &str| inst.get_attr(&vm.interner.intern(name));
        let int = |v: Option<Value>| match v {
            Some(Value::Int(n)) => Some(n),
            _ => None,
        };
        let lineno = int(get(self, "lineno"));
        let offset = int(get(self, "offset"));
        let end_offset = int(get(self, "end_offset"));
        let filename = match get(self, "filename") {
            Some(Value::Str(s)) => Some(s.as_str().to_owned()),
            _ => None,
        };
        let mut out = String::new();
        let mut suffix = String::new();
        match (lineno, &filename) {
            (Some(n), f) => out.push_str(&format!(
                "  File \"{}\", line {n}\n",
                f.as_deref().unwrap_or("<string>")
            )),
            (None, Some(f)) => suffix = format!(" ({f})"),
            (None, None) => {}
        }
        if let Some(Value::Str(text)) = get(self, "text") {
            let rtext = text.as_str().trim_end_matches('\n');
            let ltext = rtext.trim_start_matches([' ', '\n', '\x0c']);
            let spaces = (rtext.chars().count() - ltext.chars().count()) as i64;
            out.push_str(&format!("    {ltext}\n"));
            if let Some(offset) = offset {
                let mut end = match end_offset {
                    Some(e) if e != 0 => e,
                    _ => offset,
                };
                if offset == end || end == -1 {
                    end = offset + 1;
                }
                let (col, end_col) = (offset - 1 - spaces, end - 1 - spaces);
                if col >= 0 {
                    let pad: String = ltext
                        .chars()
                        .take(col as usize)
                        .map(|c| if c.is_whitespace() { c } else { ' ' })
                        .collect();
                    let carets = "^".repeat((end_col - col).max(0) as usize);
                    out.push_str(&format!("    {pad}{carets}\n"));
                }
            }
        }
        let class = inst.class();
        let name = class.qualname.borrow().as_str().to_owned();
        let msg = match get(self, "msg") {
            Some(m) if !m.is_none() => self.str(&m).unwrap_or_default(),
            _ => "<no detail available>".to_owned(),
        };
        out.push_str(&format!("{name}: {msg}{suffix}\n"));
        for note in self.exception_notes(exc) {
            out.push_str(&note);
            out.push('\n');
        }
        Some(out)
    }

    fn summary_with_notes(&mut self, exc: &Value) -> String {
        let mut text = self.exception_summary(exc);
        text.push('\n');
        for note in self.exception_notes(exc) {
            text.push_str(&note);
            text.push('\n');
        }
        text
    }

    /// The `File …, line …, in …` lines (with source and carets), outermost call first.
    fn stack_text(&mut self, entries: &[TracebackEntry]) -> String {
        let mut out = String::new();
        for entry in entries.iter().rev() {
            let runtime = &entry.code;
            let code = &runtime.code;
            let line = runtime.line_of(entry.instr as usize);
            out.push_str(&format!(
                "  File \"{}\", line {}, in {}\n",
                code.filename, line, code.name
            ));
            if let Some(text) = self.source_line(&code.filename, line) {
                let stripped = text.trim_start_matches([' ', '\t', '\x0c']);
                if !stripped.is_empty() {
                    out.push_str(&format!("    {stripped}\n"));
                    let location = runtime.location(entry.instr as usize);
                    if let Some(carets) =
                        location.and_then(|l| self.carets(&code.filename, &text, l))
                    {
                        out.push_str(&carets);
                    }
                }
            }
        }
        out
    }

    /// The `~~~^^^` line CPython 3.11 prints under the failing expression (`None` when the
    /// expression is the whole line or its position is unknown).
    fn carets(
        &self,
        filename: &str,
        line_text: &str,
        location: crate::bytecode::Location,
    ) -> Option<String> {
        let source = self.sources.get(filename)?;
        let (start, end) = (location.range.start as usize, location.range.end as usize);
        if end <= start || end > source.len() || location.line == 0 {
            return None;
        }
        if !source.is_char_boundary(start) || !source.is_char_boundary(end) {
            return None;
        }
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        let chars = |a: usize, b: usize| source[a..b].chars().count();
        let line_chars: Vec<char> = line_text.chars().collect();
        let start_col = chars(line_start, start);
        let single_line = !source[start..end].contains('\n');
        let (end_col, anchors) = if single_line {
            let end_col = chars(line_start, end);
            (
                end_col,
                binop_anchors(&source[start..end]).map(|(l, r)| (start_col + l, start_col + r)),
            )
        } else {
            let last = line_chars
                .iter()
                .rposition(|c| !matches!(c, ' ' | '\t' | '\x0c' | '\r'))?;
            (last + 1, None)
        };
        let indent = line_chars
            .iter()
            .take_while(|c| matches!(c, ' ' | '\t' | '\x0c'))
            .count();
        if end_col <= start_col || start_col < indent {
            return None;
        }
        if end_col - start_col == line_chars.len() - indent && anchors.is_none() {
            return None;
        }
        let (primary, secondary) = if anchors.is_some() {
            ('~', '^')
        } else {
            ('^', '^')
        };
        let mut out = String::from("    ");
        for j in indent..end_col {
            out.push(if j < start_col {
                ' '
            } else if anchors.is_some_and(|(l, r)| l <= j && j < r) {
                secondary
            } else {
                primary
            });
        }
        out.push('\n');
        Some(out)
    }

    /// `Type: message` (or just `Type` when `str(exc)` is empty), as the last traceback line.
    pub fn exception_summary(&mut self, exc: &Value) -> String {
        let class = self.class_of(exc);
        let name = class.qualname.borrow().as_str().to_owned();
        let module = class
            .dict
            .get_str(&self.names.module.clone())
            .and_then(|m| m.as_str().map(|s| s.as_str().to_owned()));
        let name = match module.as_deref() {
            Some("__main__" | "builtins") | None => name,
            Some(m) => format!("{m}.{name}"),
        };
        let message = self.exception_str(exc);
        if message.is_empty() {
            name
        } else {
            format!("{name}: {message}")
        }
    }

    /// `str(exc)`, or CPython's placeholder when that raises.
    pub fn exception_str(&mut self, exc: &Value) -> String {
        match self.str(exc) {
            Ok(s) => s,
            Err(_) => String::from("<exception str() failed>"),
        }
    }

    /// Line `line` (1-based) of a registered source file.
    pub fn source_line(&self, filename: &str, line: u32) -> Option<String> {
        let text = self.sources.get(filename)?;
        text.lines()
            .nth(line.checked_sub(1)? as usize)
            .map(str::to_owned)
    }
}

/// Where a traceback report stands: exception-group nesting and the chain already shown.
#[derive(Default)]
struct PrintContext {
    depth: usize,
    need_close: bool,
    seen: Vec<Value>,
}

impl PrintContext {
    fn indent(&self) -> String {
        " ".repeat(2 * self.depth)
    }

    /// Writes `text` with every line in the current group margin.
    fn emit(&self, text: &str, margin: char, out: &mut String) {
        let mut prefix = self.indent();
        if self.depth > 0 {
            prefix.push(margin);
            prefix.push(' ');
        }
        for line in text.split_inclusive('\n') {
            out.push_str(&prefix);
            out.push_str(line);
        }
    }
}

/// The operator (BinOp) or subscript (`[…]`) of an expression segment, as character offsets
/// within it: CPython's `extract_anchors_from_expr`.
fn binop_anchors(segment: &str) -> Option<(usize, usize)> {
    use crate::syntax::ast::{ExprKind, StmtKind};
    let parsed = crate::syntax::parse(segment, crate::syntax::Mode::Module);
    if !parsed.errors.is_empty() || parsed.module.body.len() != 1 {
        return None;
    }
    let StmtKind::Expr(expr) = &parsed.module.body[0].kind else {
        return None;
    };
    let bytes = segment.as_bytes();
    let ws = |b: u8| matches!(b, b' ' | b'\t' | b'\x0c' | b'\n' | b'\r' | b'\\');
    let to_chars = |b: usize| {
        segment
            .get(..b.min(segment.len()))
            .map_or(0, |s| s.chars().count())
    };
    match &expr.kind {
        ExprKind::BinOp { left, right, .. } => {
            let (from, to) = (left.range.end as usize, right.range.start as usize);
            let mut i = from;
            while i < to {
                if ws(bytes[i]) {
                    i += 1;
                    continue;
                }
                let mut r = i + 1;
                if i + 1 < to && !ws(bytes[i + 1]) {
                    r += 1;
                }
                if i + 1 < to && bytes[i] == b')' {
                    i += 1;
                    continue;
                }
                return Some((to_chars(i), to_chars(r)));
            }
            None
        }
        ExprKind::Subscript { value, slice, .. } => {
            let len = bytes.len();
            let mut l = value.range.end as usize;
            let mut r = slice.range.end as usize + 1;
            while l < len && bytes[l] != b'[' {
                l += 1;
            }
            while r < len && bytes[r] != b']' {
                r += 1;
            }
            if r < len {
                r += 1;
            }
            Some((to_chars(l), to_chars(r)))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::eval::{new_module_globals, run_source, RunError};
    use crate::vm::host::CaptureHost;
    use crate::vm::Vm;

    /// The traceback of the uncaught exception `source` ends with.
    fn traceback(source: &str) -> String {
        let mut vm = Vm::new(Box::new(CaptureHost::default()));
        let globals = new_module_globals(&mut vm, "__main__");
        match run_source(&mut vm, source, "t.py", globals) {
            Err(RunError::Exception(e)) => vm.format_exception(&e.exc),
            _ => String::from("<no exception>"),
        }
    }

    // Expected texts are CPython 3.11.7's, file name aside.
    #[test]
    fn binop_and_subscript_carets() {
        assert_eq!(
            traceback("def h():\n    return 1 // 0\nh()\n"),
            "Traceback (most recent call last):\n  File \"t.py\", line 3, in <module>\n    h()\n  File \"t.py\", line 2, in h\n    return 1 // 0\n           ~~^^~~\nZeroDivisionError: integer division or modulo by zero\n"
        );
        assert_eq!(
            traceback("def h():\n    1/0\nh()\n"),
            "Traceback (most recent call last):\n  File \"t.py\", line 3, in <module>\n    h()\n  File \"t.py\", line 2, in h\n    1/0\n    ~^~\nZeroDivisionError: division by zero\n"
        );
        assert_eq!(
            traceback("x = {}\nx[\"a\"][\"b\"]\n"),
            "Traceback (most recent call last):\n  File \"t.py\", line 2, in <module>\n    x[\"a\"][\"b\"]\n    ~^^^^^\nKeyError: 'a'\n"
        );
    }

    #[test]
    fn plain_carets_and_elision() {
        assert_eq!(
            traceback("def f(x):\n    return x.y\nf(1)\n"),
            "Traceback (most recent call last):\n  File \"t.py\", line 3, in <module>\n    f(1)\n  File \"t.py\", line 2, in f\n    return x.y\n           ^^^\nAttributeError: 'int' object has no attribute 'y'\n"
        );
        assert_eq!(
            traceback("def f():\n    raise ValueError(\"x\")\nf()\n"),
            "Traceback (most recent call last):\n  File \"t.py\", line 3, in <module>\n    f()\n  File \"t.py\", line 2, in f\n    raise ValueError(\"x\")\nValueError: x\n"
        );
        // Trailing whitespace keeps the line from counting as covered.
        assert_eq!(
            traceback("def f(a, b):\n    return a / b   \nf(1, 0)  \n"),
            "Traceback (most recent call last):\n  File \"t.py\", line 3, in <module>\n    f(1, 0)  \n    ^^^^^^^\n  File \"t.py\", line 2, in f\n    return a / b   \n           ~~^~~\nZeroDivisionError: division by zero\n"
        );
    }

    #[test]
    fn multi_line_expressions_mark_to_the_line_end() {
        assert_eq!(
            traceback("def f(x):\n    return x(1,\n       2)\nf(1)\n"),
            "Traceback (most recent call last):\n  File \"t.py\", line 4, in <module>\n    f(1)\n  File \"t.py\", line 2, in f\n    return x(1,\n           ^^^^\nTypeError: 'int' object is not callable\n"
        );
    }

    #[test]
    fn chained_exceptions_and_notes() {
        let text = traceback(
            "try:\n    1/0\nexcept ZeroDivisionError as e:\n    err = ValueError('v')\n    err.add_note('a note')\n    raise err from e\n",
        );
        assert!(
            text.contains(
                "\nThe above exception was the direct cause of the following exception:\n\n"
            ),
            "{text}"
        );
        assert!(text.ends_with("ValueError: v\na note\n"), "{text}");
    }

    #[test]
    fn exception_groups_are_drawn_in_margins() {
        assert_eq!(
            traceback("def f():\n    raise ExceptionGroup(\"many\", [ValueError(1), TypeError(2)])\nf()\n"),
            "  + Exception Group Traceback (most recent call last):\n  |   File \"t.py\", line 3, in <module>\n  |     f()\n  |   File \"t.py\", line 2, in f\n  |     raise ExceptionGroup(\"many\", [ValueError(1), TypeError(2)])\n  | ExceptionGroup: many (2 sub-exceptions)\n  +-+---------------- 1 ----------------\n    | ValueError: 1\n    +---------------- 2 ----------------\n    | TypeError: 2\n    +------------------------------------\n"
        );
        assert_eq!(
            traceback("try:\n    1/0\nexcept Exception as e:\n    raise ExceptionGroup(\"outer\", [e, ExceptionGroup(\"inner\", [KeyError(\"k\")])])\n"),
            "Traceback (most recent call last):\n  File \"t.py\", line 2, in <module>\n    1/0\n    ~^~\nZeroDivisionError: division by zero\n\nDuring handling of the above exception, another exception occurred:\n\n  + Exception Group Traceback (most recent call last):\n  |   File \"t.py\", line 4, in <module>\n  |     raise ExceptionGroup(\"outer\", [e, ExceptionGroup(\"inner\", [KeyError(\"k\")])])\n  | ExceptionGroup: outer (2 sub-exceptions)\n  +-+---------------- 1 ----------------\n    | Traceback (most recent call last):\n    |   File \"t.py\", line 2, in <module>\n    |     1/0\n    |     ~^~\n    | ZeroDivisionError: division by zero\n    +---------------- 2 ----------------\n    | ExceptionGroup: inner (1 sub-exception)\n    +-+---------------- 1 ----------------\n      | KeyError: 'k'\n      +------------------------------------\n"
        );
    }
}
