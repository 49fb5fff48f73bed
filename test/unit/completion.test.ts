import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { complete, defaultSettings, parseOkr, resolveSettings, Workspace } from '../../server/src/service';

const COMPANY = readFileSync(path.join(__dirname, '..', '..', 'examples', 'company.okr.yaml'), 'utf8');

/** Completion at the `|` in `text`, in a workspace with the example company file (unless `alone`). */
function at(marked: string, options: { alone?: boolean; settings?: typeof defaultSettings } = {}) {
  const offset = marked.indexOf('|');
  const text = marked.replace('|', '');
  const doc = TextDocument.create('file:///w/team.okr.yaml', 'okr', 1, text);
  const files = [{ uri: doc.uri, model: parseOkr(text).model }];
  if (!options.alone) files.push({ uri: 'file:///w/company.okr.yaml', model: parseOkr(COMPANY).model });
  const items = complete(doc, doc.positionAt(offset), new Workspace(files), options.settings ?? defaultSettings);
  return { items, labels: items.map((i) => i.label), doc };
}

const OBJ = 'period: 2026-Q1\nobjectives:\n  - id: SEC-1\n    title: Make account takeover a non-event\n';

test('keys at the cursor level, never one already present, required first, with docs', () => {
  const { items, labels } = at(`${OBJ}    |\n    owner: alice\n`);
  assert.ok(!labels.includes('id') && !labels.includes('title') && !labels.includes('owner'));
  assert.equal(labels[0], 'description'); // no required key is left, so the rest in schema order
  assert.ok(labels.includes('tenet') && labels.includes('key_results') && labels.includes('aligns_to'));
  const tenet = items.find((i) => i.label === 'tenet')!;
  assert.match((tenet.documentation as { value: string }).value, /tenet/);
  // A list of objects opens its first item.
  assert.equal(
    (items.find((i) => i.label === 'key_results')!.textEdit as { newText: string }).newText,
    'key_results:\n  - $0',
  );
});

test('start of a key, partway through a key, top level, end of file', () => {
  assert.deepEqual(at(`${OBJ}    ow|`).labels.includes('owner'), true);
  const top = at(`period: 2026-Q1\n|`).labels;
  assert.deepEqual(top.sort(), ['initiatives', 'objectives', 'people', 'team', 'tenets']);
  assert.ok(at(`${OBJ}    key_results:\n      - title: x\n        |`).labels.includes('baseline'));
  assert.deepEqual(at('|').labels.sort(), ['initiatives', 'objectives', 'people', 'period', 'team', 'tenets']);
});

test('compact sequences and keys on item lines', () => {
  // `- key_results:` on the objective's own item line, its items level with nothing above them.
  const compact = at(`period: 2026-Q1\nobjectives:\n- key_results:\n  - |`);
  assert.deepEqual(
    compact.items.filter((i) => i.kind === 15).map((i) => i.label),
    ['Metric key result', 'Milestone key result'],
  );
  assert.ok(at(`objectives:\n- key_results:\n  - title: x\n    |`).labels.includes('baseline'));
  assert.ok(at(`objectives:\n- id: A\n  |`).labels.includes('title'));
});

test('enum and boolean values', () => {
  assert.deepEqual(at(`${OBJ}    type: |`).labels, ['aspirational', 'committed']);
  assert.deepEqual(at(`${OBJ}    type: asp|`).labels, ['aspirational', 'committed']);
  assert.deepEqual(at(`tenets:\n  - id: t\n    risk: |`).labels, ['actual', 'perceived']);
  assert.deepEqual(at(`${OBJ}    key_results:\n      - title: x\n        done: |`).labels, ['true', 'false']);
  assert.ok(at(`${OBJ}    key_results:\n      - title: x\n        unit: |`).labels.includes('days'));
});

test('tenet: the workspace tenets; with none declared, the security tenets with their declaration', () => {
  const { items } = at(`${OBJ}    tenet: |`);
  assert.deepEqual(
    items.map((i) => [i.label, i.detail]),
    [
      ['secure-the-product', 'Secure the Product'],
      ['protect-the-company', 'Protect the Company'],
      ['assure-the-customer', 'Assure the Customer'],
    ],
  );
  const alone = at(`${OBJ}    tenet: |`, { alone: true });
  assert.deepEqual(alone.labels, ['secure-the-product', 'protect-the-company', 'assure-the-customer']);
  const [edit] = alone.items[1].additionalTextEdits!;
  const after = TextDocument.applyEdits(alone.doc, [edit]);
  assert.equal(
    after,
    'period: 2026-Q1\ntenets:\n  - id: protect-the-company\n    title: Protect the Company\n' +
      '    description: Reduce the actual risk to our people, systems and data.\n    risk: actual\n' +
      'objectives:\n  - id: SEC-1\n    title: Make account takeover a non-event\n    tenet: ',
  );
  // okr.config.yaml can replace the defaults.
  const custom = resolveSettings({ tenets: [{ id: 'delight-users' }] }, undefined);
  assert.deepEqual(at(`${OBJ}    tenet: |`, { alone: true, settings: custom }).labels, ['delight-users']);
});

test('owner: the roster, then okr.owners', () => {
  const settings = resolveSettings(undefined, { owners: ['zoe', 'alice'] });
  const { items } = at(`${OBJ}    owner: |`, { settings });
  assert.equal(items[0].label, 'dana');
  assert.deepEqual(
    items.slice(-1).map((i) => [i.label, i.detail]),
    [['zoe', 'okr.owners']],
  );
  assert.equal(items.filter((i) => i.label === 'alice').length, 1);
});

test('aligns_to: objectives of the workspace with titles, parents first; in flow lists and block lists', () => {
  const { items } = at(`${OBJ}    aligns_to: |`);
  assert.deepEqual(
    items.map((i) => i.label),
    ['CO-1', 'CO-2', 'CO-3'],
  );
  assert.match(items[1].detail!, /^Customers' accounts and data stay theirs/);
  assert.deepEqual(at(`${OBJ}    aligns_to: [CO-1, |]`).labels, ['CO-1', 'CO-2', 'CO-3']);
  assert.deepEqual(at(`${OBJ}    aligns_to:\n      - |`).labels, ['CO-1', 'CO-2', 'CO-3']);
  // A parent whose period holds this file's ranks before one that does not.
  const later = at(`period: 2027-Q1\nobjectives:\n  - id: X\n    title: x\n    aligns_to: |`);
  assert.ok(later.items.every((i) => i.sortText!.startsWith('1')));
  assert.ok(items.every((i) => i.sortText!.startsWith('0')));
});

test('snippets: a new objective numbered after the last one, metric and milestone key results', () => {
  const { items } = at(`period: 2026-Q1\nobjectives:\n  - id: SEC-6\n    title: x\n  - |`);
  const snippet = items.find((i) => i.label === 'New objective')!;
  const text = (snippet.textEdit as { newText: string }).newText;
  assert.match(text, /^id: \$\{1:SEC-7\}\ntitle: \$\{2:[^}]+\}\nowner: \$\{3\|dana,marcus,/);
  assert.match(text, /tenet: \$\{4\|secure-the-product,protect-the-company,assure-the-customer\|\}/);
  assert.equal((text.match(/- title:/g) ?? []).length, 2);
  const krs = at(`${OBJ}    key_results:\n      - |`)
    .items.filter((i) => i.kind === 15)
    .map((i) => i.label);
  assert.deepEqual(krs, ['Metric key result', 'Milestone key result']);
  // Not inside an item that already has keys.
  assert.ok(!at(`${OBJ}    |`).items.some((i) => i.kind === 15));
});

test('completion reads only the neighbourhood: right at the end of a 1,000-objective file', () => {
  let big = 'period: 2026-Q1\nobjectives:\n';
  for (let i = 0; i < 1000; i++) big += `  - id: O-${i}\n    title: Objective ${i}\n    owner: alice\n`;
  const marked = `${big}  - id: O-1000\n    type: |\n`;
  assert.deepEqual(at(marked, { alone: true }).labels, ['aspirational', 'committed']);
});
