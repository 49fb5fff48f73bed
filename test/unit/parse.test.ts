import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { parseOkr, SliceCache, validateText as validateAll } from '../../server/src/service';
import type { Range } from 'vscode-languageserver-types';
import { absolute } from '../../server/src/service/model';
import { brief, covered, yaml } from '../helpers';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');

/** This file tests parsing and the schema: only their codes (the rules have their own tests). */
const STRUCTURAL = ['yaml-syntax', 'schema', 'file-too-large'];
const validateText = (text: string) => validateAll(text).filter((d) => STRUCTURAL.includes(String(d.code)));

test('a misspelt key in a key result underlines exactly that key, with a did-you-mean', () => {
  const text = yaml`
    objectives:
      - id: SEC-1
        title: Make account takeover a non-event for our customers
        key_results:
          - titel: Cut the median time to patch critical CVEs
            target: 7
  `;
  const ds = validateText(text);
  assert.deepEqual(ds.map(brief), [
    'schema 4:8-4:13 A key result is missing the required field `title`.',
    'schema 4:8-4:13 Unknown field `titel` in key result; did you mean `title`?',
  ]);
  assert.equal(covered(text, ds[1]), 'titel');
  assert.deepEqual(ds[1].data, { key: 'titel', suggestion: 'title' });
  assert.equal(ds[1].source, 'okr');
  assert.equal(ds[1].codeDescription?.href, 'https://github.com/okr-lens/okr-lens/blob/main/docs/rules/schema.md');
});

test('wrong types underline the value; missing fields underline the parent key', () => {
  const text = yaml`
    period:
      start: 2026-01-01
    objectives:
      - id: SEC 1
        title: Make account takeover a non-event
        aligns_to: 3
        type: aspiration
        key_results:
          - title: Patch faster
            baseline: thirty
            confidence: 1.5
            due: 31/03/2026
            done: yes
  `;
  const ds = validateText(text);
  assert.deepEqual(
    ds.map((d) => `${brief(d)} [${covered(text, d)}]`),
    [
      'schema 0:0-0:6 `period` is missing the required field `end`. [period]',
      "schema 3:8-3:13 `id` may contain only letters, digits, '.', '_' and '-'. [SEC 1]",
      'schema 5:15-5:16 `aligns_to` must be an id or a list of ids, e.g. `CO-2` or `[CO-2, CO-3]`. [3]',
      'schema 6:10-6:20 `type` must be one of `aspirational`, `committed`; did you mean `aspirational`? [aspiration]',
      'schema 9:18-9:24 `baseline` must be a number, not the text "thirty". [thirty]',
      'schema 11:13-11:23 `due` must be a date written YYYY-MM-DD, e.g. 2026-03-31. [31/03/2026]',
      'schema 12:14-12:17 `done` must be true or false, not the text "yes". [yes]',
    ],
  );
});

test('an item that is not a mapping, and unknown top-level keys', () => {
  const text = yaml`
    objectivs:
      - id: A
    objectives:
      - just a sentence
  `;
  assert.deepEqual(validateText(text).map(brief), [
    'schema 0:0-0:9 Unknown field `objectivs` in OKR file; did you mean `objectives`?',
    'schema 3:4-3:19 An objective must be a mapping of fields, not the text "just a sentence".',
  ]);
});

test('a period of the wrong form names the accepted forms', () => {
  assert.deepEqual(validateText('period: 2026-Q5\n').map(brief), [
    'schema 0:8-0:15 `period` must look like 2026-Q1, 2026-H1, 2026, FY27-Q1 or FY27.',
  ]);
  assert.deepEqual(validateText('period: [2026]\n').map(brief), [
    'schema 0:8-0:14 `period` must be a quarter (2026-Q1), a half (2026-H1), a year (2026), a fiscal period (FY27-Q1) or {start: YYYY-MM-DD, end: YYYY-MM-DD}.',
  ]);
  assert.deepEqual(validateText('period: 2026\nteam: security\n'), []);
  for (const period of ['FY27-Q1', 'fy2027-h2', 'FY27'])
    assert.deepEqual(validateText(`period: ${period}\n`), [], period);
});

test('YAML errors become yaml-syntax diagnostics at their position', () => {
  const text = yaml`
    objectives:
      - id: A
        title: "unterminated
      - id: B
        title: fine
  `;
  const ds = validateText(text);
  assert.ok(ds.length >= 1);
  assert.ok(ds.every((d) => d.code === 'yaml-syntax' || d.code === 'schema'));
  const first = ds.find((d) => d.code === 'yaml-syntax')!;
  assert.equal(first.range.start.line, 2);
  // The slice after the broken one still parses and is checked on its own.
  assert.equal(parseOkr(text).model.objectives.length >= 1, true);
});

test('duplicate top-level keys are reported on the second one', () => {
  assert.deepEqual(validateText('team: a\nteam: b\n').map(brief), [
    'yaml-syntax 1:0-1:4 Duplicate key `team`: it is already set on line 1.',
  ]);
});

test('an alias bomb gets one clear diagnostic, quickly', () => {
  const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) {
    const prev = String.fromCharCode(96 + i);
    const cur = String.fromCharCode(97 + i);
    levels.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  const text = `objectives:\n  - id: X\n    title: boom\n    description:\n${levels.map((l) => `      ${l}`).join('\n')}\n`;
  const started = process.hrtime.bigint();
  const ds = validateText(text);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  assert.deepEqual(
    ds.map((d) => d.code),
    ['yaml-syntax'],
  );
  assert.match(ds[0].message as string, /billion laughs/);
  assert.ok(ms < 5000, `took ${ms} ms`);
});

test('a file over the size limit gets one diagnostic and is not parsed', () => {
  const text = 'objectives:\n' + '  - id: A\n    title: padding padding padding padding\n'.repeat(400_000);
  assert.ok(text.length > 20 * 1024 * 1024);
  const ds = validateText(text);
  assert.deepEqual(
    ds.map((d) => [d.code, d.range.start.line]),
    [['file-too-large', 0]],
  );
  assert.match(ds[0].message as string, /okr-lens checks files up to 10 MB/);
});

test('an edit re-parses only the item it touches', () => {
  const text = readFileSync(path.join(EXAMPLES, 'security.okr.yaml'), 'utf8');
  const cache = new SliceCache();
  const first = parseOkr(text, cache);
  assert.equal(first.sliced, true);
  assert.ok(first.reparsed > 8);
  const edited = text.replace('title: ', 'title: Really ');
  const second = parseOkr(edited, cache);
  assert.equal(second.reparsed, 1);
  assert.equal(parseOkr(edited, cache).reparsed, 0);
  // Positions after the edit are right although the later items came from the cache.
  const inserted = '\n  - id: NEW-1\n    title: Inserted\n'; // an item placed before all others
  const moved = edited.replace(/\nobjectives:\n/, `\nobjectives:${inserted}`);
  const third = parseOkr(moved, cache);
  assert.equal(third.reparsed, 1);
  const fresh = parseOkr(moved);
  assert.deepEqual(JSON.parse(JSON.stringify(third.findings)), JSON.parse(JSON.stringify(fresh.findings)));
  const ids = (f: typeof third) =>
    f.model.objectives.map((o) => [o.item.kind === 'objective' ? o.item.id?.value : '', o.line]);
  assert.deepEqual(ids(third), ids(fresh));
});

test('sliced and whole-file parses agree on every example', () => {
  const texts = readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => readFileSync(path.join(EXAMPLES, f), 'utf8'));
  // Broken variants too: a misspelt key, a bad indent, an unterminated quote.
  texts.push(
    texts[0].replace('title:', 'titel:'),
    texts[1].replace('\n    title:', '\n     title:'),
    texts[2] + '\n  - id: "x\n',
  );
  for (const text of texts) {
    const sliced = parseOkr(text);
    const whole = parseOkr(text, undefined, { wholeFile: true });
    assert.equal(sliced.sliced, true);
    assert.equal(whole.sliced, false);
    const objectives = (p: typeof sliced) =>
      p.model.objectives.map((o) => {
        const item = o.item as { id?: { value: string; range: Range }; title?: { range: Range } };
        return [item.id?.value, item.id && absolute(o, item.id.range), item.title && absolute(o, item.title.range)];
      });
    assert.deepEqual(objectives(sliced), objectives(whole));
    const schemaOnly = (p: typeof sliced) =>
      p.findings.filter((f) => f.code === 'schema').map((f) => [f.message, f.range]);
    assert.deepEqual(schemaOnly(sliced), schemaOnly(whole));
  }
});

test('anchors used across items fall back to a whole-file parse', () => {
  const text = yaml`
    people:
      - &alice
        id: alice
    objectives:
      - id: A
        title: x
        owner: *alice
  `;
  const file = parseOkr(text);
  assert.equal(file.sliced, false);
  assert.deepEqual(validateText(text).map(brief), ['schema 6:11-6:17 `owner` must be text, not a mapping.']);
});
