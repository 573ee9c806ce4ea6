//! The virtual machine: one dispatch loop over a VM-owned stack of frames.
//!
//! Architecture invariant: a call from Python code to a Python function pushes a frame and
//! continues the same loop (`interp::run`), so Python recursion never recurses on the Rust
//! stack. Rust code that calls back into Python (`Vm::call`) re-enters the loop with the new
//! frame marked as an entry frame; the loop returns to Rust when that frame returns.

pub mod attr;
pub mod call;
pub mod class;
pub mod exc_api;
pub mod exceptions;
pub mod finalize;
pub mod frame;
pub mod generator;
pub mod host;
pub mod import;
pub mod interp;
pub mod introspect;
pub mod iter;
pub mod matching;
pub mod names;
pub mod ops;
pub mod profile;
pub mod protocol;
pub mod quicken;
pub mod recursion;
pub mod repr;
pub mod subclass;
pub mod subscript;
pub mod types;

#[cfg(test)]
mod tests;

use crate::runtime::error::{PyErr, PyResult};
use crate::runtime::types::class::PyClass;
use crate::runtime::types::dict::{KeyCx, PyDict};
use crate::runtime::types::instance::{ExceptionState, Payload, PyInstance};
use crate::runtime::value::Value;
use crate::runtime::Interner;
use frame::Frame;
use host::Host;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use types::Types;

pub struct Vm {
    /// Every frame's fast locals and value stack, contiguous: a frame owns
    /// `stack[frame.base..]` up to the next frame's base.
    pub(crate) stack: Vec<Value>,
    pub(crate) frames: Vec<Frame>,
    pub interner: Interner,
    pub types: Types,
    pub builtins: Rc<PyDict>,
    /// `sys.modules`: every imported module by name.
    pub modules: Rc<PyDict>,
    pub host: Box<dyn Host>,
    pub recursion_limit: usize,
    /// `sys.get_int_max_str_digits()`: the int↔str conversion limit (0 = none).
    pub int_max_str_digits: usize,
    /// Set from another thread (a signal handler) to raise `KeyboardInterrupt` at the next
    /// backward jump or call.
    pub interrupt: Arc<AtomicBool>,
    /// The exception being handled by the innermost `except` block (`sys.exc_info()`), or None.
    pub(crate) handled_exception: Value,
    /// Set by `RERAISE` and bare `raise`: the unwinding exception already has this frame in
    /// its traceback.
    pub(crate) reraising: bool,
    /// Source text by file name, for traceback lines.
    pub sources: std::collections::HashMap<String, Rc<str>>,
    /// Keyword names set by `KW_NAMES` for the next `CALL`.
    pub(crate) pending_kwnames: Option<Vec<Rc<crate::runtime::types::str::PyStr>>>,
    /// The special-method names, interned.
    pub names: names::Names,
    /// Levels of Rust-side recursion (re-entries, comparisons, reprs) counted against
    /// `recursion_limit` together with the Python frames.
    pub(crate) native_depth: usize,
    /// The lowest native stack address the VM may reach (0 until first measured).
    pub(crate) stack_limit: usize,
    /// Containers whose `repr` is being computed (`[...]` for self-reference).
    pub(crate) repr_guard: Vec<usize>,
    /// The generator frames on the frame stack, innermost last.
    pub(crate) gen_links: Vec<generator::GenLink>,
    /// Set when an entry generator frame returned to Rust by `yield` (not `return`).
    pub(crate) gen_yielded: bool,
    /// The generator frame a Rust consumer is draining (`drain_generator`), whose `yield`s
    /// hand their values to `sink` without suspending; `usize::MAX` when none.
    pub(crate) sink_frame: usize,
    pub(crate) sink: Option<generator::SinkPtr>,
    /// Whether instructions specialize (`--no-quicken` clears it).
    pub quicken: bool,
    /// Specialization totals (attempts, failures by reason, hits, misses, deopts).
    pub spec_stats: quicken::stats::SpecStats,
    /// Modules whose code is running for their first import, outermost first: the
    /// "partially initialized module" of circular imports.
    pub(crate) importing: Vec<String>,
    /// The files `open()` opened, by descriptor number minus 3 (`modules/fileio.rs`).
    pub(crate) open_files: Vec<Option<Box<dyn host::HostFile>>>,
    /// Class bodies whose namespace (from `__prepare__`) is a dict subclass, innermost last:
    /// (frame index, the mapping). Their `STORE_NAME` goes through its `__setitem__`.
    pub(crate) class_namespaces: Vec<(usize, Value)>,
}

impl Vm {
    pub fn new(host: Box<dyn Host>) -> Vm {
        let mut interner = Interner::default();
        let types = Types::new(&mut interner);
        let names = names::Names::new(&mut interner);
        let mut vm = Vm {
            stack: Vec::with_capacity(1 << 16),
            frames: Vec::with_capacity(256),
            interner,
            types,
            builtins: crate::runtime::gc::tracked(PyDict::new()),
            modules: crate::runtime::gc::tracked(PyDict::new()),
            host,
            recursion_limit: 1000,
            int_max_str_digits: crate::runtime::numfmt::DEFAULT_MAX_STR_DIGITS,
            interrupt: Arc::new(AtomicBool::new(false)),
            pending_kwnames: None,
            names,
            native_depth: 0,
            stack_limit: 0,
            repr_guard: Vec::new(),
            gen_links: Vec::new(),
            gen_yielded: false,
            sink_frame: usize::MAX,
            sink: None,
            quicken: true,
            spec_stats: Default::default(),
            handled_exception: Value::None,
            reraising: false,
            sources: std::collections::HashMap::new(),
            importing: Vec::new(),
            open_files: Vec::new(),
            class_namespaces: Vec::new(),
        };
        crate::builtins::install(&mut vm);
        crate::modules::install(&mut vm);
        generator::install(&mut vm);
        exc_api::install(&mut vm);
        class::install(&mut vm);
        crate::builtins::sys::install_struct_sequences(&mut vm);
        vm
    }

    /// A new exception instance of `class` with `args == (message,)`.
    pub fn new_exception(&mut self, class: &Rc<PyClass>, message: &str) -> PyErr {
        let args = Value::tuple(vec![Value::str(message)]);
        PyErr {
            exc: Value::Instance(crate::runtime::gc::tracked(PyInstance::new(
                class.clone(),
                Payload::Exception(RefCell::new(ExceptionState {
                    args,
                    ..ExceptionState::default()
                })),
            ))),
        }
    }

    pub fn type_error(&mut self, message: impl AsRef<str>) -> PyErr {
        let class = self.types.type_error.clone();
        self.new_exception(&class, message.as_ref())
    }

    pub fn name_error(&mut self, name: &str) -> PyErr {
        let class = self.types.name_error.clone();
        self.new_exception(&class, &format!("name '{name}' is not defined"))
    }

    pub fn zero_division(&mut self, message: &str) -> PyErr {
        let class = self.types.zero_division_error.clone();
        self.new_exception(&class, message)
    }

    /// The class of any value.
    pub fn class_of(&self, value: &Value) -> Rc<PyClass> {
        self.types.class_of(value)
    }

    /// `type(v).__name__`, for error messages.
    pub fn type_name(&self, value: &Value) -> String {
        self.class_of(value).name()
    }
}

/// Dict keys through the VM: built-in keys take the fast path; others call `__hash__`/`__eq__`.
impl KeyCx for Vm {
    fn hash(&mut self, key: &Value) -> PyResult<i64> {
        self.hash_value(key)
    }

    fn eq(&mut self, stored: &Value, key: &Value) -> PyResult<bool> {
        self.values_equal(stored, key)
    }
}
