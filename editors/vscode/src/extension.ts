/**
 * The Adder extension: starts `adder lsp` (client.ts) and puts the live VM in the editor —
 * commands (run file, run selection / line in the same VM, interrupt, show quickening,
 * toggle heat map, profile file), the "Adder" tree of hot functions, the heat map and the
 * status bar. The pure logic lives in logic/ and is unit-tested without VS Code.
 */
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { createClient, refreshInlayHints, resolveAdder, sendSettings } from './client';
import { HeatMap } from './heatMap';
import { attachedRepl } from './logic/attach';
import { codeAtLine } from './logic/hotTree';
import { SessionInfo } from './logic/protocol';
import { dedent, formatProfile, formatQuickening, inlineResult } from './logic/reports';
import { Session } from './session';
import { StatusBar } from './statusBar';
import { HotFunctionsView } from './treeView';

const REPORT_SCHEME = 'adder-report';

/** Read-only documents for quickening and profile reports. */
class Reports implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  async show(name: string, text: string): Promise<void> {
    const uri = vscode.Uri.from({ scheme: REPORT_SCHEME, path: '/' + name });
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
  }
}

let client: LanguageClient | undefined;
/** The executable the running server was started from. */
let serverPath: string | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Adder');
  const trace = vscode.window.createOutputChannel('Adder Language Server');
  const session = new Session(output);
  const reports = new Reports();
  const results = vscode.window.createTextEditorDecorationType({
    after: { color: new vscode.ThemeColor('editorCodeLens.foreground'), fontStyle: 'italic', margin: '0 0 0 1.5em' },
  });
  context.subscriptions.push(
    output,
    trace,
    session,
    results,
    vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, reports),
    new StatusBar(session),
    new HeatMap(session),
    new HotFunctionsView(session),
  );

  const start = async (): Promise<void> => {
    const resolved = resolveAdder();
    if (!resolved.ok) {
      session.attach(undefined);
      void vscode.window.showErrorMessage(`Adder: ${resolved.message}`, 'Open Settings').then((pick) => {
        if (pick) {
          void vscode.commands.executeCommand('workbench.action.openSettings', 'adder.path');
        }
      });
      return;
    }
    trace.appendLine(`Starting ${resolved.path} lsp (found via ${resolved.source})`);
    serverPath = resolved.path;
    client = createClient(resolved.path, trace, { runFromServer: (uri) => runFile(uri) });
    try {
      await client.start();
      session.attach(client);
      await sendSettings(client);
    } catch (e) {
      session.attach(undefined);
      void vscode.window.showErrorMessage(`Adder: the language server did not start: ${String(e)}`);
    }
  };

  const stop = async (): Promise<void> => {
    const c = client;
    client = undefined;
    session.attach(undefined);
    if (c) {
      await c.stop().catch(() => undefined);
    }
  };

  /** The Python document a command acts on: its argument (a URI), else the active editor's. */
  const pythonDocument = async (arg?: unknown): Promise<vscode.TextDocument | undefined> => {
    if (arg instanceof vscode.Uri || typeof arg === 'string') {
      const uri = typeof arg === 'string' ? vscode.Uri.parse(arg) : arg;
      return vscode.workspace.openTextDocument(uri);
    }
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || doc.languageId !== 'python') {
      void vscode.window.showWarningMessage('Adder: open a Python file first.');
      return undefined;
    }
    return doc;
  };

  const failed = (e: unknown): void => {
    void vscode.window.showErrorMessage(`Adder: ${e instanceof Error ? e.message : String(e)}`);
  };

  const runFile = async (arg?: unknown): Promise<unknown> => {
    const doc = await pythonDocument(arg);
    if (!doc) {
      return undefined;
    }
    try {
      const data = await session.run(doc);
      if (client) {
        refreshInlayHints(client);
      }
      return data.outcome;
    } catch (e) {
      failed(e);
      return undefined;
    }
  };

  const runSelection = async (): Promise<void> => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'python') {
      return;
    }
    const sel = editor.selection;
    const range = sel.isEmpty ? editor.document.lineAt(sel.active.line).range : new vscode.Range(sel.start, sel.end);
    const code = dedent(editor.document.getText(range));
    const lastLine = range.end.character === 0 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line;
    if (sel.isEmpty) {
      // Like a notebook: the cursor moves on to the next line.
      const next = Math.min(sel.active.line + 1, editor.document.lineCount - 1);
      const p = new vscode.Position(next, editor.document.lineAt(next).firstNonWhitespaceCharacterIndex);
      editor.selection = new vscode.Selection(p, p);
    }
    if (code.trim() === '') {
      return;
    }
    try {
      output.appendLine(code.split('\n').map((l, i) => (i === 0 ? '>>> ' : '... ') + l).join('\n'));
      const r = await session.evaluate(code);
      const text = r.error ?? r.result ?? '';
      if (text !== '') {
        output.appendLine(text.replace(/\n$/, ''));
      }
      const shown = r.error ? `✗ ${inlineResult(r.error.trim().split('\n').pop() ?? '')}` : r.result ? `→ ${inlineResult(r.result)}` : '✓';
      const at = editor.document.lineAt(Math.min(lastLine, editor.document.lineCount - 1)).range.end;
      editor.setDecorations(results, [
        { range: new vscode.Range(at, at), renderOptions: { after: { contentText: shown } }, hoverMessage: text || undefined },
      ]);
    } catch (e) {
      failed(e);
    }
  };

  const showQuickening = async (): Promise<void> => {
    const editor = vscode.window.activeTextEditor;
    const doc = editor?.document;
    if (!editor || !doc || doc.languageId !== 'python') {
      return;
    }
    let run = session.runs.get(doc.uri.toString());
    if (!run?.quickening) {
      const pick = await vscode.window.showInformationMessage('Adder: this file has not run yet.', 'Run File');
      if (pick !== 'Run File') {
        return;
      }
      await runFile(doc.uri);
      run = session.runs.get(doc.uri.toString());
      if (!run?.quickening) {
        return;
      }
    }
    const code = codeAtLine(run.quickening, editor.selection.active.line + 1);
    try {
      const fresh = (await session.quickening(run.uri, code.qualname === '<module>' ? undefined : code.qualname)) ?? code;
      const name = code.qualname.replace(/[<>]/g, '');
      await reports.show(`quickening of ${name}.txt`, formatQuickening(fresh));
    } catch (e) {
      failed(e);
    }
  };

  const profileFile = async (arg?: unknown): Promise<void> => {
    const doc = await pythonDocument(arg);
    if (!doc) {
      return;
    }
    try {
      const data = await session.run(doc);
      if (client) {
        refreshInlayHints(client);
      }
      if (data.profile) {
        const name = doc.uri.path.split('/').pop() ?? 'file';
        const shown = formatProfile(data.profile, data.text.split('\n'), vscode.workspace.asRelativePath(doc.uri));
        await reports.show(`profile of ${name}.txt`, shown);
      }
      await vscode.commands.executeCommand('adder.hotFunctions.focus');
    } catch (e) {
      failed(e);
    }
  };

  /** A terminal running `adder repl --attach` on this server's session: one VM, two sides. */
  const openAttachedRepl = async (): Promise<void> => {
    if (!client || !serverPath) {
      void vscode.window.showErrorMessage('Adder: the language server is not running.');
      return;
    }
    try {
      const info = await client.sendRequest<SessionInfo>('adder/sessionInfo', {});
      // The same executable as the server: the protocol is the server's.
      const plan = attachedRepl(serverPath, info);
      if (!plan.ok) {
        void vscode.window.showErrorMessage(`Adder: ${plan.message}`);
        return;
      }
      vscode.window.createTerminal(plan.terminal).show();
    } catch (e) {
      failed(e);
    }
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('adder.openAttachedRepl', openAttachedRepl),
    vscode.commands.registerCommand('adder.runFile', runFile),
    vscode.commands.registerCommand('adder.profileFile', profileFile),
    vscode.commands.registerCommand('adder.runSelection', runSelection),
    vscode.commands.registerCommand('adder.showQuickening', showQuickening),
    vscode.commands.registerCommand('adder.interrupt', async () => {
      try {
        const stopped = await session.interrupt();
        if (!stopped) {
          void vscode.window.showInformationMessage('Adder: nothing is running.');
        }
      } catch (e) {
        failed(e);
      }
    }),
    vscode.commands.registerCommand('adder.toggleHeatMap', async () => {
      const config = vscode.workspace.getConfiguration('adder');
      await config.update('heatMap.enabled', !config.get<boolean>('heatMap.enabled', true), vscode.ConfigurationTarget.Global);
    }),
    vscode.commands.registerCommand('adder.refreshView', () => session.refreshViews()),
    vscode.commands.registerCommand('adder.restartServer', async () => {
      await stop();
      await start();
    }),
    vscode.commands.registerCommand('adder.reveal', async (uri: string, range: vscode.Range) => {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
      const editor = await vscode.window.showTextDocument(doc, { preview: true });
      editor.selection = new vscode.Selection(range.start, range.end);
      editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      const editor = vscode.window.activeTextEditor;
      if (editor && e.document === editor.document && e.contentChanges.length > 0) {
        editor.setDecorations(results, []);
      }
    }),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration('adder.path')) {
        await stop();
        await start();
        return;
      }
      if (client && e.affectsConfiguration('adder.performanceHints.enabled')) {
        await sendSettings(client);
      }
      if (client && e.affectsConfiguration('adder.inlayHints.enabled')) {
        refreshInlayHints(client);
      }
    }),
    { dispose: () => void stop() },
  );

  await start();
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) {
    await c.stop().catch(() => undefined);
  }
}
