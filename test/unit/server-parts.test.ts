import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ValidationScheduler } from '../../server/src/scheduler';
import { runSafe } from '../../server/src/runSafe';

const nextTurn = () => new Promise((r) => setImmediate(r));

test('the scheduler coalesces changes made in one turn and runs on the next, without a delay', async () => {
  const runs: string[] = [];
  const s = new ValidationScheduler((uri) => void runs.push(uri));
  s.schedule('a');
  s.schedule('a');
  s.schedule('b');
  assert.deepEqual(runs, []);
  await nextTurn();
  assert.deepEqual(runs, ['a', 'b']);
});

test('a run that finishes after a newer change sees itself as stale', async () => {
  const seen: boolean[] = [];
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const s = new ValidationScheduler(async (_uri, isCurrent) => {
    await gate;
    seen.push(isCurrent());
  });
  s.schedule('a');
  await nextTurn();
  s.schedule('a'); // a newer version arrives while the first run waits
  release();
  await nextTurn();
  await nextTurn();
  assert.deepEqual(seen, [false, true]);
});

test('cancel drops a pending run', async () => {
  const runs: string[] = [];
  const s = new ValidationScheduler((uri) => void runs.push(uri));
  s.schedule('a');
  s.cancel('a');
  await nextTurn();
  assert.deepEqual(runs, []);
});

test('runSafe logs a throwing handler and answers empty', () => {
  const logs: string[] = [];
  const result = runSafe(
    (m) => logs.push(m),
    'hover',
    null,
    () => {
      throw new Error('boom');
    },
  );
  assert.equal(result, null);
  assert.equal(logs.length, 1);
  assert.match(logs[0], /okr-lens: hover failed: Error: boom/);
});
