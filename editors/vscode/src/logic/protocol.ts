/**
 * The payloads of the server's custom requests (`adder lsp`, lsp/src/server.rs and
 * lsp/src/live_view.rs), as plain types. No `vscode` import: the pure modules and their tests
 * use these.
 */

/** `adder/run {uri}` answers with how the run ended. */
export interface RunOutcome {
  status: 'ok' | 'exception' | 'interrupted' | 'compile_error';
  elapsed_ms: number;
  error?: string | null;
  /** On a re-run of the file: which definitions kept their warm code (edit-and-continue). */
  reload?: ReloadSummary | null;
}

/** What a re-run kept and replaced (engine/src/session/reload.rs). */
export interface ReloadSummary {
  filename: string;
  items: {
    qualname: string;
    kind: 'function' | 'class';
    line: number;
    state: 'kept' | 'replaced' | 'new' | 'removed';
  }[];
}

/** `adder/output` notifications: the running program's output, in order. */
export interface OutputParams {
  stream: 'stdout' | 'stderr';
  text: string;
}

/** `adder/evaluate {code}`: `result` is the repr of an expression ("" for statements). */
export interface EvaluateResult {
  result?: string;
  error?: string;
}

/** Where an instruction stands in its family's life cycle. */
export type InstrState =
  | 'plain'
  | 'warming'
  | 'adaptive'
  | 'specialized'
  | 'failed'
  | 'disabled'
  | 'fused';

/** One instruction's quickening state (engine's `InstrInfo`). */
export interface InstrInfo {
  index: number;
  /** 1-based; 0 when the instruction has no line. */
  line: number;
  /** Source range in UTF-8 bytes of the text that ran. */
  start: number;
  end: number;
  original: string;
  current: string;
  arg: number;
  argrepr: string;
  state: InstrState;
  counter: number;
  hits: number;
  misses: number;
  attempts: number;
  successes: number;
  deopts: number;
  failure?: string | null;
  cache: string;
}

/** A code object's quickening state (`adder/quickening {uri}` answers the module's). */
export interface CodeInfo {
  name: string;
  qualname: string;
  filename: string;
  first_line: number;
  instructions: InstrInfo[];
  specializable: number;
  specialized: number;
  failed: number;
  children: CodeInfo[];
}

/** One function in `adder/profile`. */
export interface ProfileFunction {
  qualname: string;
  filename: string;
  line: number;
  calls: number;
  self_samples: number;
  total_samples: number;
  self_percent: number;
  total_percent: number;
  specialized: number;
  specializable: number;
}

export interface ProfileLine {
  filename: string;
  line: number;
  samples: number;
  percent: number;
}

/** `adder/profile {uri}`: hot functions (hottest first) and lines of the last run. */
export interface ProfileReport {
  path: string;
  total_samples: number;
  functions: ProfileFunction[];
  lines: ProfileLine[];
}

/** Whether the instruction belongs to a specializable family. */
export function isSpecializable(state: InstrState): boolean {
  return state !== 'plain' && state !== 'fused';
}

/** Every code object, depth first (the module first). */
export function allCode(code: CodeInfo): CodeInfo[] {
  const out: CodeInfo[] = [code];
  for (const c of code.children ?? []) {
    out.push(...allCode(c));
  }
  return out;
}

/** `adder/sessionInfo`: where the server publishes its session for `adder repl --attach`. */
export interface SessionInfo {
  /** The Unix socket (null when publishing failed). */
  socket: string | null;
  workspace: string | null;
  pid: number;
}
