// A rule that throws is a bug: tests fail on it (the engine throws without a handler), the server tells
// the user once per rule and logs it, the CLI reports it once per rule and exits 2; the other rules' findings stay.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { diagnosticsOf, parseOkr, RuleError, validateText } from '../../server/src/service';
import { objectiveRules, fileRules } from '../../server/src/service/rules';
import { RuleErrorReporter } from '../../server/src/ruleErrors';
import { runOkr } from '../helpers';

const TEXT = 'objectives:\n  - id: A\n    title: Improve security\n    key_results:\n      - title: Implement SSO\n';

/** Runs `body` with one objective rule and one file rule throwing. */
async function withBrokenRules<T>(body: () => T | Promise<T>): Promise<T> {
  const [objectiveRule, fileRule] = [objectiveRules.find((r) => r.id === 'missing-owner')!, fileRules[0]];
  const [a, b] = [objectiveRule.check, fileRule.check];
  objectiveRule.check = () => {
    throw new TypeError('boom');
  };
  fileRule.check = () => {
    throw new Error('bang');
  };
  try {
    return await body();
  } finally {
    objectiveRule.check = a;
    fileRule.check = b;
  }
}

test('without a handler the engine throws the rule error: a test cannot pass over it', async () => {
  await withBrokenRules(() => {
    assert.throws(
      () => validateText(TEXT.replace('Improve', 'Really improve')),
      (e: unknown) => e instanceof RuleError && e.rule === 'missing-owner' && /boom/.test(e.message),
    );
  });
});

test('with a handler every error is handed over and the other rules still report', async () => {
  await withBrokenRules(() => {
    const errors: RuleError[] = [];
    const file = parseOkr(TEXT.replace('Improve', 'Truly improve'));
    const codes = diagnosticsOf(file, undefined, undefined, (e) => errors.push(e as RuleError)).map((d) => d.code);
    assert.deepEqual(errors.map((e) => e.rule).sort(), [fileRules[0].id, 'missing-owner'].sort());
    assert.ok(codes.includes('vague-objective') && codes.includes('task-key-result'), codes.join());
    assert.ok(!codes.includes('missing-owner'));
  });
});

test('the server tells the user once per rule and logs each new error once', () => {
  const log: string[] = [];
  const told: string[] = [];
  const reporter = new RuleErrorReporter(
    (m) => log.push(m),
    (m) => told.push(m),
  );
  const boom = new Error('boom');
  for (let i = 0; i < 3; i++) reporter.report(new RuleError('missing-owner', boom));
  reporter.report(new RuleError('missing-owner', new Error('other')));
  reporter.report(new RuleError('task-key-result', boom));
  assert.deepEqual(told, [
    'okr-lens: the rule missing-owner failed and was skipped. This is a bug in okr-lens; the "OKR Language Server" output has the details.',
    'okr-lens: the rule task-key-result failed and was skipped. This is a bug in okr-lens; the "OKR Language Server" output has the details.',
  ]);
  assert.equal(log.length, 3);
  assert.match(log[0], /^okr-lens: rule missing-owner failed \(its findings are missing\): Error: boom\n {4}at /);
});

test('okr lint reports a failed rule once, with the files, and exits 2', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'okr-rule-error-'));
  try {
    writeFileSync(path.join(dir, 'a.okr.yaml'), TEXT.replace('Improve', 'Quite improve'));
    writeFileSync(path.join(dir, 'b.okr.yaml'), TEXT.replace('id: A', 'id: B').replace('Improve', 'Much improve'));
    const { code, out, err } = await withBrokenRules(() => runOkr(['lint', '.'], dir));
    assert.equal(code, 2);
    assert.match(out, /task-key-result/);
    const lines = err.trim().split('\n');
    assert.equal(lines.length, 2, err);
    assert.match(
      err,
      /^okr: rule missing-owner failed on 2 files \(a\.okr\.yaml, b\.okr\.yaml\): TypeError: boom\. Its findings are missing; this is a bug in okr-lens, please report it\.$/m,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
