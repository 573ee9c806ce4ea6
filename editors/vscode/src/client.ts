/**
 * Starts `adder lsp` with vscode-languageclient over stdio. The executable comes from
 * `adder.path`, else `adder` on PATH, else the workspace's `target/release/adder`
 * (logic/serverPath.ts). Inlay hints obey `adder.inlayHints.enabled` on the client side;
 * performance hints are the server's, switched by `adder.performanceHints.enabled`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  Executable,
  InlayHintRequest,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
} from 'vscode-languageclient/node';
import { resolveServerPath, Resolved } from './logic/serverPath';

function isExecutable(p: string): boolean {
  try {
    const st = fs.statSync(p);
    if (!st.isFile()) {
      return false;
    }
    fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function resolveAdder(): Resolved {
  const config = vscode.workspace.getConfiguration('adder');
  return resolveServerPath({
    setting: config.get<string>('path', ''),
    envPath: process.env.PATH ?? '',
    workspaceFolders: (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath),
    home: os.homedir(),
    platform: process.platform,
    isExecutable,
  });
}

export interface ClientHooks {
  /** `adder.run` from the server's code lens: runs through the extension, so views refresh. */
  runFromServer(uri: string | undefined): Promise<unknown>;
}

export function createClient(command: string, traceChannel: vscode.OutputChannel, hooks: ClientHooks): LanguageClient {
  // No `transport`: stdio is the default (TransportKind.stdio would append `--stdio`, which
  // `adder lsp` accepts too).
  const run: Executable = { command, args: ['lsp'] };
  const serverOptions: ServerOptions = { run, debug: run };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'python' },
      { scheme: 'untitled', language: 'python' },
    ],
    outputChannel: traceChannel,
    initializationOptions: {
      performanceHints: vscode.workspace.getConfiguration('adder').get<boolean>('performanceHints.enabled', true),
    },
    middleware: {
      provideInlayHints: (document, range, token, next) => {
        if (!vscode.workspace.getConfiguration('adder').get<boolean>('inlayHints.enabled', true)) {
          return [];
        }
        return next(document, range, token);
      },
      executeCommand: (command, args, next) => {
        if (command === 'adder.run') {
          return hooks.runFromServer(typeof args[0] === 'string' ? args[0] : undefined);
        }
        return next(command, args);
      },
    },
  };
  return new LanguageClient('adder', 'Adder Language Server', serverOptions, clientOptions);
}

/** Tells the server the performance-hint setting, in the shape it reads. */
export async function sendSettings(client: LanguageClient): Promise<void> {
  const enabled = vscode.workspace.getConfiguration('adder').get<boolean>('performanceHints.enabled', true);
  await client.sendNotification(DidChangeConfigurationNotification.type, {
    settings: { adder: { performanceHints: enabled } },
  });
}

/** Asks VS Code to fetch the inlay hints again (after a run, or when the setting changes). */
export function refreshInlayHints(client: LanguageClient): void {
  const feature = client.getFeature(InlayHintRequest.method);
  for (const editor of vscode.window.visibleTextEditors) {
    const provider = feature?.getProvider(editor.document);
    provider?.onDidChangeInlayHints.fire();
  }
}
