import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_RESTART_POLICY, RestartPolicy } from '../../client/src/restartPolicy';

const MINUTE = 60_000;

function policy(maxRestarts = 3, windowMs = 3 * MINUTE) {
  let now = 1_000_000;
  const p = new RestartPolicy({ maxRestarts, windowMs, now: () => now });
  return { p, advance: (ms: number) => (now += ms) };
}

test('a crashed server is restarted, and the user is told once', () => {
  const { p, advance } = policy();
  const first = p.closed();
  assert.equal(first.action, 'restart');
  assert.deepEqual(first.notify, {
    severity: 'info',
    message:
      'The OKR language server stopped unexpectedly and was restarted. The "OKR Language Server" output has the details.',
  });
  advance(10_000);
  const second = p.closed();
  assert.equal(second.action, 'restart');
  assert.equal(second.notify, undefined);
  assert.match(second.log, /restarting it \(2 of 3 restarts in 3 minutes\)/);
});

test('more than N crashes within the window: stopped, with one error message; no more pop-ups after it', () => {
  const { p, advance } = policy(3);
  const decisions = [];
  for (let i = 0; i < 6; i++) {
    decisions.push(p.closed());
    advance(1_000);
  }
  assert.deepEqual(
    decisions.map((d) => d.action),
    ['restart', 'restart', 'restart', 'stop', 'stop', 'stop'],
  );
  assert.deepEqual(
    decisions.map((d) => d.notify?.severity),
    ['info', undefined, undefined, 'error', undefined, undefined],
  );
  assert.equal(
    decisions[3].notify?.message,
    'The OKR language server stopped 4 times in 3 minutes, so it was not restarted again. The "OKR Language Server" output has the details; reload the window to start it again.',
  );
  // The language client's own forced errors ("Restarting server failed") no longer pop up.
  assert.equal(p.mayShowError(), false);
});

test('crashes spread out beyond the window are always restarted (told only the first time)', () => {
  const { p, advance } = policy(2, 3 * MINUTE);
  const notified: (string | undefined)[] = [];
  for (let i = 0; i < 10; i++) {
    const d = p.closed();
    assert.equal(d.action, 'restart', `crash ${i}`);
    notified.push(d.notify?.severity);
    advance(2 * MINUTE);
  }
  assert.deepEqual(notified.filter(Boolean), ['info']);
});

test('connection errors never stop the server by themselves', () => {
  const { p } = policy();
  for (let i = 0; i < 100; i++) assert.deepEqual(p.error(), { action: 'continue' });
  assert.equal(p.closed().action, 'restart');
});

test('initialization failure: no retry, one message; any later forced error stays in the output', () => {
  const { p } = policy();
  const d = p.initializationFailed(new Error('boom'));
  assert.deepEqual(d, {
    action: 'stop',
    log: 'The OKR language server could not start: boom',
    notify: { severity: 'error', message: 'The OKR language server could not start: boom' },
  });
  assert.equal(p.initializationFailed('again').notify, undefined);
  assert.equal(p.mayShowError(), false);
  // An error the client forces before any stop (e.g. it could not create the connection) is the one shown.
  const fresh = policy().p;
  assert.equal(fresh.mayShowError(), true);
  assert.equal(fresh.mayShowError(), false);
  assert.equal(fresh.initializationFailed(new Error('x')).notify, undefined);
});

test('the extension uses 4 restarts in 3 minutes, like vscode-languageclient', () => {
  assert.deepEqual(DEFAULT_RESTART_POLICY, { maxRestarts: 4, windowMs: 3 * MINUTE });
});
