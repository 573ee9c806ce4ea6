/**
 * The "Adder" side-bar tree as data: hot functions of the last run (calls, time share,
 * % specialized) with their specializable instructions (current form, hits/misses, failure
 * reason). Built from the `adder/profile` and `adder/quickening` answers; pure.
 */
import { allCode, CodeInfo, InstrInfo, InstrState, isSpecializable, ProfileReport } from './protocol';
import { percent, thousands } from './format';

export interface InstrNode {
  kind: 'instruction';
  label: string;
  description: string;
  tooltip: string;
  state: InstrState;
  /** 0-based line; byte range in the text that ran. */
  line: number;
  start: number;
  end: number;
}

export interface FunctionNode {
  kind: 'function';
  qualname: string;
  label: string;
  description: string;
  tooltip: string;
  /** 0-based line of the definition. */
  line: number;
  calls: number;
  timePercent: number;
  /** `undefined` when the function has no specializable instruction. */
  specializedPercent: number | undefined;
  failed: number;
  children: InstrNode[];
}

export type TreeNode = FunctionNode | InstrNode;

const STATE_WORD: Record<InstrState, string> = {
  plain: '',
  warming: 'warming up',
  adaptive: 'adaptive',
  specialized: 'specialized',
  failed: 'failed',
  disabled: 'disabled',
  fused: 'fused',
};

export function instructionNode(i: InstrInfo): InstrNode {
  const parts: string[] = [];
  if (i.hits > 0 || i.misses > 0 || i.state === 'specialized') {
    parts.push(`${thousands(i.hits)} hits`);
    if (i.misses > 0) {
      parts.push(`${thousands(i.misses)} misses`);
    }
  }
  if (i.deopts > 0) {
    parts.push(`${i.deopts} deopt${i.deopts === 1 ? '' : 's'}`);
  }
  if (i.state !== 'specialized' && STATE_WORD[i.state]) {
    parts.push(STATE_WORD[i.state]);
  }
  if (i.failure) {
    parts.push(i.failure);
  }
  const tooltip = [
    `${i.current}${i.current !== i.original ? ` (from ${i.original})` : ''}${i.argrepr ? ` — ${i.argrepr}` : ''}`,
    `line ${i.line} · ${STATE_WORD[i.state] || 'plain'}`,
    `hits ${thousands(i.hits)} · misses ${thousands(i.misses)} · attempts ${i.attempts} · deopts ${i.deopts}`,
    ...(i.failure ? [`failed: ${i.failure}`] : []),
    ...(i.cache ? [`cache: ${i.cache}`] : []),
  ].join('\n');
  return {
    kind: 'instruction',
    label: i.argrepr ? `${i.current} (${i.argrepr})` : i.current,
    description: parts.join(' · '),
    tooltip,
    state: i.state,
    line: Math.max(0, i.line - 1),
    start: i.start,
    end: i.end,
  };
}

/**
 * Functions that ran (calls or samples), hottest first as the profile orders them, each with
 * its instructions that take part in quickening (specializable families and
 * superinstructions), in program order.
 */
export function buildHotTree(profile: ProfileReport | null, module: CodeInfo | null): FunctionNode[] {
  if (!module) {
    return [];
  }
  const codes = allCode(module);
  const byName = new Map<string, CodeInfo>();
  for (const c of codes) {
    if (!byName.has(c.qualname)) {
      byName.set(c.qualname, c);
    }
  }
  const order: { qualname: string; calls: number; time: number }[] = profile
    ? profile.functions.map((f) => ({ qualname: f.qualname, calls: f.calls, time: f.total_percent }))
    : codes.map((c) => ({ qualname: c.qualname, calls: resumeHits(c), time: 0 }));
  const out: FunctionNode[] = [];
  for (const f of order) {
    const code = byName.get(f.qualname);
    if (!code || (f.calls === 0 && f.time === 0)) {
      continue;
    }
    const spec = code.specializable > 0 ? (100 * code.specialized) / code.specializable : undefined;
    const desc = [`${thousands(f.calls)} call${f.calls === 1 ? '' : 's'}`, `${percent(f.time)} time`];
    if (spec !== undefined) {
      desc.push(`${percent(spec)} specialized`);
    }
    if (code.failed > 0) {
      desc.push(`${code.failed} failed`);
    }
    out.push({
      kind: 'function',
      qualname: code.qualname,
      label: code.qualname,
      description: desc.join(' · '),
      tooltip: `${code.qualname} (line ${code.first_line})\n${thousands(f.calls)} calls, ${percent(f.time)} of the samples\n${code.specialized}/${code.specializable} specializable instructions specialized, ${code.failed} failed`,
      line: Math.max(0, code.first_line - 1),
      calls: f.calls,
      timePercent: f.time,
      specializedPercent: spec,
      failed: code.failed,
      children: code.instructions.filter((i) => i.state !== 'plain').map(instructionNode),
    });
  }
  return out;
}

/** Calls of a code object: its `RESUME` counts entries in `hits`. */
export function resumeHits(code: CodeInfo): number {
  const r = code.instructions.find((i) => i.original === 'RESUME' && i.arg === 0);
  return r ? r.hits : 0;
}

/** Specialized and specializable instructions over every code object of a run. */
export function specializationTotals(module: CodeInfo): { specialized: number; specializable: number } {
  let specialized = 0;
  let specializable = 0;
  for (const c of allCode(module)) {
    for (const i of c.instructions) {
      if (isSpecializable(i.state)) {
        specializable++;
        if (i.state === 'specialized') {
          specialized++;
        }
      }
    }
  }
  return { specialized, specializable };
}

/** The innermost code object (function, class body) whose lines hold `line` (1-based). */
export function codeAtLine(module: CodeInfo, line: number): CodeInfo {
  let best = module;
  const visit = (c: CodeInfo, depth: number, bestDepth: { d: number }): void => {
    const lines = c.instructions.map((i) => i.line).filter((l) => l > 0);
    const last = lines.length > 0 ? Math.max(...lines) : c.first_line;
    if (depth > 0 && c.first_line <= line && line <= last && depth >= bestDepth.d) {
      best = c;
      bestDepth.d = depth;
    }
    for (const child of c.children ?? []) {
      visit(child, depth + 1, bestDepth);
    }
  };
  visit(module, 0, { d: 0 });
  return best;
}
