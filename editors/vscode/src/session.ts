/**
 * The live VM as the extension sees it: runs, evaluations and interrupts sent to the server,
 * the VM state (idle / running / interrupted), and what each file's last run left (its
 * quickening state and profile, and the text that ran, whose byte offsets they use).
 * Views subscribe to `onDidChange`.
 */
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { CodeInfo, EvaluateResult, OutputParams, ProfileReport, RunOutcome } from './logic/protocol';
import { specializationTotals } from './logic/hotTree';
import { formatOutcome } from './logic/reports';

export type VmState = 'starting' | 'idle' | 'running' | 'interrupted' | 'stopped';

/** What the last run of one file left. */
export interface RunData {
  uri: string;
  /** The document text and version that ran: instruction byte ranges refer to the text. */
  text: string;
  version: number;
  outcome: RunOutcome;
  quickening: CodeInfo | null;
  profile: ProfileReport | null;
}

export class Session implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  state: VmState = 'starting';
  /** The file that ran most recently (the tree shows it when no run file is active). */
  lastUri: string | undefined;
  readonly runs = new Map<string, RunData>();
  private runningCount = 0;
  private runsStarted = 0;

  constructor(readonly output: vscode.OutputChannel) {}

  attach(client: LanguageClient | undefined): void {
    this.client = client;
    this.runningCount = 0;
    this.setState(client ? 'idle' : 'stopped');
    client?.onNotification('adder/output', (p: OutputParams) => this.output.append(p.text));
  }

  get ready(): LanguageClient | undefined {
    return this.client?.isRunning() ? this.client : undefined;
  }

  private setState(s: VmState): void {
    this.state = s;
    void vscode.commands.executeCommand('setContext', 'adder.running', s === 'running');
    this.changed.fire();
  }

  private need(): LanguageClient {
    const c = this.ready;
    if (!c) {
      throw new Error('The Adder language server is not running (see the "Adder Language Server" output).');
    }
    return c;
  }

  /** Runs the document's current text in the live VM; output streams into the channel. */
  async run(document: vscode.TextDocument): Promise<RunData> {
    const client = this.need();
    const uri = document.uri.toString();
    const text = document.getText();
    const version = document.version;
    this.output.show(true);
    if (this.runsStarted++ > 0) {
      this.output.appendLine('');
    }
    this.output.appendLine(`▶ ${vscode.workspace.asRelativePath(document.uri)} (Adder live VM)`);
    this.runningCount++;
    this.setState('running');
    let outcome: RunOutcome;
    try {
      outcome = await client.sendRequest<RunOutcome>('adder/run', { uri });
    } catch (e) {
      // The request failed (server stopped, bad document): the VM is not running it.
      this.runningCount--;
      if (this.runningCount === 0) {
        this.setState(this.client?.isRunning() ? 'idle' : 'stopped');
      }
      throw e;
    }
    this.runningCount--;
    // Output notifications are sent before the answer; a line break keeps the summary apart.
    this.output.appendLine('');
    this.output.appendLine(formatOutcome(outcome));
    const [quickening, profile] = await Promise.all([
      client.sendRequest<CodeInfo | null>('adder/quickening', { uri }).catch(() => null),
      client.sendRequest<ProfileReport | null>('adder/profile', { uri }).catch(() => null),
    ]);
    const data: RunData = { uri, text, version, outcome, quickening, profile };
    this.runs.set(uri, data);
    this.lastUri = uri;
    if (this.runningCount === 0) {
      this.setState(outcome.status === 'interrupted' ? 'interrupted' : 'idle');
    } else {
      this.changed.fire();
    }
    return data;
  }

  /** Evaluates code in the same VM (`__main__` of the last run). */
  async evaluate(code: string): Promise<EvaluateResult> {
    const client = this.need();
    return client.sendRequest<EvaluateResult>('adder/evaluate', { code });
  }

  async interrupt(): Promise<boolean> {
    const client = this.need();
    const r = await client.sendRequest<{ interrupted: boolean }>('adder/interrupt', {});
    return r.interrupted;
  }

  /** Fetches the quickening state of one function of the file's last run. */
  async quickening(uri: string, fn?: string): Promise<CodeInfo | null> {
    const client = this.need();
    return client.sendRequest<CodeInfo | null>('adder/quickening', fn ? { uri, function: fn } : { uri });
  }

  /** Specialized / specializable over every file run in this session. */
  rate(): { specialized: number; specializable: number } {
    let specialized = 0;
    let specializable = 0;
    for (const r of this.runs.values()) {
      if (r.quickening) {
        const t = specializationTotals(r.quickening);
        specialized += t.specialized;
        specializable += t.specializable;
      }
    }
    return { specialized, specializable };
  }

  /** Redraws every view from the data held. */
  refreshViews(): void {
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
