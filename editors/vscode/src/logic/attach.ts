/**
 * "Adder: Open Attached REPL": the integrated terminal that runs `adder repl --attach` on the
 * socket where the extension's language server publishes its session (`adder/sessionInfo`).
 * No `vscode` import: unit-tested with plain data.
 */
import { SessionInfo } from './protocol';

/** What to create: a terminal running the REPL attached to the server's session. */
export interface AttachedTerminal {
  name: string;
  shellPath: string;
  shellArgs: string[];
  /** The workspace the server serves (the REPL's `%run` paths are relative to it). */
  cwd?: string;
}

export type AttachPlan = { ok: true; terminal: AttachedTerminal } | { ok: false; message: string };

/** The terminal for `adder` at `adderPath` attached to the session `info` describes. */
export function attachedRepl(adderPath: string, info: SessionInfo | null | undefined, tui = false): AttachPlan {
  const socket = info?.socket;
  if (!socket) {
    return {
      ok: false,
      message: 'the language server has not published its session (see the "Adder Language Server" output).',
    };
  }
  const shellArgs = ['repl', ...(tui ? ['--tui'] : []), '--attach', socket];
  const terminal: AttachedTerminal = { name: 'Adder REPL (attached)', shellPath: adderPath, shellArgs };
  if (info?.workspace) {
    terminal.cwd = info.workspace;
  }
  return { ok: true, terminal };
}
