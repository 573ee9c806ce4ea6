import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { ByteIndex } from '../src/logic/offsets';

test('ASCII offsets map to line and column', () => {
  const ix = new ByteIndex('ab\ncde\n\nf');
  assert.deepEqual(ix.position(0), { line: 0, character: 0 });
  assert.deepEqual(ix.position(2), { line: 0, character: 2 });
  assert.deepEqual(ix.position(3), { line: 1, character: 0 });
  assert.deepEqual(ix.position(5), { line: 1, character: 2 });
  assert.deepEqual(ix.position(7), { line: 2, character: 0 });
  assert.deepEqual(ix.position(8), { line: 3, character: 0 });
  assert.deepEqual(ix.position(9), { line: 3, character: 1 });
});

test('UTF-8 bytes become UTF-16 columns', () => {
  // é is 2 bytes / 1 unit; 😀 is 4 bytes / 2 units.
  const text = 'é = "😀"; x = 1\n';
  const ix = new ByteIndex(text);
  const xByte = Buffer.byteLength('é = "😀"; ', 'utf8');
  assert.deepEqual(ix.position(xByte), { line: 0, character: 'é = "😀"; '.length });
});

test('offsets past the end are clamped to the last line', () => {
  const ix = new ByteIndex('a\nbc');
  assert.deepEqual(ix.position(100), { line: 1, character: 2 });
});
