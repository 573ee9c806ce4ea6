/**
 * Text renderings shown in documents and the output channel: one function's quickening state
 * (*Adder: Show Quickening*), the profile of a run (*Adder: Profile File*), run outcomes; and
 * the code a *Run Selection* sends. Pure.
 */
import { CodeInfo, ProfileReport, ReloadSummary, RunOutcome } from './protocol';
import { percent, thousands } from './format';

const MARK: Record<string, string> = {
  specialized: '✓',
  failed: '✗',
  warming: '…',
  adaptive: '…',
  fused: '+',
};

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function padLeft(s: string, n: number): string {
  return s.length >= n ? s : ' '.repeat(n - s.length) + s;
}

/** A code object's instructions in their current form, `dis --adaptive` style. */
export function formatQuickening(code: CodeInfo): string {
  const rate = code.specializable > 0 ? percent((100 * code.specialized) / code.specializable) : 'n/a';
  const out = [
    `Quickening of ${code.qualname} (${code.filename}, line ${code.first_line})`,
    `${code.specialized}/${code.specializable} specializable instructions specialized (${rate}), ${code.failed} failed`,
    '',
    `${padLeft('line', 5)}  ${pad('instruction', 30)} ${pad('', 1)} ${padLeft('hits', 10)} ${padLeft('misses', 8)}  argument / failure`,
  ];
  let lastLine = -1;
  for (const i of code.instructions) {
    const line = i.line !== lastLine && i.line > 0 ? String(i.line) : '';
    lastLine = i.line;
    const counted = i.state !== 'plain' || i.hits > 0;
    let tail = i.argrepr;
    if (i.failure) {
      tail = tail ? `${tail} — ${i.failure}` : i.failure;
    }
    out.push(
      `${padLeft(line, 5)}  ${pad(i.current, 30)} ${MARK[i.state] ?? ' '} ${padLeft(counted ? thousands(i.hits) : '', 10)} ${padLeft(
        i.misses > 0 ? thousands(i.misses) : '',
        8,
      )}  ${tail}`.trimEnd(),
    );
  }
  out.push('', '✓ specialized  ✗ failed to specialize  … adaptive (warming up / backing off)  + superinstruction');
  return out.join('\n') + '\n';
}

/** The profile of a run: hot functions, then hot lines with their text. */
export function formatProfile(report: ProfileReport, sourceLines: string[], displayPath = report.path): string {
  const out = [`Profile of ${displayPath}: ${thousands(report.total_samples)} samples`, ''];
  out.push(`${padLeft('self', 6)} ${padLeft('total', 6)} ${padLeft('calls', 12)} ${padLeft('spec.', 6)}  function`);
  for (const f of report.functions) {
    if (f.calls === 0 && f.total_samples === 0) {
      continue;
    }
    const spec = f.specializable > 0 ? percent((100 * f.specialized) / f.specializable) : '-';
    out.push(
      `${padLeft(percent(f.self_percent), 6)} ${padLeft(percent(f.total_percent), 6)} ${padLeft(thousands(f.calls), 12)} ${padLeft(
        spec,
        6,
      )}  ${f.qualname} (line ${f.line})`,
    );
  }
  const lines = report.lines.slice(0, 10);
  if (lines.length > 0) {
    out.push('', 'Hot lines:');
    for (const l of lines) {
      const text = l.filename === report.path ? (sourceLines[l.line - 1] ?? '').trim() : `${l.filename}:${l.line}`;
      out.push(`${padLeft(percent(l.percent), 6)}  ${padLeft(String(l.line), 5)}  ${text}`);
    }
  }
  return out.join('\n') + '\n';
}

/**
 * What a re-run kept warm, as the REPL's `%run` says it (repl/src/report/reload.rs):
 * `reloaded demo.py: 1 function replaced (g), 3 kept warm (f, C.m, h)`.
 */
export function formatReload(r: ReloadSummary): string {
  const shown = 6;
  const parts: string[] = [];
  for (const [state, verb] of [
    ['replaced', 'replaced'],
    ['kept', 'kept warm'],
    ['new', 'new'],
    ['removed', 'removed'],
  ] as const) {
    const names = r.items.filter((i) => i.kind === 'function' && i.state === state).map((i) => i.qualname);
    if (names.length === 0) continue;
    const noun = parts.length === 0 ? (names.length === 1 ? ' function' : ' functions') : '';
    let list = names.slice(0, shown).join(', ');
    if (names.length > shown) list += `, … ${names.length - shown} more`;
    parts.push(`${names.length}${noun} ${verb} (${list})`);
  }
  return `reloaded ${r.filename}: ${parts.length ? parts.join(', ') : 'no functions'}`;
}

/** The closing line of a run in the output channel (and, on a re-run, what it kept warm). */
export function formatOutcome(o: RunOutcome): string {
  const closing = closingLine(o);
  return o.reload ? `[Adder] ${formatReload(o.reload)}\n${closing}` : closing;
}

function closingLine(o: RunOutcome): string {
  const ms = o.elapsed_ms >= 1000 ? `${(o.elapsed_ms / 1000).toFixed(2)} s` : `${o.elapsed_ms.toFixed(1)} ms`;
  switch (o.status) {
    case 'ok':
      return `[Adder] finished in ${ms}`;
    case 'interrupted':
      return `[Adder] interrupted after ${ms}`;
    case 'compile_error':
      return `[Adder] did not compile: ${o.error ?? ''}`.trimEnd();
    default:
      return `[Adder] raised after ${ms}: ${o.error ?? ''}`.trimEnd();
  }
}

/** Removes the indentation common to every non-blank line, so an indented block evaluates. */
export function dedent(text: string): string {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  let common: string | undefined;
  for (const l of lines) {
    if (l.trim() === '') {
      continue;
    }
    const indent = /^[ \t]*/.exec(l)?.[0] ?? '';
    if (common === undefined || !indent.startsWith(common)) {
      common = common === undefined ? indent : commonPrefix(common, indent);
    }
  }
  const n = common?.length ?? 0;
  return lines.map((l) => (l.trim() === '' ? '' : l.slice(n))).join('\n');
}

function commonPrefix(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) {
    i++;
  }
  return a.slice(0, i);
}

/** One line for the inline result of an evaluation (long results are cut). */
export function inlineResult(text: string, max = 80): string {
  const one = text.replace(/\s*\n\s*/g, ' ⏎ ').trim();
  return one.length > max ? one.slice(0, max - 1) + '…' : one;
}
