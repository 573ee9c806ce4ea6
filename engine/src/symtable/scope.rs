//! The symbol table's public shape: a tree of scopes (CPython's `PySTEntryObject`s), each with
//! its symbols in CPython's insertion order, and every definition and use site with its range.
//!
//! Scopes are stored in one vector in creation order (a pre-order walk of the tree, so the
//! module is `ScopeId(0)` and children follow their parent); `children` lists the scopes
//! CPython attaches to a block, in source order. The compiler finds the scope of a
//! FunctionDef/Lambda/ClassDef/comprehension node with [`SymbolTable::scope_of_node`].

use super::flags::{SymbolFlags, SymbolScope};
use super::hash::FxHashMap;
use crate::syntax::ast::Name;
use crate::syntax::text::TextRange;

/// Index of a scope in [`SymbolTable::scopes`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ScopeId(pub u32);

impl ScopeId {
    pub const MODULE: ScopeId = ScopeId(0);

    #[inline]
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Which comprehension a comprehension scope implements.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ComprehensionKind {
    List,
    Set,
    Dict,
    Generator,
}

impl ComprehensionKind {
    /// The scope's name in CPython (`listcomp`, …, `genexpr`).
    pub const fn scope_name(self) -> &'static str {
        match self {
            ComprehensionKind::List => "listcomp",
            ComprehensionKind::Set => "setcomp",
            ComprehensionKind::Dict => "dictcomp",
            ComprehensionKind::Generator => "genexpr",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    Module,
    Class,
    /// `def` or `async def` (see [`Scope::is_async`]).
    Function,
    Lambda,
    Comprehension(ComprehensionKind),
    /// An annotation under `from __future__ import annotations`: never compiled, never
    /// attached to its parent's children (as in CPython), kept only for its errors and sites.
    Annotation,
}

impl ScopeKind {
    /// True for what CPython calls a `FunctionBlock` (functions, lambdas, comprehensions).
    pub const fn is_function_like(self) -> bool {
        matches!(
            self,
            ScopeKind::Function | ScopeKind::Lambda | ScopeKind::Comprehension(_)
        )
    }

    /// The type name `symtable.SymbolTable.get_type()` reports.
    pub const fn cpython_type(self) -> &'static str {
        match self {
            ScopeKind::Module => "module",
            ScopeKind::Class => "class",
            ScopeKind::Annotation => "annotation",
            _ => "function",
        }
    }
}

/// One place where a name is bound or used: the range of the name itself where the tree has
/// one (a `def`'s name, a parameter's name, a `Name` node, an import alias), otherwise of the
/// construct that binds it implicitly. `flags` is what this site contributed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Site {
    pub range: TextRange,
    pub flags: SymbolFlags,
}

impl Site {
    /// True when the site binds the name (rather than only reading it).
    pub fn is_binding(self) -> bool {
        self.flags
            .intersects(SymbolFlags::DEF_BOUND | SymbolFlags::DEF_ANNOT)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Symbol {
    /// The name as stored: mangled (`_C__x`) inside a class, as CPython stores it.
    pub name: Name,
    pub flags: SymbolFlags,
    pub scope: SymbolScope,
    /// Every definition and use in this scope, in visiting order.
    pub sites: Vec<Site>,
}

impl Symbol {
    pub fn is_parameter(&self) -> bool {
        self.flags.contains(SymbolFlags::DEF_PARAM)
    }
    pub fn is_used(&self) -> bool {
        self.flags.contains(SymbolFlags::USE)
    }
    pub fn is_imported(&self) -> bool {
        self.flags.contains(SymbolFlags::DEF_IMPORT)
    }
    pub fn is_assigned(&self) -> bool {
        self.flags.contains(SymbolFlags::DEF_LOCAL)
    }
}

#[derive(Clone, Debug)]
pub struct Scope {
    pub kind: ScopeKind,
    /// `top` for the module, the def/class name, `lambda`, `listcomp`, … as in CPython.
    pub name: Name,
    /// The range of the node that opens the scope (the whole module, `def`/`class`
    /// statement, lambda or comprehension expression, or annotation expression).
    pub range: TextRange,
    pub parent: Option<ScopeId>,
    /// Nested scopes in source order (annotation scopes excluded, as in CPython).
    pub children: Vec<ScopeId>,
    /// Symbols in CPython's insertion order.
    pub symbols: Vec<Symbol>,
    index: FxHashMap<Name, u32>,
    /// Parameter names in `co_varnames` order: positional-only, positional, keyword-only,
    /// `*args`, `**kwargs` (`.0` for a comprehension). CPython's `ste_varnames`.
    pub params: Vec<Name>,
    /// `async def`.
    pub is_async: bool,
    pub is_generator: bool,
    pub is_coroutine: bool,
    /// Inside a function (CPython's `ste_nested`).
    pub is_nested: bool,
    pub has_varargs: bool,
    pub has_varkeywords: bool,
    /// A `return` with a value occurs in the body.
    pub returns_value: bool,
    /// A class whose methods use `__class__` or `super`: it needs the implicit cell.
    pub needs_class_closure: bool,
    /// The block has free variables (CPython's `ste_free`).
    pub has_free: bool,
    /// A nested block has free variables (CPython's `ste_child_free`).
    pub child_free: bool,
    /// `global` / `nonlocal` declarations (and walrus-in-comprehension implicit ones), with
    /// the range CPython reports errors about them at.
    pub directives: Vec<(Name, TextRange)>,
}

impl Scope {
    pub(crate) fn new(
        kind: ScopeKind,
        name: Name,
        range: TextRange,
        parent: Option<ScopeId>,
    ) -> Self {
        Scope {
            kind,
            name,
            range,
            parent,
            children: Vec::new(),
            symbols: Vec::new(),
            index: FxHashMap::default(),
            params: Vec::new(),
            is_async: false,
            is_generator: false,
            is_coroutine: false,
            is_nested: false,
            has_varargs: false,
            has_varkeywords: false,
            returns_value: false,
            needs_class_closure: false,
            has_free: false,
            child_free: false,
            directives: Vec::new(),
        }
    }

    /// The symbol named `name` (already mangled), if the scope has one.
    pub fn symbol(&self, name: &str) -> Option<&Symbol> {
        self.index.get(name).map(|&i| &self.symbols[i as usize])
    }

    pub(crate) fn symbol_index(&self, name: &str) -> Option<usize> {
        self.index.get(name).map(|&i| i as usize)
    }

    /// The flags of `name`, empty when unknown (CPython's `_PyST_GetSymbol`).
    pub fn flags_of(&self, name: &str) -> SymbolFlags {
        self.symbol(name).map_or(SymbolFlags::EMPTY, |s| s.flags)
    }

    /// The resolved scope of `name`, `Unresolved` when unknown (CPython's `_PyST_GetScope`).
    pub fn scope_of(&self, name: &str) -> SymbolScope {
        self.symbol(name)
            .map_or(SymbolScope::Unresolved, |s| s.scope)
    }

    /// Adds `flags` to `name`, creating the symbol if needed; returns its index.
    pub(crate) fn add_flags(&mut self, name: &Name, flags: SymbolFlags) -> usize {
        if let Some(&i) = self.index.get(name) {
            self.symbols[i as usize].flags |= flags;
            return i as usize;
        }
        let i = self.symbols.len();
        self.index.insert(name.clone(), i as u32);
        self.symbols.push(Symbol {
            name: name.clone(),
            flags,
            scope: SymbolScope::Unresolved,
            sites: Vec::new(),
        });
        i
    }

    /// Cell variables in `co_cellvars` order: sorted names resolved as `CELL`, or only
    /// `__class__` for a class that needs the implicit cell.
    pub fn cellvars(&self) -> Vec<Name> {
        if self.needs_class_closure {
            return vec![Name::from("__class__")];
        }
        let mut names: Vec<Name> = self
            .symbols
            .iter()
            .filter(|s| s.scope == SymbolScope::Cell)
            .map(|s| s.name.clone())
            .collect();
        names.sort();
        names
    }

    /// Free variables in `co_freevars` order: sorted names resolved as `FREE`, plus (for a
    /// class) names flagged `DEF_FREE_CLASS`.
    pub fn freevars(&self) -> Vec<Name> {
        let mut names: Vec<Name> = self
            .symbols
            .iter()
            .filter(|s| {
                s.scope == SymbolScope::Free || s.flags.contains(SymbolFlags::DEF_FREE_CLASS)
            })
            .map(|s| s.name.clone())
            .collect();
        names.sort();
        names
    }
}

/// How the compiler accesses a name, following CPython 3.11's `compiler_nameop`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameOp {
    /// `LOAD_FAST` / `STORE_FAST` / `DELETE_FAST`.
    Fast,
    /// `LOAD_DEREF` / `STORE_DEREF` / `DELETE_DEREF` (cell or free variable).
    Deref,
    /// `LOAD_CLASSDEREF`: a free variable read in a class body (stores use `Deref`).
    ClassDeref,
    /// `LOAD_GLOBAL` / `STORE_GLOBAL` / `DELETE_GLOBAL`.
    Global,
    /// `LOAD_NAME` / `STORE_NAME` / `DELETE_NAME`.
    Name,
}

/// The symbol tables of a module.
#[derive(Clone, Debug)]
pub struct SymbolTable {
    pub scopes: Vec<Scope>,
    by_node: FxHashMap<TextRange, ScopeId>,
    /// `from __future__ import annotations` is in effect.
    pub future_annotations: bool,
}

impl SymbolTable {
    pub(crate) fn new() -> Self {
        SymbolTable {
            scopes: Vec::new(),
            by_node: FxHashMap::default(),
            future_annotations: false,
        }
    }

    pub(crate) fn push_scope(&mut self, scope: Scope, attach: bool) -> ScopeId {
        let id = ScopeId(self.scopes.len() as u32);
        if let Some(parent) = scope.parent {
            if attach {
                self.scopes[parent.index()].children.push(id);
            }
        }
        // The module is not keyed: a statement spanning the whole file has its range.
        if attach && scope.parent.is_some() {
            self.by_node.entry(scope.range).or_insert(id);
        }
        self.scopes.push(scope);
        id
    }

    pub fn module(&self) -> &Scope {
        &self.scopes[0]
    }

    pub fn scope(&self, id: ScopeId) -> &Scope {
        &self.scopes[id.index()]
    }

    pub(crate) fn scope_mut(&mut self, id: ScopeId) -> &mut Scope {
        &mut self.scopes[id.index()]
    }

    /// The scope opened by the FunctionDef/ClassDef/Lambda/comprehension node with `range`.
    pub fn scope_of_node(&self, range: TextRange) -> Option<ScopeId> {
        self.by_node.get(&range).copied()
    }

    /// The innermost (non-annotation) scope whose node contains `offset`: what an editor
    /// wants for "which scope is the cursor in".
    pub fn scope_at(&self, offset: u32) -> ScopeId {
        let mut current = ScopeId::MODULE;
        'descend: loop {
            for &child in &self.scope(current).children {
                if self.scope(child).range.contains(offset) {
                    current = child;
                    continue 'descend;
                }
            }
            return current;
        }
    }

    /// How the compiler reads or writes `name` (already mangled) in `scope`.
    pub fn name_op(&self, scope: ScopeId, name: &str, is_load: bool) -> NameOp {
        let s = self.scope(scope);
        let function = s.kind.is_function_like();
        match s.scope_of(name) {
            SymbolScope::Free | SymbolScope::Cell => {
                if is_load && s.kind == ScopeKind::Class {
                    NameOp::ClassDeref
                } else {
                    NameOp::Deref
                }
            }
            SymbolScope::Local if function => NameOp::Fast,
            SymbolScope::GlobalImplicit if function => NameOp::Global,
            SymbolScope::GlobalExplicit => NameOp::Global,
            _ => NameOp::Name,
        }
    }
}
