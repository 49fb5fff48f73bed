import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parse } from 'yaml';
import {
  alignmentTree,
  definition,
  diagnosticsOf,
  parseOkr,
  prepareRename,
  references,
  rename,
  Workspace,
} from '../../server/src/service';

/** A workspace from `{uri: text}`. */
function workspaceOf(files: Record<string, string>) {
  const parsed = Object.fromEntries(Object.entries(files).map(([uri, text]) => [uri, parseOkr(text)]));
  const ws = new Workspace(Object.entries(parsed).map(([uri, p]) => ({ uri, model: p.model })));
  const codes = (uri: string, rule?: string) =>
    diagnosticsOf(parsed[uri], undefined, { uri, workspace: ws })
      .filter((d) => !rule || d.code === rule)
      .map((d) => `${String(d.code)}@${d.range.start.line}:${d.range.start.character}`);
  const messages = (uri: string, rule: string) =>
    diagnosticsOf(parsed[uri], undefined, { uri, workspace: ws })
      .filter((d) => d.code === rule)
      .map((d) => d.message as string);
  return { ws, codes, messages };
}

const obj = (id: string, parents: string[] = [], extra = '') =>
  `  - id: ${id}\n    title: Objective ${id}\n` +
  (parents.length ? `    aligns_to: [${parents.join(', ')}]\n` : '') +
  extra;
const file = (...objectives: string[]) => `period: 2026-Q1\nobjectives:\n${objectives.join('')}`;

test('a cycle across three files is reported in all three, naming the loop', () => {
  const { ws, codes, messages } = workspaceOf({
    'file:///a.okr.yaml': file(obj('A', ['C'])),
    'file:///b.okr.yaml': file(obj('B', ['A'])),
    'file:///c.okr.yaml': file(obj('C', ['B'])),
  });
  assert.deepEqual(ws.cycles(), [['A', 'C', 'B']]);
  for (const uri of ['file:///a.okr.yaml', 'file:///b.okr.yaml', 'file:///c.okr.yaml']) {
    assert.deepEqual(codes(uri, 'alignment-cycle'), ['alignment-cycle@4:16']);
  }
  assert.deepEqual(messages('file:///b.okr.yaml', 'alignment-cycle'), [
    'Alignment cycle: B → A → C → B. An objective cannot contribute to itself; break the loop.',
  ]);
});

test('diamonds and multiple parents are not cycles; roll-up counts each path', () => {
  const kr = (current: number) =>
    `    key_results:\n      - title: k\n        baseline: 0\n        target: 10\n        current: ${current}\n`;
  const { ws, codes } = workspaceOf({
    'file:///top.okr.yaml': file(obj('TOP', [], kr(10))),
    'file:///mid.okr.yaml': file(obj('L', ['TOP'], kr(0)), obj('R', ['TOP'], kr(10))),
    'file:///leaf.okr.yaml': file(obj('LEAF', ['L', 'R'], kr(5))),
  });
  assert.deepEqual(ws.cycles(), []);
  assert.deepEqual(ws.parents('LEAF'), ['L', 'R']);
  assert.deepEqual(
    ws.children('TOP').map((c) => c.id),
    ['L', 'R'],
  );
  // L: mean(0, 0.5) = 0.25; R: mean(1, 0.5) = 0.75; TOP: mean(1, 0.25, 0.75) = 2/3.
  assert.equal(ws.rolledUp('L'), 0.25);
  assert.equal(ws.rolledUp('R'), 0.75);
  assert.ok(Math.abs(ws.rolledUp('TOP')! - 2 / 3) < 1e-9);
  assert.deepEqual(codes('file:///leaf.okr.yaml', 'alignment-cycle'), []);
});

test('deleting the parent file makes unknown-parent appear in its children, with the nearest id', () => {
  const parent = file(obj('CO-1'), obj('CO-2'));
  const child = file(obj('SEC-1', ['CO-2']));
  const before = workspaceOf({ 'file:///company.okr.yaml': parent, 'file:///sec.okr.yaml': child });
  assert.deepEqual(before.codes('file:///sec.okr.yaml', 'unknown-parent'), []);
  const after = workspaceOf({ 'file:///sec.okr.yaml': child });
  assert.deepEqual(after.messages('file:///sec.okr.yaml', 'unknown-parent'), ['No objective `CO-2` in the workspace.']);
  const typo = workspaceOf({
    'file:///company.okr.yaml': parent,
    'file:///sec.okr.yaml': file(obj('SEC-1', ['CO-22'])),
  });
  assert.deepEqual(typo.messages('file:///sec.okr.yaml', 'unknown-parent'), [
    'No objective `CO-22` in the workspace; did you mean `CO-2`?',
  ]);
});

test('duplicate ids across files are reported after the first file, with where the first is', () => {
  const { codes, messages } = workspaceOf({
    'file:///a.okr.yaml': file(obj('X')),
    'file:///b.okr.yaml': file(obj('X')),
  });
  assert.deepEqual(codes('file:///a.okr.yaml', 'duplicate-id'), []);
  assert.deepEqual(messages('file:///b.okr.yaml', 'duplicate-id'), [
    'Duplicate id `X`: it is already defined in a.okr.yaml:3.',
  ]);
});

test('a duplicate person or tenet is named as such', () => {
  const people = 'people:\n  - id: alice\n';
  const { messages } = workspaceOf({ 'file:///a.okr.yaml': people, 'file:///b.okr.yaml': people });
  assert.deepEqual(messages('file:///b.okr.yaml', 'duplicate-id'), [
    'Duplicate id `alice`: it is already defined in a.okr.yaml:2.',
  ]);
});

test('unknown owner and tenet (once declared), tenets by id or exact title, period mismatch', () => {
  const company = [
    'period: 2026-H1',
    'tenets:',
    '  - id: secure-the-product',
    '    title: Secure the Product',
    'people:',
    '  - id: alice',
    'objectives:',
    obj('CO-1'),
  ].join('\n');
  const team = [
    'period: 2026-Q3',
    'objectives:',
    obj('T-1', ['CO-1'], '    owner: alise\n    tenet: Secure the Product\n'),
    obj('T-2', ['CO-1'], '    owner: alice\n    tenet: secure-the-prodcut\n'),
  ].join('\n');
  const { messages } = workspaceOf({ 'file:///company.okr.yaml': company, 'file:///team.okr.yaml': team });
  assert.deepEqual(messages('file:///team.okr.yaml', 'unknown-owner'), [
    "`alise` is not in the workspace's `people`; did you mean `alice`?",
  ]);
  assert.deepEqual(messages('file:///team.okr.yaml', 'unknown-tenet'), [
    'No tenet `secure-the-prodcut` is declared in the workspace; did you mean `secure-the-product`?',
  ]);
  assert.equal(messages('file:///team.okr.yaml', 'period-mismatch').length, 2);
  assert.match(
    messages('file:///team.okr.yaml', 'period-mismatch')[0],
    /2026-Q3\) lies outside CO-1's \(2026-H1, in company\.okr\.yaml\)/,
  );
  // Without any roster or tenets declared, owners and tenets are free text.
  const bare = workspaceOf({ 'file:///team.okr.yaml': team.replace('2026-Q3', '2026-Q1') });
  assert.deepEqual(bare.messages('file:///team.okr.yaml', 'unknown-owner'), []);
  assert.deepEqual(bare.messages('file:///team.okr.yaml', 'unknown-tenet'), []);
});

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');
function examples() {
  const files = readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.okr.yaml'))
    .map((f) => ({
      uri: pathToFileURL(path.join(EXAMPLES, f)).toString(),
      text: readFileSync(path.join(EXAMPLES, f), 'utf8'),
    }));
  const ws = new Workspace(files.map((f) => ({ uri: f.uri, model: parseOkr(f.text).model })));
  const doc = (name: string) => {
    const f = files.find((x) => x.uri.endsWith(name))!;
    return TextDocument.create(f.uri, 'okr', 1, f.text);
  };
  return { files, ws, doc };
}

test('definition, references and rename across the examples', () => {
  const { files, ws, doc } = examples();
  const security = doc('security.okr.yaml');
  const text = security.getText();
  const at = (needle: string, offset = 0) => security.positionAt(text.indexOf(needle) + offset);
  // From `aligns_to: CO-2` to CO-2's definition in company.okr.yaml.
  const alignsTo = text.indexOf('aligns_to: CO-2');
  const [def] = definition(security, ws, security.positionAt(alignsTo + 'aligns_to: '.length + 1));
  assert.match(def.uri, /company\.okr\.yaml$/);
  const company = doc('company.okr.yaml');
  assert.equal(company.getText(def.range), 'CO-2');
  // Owner → the person in the roster.
  const [person] = definition(security, ws, at('owner: marcus', 'owner: '.length + 1));
  assert.equal(company.getText(person.range), 'marcus');

  const refs = references(company, ws, company.positionAt(company.getText().indexOf('id: CO-2') + 5), true);
  const expected = files.flatMap((f) => [...f.text.matchAll(/CO-2\b(?![.\d])/g)].map(() => f.uri)).length;
  assert.equal(refs.length, expected, 'every CO-2 in every file, nothing else');

  // Rename: only ids change; every other byte stays.
  const pos = company.positionAt(company.getText().indexOf('id: CO-2') + 5);
  assert.deepEqual(prepareRename(company, ws, pos), { range: def.range, placeholder: 'CO-2' });
  const { edit } = rename(company, ws, pos, 'CO-7', (uri) => files.find((f) => f.uri === uri)?.text);
  for (const f of files) {
    const edits = edit!.changes![f.uri] ?? [];
    const updated = TextDocument.applyEdits(TextDocument.create(f.uri, 'okr', 1, f.text), edits);
    assert.equal(
      updated,
      f.text.replace(/(?<=(?:id: |aligns_to: |aligns_to: \[|, |serves: \[))CO-2(?=[\s,\]])/g, 'CO-7'),
      f.uri,
    );
    for (const e of edits) assert.equal(TextDocument.create(f.uri, 'okr', 1, f.text).getText(e.range), 'CO-2');
  }
  // Key results, titles and values other than ids cannot be renamed.
  assert.ok('refused' in prepareRename(security, ws, at('title: Make account', 10)));
  assert.ok('refused' in prepareRename(security, ws, at('id: SEC-1.1', 5)));
  assert.equal(
    rename(company, ws, pos, 'has space', () => '').error,
    "`has space` is not a valid id: use letters, digits, '.', '_' and '-'.",
  );
});

test('the alignment tree carries progress as docs/format.md defines it', () => {
  const { files, ws } = examples();
  const tree = alignmentTree(ws);
  // Recompute every objective's progress straight from the YAML, independently of the engine.
  const seen = new Set<string>();
  for (const f of files) {
    type Checkin = { date: string; value?: number; done?: boolean };
    const data = parse(f.text) as {
      objectives?: { id: string; key_results?: (Record<string, number | boolean> & { checkins?: Checkin[] })[] }[];
    };
    for (const o of data.objectives ?? []) {
      const node = tree.objectives.find((x) => x.id === o.id && x.file === f.uri);
      if (!node || seen.has(o.id)) continue; // a duplicate id: the tree shows the first
      seen.add(o.id);
      let sum = 0;
      let weights = 0;
      for (const kr of o.key_results ?? []) {
        // `current` and `done`, else the latest check-in's (format.md, "Check-ins").
        const latest = [...(kr.checkins ?? [])].sort((a, b) => (a.date < b.date ? -1 : 1)).at(-1);
        const current = typeof kr.current === 'number' ? kr.current : latest?.value;
        let p: number | undefined;
        if (typeof kr.done === 'boolean') p = kr.done ? 1 : 0;
        else if (typeof kr.baseline === 'number' && typeof kr.target === 'number' && kr.target !== kr.baseline) {
          p =
            typeof current === 'number'
              ? Math.min(1, Math.max(0, (current - kr.baseline) / (kr.target - kr.baseline)))
              : 0;
        }
        if (p === undefined) continue;
        const w = typeof kr.weight === 'number' ? kr.weight : 1;
        sum += w * p;
        weights += w;
      }
      const expected = weights ? sum / weights : undefined;
      assert.equal(node.progress === undefined, expected === undefined, o.id);
      if (expected !== undefined) assert.ok(Math.abs(node.progress! - expected) < 1e-9, o.id);
      assert.equal(
        node.score,
        expected === undefined ? undefined : expected < 0.4 ? 'red' : expected < 0.7 ? 'yellow' : 'green',
      );
    }
  }
  assert.ok(tree.roots.includes('CO-1'));
  assert.ok(tree.edges.some((e) => e.child === 'SEC-1' && e.parent === 'CO-2'));
});
