//! The `LanguageServer` implementation: one handler per request. Document changes go to the
//! single writer ([`crate::documents`]); reads run on a snapshot on a blocking thread
//! ([`Backend::read`]); the live VM commands go to its thread ([`crate::live`]).

use crate::convert::{self, path_of, uri_of};
use crate::documents::{self, Changed, Edit};
use crate::live::Live;
use crate::live_view;
use engine::analysis::{ide, outline};
use engine::db::{self, AnalysisDatabase, SourceFile};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use tokio::sync::oneshot;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::Client;

pub struct Backend {
    client: Client,
    docs: mpsc::Sender<Edit>,
    /// `None` only if the session thread could not start.
    live: Option<Live>,
    shared: Arc<Shared>,
}

/// State the writer's diagnostics callback also reads.
pub struct Shared {
    pub perf_hints: AtomicBool,
    pub live: Mutex<Option<Live>>,
    pub roots: Mutex<Vec<String>>,
    /// The newest document version whose diagnostics were published, per path: a slower
    /// computation for an older version must not overwrite a newer one.
    pub published: Mutex<HashMap<String, i32>>,
    /// The client accepts `workspace/inlayHint/refresh` and `workspace/codeLens/refresh`.
    pub inlay_refresh: AtomicBool,
    pub lens_refresh: AtomicBool,
}

impl Backend {
    pub fn new(client: Client) -> Backend {
        let shared = Arc::new(Shared {
            perf_hints: AtomicBool::new(true),
            live: Mutex::new(None),
            roots: Mutex::new(Vec::new()),
            published: Mutex::new(HashMap::new()),
            inlay_refresh: AtomicBool::new(false),
            lens_refresh: AtomicBool::new(false),
        });
        let handle = tokio::runtime::Handle::current();
        let publisher = client.clone();
        let shared2 = shared.clone();
        let h2 = handle.clone();
        let docs = documents::spawn(move |changed: Changed| {
            let client = publisher.clone();
            let shared = shared2.clone();
            let h3 = h2.clone();
            // Off the writer thread: the writer must stay free to apply the next edit
            // (which cancels this computation).
            h2.spawn_blocking(move || publish_changed(changed, &shared, &client, &h3));
        });
        // One forwarding task, fed in order: a task per chunk would let tokio reorder the
        // program's output (`print` writes the text and the newline separately).
        let (out_tx, mut out_rx) = tokio::sync::mpsc::unbounded_channel::<crate::live::Output>();
        let out_client = client.clone();
        handle.spawn(async move {
            while let Some(output) = out_rx.recv().await {
                out_client
                    .send_notification::<OutputNotification>(OutputParams {
                        stream: output.stream.to_owned(),
                        text: output.text,
                    })
                    .await;
            }
        });
        let live = match Live::spawn(move |output| {
            let _ = out_tx.send(output);
        }) {
            Ok(live) => Some(live),
            Err(e) => {
                eprintln!("adder lsp: cannot start the session: {e}");
                None
            }
        };
        if let Ok(mut l) = shared.live.lock() {
            l.clone_from(&live);
        }
        if let Some(live) = &live {
            follow_attached_runs(live, &client, &docs, &shared, &handle);
        }
        Backend {
            client,
            docs,
            live,
            shared,
        }
    }

    /// Runs `f` on a snapshot of the database on a blocking thread. A newer edit cancels it:
    /// the request then fails with `ContentModified`; any other panic is an internal error
    /// and the server keeps serving.
    async fn read<T: Send + 'static>(
        &self,
        f: impl FnOnce(&AnalysisDatabase) -> Result<T> + Send + 'static,
    ) -> Result<T> {
        let (tx, rx) = oneshot::channel();
        self.docs
            .send(Edit::Snapshot(tx))
            .map_err(|_| internal("the document writer stopped"))?;
        let db = rx
            .await
            .map_err(|_| internal("the document writer stopped"))?;
        let joined = tokio::task::spawn_blocking(move || {
            let r = std::panic::catch_unwind(AssertUnwindSafe(|| f(&db)));
            drop(db);
            r
        })
        .await;
        match joined {
            Ok(Ok(r)) => r,
            Ok(Err(payload)) if payload.is::<salsa::Cancelled>() => {
                Err(Error::new(ErrorCode::ContentModified))
            }
            Ok(Err(_)) | Err(_) => Err(internal("the request failed inside the analysis")),
        }
    }

    /// A (re)opened document starts its versions afresh.
    fn forget_published(&self, uri: &Uri) {
        if let Ok(mut p) = self.shared.published.lock() {
            p.remove(&path_of(uri));
        }
    }

    fn edit(&self, e: Edit) {
        let _ = self.docs.send(e);
    }

    /// Recomputes and publishes the diagnostics of `path` (after a run: performance hints).
    async fn republish(&self, path: String) {
        republish(&self.docs, &self.shared, &self.client, path).await;
    }

    /// The live session, or the error for a server without one.
    fn live(&self) -> Result<&Live> {
        self.live
            .as_ref()
            .ok_or_else(|| internal("the session thread did not start"))
    }
}

/// Recomputes and publishes the diagnostics of `path` (after a run: performance hints).
async fn republish(docs: &mpsc::Sender<Edit>, shared: &Arc<Shared>, client: &Client, path: String) {
    let (tx, rx) = oneshot::channel();
    if docs.send(Edit::Snapshot(tx)).is_err() {
        return;
    }
    let Ok(db) = rx.await else { return };
    let shared = shared.clone();
    let client = client.clone();
    let handle = tokio::runtime::Handle::current();
    let changed = Changed {
        paths: vec![(path, -1)],
        snapshot: db,
    };
    tokio::task::spawn_blocking(move || publish_changed(changed, &shared, &client, &handle));
}

/// How long after a run from an attached REPL the editor is refreshed: runs closer together
/// than this refresh it once.
const REFRESH_DEBOUNCE: std::time::Duration = std::time::Duration::from_millis(150);

/// After code runs from an attached REPL (or the editor's `adder/evaluate`), the reports
/// are reread from the session, performance hints republished, and the client asked to
/// refresh its inlay hints and code lenses (when it supports that) — debounced, so a burst
/// of inputs refreshes once, well within a second.
fn follow_attached_runs(
    live: &Live,
    client: &Client,
    docs: &mpsc::Sender<Edit>,
    shared: &Arc<Shared>,
    handle: &tokio::runtime::Handle,
) {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<Option<String>>();
    live.session()
        .on_after_run(Box::new(move |who, file: Option<&str>| {
            // The editor's own file runs refresh at once (`adder/run`).
            if who != attach::shared::SERVER || file.is_none() {
                let absolute = file.filter(|f| f.starts_with('/')).map(str::to_owned);
                let _ = tx.send(absolute);
            }
        }));
    let (live, client, docs, shared) = (live.clone(), client.clone(), docs.clone(), shared.clone());
    handle.spawn(async move {
        while let Some(first) = rx.recv().await {
            tokio::time::sleep(REFRESH_DEBOUNCE).await;
            let mut files: Vec<String> = first.into_iter().collect();
            while let Ok(more) = rx.try_recv() {
                files.extend(more);
            }
            let l = live.clone();
            let Ok(paths) = tokio::task::spawn_blocking(move || l.refresh(&files)).await else {
                continue;
            };
            for path in paths {
                republish(&docs, &shared, &client, path).await;
            }
            // A client that never answers must not stop the next refreshes.
            let answer = std::time::Duration::from_secs(2);
            if shared.inlay_refresh.load(Ordering::Relaxed) {
                let _ = tokio::time::timeout(answer, client.inlay_hint_refresh()).await;
            }
            if shared.lens_refresh.load(Ordering::Relaxed) {
                let _ = tokio::time::timeout(answer, client.code_lens_refresh()).await;
            }
        }
    });
}

fn internal(msg: &str) -> Error {
    Error {
        code: ErrorCode::InternalError,
        message: msg.to_owned().into(),
        data: None,
    }
}

fn invalid(msg: String) -> Error {
    Error::invalid_params(msg)
}

/// The database file of `uri`, or the LSP error for an unknown document.
fn file_of(db: &AnalysisDatabase, uri: &Uri) -> Result<SourceFile> {
    db.file(&path_of(uri))
        .ok_or_else(|| invalid(format!("unknown document: {}", uri.as_str())))
}

fn locate(db: &AnalysisDatabase, p: &TextDocumentPositionParams) -> Result<(SourceFile, u32)> {
    let file = file_of(db, &p.text_document.uri)?;
    let pf = db::parsed(db, file);
    Ok((file, convert::offset(&pf.lines, file.text(db), p.position)))
}

fn lsp_range(db: &AnalysisDatabase, file: SourceFile, r: engine::syntax::TextRange) -> Range {
    convert::range(&db::parsed(db, file).lines, file.text(db), r)
}

fn location(
    db: &AnalysisDatabase,
    file: SourceFile,
    r: engine::syntax::TextRange,
) -> Option<Location> {
    Some(Location::new(
        uri_of(file.path(db))?,
        lsp_range(db, file, r),
    ))
}

/// Computes and sends diagnostics for the changed documents (on a blocking thread).
fn publish_changed(
    changed: Changed,
    shared: &Shared,
    client: &Client,
    handle: &tokio::runtime::Handle,
) {
    let Changed { paths, snapshot } = changed;
    let mut batches = Vec::new();
    let computed = std::panic::catch_unwind(AssertUnwindSafe(|| {
        for (path, version) in &paths {
            let Some(file) = snapshot.file(path) else {
                continue;
            };
            let text = file.text(&snapshot);
            let lines = &db::parsed(&snapshot, file).lines;
            let mut diags: Vec<Diagnostic> = db::diagnostics(&snapshot, file)
                .iter()
                .map(|d| convert::diagnostic(lines, text, d))
                .collect();
            if shared.perf_hints.load(Ordering::Relaxed) {
                diags.extend(perf_hints(shared, path, text, lines));
            }
            batches.push((path.clone(), *version, diags));
        }
    }));
    // Release the snapshot before talking to the client: the writer waits for it.
    drop(snapshot);
    if computed.is_err() {
        return; // Cancelled by a newer edit, which publishes its own.
    }
    for (path, version, diags) in batches {
        let Some(uri) = uri_of(&path) else { continue };
        if let Ok(mut published) = shared.published.lock() {
            let newest = published.entry(path.clone()).or_insert(-1);
            if version >= 0 && version < *newest {
                continue;
            }
            *newest = (*newest).max(version);
        }
        let version = (version >= 0).then_some(version);
        handle.block_on(client.publish_diagnostics(uri, diags, version));
    }
}

/// Performance hints from the last run of `path`, placed by the run's line/column.
fn perf_hints(
    shared: &Shared,
    path: &str,
    text: &str,
    lines: &engine::syntax::LineIndex,
) -> Vec<Diagnostic> {
    let live = shared.live.lock().ok().and_then(|l| l.clone());
    let Some(report) = live.and_then(|l| l.report(path)) else {
        return Vec::new();
    };
    let run_lines = engine::syntax::LineIndex::new(&report.source);
    live_view::performance_hints(&report)
        .into_iter()
        .map(|(start, end, message)| {
            // Map through (line, column) so small edits elsewhere keep hints in place.
            let s = convert::position(&run_lines, &report.source, start);
            let e = convert::position(&run_lines, &report.source, end);
            let start = convert::offset(lines, text, s);
            let end = convert::offset(lines, text, e).max(start);
            Diagnostic {
                range: convert::range(lines, text, engine::syntax::TextRange::new(start, end)),
                severity: Some(DiagnosticSeverity::INFORMATION),
                code: Some(NumberOrString::String("performance".to_owned())),
                source: Some("adder (live VM)".to_owned()),
                message,
                ..Default::default()
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Custom protocol: `adder/output` notifications.

#[derive(serde::Serialize, serde::Deserialize)]
pub struct OutputParams {
    pub stream: String,
    pub text: String,
}

pub enum OutputNotification {}

impl notification::Notification for OutputNotification {
    type Params = OutputParams;
    const METHOD: &'static str = "adder/output";
}

fn param_uri(params: &Value) -> Result<Uri> {
    let s = params
        .get("uri")
        .and_then(Value::as_str)
        .ok_or_else(|| invalid("missing \"uri\"".to_owned()))?;
    s.parse().map_err(|_| invalid(format!("not a URI: {s}")))
}

impl Backend {
    /// `adder/run {uri}`: runs the document's current text in the session VM.
    pub async fn adder_run(&self, params: Value) -> Result<Value> {
        let uri = param_uri(&params)?;
        let path = path_of(&uri);
        let u2 = uri.clone();
        let source = self
            .read(move |db| Ok(file_of(db, &u2)?.text(db).clone()))
            .await?;
        let outcome = self
            .live()?
            .run(path.clone(), source)
            .await
            .ok_or_else(|| internal("the VM thread stopped"))?;
        self.republish(path).await;
        let _ = self.client.inlay_hint_refresh().await;
        let _ = self.client.code_lens_refresh().await;
        serde_json::to_value(outcome).map_err(|e| internal(&e.to_string()))
    }

    /// `adder/evaluate {code}`: evaluates in the session's `__main__`.
    pub async fn adder_evaluate(&self, params: Value) -> Result<Value> {
        let code = params
            .get("code")
            .and_then(Value::as_str)
            .ok_or_else(|| invalid("missing \"code\"".to_owned()))?
            .to_owned();
        match self.live()?.evaluate(code).await {
            Some(Ok(result)) => Ok(json!({ "result": result })),
            Some(Err(error)) => Ok(json!({ "error": error })),
            None => Err(internal("the VM thread stopped")),
        }
    }

    /// `adder/interrupt`: stops the running program.
    pub async fn adder_interrupt(&self, _params: Value) -> Result<Value> {
        Ok(json!({ "interrupted": self.live()?.interrupt() }))
    }

    /// `adder/sessionInfo`: where the session is published for `adder repl --attach`.
    pub async fn adder_session_info(&self, _params: Value) -> Result<Value> {
        let root = self
            .shared
            .roots
            .lock()
            .ok()
            .and_then(|r| r.first().cloned());
        Ok(crate::attach::info(
            root.as_deref().map(std::path::Path::new),
        ))
    }

    /// `adder/quickening {uri, function?}`: the session's current quickening state of the
    /// code the file's last run compiled.
    pub async fn adder_quickening(&self, params: Value) -> Result<Value> {
        let uri = param_uri(&params)?;
        let function = params.get("function").and_then(Value::as_str);
        let Some(report) = self.live()?.report(&path_of(&uri)) else {
            return Ok(Value::Null);
        };
        match live_view::quickening_json(&report, function) {
            Some(v) => Ok(v),
            None => Err(invalid(format!(
                "no function {:?} in the last run",
                function.unwrap_or("")
            ))),
        }
    }

    /// `adder/profile {uri?}`: hot functions and lines of the last run.
    pub async fn adder_profile(&self, params: Value) -> Result<Value> {
        let state = self.live()?.state.lock().map_err(|_| internal("state"))?;
        let path = match params.get("uri").and_then(Value::as_str) {
            Some(u) => path_of(&u.parse().map_err(|_| invalid(format!("not a URI: {u}")))?),
            None => match state.reports.keys().next() {
                Some(p) => p.clone(),
                None => return Ok(Value::Null),
            },
        };
        Ok(state
            .reports
            .get(&path)
            .map_or(Value::Null, |r| live_view::profile_json(&path, r)))
    }
}

// ---------------------------------------------------------------------------------------

fn symbol_kind(k: outline::SymbolKind) -> SymbolKind {
    match k {
        outline::SymbolKind::Class => SymbolKind::CLASS,
        outline::SymbolKind::Function => SymbolKind::FUNCTION,
        outline::SymbolKind::Method => SymbolKind::METHOD,
        outline::SymbolKind::Property => SymbolKind::PROPERTY,
        outline::SymbolKind::Variable => SymbolKind::VARIABLE,
        outline::SymbolKind::Constant => SymbolKind::CONSTANT,
        outline::SymbolKind::Module => SymbolKind::MODULE,
    }
}

#[allow(deprecated)]
fn document_symbol(
    db: &AnalysisDatabase,
    file: SourceFile,
    s: outline::OutlineSymbol,
) -> DocumentSymbol {
    DocumentSymbol {
        name: s.name,
        detail: s.detail,
        kind: symbol_kind(s.kind),
        tags: None,
        deprecated: None,
        range: lsp_range(db, file, s.range),
        selection_range: lsp_range(db, file, s.selection),
        children: Some(
            s.children
                .into_iter()
                .map(|c| document_symbol(db, file, c))
                .collect(),
        ),
    }
}

fn completion_kind(k: ide::CompletionKind) -> CompletionItemKind {
    match k {
        ide::CompletionKind::Variable => CompletionItemKind::VARIABLE,
        ide::CompletionKind::Function => CompletionItemKind::FUNCTION,
        ide::CompletionKind::Method => CompletionItemKind::METHOD,
        ide::CompletionKind::Class => CompletionItemKind::CLASS,
        ide::CompletionKind::Module => CompletionItemKind::MODULE,
        ide::CompletionKind::Keyword => CompletionItemKind::KEYWORD,
        ide::CompletionKind::Property => CompletionItemKind::PROPERTY,
        ide::CompletionKind::Field => CompletionItemKind::FIELD,
        ide::CompletionKind::Constant => CompletionItemKind::CONSTANT,
    }
}

/// Reads the workspace's `.py` files (bounded), for imports and workspace symbols.
fn scan_workspace(roots: &[String]) -> Vec<(String, String)> {
    const MAX_FILES: usize = 5000;
    let mut out = Vec::new();
    let mut stack: Vec<std::path::PathBuf> = roots.iter().map(Into::into).collect();
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.')
                || matches!(
                    name.as_str(),
                    "target" | "node_modules" | "__pycache__" | "venv"
                )
            {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else if name.ends_with(".py") && out.len() < MAX_FILES {
                if let Ok(text) = std::fs::read_to_string(&path) {
                    out.push((path.to_string_lossy().replace('\\', "/"), text));
                }
            }
        }
    }
    out
}

impl tower_lsp_server::LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let mut roots: Vec<String> = params
            .workspace_folders
            .iter()
            .flatten()
            .map(|f| path_of(&f.uri))
            .collect();
        #[allow(deprecated)]
        if roots.is_empty() {
            if let Some(uri) = &params.root_uri {
                roots.push(path_of(uri));
            }
        }
        if let Some(opts) = &params.initialization_options {
            if let Some(b) = opts.get("performanceHints").and_then(Value::as_bool) {
                self.shared.perf_hints.store(b, Ordering::Relaxed);
            }
        }
        let workspace = params.capabilities.workspace.as_ref();
        let inlay = workspace
            .and_then(|w| w.inlay_hint.as_ref())
            .and_then(|c| c.refresh_support);
        let lens = workspace
            .and_then(|w| w.code_lens.as_ref())
            .and_then(|c| c.refresh_support);
        self.shared
            .inlay_refresh
            .store(inlay == Some(true), Ordering::Relaxed);
        self.shared
            .lens_refresh
            .store(lens == Some(true), Ordering::Relaxed);
        let root = roots.first().cloned();
        if let Some(live) = &self.live {
            crate::attach::publish(live, root.as_deref());
        }
        if let Ok(mut r) = self.shared.roots.lock() {
            *r = roots;
        }
        let legend = SemanticTokensLegend {
            token_types: outline::TOKEN_TYPES
                .iter()
                .map(|t| SemanticTokenType::new(t))
                .collect(),
            token_modifiers: outline::TOKEN_MODIFIERS
                .iter()
                .map(|m| SemanticTokenModifier::new(m))
                .collect(),
        };
        Ok(InitializeResult {
            server_info: Some(ServerInfo {
                name: "adder".to_owned(),
                version: Some(env!("CARGO_PKG_VERSION").to_owned()),
            }),
            capabilities: ServerCapabilities {
                experimental: Some(crate::attach::info(
                    root.as_deref().map(std::path::Path::new),
                )),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        ..Default::default()
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                definition_provider: Some(OneOf::Left(true)),
                references_provider: Some(OneOf::Left(true)),
                rename_provider: Some(OneOf::Right(RenameOptions {
                    prepare_provider: Some(true),
                    work_done_progress_options: Default::default(),
                })),
                document_highlight_provider: Some(OneOf::Left(true)),
                document_symbol_provider: Some(OneOf::Left(true)),
                workspace_symbol_provider: Some(OneOf::Left(true)),
                completion_provider: Some(CompletionOptions {
                    trigger_characters: Some(vec![".".to_owned()]),
                    ..Default::default()
                }),
                signature_help_provider: Some(SignatureHelpOptions {
                    trigger_characters: Some(vec!["(".to_owned(), ",".to_owned()]),
                    ..Default::default()
                }),
                semantic_tokens_provider: Some(
                    SemanticTokensServerCapabilities::SemanticTokensOptions(
                        SemanticTokensOptions {
                            legend,
                            full: Some(SemanticTokensFullOptions::Bool(true)),
                            ..Default::default()
                        },
                    ),
                ),
                folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
                selection_range_provider: Some(SelectionRangeProviderCapability::Simple(true)),
                code_lens_provider: Some(CodeLensOptions {
                    resolve_provider: Some(false),
                }),
                inlay_hint_provider: Some(OneOf::Left(true)),
                execute_command_provider: Some(ExecuteCommandOptions {
                    commands: vec!["adder.run".to_owned()],
                    ..Default::default()
                }),
                ..Default::default()
            },
            ..Default::default()
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let roots = self
            .shared
            .roots
            .lock()
            .map(|r| r.clone())
            .unwrap_or_default();
        if roots.is_empty() {
            return;
        }
        let docs = self.docs.clone();
        tokio::task::spawn_blocking(move || {
            let files = scan_workspace(&roots);
            let _ = docs.send(Edit::Load { files, roots });
        });
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, p: DidOpenTextDocumentParams) {
        self.forget_published(&p.text_document.uri);
        self.edit(Edit::Open {
            path: path_of(&p.text_document.uri),
            text: p.text_document.text,
            version: p.text_document.version,
        });
    }

    async fn did_change(&self, p: DidChangeTextDocumentParams) {
        self.edit(Edit::Change {
            path: path_of(&p.text_document.uri),
            version: p.text_document.version,
            changes: p.content_changes,
        });
    }

    async fn did_close(&self, p: DidCloseTextDocumentParams) {
        self.forget_published(&p.text_document.uri);
        self.edit(Edit::Close {
            path: path_of(&p.text_document.uri),
        });
        self.client
            .publish_diagnostics(p.text_document.uri, Vec::new(), None)
            .await;
    }

    async fn did_change_configuration(&self, p: DidChangeConfigurationParams) {
        let setting = p
            .settings
            .get("adder")
            .and_then(|a| a.get("performanceHints"))
            .and_then(Value::as_bool);
        if let Some(b) = setting {
            self.shared.perf_hints.store(b, Ordering::Relaxed);
            let paths = self.live.as_ref().map(Live::paths).unwrap_or_default();
            for path in paths {
                self.republish(path).await;
            }
        }
    }

    async fn hover(&self, p: HoverParams) -> Result<Option<Hover>> {
        let live = self.live.clone();
        self.read(move |db| {
            let (file, offset) = locate(db, &p.text_document_position_params)?;
            let info = ide::hover(db, file, offset);
            let line = db::parsed(db, file).lines.line_of(offset) as u32 + 1;
            let live_md = live
                .and_then(|l| l.report(file.path(db)))
                .and_then(|r| live_view::line_markdown(&r, line));
            let (range, mut md) = match info {
                Some(h) => (Some(lsp_range(db, file, h.range)), h.markdown),
                None if live_md.is_some() => (None, String::new()),
                None => return Ok(None),
            };
            if let Some(l) = live_md {
                if !md.is_empty() {
                    md.push_str("\n\n---\n");
                }
                md.push_str(&l);
            }
            Ok(Some(Hover {
                contents: HoverContents::Markup(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value: md,
                }),
                range,
            }))
        })
        .await
    }

    async fn goto_definition(
        &self,
        p: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        self.read(move |db| {
            let (file, offset) = locate(db, &p.text_document_position_params)?;
            let targets: Vec<Location> = ide::definition(db, file, offset)
                .into_iter()
                .filter_map(|t| location(db, t.file, t.focus))
                .collect();
            Ok((!targets.is_empty()).then_some(GotoDefinitionResponse::Array(targets)))
        })
        .await
    }

    async fn references(&self, p: ReferenceParams) -> Result<Option<Vec<Location>>> {
        self.read(move |db| {
            let (file, offset) = locate(db, &p.text_document_position)?;
            let refs = ide::references(db, file, offset, p.context.include_declaration);
            Ok(Some(
                refs.into_iter()
                    .filter_map(|(f, r, _)| location(db, f, r))
                    .collect(),
            ))
        })
        .await
    }

    async fn document_highlight(
        &self,
        p: DocumentHighlightParams,
    ) -> Result<Option<Vec<DocumentHighlight>>> {
        self.read(move |db| {
            let (file, offset) = locate(db, &p.text_document_position_params)?;
            Ok(Some(
                ide::highlight(db, file, offset)
                    .into_iter()
                    .map(|(r, write)| DocumentHighlight {
                        range: lsp_range(db, file, r),
                        kind: Some(if write {
                            DocumentHighlightKind::WRITE
                        } else {
                            DocumentHighlightKind::READ
                        }),
                    })
                    .collect(),
            ))
        })
        .await
    }

    async fn prepare_rename(
        &self,
        p: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        self.read(move |db| {
            let (file, offset) = locate(db, &p)?;
            match ide::prepare_rename(db, file, offset) {
                Ok(r) => Ok(Some(PrepareRenameResponse::Range(lsp_range(db, file, r)))),
                Err(e) => Err(invalid(e.0)),
            }
        })
        .await
    }

    async fn rename(&self, p: RenameParams) -> Result<Option<WorkspaceEdit>> {
        self.read(move |db| {
            let (file, offset) = locate(db, &p.text_document_position)?;
            let edits = ide::rename(db, file, offset, &p.new_name).map_err(|e| invalid(e.0))?;
            let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
            for (f, r) in edits {
                let Some(uri) = uri_of(f.path(db)) else {
                    continue;
                };
                changes
                    .entry(uri)
                    .or_default()
                    .push(TextEdit::new(lsp_range(db, f, r), p.new_name.clone()));
            }
            Ok(Some(WorkspaceEdit {
                changes: Some(changes),
                ..Default::default()
            }))
        })
        .await
    }

    async fn document_symbol(
        &self,
        p: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        self.read(move |db| {
            let file = file_of(db, &p.text_document.uri)?;
            let syms = outline::document_symbols(db, file)
                .into_iter()
                .map(|s| document_symbol(db, file, s))
                .collect();
            Ok(Some(DocumentSymbolResponse::Nested(syms)))
        })
        .await
    }

    #[allow(deprecated)]
    async fn symbol(&self, p: WorkspaceSymbolParams) -> Result<Option<WorkspaceSymbolResponse>> {
        self.read(move |db| {
            let out = outline::workspace_symbols(db, &p.query)
                .into_iter()
                .filter_map(|(f, s, container)| {
                    Some(SymbolInformation {
                        name: s.name.clone(),
                        kind: symbol_kind(s.kind),
                        tags: None,
                        deprecated: None,
                        location: location(db, f, s.selection)?,
                        container_name: container,
                    })
                })
                .collect();
            Ok(Some(WorkspaceSymbolResponse::Flat(out)))
        })
        .await
    }

    async fn completion(&self, p: CompletionParams) -> Result<Option<CompletionResponse>> {
        self.read(move |db| {
            let (file, offset) = locate(db, &p.text_document_position)?;
            let items = ide::completions(db, file, offset)
                .into_iter()
                .map(|c| CompletionItem {
                    label: c.label,
                    kind: Some(completion_kind(c.kind)),
                    detail: c.detail,
                    documentation: c.documentation.map(|d| {
                        Documentation::MarkupContent(MarkupContent {
                            kind: MarkupKind::Markdown,
                            value: d,
                        })
                    }),
                    ..Default::default()
                })
                .collect();
            Ok(Some(CompletionResponse::Array(items)))
        })
        .await
    }

    async fn signature_help(&self, p: SignatureHelpParams) -> Result<Option<SignatureHelp>> {
        self.read(move |db| {
            let (file, offset) = locate(db, &p.text_document_position_params)?;
            let Some(s) = ide::signature_help(db, file, offset) else {
                return Ok(None);
            };
            Ok(Some(SignatureHelp {
                signatures: vec![SignatureInformation {
                    label: s.label,
                    documentation: s.documentation.map(Documentation::String),
                    parameters: Some(
                        s.parameters
                            .into_iter()
                            .map(|p| ParameterInformation {
                                label: ParameterLabel::Simple(p),
                                documentation: None,
                            })
                            .collect(),
                    ),
                    active_parameter: Some(s.active_parameter),
                }],
                active_signature: Some(0),
                active_parameter: Some(s.active_parameter),
            }))
        })
        .await
    }

    async fn semantic_tokens_full(
        &self,
        p: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        self.read(move |db| {
            let file = file_of(db, &p.text_document.uri)?;
            let text = file.text(db);
            let lines = &db::parsed(db, file).lines;
            let mut data = Vec::new();
            let (mut prev_line, mut prev_col) = (0u32, 0u32);
            for t in outline::semantic_tokens(db, file) {
                let start = convert::position(lines, text, t.range.start);
                let end = convert::position(lines, text, t.range.end);
                if end.line != start.line {
                    continue;
                }
                let delta_line = start.line - prev_line;
                let delta_start = if delta_line == 0 {
                    start.character - prev_col
                } else {
                    start.character
                };
                data.push(SemanticToken {
                    delta_line,
                    delta_start,
                    length: end.character - start.character,
                    token_type: t.kind,
                    token_modifiers_bitset: t.modifiers,
                });
                prev_line = start.line;
                prev_col = start.character;
            }
            Ok(Some(SemanticTokensResult::Tokens(SemanticTokens {
                result_id: None,
                data,
            })))
        })
        .await
    }

    async fn folding_range(&self, p: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        self.read(move |db| {
            let file = file_of(db, &p.text_document.uri)?;
            Ok(Some(
                outline::folding_ranges(db, file)
                    .into_iter()
                    .map(|(a, b, k)| FoldingRange {
                        start_line: a,
                        end_line: b,
                        kind: Some(match k {
                            outline::FoldKind::Region => FoldingRangeKind::Region,
                            outline::FoldKind::Imports => FoldingRangeKind::Imports,
                            outline::FoldKind::Comment => FoldingRangeKind::Comment,
                        }),
                        ..Default::default()
                    })
                    .collect(),
            ))
        })
        .await
    }

    async fn selection_range(
        &self,
        p: SelectionRangeParams,
    ) -> Result<Option<Vec<SelectionRange>>> {
        self.read(move |db| {
            let file = file_of(db, &p.text_document.uri)?;
            let text = file.text(db);
            let lines = &db::parsed(db, file).lines;
            let mut out = Vec::new();
            for pos in p.positions {
                let offset = convert::offset(lines, text, pos);
                let ranges = outline::selection_ranges(db, file, offset);
                // Outermost first, each inner range pointing at its parent.
                let mut current: Option<SelectionRange> = None;
                for r in ranges.into_iter().rev() {
                    current = Some(SelectionRange {
                        range: convert::range(lines, text, r),
                        parent: current.map(Box::new),
                    });
                }
                if let Some(c) = current {
                    out.push(c);
                }
            }
            Ok(Some(out))
        })
        .await
    }

    async fn code_lens(&self, p: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        let live = self.live.clone();
        self.read(move |db| {
            let file = file_of(db, &p.text_document.uri)?;
            let report = live.and_then(|l| l.report(file.path(db)));
            let uri = p.text_document.uri.clone();
            let mut lenses = vec![CodeLens {
                range: Range::default(),
                command: Some(Command {
                    title: "▶ Run in Adder".to_owned(),
                    command: "adder.run".to_owned(),
                    arguments: Some(vec![json!(uri.as_str())]),
                }),
                data: None,
            }];
            for f in outline::functions(db, file) {
                let title = match report
                    .as_ref()
                    .and_then(|r| live_view::function_stats(r, &f.qualname))
                {
                    Some(s) => {
                        let mut t = format!(
                            "{} call{}",
                            live_view::thousands(s.calls),
                            if s.calls == 1 { "" } else { "s" }
                        );
                        if let Some(share) = s.time_share {
                            t.push_str(&format!(" · {share:.0}% time"));
                        }
                        if s.specializable > 0 {
                            t.push_str(&format!(
                                " · {:.0}% specialized ({}/{})",
                                100.0 * s.specialized as f64 / s.specializable as f64,
                                s.specialized,
                                s.specializable
                            ));
                        }
                        t
                    }
                    None => match f.instructions {
                        Some((n, s)) => {
                            format!("{n} instructions · {s} specializable · not run yet")
                        }
                        None => "not run yet".to_owned(),
                    },
                };
                lenses.push(CodeLens {
                    range: lsp_range(db, file, f.name_range),
                    command: Some(Command {
                        title,
                        command: String::new(),
                        arguments: None,
                    }),
                    data: None,
                });
            }
            Ok(Some(lenses))
        })
        .await
    }

    async fn inlay_hint(&self, p: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let live = self.live.clone();
        self.read(move |db| {
            let file = file_of(db, &p.text_document.uri)?;
            let Some(report) = live.and_then(|l| l.report(file.path(db))) else {
                return Ok(Some(Vec::new()));
            };
            let text = file.text(db);
            let lines = &db::parsed(db, file).lines;
            let mut hints = Vec::new();
            for (line, stats) in live_view::line_stats(&report) {
                let l = line.saturating_sub(1);
                if l < p.range.start.line
                    || l > p.range.end.line
                    || (l as usize) >= lines.line_count()
                {
                    continue;
                }
                let Some(label) = live_view::line_label(&stats, report.profile.total) else {
                    continue;
                };
                let line_text = lines.line_text(text, l as usize);
                let end = lines.line_start(l as usize)
                    + line_text.trim_end_matches(['\n', '\r']).len() as u32;
                hints.push(InlayHint {
                    position: convert::position(lines, text, end),
                    label: InlayHintLabel::String(label),
                    kind: None,
                    text_edits: None,
                    tooltip: None,
                    padding_left: Some(true),
                    padding_right: None,
                    data: None,
                });
            }
            Ok(Some(hints))
        })
        .await
    }

    async fn execute_command(&self, p: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        if p.command != "adder.run" {
            return Err(invalid(format!("unknown command: {}", p.command)));
        }
        let uri = p.arguments.first().cloned().unwrap_or(Value::Null);
        self.adder_run(json!({ "uri": uri })).await.map(Some)
    }
}
