import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { attachedRepl } from '../src/logic/attach';

test('the attached REPL runs adder repl --attach on the server socket, in its workspace', () => {
  const plan = attachedRepl('/usr/bin/adder', { socket: '/run/user/1000/adder/ws-00ff.sock', workspace: '/home/me/ws', pid: 42 });
  assert.deepEqual(plan, {
    ok: true,
    terminal: {
      name: 'Adder REPL (attached)',
      shellPath: '/usr/bin/adder',
      shellArgs: ['repl', '--attach', '/run/user/1000/adder/ws-00ff.sock'],
      cwd: '/home/me/ws',
    },
  });
});

test('the TUI variant adds --tui before --attach', () => {
  const plan = attachedRepl('adder', { socket: '/tmp/adder-0/x.sock', workspace: null, pid: 1 }, true);
  assert.ok(plan.ok);
  assert.deepEqual(plan.ok && plan.terminal.shellArgs, ['repl', '--tui', '--attach', '/tmp/adder-0/x.sock']);
  assert.equal(plan.ok && plan.terminal.cwd, undefined);
});

test('a server without a published session is an error, not a REPL of its own', () => {
  const plan = attachedRepl('adder', { socket: null, workspace: '/ws', pid: 1 });
  assert.equal(plan.ok, false);
  assert.match(!plan.ok ? plan.message : '', /not published/);
  assert.equal(attachedRepl('adder', undefined).ok, false);
});
