/**
 * The heat map's model: per source line, how often it ran and how its specializable
 * instructions fared, classified into a colour (green: all specialized, amber: partly, red: an
 * instruction failed to specialize) and an intensity level by execution count (log scale
 * against the file's hottest line). Pure: the decorations are drawn in `heatMap.ts`.
 */
import { allCode, CodeInfo, InstrInfo, isSpecializable } from './protocol';
import { percent, thousands } from './format';

export type HeatKind = 'specialized' | 'partial' | 'failed';

/** Intensity levels: 1 (ran little) .. LEVELS (the file's hottest lines). */
export const LEVELS = 4;

export interface LineHeat {
  /** 0-based line. */
  line: number;
  kind: HeatKind;
  level: number;
  /** The most executions of any instruction on the line. */
  count: number;
  /** The count is a lower bound (what runs while an instruction backs off is not counted). */
  approximate: boolean;
  specializable: number;
  specialized: number;
  failed: number;
  /** Why instructions on the line did not specialize: `LOAD_ATTR (x): reason`. */
  reasons: string[];
}

/** An instruction that failed to specialize: its byte range in the text that ran. */
export interface FailedSpan {
  start: number;
  end: number;
  line: number;
  message: string;
}

export interface HeatMap {
  lines: LineHeat[];
  failed: FailedSpan[];
  maxCount: number;
}

/**
 * How often an instruction ran as far as its cache counted: `RESUME` and plain instructions
 * count in `hits`; a specializable one ran once to warm up, once per attempt, then as hits and
 * misses of its specialized form. (The same rule as the server's inlay hints.)
 */
export function executions(i: InstrInfo): { n: number; approximate: boolean } {
  if (!isSpecializable(i.state)) {
    return { n: i.hits, approximate: false };
  }
  const started = i.attempts > 0 ? 1 : 0;
  const n = i.hits + i.misses + i.attempts + started;
  const approximate = i.deopts > 0 || i.state === 'failed' || i.state === 'adaptive';
  return { n, approximate };
}

/** Level 1..LEVELS of `count` against the file's `max` (log scale), 0 when it never ran. */
export function heatLevel(count: number, max: number): number {
  if (count <= 0 || max <= 0) {
    return 0;
  }
  if (max <= 1) {
    return 1;
  }
  const fraction = Math.log(count + 1) / Math.log(max + 1);
  return Math.min(LEVELS, Math.max(1, Math.ceil(fraction * LEVELS)));
}

/**
 * The line's colour: red when any instruction failed, green when every specializable one
 * specialized, amber when some did (or one deoptimized and is backing off); `undefined` for
 * lines with nothing to say (no specializable instruction, or all still warming up).
 */
export function classify(specializable: number, specialized: number, failed: number, adaptive: number): HeatKind | undefined {
  if (specializable === 0) {
    return undefined;
  }
  if (failed > 0) {
    return 'failed';
  }
  if (specialized === specializable) {
    return 'specialized';
  }
  if (specialized > 0 || adaptive > 0) {
    return 'partial';
  }
  return undefined;
}

const RGB: Record<HeatKind, [number, number, number]> = {
  specialized: [46, 160, 67],
  partial: [212, 160, 23],
  failed: [218, 54, 51],
};

/** Background colour of a line: the kind's hue, more opaque the hotter the line. */
export function heatColor(kind: HeatKind, level: number): string {
  const [r, g, b] = RGB[kind];
  const alpha = [0, 0.1, 0.18, 0.27, 0.36][Math.min(LEVELS, Math.max(0, level))];
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/** The solid colour of a kind (overview ruler, underline of failed instructions). */
export function solidColor(kind: HeatKind): string {
  const [r, g, b] = RGB[kind];
  return `rgb(${r}, ${g}, ${b})`;
}

function describe(i: InstrInfo): string {
  return i.argrepr ? `${i.original} (${i.argrepr})` : i.original;
}

/** Builds the heat map of a run from its quickening state. */
export function buildHeatMap(module: CodeInfo): HeatMap {
  interface Acc {
    count: number;
    approximate: boolean;
    specializable: number;
    specialized: number;
    failed: number;
    adaptive: number;
    reasons: string[];
  }
  const acc = new Map<number, Acc>();
  const failed: FailedSpan[] = [];
  for (const code of allCode(module)) {
    for (const i of code.instructions) {
      if (i.line <= 0) {
        continue;
      }
      let a = acc.get(i.line);
      if (!a) {
        a = { count: 0, approximate: false, specializable: 0, specialized: 0, failed: 0, adaptive: 0, reasons: [] };
        acc.set(i.line, a);
      }
      const { n, approximate } = executions(i);
      if (n > a.count || (n === a.count && !approximate)) {
        a.count = n;
        a.approximate = approximate;
      }
      if (isSpecializable(i.state)) {
        a.specializable++;
      }
      if (i.state === 'specialized') {
        a.specialized++;
      } else if (i.state === 'adaptive') {
        a.adaptive++;
      } else if (i.state === 'failed') {
        a.failed++;
        const reason = i.failure ?? 'no specialized form applies';
        a.reasons.push(`${describe(i)}: ${reason}`);
        failed.push({
          start: i.start,
          end: Math.max(i.start, i.end),
          line: i.line - 1,
          message: `${describe(i)} in ${code.qualname} could not be specialized: ${reason}. It runs the generic path on every execution.`,
        });
      }
    }
  }
  let maxCount = 0;
  for (const a of acc.values()) {
    maxCount = Math.max(maxCount, a.count);
  }
  const lines: LineHeat[] = [];
  for (const [line, a] of [...acc.entries()].sort((x, y) => x[0] - y[0])) {
    const kind = classify(a.specializable, a.specialized, a.failed, a.adaptive);
    if (!kind) {
      continue;
    }
    lines.push({
      line: line - 1,
      kind,
      level: Math.max(1, heatLevel(a.count, maxCount)),
      count: a.count,
      approximate: a.approximate,
      specializable: a.specializable,
      specialized: a.specialized,
      failed: a.failed,
      reasons: a.reasons,
    });
  }
  return { lines, failed, maxCount };
}

/** Escapes text for Markdown (`__getattribute__` must not turn bold). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|~]/g, (c) => '\\' + c);
}

/** The hover of a coloured line, in Markdown. */
export function lineHoverMarkdown(h: LineHeat): string {
  const title: Record<HeatKind, string> = {
    specialized: 'specialized',
    partial: 'partly specialized',
    failed: 'failed to specialize',
  };
  const count = `${h.approximate ? '≥' : '×'}${thousands(h.count)}`;
  let md = `**Adder heat map** — ${title[h.kind]}\n\n${count} executions · ${h.specialized}/${h.specializable} specialized (${percent(
    (100 * h.specialized) / h.specializable,
  )})`;
  if (h.reasons.length > 0) {
    md += '\n\n' + h.reasons.map((r) => `- ${escapeMarkdown(r)}`).join('\n');
  } else if (h.kind === 'partial') {
    md += '\n\nSome instructions are still adaptive (warming up or backing off after a deoptimization).';
  }
  return md;
}
