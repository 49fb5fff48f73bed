import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseSettings, validateText as validateAll } from '../../server/src/service';
import type { ValidateOptions } from '../../server/src/service/validate';

const validateText = (text: string, options?: ValidateOptions) =>
  validateAll(text, options).filter((d) => d.code === 'duplicate-id');
import { allCodes } from '../../server/src/service/rules';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { brief, yaml } from '../helpers';

test('duplicate-id flags each repeat of an objective or key-result id, not the first', () => {
  const text = yaml`
    objectives:
      - id: SEC-1
        title: a
        key_results:
          - id: SEC-1.1
            title: x
          - id: SEC-1.1
            title: y
      - id: SEC-1
        title: b
  `;
  assert.deepEqual(validateText(text).map(brief), [
    'duplicate-id 6:12-6:19 Duplicate id `SEC-1.1`: it is already defined on line 5.',
    'duplicate-id 8:8-8:13 Duplicate id `SEC-1`: it is already defined on line 2.',
  ]);
});

test('duplicate-id keeps namespaces apart and names the other kind when they clash', () => {
  const text = yaml`
    tenets:
      - id: alice
    people:
      - id: alice
    objectives:
      - id: X
        title: a
        key_results:
          - id: X
            title: b
  `;
  assert.deepEqual(validateText(text).map(brief), [
    'duplicate-id 8:12-8:13 Duplicate id `X`: objective X is already defined on line 6.',
  ]);
});

test('duplicate-id can be turned off or downgraded by settings', () => {
  const text = 'objectives:\n  - id: A\n    title: a\n  - id: A\n    title: b\n';
  assert.deepEqual(validateText(text, { settings: normaliseSettings({ rules: { 'duplicate-id': 'off' } }) }), []);
  const [d] = validateText(text, { settings: normaliseSettings({ rules: { 'duplicate-id': 'warning' } }) });
  assert.equal(d.severity, 2);
});

test('every code has a docs page that the diagnostics link to', () => {
  for (const code of allCodes()) {
    assert.ok(existsSync(path.join(__dirname, '..', '..', 'docs', 'rules', `${code.id}.md`)), code.id);
    assert.equal(code.docs, `https://github.com/okr-lens/okr-lens/blob/main/docs/rules/${code.id}.md`);
  }
});
