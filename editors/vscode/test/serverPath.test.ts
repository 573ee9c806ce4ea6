import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { expandSetting, resolveServerPath, ResolveInput } from '../src/logic/serverPath';

function input(over: Partial<ResolveInput>, executables: string[] = []): ResolveInput {
  return {
    setting: '',
    envPath: '/usr/local/bin:/usr/bin',
    workspaceFolders: ['/ws'],
    home: '/home/me',
    platform: 'linux',
    isExecutable: (p) => executables.includes(p),
    ...over,
  };
}

test('the setting wins when it names an executable', () => {
  const r = resolveServerPath(input({ setting: '/opt/adder/bin/adder' }, ['/opt/adder/bin/adder', '/usr/bin/adder']));
  assert.deepEqual(r, { ok: true, path: '/opt/adder/bin/adder', source: 'setting' });
});

test('a setting that is not executable is an error, not a silent fallback', () => {
  const r = resolveServerPath(input({ setting: '/nope/adder' }, ['/usr/bin/adder']));
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.message : '', /\/nope\/adder is not an executable/);
});

test('~ and relative settings are expanded', () => {
  assert.equal(expandSetting('~/bin/adder', input({})), '/home/me/bin/adder');
  assert.equal(expandSetting('target/debug/adder', input({})), '/ws/target/debug/adder');
  const r = resolveServerPath(input({ setting: '~/bin/adder' }, ['/home/me/bin/adder']));
  assert.deepEqual(r, { ok: true, path: '/home/me/bin/adder', source: 'setting' });
});

test('a bare name in the setting is looked up on PATH', () => {
  const r = resolveServerPath(input({ setting: 'adder-dev' }, ['/usr/bin/adder-dev']));
  assert.deepEqual(r, { ok: true, path: '/usr/bin/adder-dev', source: 'setting' });
});

test('without a setting: adder on PATH, first directory first', () => {
  const r = resolveServerPath(input({}, ['/usr/bin/adder', '/usr/local/bin/adder', '/ws/target/release/adder']));
  assert.deepEqual(r, { ok: true, path: '/usr/local/bin/adder', source: 'PATH' });
});

test('then the workspace build', () => {
  const r = resolveServerPath(input({ workspaceFolders: ['/a', '/ws'] }, ['/ws/target/release/adder']));
  assert.deepEqual(r, { ok: true, path: '/ws/target/release/adder', source: 'workspace' });
});

test('nothing found says how to fix it', () => {
  const r = resolveServerPath(input({}));
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.message : '', /adder\.path/);
});

test('windows: adder.exe and ; separated PATH', () => {
  const r = resolveServerPath(
    input({ platform: 'win32', envPath: 'C:\\tools;C:\\bin', workspaceFolders: ['C:\\ws'] }, ['C:\\bin\\adder.exe']),
  );
  assert.deepEqual(r, { ok: true, path: 'C:\\bin\\adder.exe', source: 'PATH' });
  const w = resolveServerPath(input({ platform: 'win32', envPath: '', workspaceFolders: ['C:\\ws'] }, ['C:\\ws\\target\\release\\adder.exe']));
  assert.deepEqual(w, { ok: true, path: 'C:\\ws\\target\\release\\adder.exe', source: 'workspace' });
});
