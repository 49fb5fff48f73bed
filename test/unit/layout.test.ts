import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sliceFile } from '../../server/src/service/parse/layout';
import { yaml } from '../helpers';

const sections = (key: string) => ['tenets', 'people', 'objectives', 'initiatives'].includes(key);

const kinds = (text: string) => sliceFile(text, sections)?.map((s) => `${s.kind}:${s.key}@${s.line}`);

test('slices top-level entries, section headers and each item', () => {
  const text = yaml`
    # leading comment
    period: 2026-Q1
    team: security
    objectives:
      # before the first item
      - id: A
        title: a
        key_results:
          - title: x

      - id: B   # second
        title: b
    people:
    - id: alice
    - id: bob
  `;
  assert.deepEqual(kinds(text), [
    'entry:period@1',
    'entry:team@2',
    'header:objectives@3',
    'item:objectives@5',
    'item:objectives@10',
    'header:people@12',
    'item:people@13',
    'item:people@14',
  ]);
});

test('slices cover the text from the first key to the end, without gaps', () => {
  const text = 'period: 2026-Q1\r\nobjectives:\r\n  - id: A\r\n    title: a\r\n  - id: B\r\n';
  const slices = sliceFile(text, sections)!;
  assert.equal(slices.map((s) => s.text).join(''), text);
  assert.equal(slices[2].text, '  - id: A\r\n    title: a\r\n');
});

test('a nested mapping or a flow value stays one entry', () => {
  assert.deepEqual(kinds('period:\n  start: 2026-01-01\n  end: 2026-03-31\nobjectives: [{id: A, title: a}]\n'), [
    'entry:period@0',
    'entry:objectives@3',
  ]);
});

test('layouts that cannot be sliced fall back to a whole-file parse', () => {
  for (const text of [
    '{period: 2026-Q1}\n', // flow mapping at the top
    'period: 2026-Q1\n---\nteam: x\n', // several documents
    'objectives:\n  - id: A\n - id: B\n', // odd indentation
    'objectives:\n\t- id: A\n', // tab indentation
    '"period": 2026-Q1\n', // quoted key
    '%YAML 1.2\n---\nperiod: 2026\n', // directive
  ]) {
    assert.equal(sliceFile(text, sections), undefined, JSON.stringify(text));
  }
});

test('only section keys are cut into items', () => {
  assert.deepEqual(kinds('objectivs:\n  - id: A\nobjectives:\n  - id: B\n'), [
    'entry:objectivs@0',
    'header:objectives@2',
    'item:objectives@3',
  ]);
});

test('one leading document marker is fine', () => {
  assert.deepEqual(kinds('---\nperiod: 2026-Q1\n'), ['entry:period@1']);
});
