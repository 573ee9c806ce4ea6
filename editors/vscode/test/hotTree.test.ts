import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildHotTree, codeAtLine, instructionNode, resumeHits, specializationTotals } from '../src/logic/hotTree';
import { CodeInfo, ProfileReport } from '../src/logic/protocol';
import { formatProfile, formatQuickening } from '../src/logic/reports';
import { code, instr } from './helpers';

const fixtures = path.join(__dirname, '../../test/fixtures');
const quickening = JSON.parse(fs.readFileSync(path.join(fixtures, 'sample.quickening.json'), 'utf8')) as CodeInfo;
const profile = JSON.parse(fs.readFileSync(path.join(fixtures, 'sample.profile.json'), 'utf8')) as ProfileReport;
const source = fs.readFileSync(path.join(__dirname, '../../e2e/workspace/sample.py'), 'utf8');

test('no run, no tree', () => {
  assert.deepEqual(buildHotTree(null, null), []);
});

test('functions that ran, in the profile order, with calls, time and % specialized', () => {
  const tree = buildHotTree(profile, quickening);
  const names = tree.map((f) => f.qualname);
  assert.ok(names.includes('work') && names.includes('attrs') && names.includes('greet'), names.join());
  assert.ok(!names.includes('broken'), 'never called');
  // Same order as the profile (hottest first).
  const order = profile.functions.map((f) => f.qualname).filter((n) => names.includes(n));
  assert.deepEqual(names, order);
  const work = tree.find((f) => f.qualname === 'work')!;
  // work(3000000) in the program, work(10) on the last line.
  assert.equal(work.calls, 2);
  assert.equal(work.line, source.split('\n').findIndex((l) => l.startsWith('def work')));
  assert.match(work.description, /^2 calls · \d+% time · 100% specialized$/);
  assert.ok(work.timePercent > 50, 'the hot loop is where the samples are');
  assert.equal(tree[0].qualname, 'work', 'hottest first');
  assert.ok(work.children.some((i) => i.label.startsWith('BINARY_OP_ADD_INT')), JSON.stringify(work.children));
  assert.ok(work.children.every((i) => i.state !== 'plain'));
  const attrs = tree.find((f) => f.qualname === 'attrs')!;
  assert.ok(attrs.failed > 0);
  const failed = attrs.children.find((i) => i.state === 'failed')!;
  assert.match(failed.description, /__getattribute__/);
  assert.match(failed.tooltip, /failed: .*__getattribute__/);
  assert.equal(source.split('\n')[failed.line].trim(), 'total += s.x');
});

test('without a profile, functions come from the quickening data by their RESUME counts', () => {
  const tree = buildHotTree(null, quickening);
  assert.ok(tree.some((f) => f.qualname === 'work' && f.calls === 2));
  assert.ok(!tree.some((f) => f.qualname === 'broken'));
});

test('instruction nodes: current form, hits and misses, failure', () => {
  const n = instructionNode(
    instr({ line: 3, state: 'specialized', original: 'LOAD_ATTR', current: 'LOAD_ATTR_INSTANCE_VALUE', argrepr: 'x', hits: 12000, misses: 3 }),
  );
  assert.equal(n.label, 'LOAD_ATTR_INSTANCE_VALUE (x)');
  assert.equal(n.description, '12,000 hits · 3 misses');
  assert.equal(n.line, 2);
  const f = instructionNode(instr({ state: 'failed', original: 'CALL', current: 'CALL', failure: 'bound method of a class', attempts: 1 }));
  assert.equal(f.description, 'failed · bound method of a class');
});

test('code at a line: the innermost function', () => {
  const lines = source.split('\n');
  const line = (text: string) => lines.findIndex((l) => l.includes(text)) + 1;
  assert.equal(codeAtLine(quickening, line('t += i * 2')).qualname, 'work');
  assert.equal(codeAtLine(quickening, line('return object.__getattribute__')).qualname, 'Slow.__getattribute__');
  assert.equal(codeAtLine(quickening, line('print("work:"')).qualname, '<module>');
});

test('totals and call counts', () => {
  const m = code('<module>', [instr({ original: 'RESUME', hits: 1 }), instr({ state: 'specialized' })], [
    code('f', [instr({ original: 'RESUME', hits: 5 }), instr({ state: 'failed' }), instr({ state: 'fused' })]),
  ]);
  assert.deepEqual(specializationTotals(m), { specialized: 1, specializable: 2 });
  assert.equal(resumeHits(m.children[0]), 5);
});

test('the quickening and profile reports', () => {
  const work = codeAtLine(quickening, source.split('\n').findIndex((l) => l.includes('t += i * 2')) + 1);
  const q = formatQuickening(work);
  assert.match(q, /^Quickening of work \(sample\.py, line \d+\)\n\d+\/\d+ specializable instructions specialized \(100%\), 0 failed\n/);
  assert.match(q, /BINARY_OP_ADD_INT +✓ +[\d,]+/);
  const p = formatProfile(profile, source.split('\n'));
  assert.match(p, /^Profile of sample\.py: [\d,]+ samples/);
  assert.match(p, /\bwork \(line \d+\)/);
});
