import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { dedent, formatOutcome, formatReload, inlineResult } from '../src/logic/reports';
import { percent, thousands } from '../src/logic/format';

test('dedent removes the common indentation and keeps relative indentation', () => {
  assert.equal(dedent('    for i in x:\n        print(i)\n'), 'for i in x:\n    print(i)\n');
  assert.equal(dedent('  a\n\n  b'), 'a\n\nb');
  assert.equal(dedent('x = 1'), 'x = 1');
  assert.equal(dedent('\tif a:\r\n\t\tb\r\n'), 'if a:\n\tb\n');
});

test('run outcomes read as a closing line', () => {
  assert.equal(formatOutcome({ status: 'ok', elapsed_ms: 12.34 }), '[Adder] finished in 12.3 ms');
  assert.equal(formatOutcome({ status: 'interrupted', elapsed_ms: 2500 }), '[Adder] interrupted after 2.50 s');
  assert.equal(
    formatOutcome({ status: 'exception', elapsed_ms: 1, error: 'ZeroDivisionError: division by zero' }),
    '[Adder] raised after 1.0 ms: ZeroDivisionError: division by zero',
  );
});

test('a re-run says which functions kept their warm code', () => {
  const reload = {
    filename: 'demo.py',
    items: [
      { qualname: 'f', kind: 'function' as const, line: 1, state: 'kept' as const },
      { qualname: 'C', kind: 'class' as const, line: 4, state: 'replaced' as const },
      { qualname: 'g', kind: 'function' as const, line: 7, state: 'replaced' as const },
      { qualname: 'C.m', kind: 'function' as const, line: 5, state: 'kept' as const },
    ],
  };
  assert.equal(
    formatOutcome({ status: 'ok', elapsed_ms: 1, reload }),
    '[Adder] reloaded demo.py: 1 function replaced (g), 2 kept warm (f, C.m)\n[Adder] finished in 1.0 ms',
  );
  assert.equal(formatOutcome({ status: 'ok', elapsed_ms: 1, reload: null }), '[Adder] finished in 1.0 ms');
  assert.equal(formatReload({ filename: 'x.py', items: [] }), 'reloaded x.py: no functions');
});

test('inline results are one short line', () => {
  assert.equal(inlineResult('[1,\n 2]'), '[1, ⏎ 2]');
  assert.equal(inlineResult('x'.repeat(100), 10), 'xxxxxxxxx…');
});

test('numbers', () => {
  assert.equal(thousands(20000), '20,000');
  assert.equal(thousands(999), '999');
  assert.equal(thousands(1234567), '1,234,567');
  assert.equal(percent(0.4), '<1%');
  assert.equal(percent(0), '0%');
  assert.equal(percent(83.4), '83%');
});
