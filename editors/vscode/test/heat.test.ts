import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildHeatMap, classify, escapeMarkdown, executions, heatColor, heatLevel, LEVELS, lineHoverMarkdown } from '../src/logic/heat';
import { CodeInfo } from '../src/logic/protocol';
import { code, instr } from './helpers';

test('colour classes: red on any failure, green when all specialized, amber in between', () => {
  assert.equal(classify(0, 0, 0, 0), undefined);
  assert.equal(classify(3, 3, 0, 0), 'specialized');
  assert.equal(classify(3, 2, 0, 0), 'partial');
  assert.equal(classify(3, 0, 0, 1), 'partial');
  assert.equal(classify(3, 0, 0, 0), undefined, 'all still warming up: nothing to say');
  assert.equal(classify(3, 2, 1, 0), 'failed');
});

test('markdown escaping', () => {
  assert.equal(escapeMarkdown('a_b*c'), 'a\\_b\\*c');
  assert.equal(escapeMarkdown('plain text'), 'plain text');
});

test('levels grow with the execution count on a log scale', () => {
  assert.equal(heatLevel(0, 1000), 0);
  assert.equal(heatLevel(1, 1), 1);
  assert.equal(heatLevel(1000, 1000), LEVELS);
  assert.ok(heatLevel(10, 1000) < heatLevel(500, 1000));
  for (let n = 1; n <= 1000; n *= 3) {
    const l = heatLevel(n, 1000);
    assert.ok(l >= 1 && l <= LEVELS);
  }
});

test('colours: hue by class, opacity by level', () => {
  assert.equal(heatColor('specialized', 4), 'rgba(46, 160, 67, 0.36)');
  assert.equal(heatColor('failed', 1), 'rgba(218, 54, 51, 0.1)');
  assert.match(heatColor('partial', 2), /^rgba\(212, 160, 23, /);
});

test('executions count warm-up, attempts, hits and misses; RESUME counts calls in hits', () => {
  assert.deepEqual(executions(instr({ original: 'RESUME', hits: 7 })), { n: 7, approximate: false });
  const s = instr({ state: 'specialized', hits: 100, misses: 2, attempts: 1 });
  assert.deepEqual(executions(s), { n: 104, approximate: false });
  assert.equal(executions(instr({ state: 'failed', attempts: 1 })).approximate, true);
});

test('a heat map from a synthetic run: lines classified, failures placed and explained', () => {
  const module = code('<module>', [instr({ line: 1, original: 'RESUME', hits: 1 })], [
    code('f', [
      instr({ line: 2, original: 'RESUME', hits: 1000 }),
      instr({ line: 3, state: 'specialized', original: 'BINARY_OP', current: 'BINARY_OP_ADD_INT', hits: 998, attempts: 1 }),
      instr({ line: 3, state: 'specialized', original: 'LOAD_GLOBAL', current: 'LOAD_GLOBAL_MODULE', hits: 998, attempts: 1 }),
      instr({ line: 4, state: 'specialized', original: 'BINARY_OP', current: 'BINARY_OP_ADD_INT', hits: 50, attempts: 1 }),
      instr({ line: 4, state: 'warming', original: 'COMPARE_OP' }),
      instr({
        line: 5,
        start: 40,
        end: 43,
        state: 'failed',
        original: 'LOAD_ATTR',
        argrepr: 'x',
        attempts: 2,
        failure: 'overridden __getattribute__',
      }),
    ]),
  ]);
  const map = buildHeatMap(module);
  const byLine = new Map(map.lines.map((l) => [l.line, l]));
  assert.equal(byLine.get(0), undefined, 'module line without specializable instructions');
  assert.equal(byLine.get(2)?.kind, 'specialized');
  assert.equal(byLine.get(2)?.level, LEVELS, 'the hottest line');
  assert.equal(byLine.get(3)?.kind, 'partial');
  assert.equal(byLine.get(4)?.kind, 'failed');
  assert.deepEqual(map.failed, [
    {
      start: 40,
      end: 43,
      line: 4,
      message: 'LOAD_ATTR (x) in f could not be specialized: overridden __getattribute__. It runs the generic path on every execution.',
    },
  ]);
  const md = lineHoverMarkdown(byLine.get(4)!);
  assert.match(md, /failed to specialize/);
  assert.ok(md.includes('LOAD\\_ATTR \\(x\\): overridden \\_\\_getattribute\\_\\_'), md);
  assert.match(lineHoverMarkdown(byLine.get(2)!), /×1,000 executions · 2\/2 specialized \(100%\)/);
});

test('the heat map of a real run of the e2e sample', () => {
  const q = JSON.parse(fs.readFileSync(path.join(__dirname, '../../test/fixtures/sample.quickening.json'), 'utf8')) as CodeInfo;
  const src = fs.readFileSync(path.join(__dirname, '../../e2e/workspace/sample.py'), 'utf8').split('\n');
  const map = buildHeatMap(q);
  const at = (text: string) => map.lines.find((l) => src[l.line].includes(text));
  assert.equal(at('t += i * 2')?.kind, 'specialized');
  assert.equal(at('t += i * 2')?.level, LEVELS);
  assert.equal(at('total += s.x')?.kind, 'failed');
  assert.ok(map.failed.some((f) => /__getattribute__/.test(f.message)), JSON.stringify(map.failed));
});
