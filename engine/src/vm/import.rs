//! The import system, as CPython 3.11's `importlib._bootstrap` behaves: relative names resolved
//! against `__package__`, `sys.modules` consulted first, parents imported before their
//! children, a module found by `import/find.rs`, its code run once in its own namespace while
//! it sits in `sys.modules` (so circular imports see it partially initialized), the child bound
//! on its parent afterwards, `from` lists importing submodules, and CPython's message for every
//! failure.

pub mod bundled;
mod find;

use crate::builtins::functions::exec::{compile_error, run_code};
use crate::compile::{compile_source, CompileError};
use crate::runtime::error::{PyErr, PyResult};
use crate::runtime::types::code::PyCode;
use crate::runtime::types::dict::PyDict;
use crate::runtime::types::object::{ObjKind, PyModule, PyObject};
use crate::runtime::types::str::PyStr;
use crate::runtime::value::Value;
use crate::syntax::Mode;
use crate::vm::Vm;
use find::Found;
use std::rc::Rc;

impl Vm {
    /// `__import__(name, globals, locals, fromlist, level)`: what `import`/`from … import`
    /// statements and the builtin do. Returns the top-level package for `import a.b`, the
    /// module itself when a `fromlist` is given.
    pub fn import_module_level(
        &mut self,
        name: &str,
        globals: Option<&Rc<PyDict>>,
        fromlist: &Value,
        level: i64,
    ) -> PyResult<Value> {
        if level < 0 {
            let class = self.types.value_error.clone();
            return Err(self.new_exception(&class, "level must be >= 0"));
        }
        let absolute = if level > 0 {
            self.resolve_relative(name, globals, level as usize)?
        } else if name.is_empty() {
            let class = self.types.value_error.clone();
            return Err(self.new_exception(&class, "Empty module name"));
        } else {
            name.to_owned()
        };
        let module = self.import_absolute(&absolute)?;
        let has_fromlist = !fromlist.is_none() && self.truthy(fromlist)?;
        if has_fromlist {
            if module_attr(&module, "__path__").is_some() {
                self.handle_fromlist(&module, fromlist, None)?;
            }
            return Ok(module);
        }
        let first = name.split('.').next().unwrap_or(name);
        if level == 0 {
            if first.len() == name.len() {
                return Ok(module);
            }
            return self.import_absolute(first);
        }
        if name.is_empty() {
            return Ok(module);
        }
        // `__import__('.a.b', level=1)`: the module named up to the first component.
        let cut = name.len() - first.len();
        let keep = &absolute[..absolute.len() - cut];
        match self.modules.get_str(&PyStr::new(keep)) {
            Some(m) => Ok(m),
            None => {
                let class = self.types.key_error.clone();
                Err(self.new_exception(&class, &format!("'{keep}'")))
            }
        }
    }

    /// The module `name` (absolute, dotted), imported if it is not in `sys.modules` yet.
    pub fn import_absolute(&mut self, name: &str) -> PyResult<Value> {
        if let Some(m) = self.modules.get_str(&PyStr::new(name)) {
            if m.is_none() {
                return Err(self.module_not_found(
                    &format!("import of {name} halted; None in sys.modules"),
                    name,
                ));
            }
            if name == "re" {
                self.finish_re_flags();
            }
            return Ok(m);
        }
        let mut parent_module = None;
        let mut search = None;
        if let Some((parent, _)) = name.rsplit_once('.') {
            let pm = self.import_absolute(parent)?;
            // Importing the parent may have imported the child.
            if let Some(m) = self.modules.get_str(&PyStr::new(name)) {
                return Ok(m);
            }
            let Some(path) = module_attr(&pm, "__path__") else {
                return Err(self.module_not_found(
                    &format!("No module named '{name}'; '{parent}' is not a package"),
                    name,
                ));
            };
            let entries = self.collect_iterable(&path)?;
            search = Some(
                entries
                    .iter()
                    .filter_map(|e| match e {
                        Value::Str(s) => Some(s.as_str().to_owned()),
                        _ => None,
                    })
                    .collect::<Vec<_>>(),
            );
            parent_module = Some(pm);
        }
        let Some(found) = self.find_module(name, search.as_deref()) else {
            return Err(self.module_not_found(&format!("No module named '{name}'"), name));
        };
        let module = self.load_module(name, found)?;
        if let (Some(pm), Some((_, child))) = (parent_module, name.rsplit_once('.')) {
            let key = self.interner.intern(child);
            // As in CPython, a parent that refuses the attribute does not fail the import.
            let _ = self.set_attr(&pm, &key, module.clone());
        }
        Ok(module)
    }

    /// The first import of the native `re` makes its flags `re.RegexFlag` members (the
    /// bundled `_re_flags`, which needs `enum`: paid by programs that import re, not by
    /// every start-up). A failure leaves the plain int flags in place.
    fn finish_re_flags(&mut self) {
        if self.modules.get_str(&PyStr::new("_re_flags")).is_some() {
            return;
        }
        let _ = self.import_absolute("_re_flags");
    }

    /// `package`-relative `name` made absolute (`from ..pkg import f`), or CPython's error.
    fn resolve_relative(
        &mut self,
        name: &str,
        globals: Option<&Rc<PyDict>>,
        level: usize,
    ) -> PyResult<String> {
        let get = |key: &str| globals.and_then(|g| g.get_str(&PyStr::new(key)));
        let package = match get("__package__") {
            Some(Value::Str(s)) => Some(s.as_str().to_owned()),
            Some(Value::None) | None => match get("__name__") {
                Some(Value::Str(s)) => {
                    let s = s.as_str();
                    if get("__path__").is_some() {
                        Some(s.to_owned())
                    } else {
                        Some(s.rsplit_once('.').map_or("", |(p, _)| p).to_owned())
                    }
                }
                _ => None,
            },
            Some(_) => {
                return Err(self.type_error("package must be a string"));
            }
        };
        let package = package.unwrap_or_default();
        if package.is_empty() {
            let class = self.types.import_error.clone();
            return Err(self.new_exception(
                &class,
                "attempted relative import with no known parent package",
            ));
        }
        let bits: Vec<&str> = package.rsplitn(level, '.').collect();
        if bits.len() < level {
            let class = self.types.import_error.clone();
            return Err(
                self.new_exception(&class, "attempted relative import beyond top-level package")
            );
        }
        let base = bits.last().copied().unwrap_or_default();
        Ok(if name.is_empty() {
            base.to_owned()
        } else {
            format!("{base}.{name}")
        })
    }

    /// `from package import a, b`: names that are not attributes yet are tried as submodules;
    /// `*` stands for the package's `__all__`.
    fn handle_fromlist(
        &mut self,
        module: &Value,
        fromlist: &Value,
        all_of: Option<&str>,
    ) -> PyResult<()> {
        let module_name = match module_attr(module, "__name__") {
            Some(Value::Str(s)) => s.as_str().to_owned(),
            _ => return Ok(()),
        };
        for item in self.collect_iterable(fromlist)? {
            let Value::Str(s) = &item else {
                let t = self.type_name(&item);
                let place = match all_of {
                    Some(m) => format!("{m}.__all__"),
                    None => "``from list''".to_owned(),
                };
                return Err(self.type_error(format!("Item in {place} must be str, not {t}")));
            };
            if s.as_str() == "*" {
                if all_of.is_none() {
                    if let Some(all) = module_attr(module, "__all__") {
                        self.handle_fromlist(module, &all, Some(&module_name))?;
                    }
                }
                continue;
            }
            if module_attr(module, s.as_str()).is_some() {
                continue;
            }
            let sub = format!("{module_name}.{}", s.as_str());
            if let Err(e) = self.import_absolute(&sub) {
                // A missing submodule is not an error here: IMPORT_FROM reports the name.
                let missing = self.is_module_not_found(&e, &sub)
                    && self.modules.get_str(&PyStr::new(&sub)).is_none();
                if !missing {
                    return Err(e);
                }
            }
        }
        Ok(())
    }

    /// `IMPORT_FROM`: the attribute, else the submodule already in `sys.modules`, else
    /// CPython's "cannot import name" (naming a partially initialized module when the name
    /// is missing because of a circular import).
    pub fn import_from_module(&mut self, module: &Value, name: &Rc<PyStr>) -> PyResult<Value> {
        let err = match self.get_attr(module, name) {
            Ok(v) => return Ok(v),
            Err(e) => e,
        };
        let attribute_error = self.types.attribute_error.clone();
        if !self.isinstance(&err.exc, &attribute_error)? {
            return Err(err);
        }
        let package = match module_attr(module, "__name__") {
            Some(Value::Str(s)) => Some(s.as_str().to_owned()),
            _ => None,
        };
        if let Some(package) = &package {
            let full = format!("{package}.{}", name.as_str());
            if let Some(m) = self.modules.get_str(&PyStr::new(&full)) {
                return Ok(m);
            }
        }
        let shown = package
            .clone()
            .unwrap_or_else(|| "<unknown module name>".to_owned());
        let path = match module_attr(module, "__file__") {
            Some(Value::Str(s)) => Some(s.as_str().to_owned()),
            _ => None,
        };
        let initializing = package.as_ref().is_some_and(|p| self.importing.contains(p));
        let wanted = self.repr_str(name.as_str());
        let from = self.repr_str(&shown);
        let message = match &path {
            None => format!("cannot import name {wanted} from {from} (unknown location)"),
            Some(p) if initializing => format!(
                "cannot import name {wanted} from partially initialized module {from} (most likely due to a circular import) ({p})"
            ),
            Some(p) => format!("cannot import name {wanted} from {from} ({p})"),
        };
        let class = self.types.import_error.clone();
        let error = self.new_exception(&class, &message);
        if let Value::Instance(inst) = &error.exc {
            inst.set_attr(&self.interner.intern("name"), Value::str(&shown));
            let path = path.as_deref().map_or(Value::None, Value::str);
            inst.set_attr(&self.interner.intern("path"), path);
        }
        Err(error)
    }

    /// `importlib.reload(module)`: the module's source found again and run in its namespace.
    pub fn reload_module(&mut self, module: &Value) -> PyResult<Value> {
        let (Some(Value::Str(name)), Value::Object(o)) = (module_attr(module, "__name__"), module)
        else {
            return Err(self.type_error("reload() argument must be a module"));
        };
        let ObjKind::Module(m) = &o.kind else {
            return Err(self.type_error("reload() argument must be a module"));
        };
        let dict = m.dict.clone();
        let name = name.as_str().to_owned();
        let registered = self.modules.get_str(&PyStr::new(&name));
        if !matches!(&registered, Some(Value::Object(r)) if Rc::ptr_eq(r, o)) {
            let class = self.types.import_error.clone();
            return Err(self.new_exception(&class, &format!("module {name} not in sys.modules")));
        }
        let mut search = None;
        if let Some((parent, _)) = name.rsplit_once('.') {
            let Some(pm) = self.modules.get_str(&PyStr::new(parent)) else {
                let class = self.types.import_error.clone();
                let shown = self.repr_str(parent);
                return Err(
                    self.new_exception(&class, &format!("parent {shown} not in sys.modules"))
                );
            };
            let path = module_attr(&pm, "__path__").unwrap_or(Value::None);
            let entries = if path.is_none() {
                Vec::new()
            } else {
                self.collect_iterable(&path)?
            };
            search = Some(
                entries
                    .iter()
                    .filter_map(|e| match e {
                        Value::Str(s) => Some(s.as_str().to_owned()),
                        _ => None,
                    })
                    .collect::<Vec<_>>(),
            );
        }
        let Some(found) = self.find_module(&name, search.as_deref()) else {
            let shown = self.repr_str(&name);
            return Err(
                self.module_not_found(&format!("spec not found for the module {shown}"), &name)
            );
        };
        if let Found::Source { file, source, .. } = found {
            let code = self.compile_module_source(&source, &file)?;
            self.enter_native_call(" while importing a module")?;
            let result = run_code(self, code, dict.clone(), dict);
            self.leave_native_call();
            result?;
        }
        Ok(self
            .modules
            .get_str(&PyStr::new(&name))
            .unwrap_or_else(|| module.clone()))
    }

    /// A module object for `found`, registered as `name`, its code run.
    fn load_module(&mut self, name: &str, found: Found) -> PyResult<Value> {
        let dict = crate::eval::new_module_globals(self, name);
        let is_package = found.is_package();
        let parent = name.rsplit_once('.').map_or("", |(p, _)| p);
        let package = if is_package { name } else { parent };
        let set = |vm: &mut Vm, key: &str, value: Value| {
            let key = vm.interner.intern(key);
            dict.set_str(key, value);
        };
        set(self, "__package__", Value::str(package));
        set(self, "__loader__", Value::None);
        set(self, "__spec__", Value::None);
        if let Some(paths) = found.search_path() {
            set(
                self,
                "__path__",
                Value::list(paths.iter().map(|p| Value::str(p)).collect()),
            );
        }
        let key = self.interner.intern(name);
        let module = Value::Object(crate::runtime::gc::tracked(PyObject::new(ObjKind::Module(
            PyModule {
                name: key.clone(),
                dict: dict.clone(),
            },
        ))));
        let Found::Source { file, source, .. } = found else {
            set(self, "__file__", Value::None);
            self.modules.set_str(key, module.clone());
            return Ok(module);
        };
        set(self, "__file__", Value::str(&file));
        let code = self.compile_module_source(&source, &file)?;
        self.modules.set_str(key.clone(), module.clone());
        self.enter_native_call(" while importing a module")?;
        self.importing.push(name.to_owned());
        let result = run_code(self, code, dict.clone(), dict);
        self.importing.pop();
        self.leave_native_call();
        if let Err(e) = result {
            self.modules.remove_str(&key);
            return Err(e);
        }
        Ok(self.modules.get_str(&key).unwrap_or(module))
    }

    /// Source bytes of module file `file` decoded and compiled by the same front end as
    /// scripts; a syntax error names the file.
    fn compile_module_source(&mut self, bytes: &[u8], file: &str) -> PyResult<Rc<PyCode>> {
        let text = match crate::syntax::source::decode_source(bytes) {
            Ok(text) => text,
            Err(e) => {
                let lossy = String::from_utf8_lossy(bytes);
                return Err(compile_error(self, &CompileError::Syntax(e), &lossy, file));
            }
        };
        match compile_source(&text, file, Mode::Module) {
            Ok(code) => {
                self.sources.insert(file.to_owned(), text.into());
                Ok(self.new_code(code))
            }
            Err(e) => Err(compile_error(self, &e, &text, file)),
        }
    }

    fn module_not_found(&mut self, message: &str, name: &str) -> PyErr {
        let class = self.types.module_not_found_error.clone();
        let err = self.new_exception(&class, message);
        if let Value::Instance(inst) = &err.exc {
            inst.set_attr(&self.interner.intern("name"), Value::str(name));
        }
        err
    }

    /// Whether `err` is the `ModuleNotFoundError` for exactly module `name`.
    fn is_module_not_found(&mut self, err: &PyErr, name: &str) -> bool {
        let Value::Instance(inst) = &err.exc else {
            return false;
        };
        let class = self.types.module_not_found_error.clone();
        inst.class().is_subclass(&class)
            && matches!(inst.get_attr(&PyStr::new("name")), Some(Value::Str(s)) if s.as_str() == name)
    }

    /// `repr()` of a str, as `%R` formats it in CPython's messages.
    fn repr_str(&mut self, s: &str) -> String {
        match self.repr(&Value::str(s)) {
            Ok(r) => r,
            Err(_) => format!("'{s}'"),
        }
    }
}

/// A module's own attribute (its namespace entry), without running any Python code; for
/// other objects standing in `sys.modules`, nothing.
fn module_attr(module: &Value, name: &str) -> Option<Value> {
    match module {
        Value::Object(o) => match &o.kind {
            ObjKind::Module(m) => m.dict.get_str(&PyStr::new(name)),
            _ => None,
        },
        _ => None,
    }
}
