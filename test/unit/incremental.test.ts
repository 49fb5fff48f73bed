/**
 * Differential test: checking a document incrementally (re-slicing around the edit, slices cached
 * from the previous version) gives exactly the diagnostics of checking it from scratch, over many
 * random edits made the way an editor sends them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  diagnosticsOf,
  defaultSettings,
  ParsedDocuments,
  parseOkr,
  SliceCache,
  Workspace,
  needsRecheck,
  passIds,
} from '../../server/src/service';
import { sliceFile } from '../../server/src/service/parse/layout';
import { random } from '../helpers';
import { isSection } from '../../server/src/service/parse/items';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');
const SNIPPETS = [
  'x',
  ' ',
  '\n',
  '  ',
  '- ',
  ': ',
  'id: SEC-1',
  '#',
  '"',
  '[',
  'title: Implement SSO\n',
  '\t',
  'baseline: 3\n',
  'aligns_to: CO-9',
];

/** One random edit as an offset range and its replacement. */
function randomEdit(text: string, rnd: () => number): { at: number; removed: number; text: string } {
  const at = Math.floor(rnd() * (text.length + 1));
  const kind = rnd();
  if (kind < 0.4) return { at, removed: 0, text: SNIPPETS[Math.floor(rnd() * SNIPPETS.length)] };
  if (kind < 0.7) return { at, removed: Math.min(text.length - at, 1 + Math.floor(rnd() * 12)), text: '' };
  // Copy a line elsewhere (duplicates ids, moves items).
  const lines = text.split('\n');
  const line = lines[Math.floor(rnd() * lines.length)];
  const to = text.lastIndexOf('\n', at) + 1;
  return { at: to, removed: 0, text: `${line}\n` };
}

function mutate(text: string, rnd: () => number): string {
  const e = randomEdit(text, rnd);
  return text.slice(0, e.at) + e.text + text.slice(e.at + e.removed);
}

test('incremental checking equals checking from scratch, over 400 random edits', () => {
  const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.okr.yaml'));
  let edits = 0;
  for (const [i, f] of files.entries()) {
    const rnd = random(1000 + i);
    let text = readFileSync(path.join(EXAMPLES, f), 'utf8');
    const cache = new SliceCache();
    for (let step = 0; step < 100; step++) {
      text = mutate(text, rnd);
      edits++;
      const incremental = diagnosticsOf(parseOkr(text, cache));
      const scratch = diagnosticsOf(parseOkr(text));
      assert.deepEqual(incremental, scratch, `${f}, edit ${step}`);
    }
  }
  assert.equal(edits, 400);
});

/** Everything rules and navigation read from a workspace, in comparable form. */
function snapshot(ws: Workspace) {
  const defs = (map: Map<string, readonly { uri: string; range: unknown; item: unknown; loc: { line: number } }[]>) =>
    [...map.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([id, list]) => [id, list.map((d) => [d.uri, d.range, d.item, d.loc.line])]);
  return {
    objectives: defs(ws.objectives),
    keyResults: defs(ws.keyResults),
    tenets: defs(ws.tenets),
    people: defs(ws.people),
    cycles: ws.cycles(),
    shared: [...new Set([...ws.objectives.keys(), ...ws.keyResults.keys()])].filter((id) => ws.isShared(id)).sort(),
    served: [...ws.servedTenets()].sort(),
    children: [...ws.objectives.keys()].sort().map((id) => ws.children(id).map((d) => d.id)),
    rolledUp: [...ws.objectives.keys()].sort().map((id) => ws.rolledUp(id)),
  };
}

/**
 * Edits one document at a time, re-slicing it as the server does, in a workspace with other files that
 * stay as they are, and holds every step to parsing and checking from scratch: the slices, the
 * workspace's contents, the document's diagnostics, and the other files' (re-checked, as the server
 * does, only when the workspace says something they can see changed).
 */
function resliceAgainst(others: (file: string, original: string) => readonly string[], seed: number) {
  const files = readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.okr.yaml'))
    .map((f) => path.join(EXAMPLES, f));
  files.push(path.join(__dirname, '..', 'fixtures', 'real-world.okr.yaml'));
  let edits = 0;
  let resliced = 0;
  let skipped = 0;
  for (const [i, f] of files.entries()) {
    const rnd = random(seed + i);
    const original = readFileSync(f, 'utf8');
    const documents = new ParsedDocuments();
    let doc = TextDocument.create(`file:///${i}.okr.yaml`, 'okr', 1, original);
    // Files that sort after the document (so its definitions are "the first" of any duplicate).
    const otherTexts = others(f, original).map((text, k) => ({ uri: `file:///~other-${k}.okr.yaml`, text }));
    const otherFiles = otherTexts.map((o) => ({ uri: o.uri, file: parseOkr(o.text) }));
    const ws = new Workspace(otherFiles.map((o) => ({ uri: o.uri, model: o.file.model })));
    ws.setFile(doc.uri, documents.get(doc, defaultSettings).model);
    const otherDiagnostics = () =>
      otherFiles.map((o) => diagnosticsOf(o.file, defaultSettings, { uri: o.uri, workspace: ws }));
    let lastOthers = otherDiagnostics();
    for (let step = 0; step < 120; step++) {
      // One to three changes per version, and now and then two versions between parses.
      const changes = 1 + Math.floor(rnd() * 3);
      for (let c = 0; c < changes; c++) {
        const text = doc.getText();
        const e = randomEdit(text, rnd);
        // Now and then the range comes reversed (end before start), as some clients send it.
        // (those replace a longer span, up to a few items).
        const reversed = rnd() < 0.1;
        if (reversed) e.removed = Math.min(text.length - e.at, Math.floor(rnd() * 400));
        const [from, to] = reversed ? [e.at + e.removed, e.at] : [e.at, e.at + e.removed];
        const change = { range: { start: doc.positionAt(from), end: doc.positionAt(to) }, text: e.text };
        documents.willChange(doc, change);
        doc = TextDocument.update(doc, [change], doc.version + 1);
        edits++;
      }
      if (rnd() < 0.2) continue;
      const text = doc.getText();
      const file = documents.get(doc, defaultSettings);
      if (file.layout) {
        resliced++;
        assert.deepEqual(file.layout.slices, sliceFile(text, isSection), `${f}, edit ${step}: slices`);
      }
      assert.deepEqual(diagnosticsOf(file), diagnosticsOf(parseOkr(text)), `${f}, edit ${step}`);
      const version = ws.version;
      const changed = ws.setFile(doc.uri, file.model);
      assert.equal(changed, ws.version !== version);
      // From scratch: separate parses, so no cache is shared with the incremental side.
      const scratchFile = parseOkr(text);
      const scratchOthers = otherTexts.map((o) => ({ uri: o.uri, file: parseOkr(o.text) }));
      const fresh = new Workspace([
        ...scratchOthers.map((o) => ({ uri: o.uri, model: o.file.model })),
        { uri: doc.uri, model: scratchFile.model },
      ]);
      assert.deepEqual(snapshot(ws), snapshot(fresh), `${f}, edit ${step}: workspace`);
      assert.deepEqual(
        diagnosticsOf(file, defaultSettings, { uri: doc.uri, workspace: ws }),
        diagnosticsOf(scratchFile, defaultSettings, { uri: doc.uri, workspace: fresh }),
        `${f}, edit ${step}: in the workspace`,
      );
      if (changed) lastOthers = otherDiagnostics();
      else skipped++;
      assert.deepEqual(
        lastOthers,
        scratchOthers.map((o) => diagnosticsOf(o.file, defaultSettings, { uri: o.uri, workspace: fresh })),
        `${f}, edit ${step}: the other files${changed ? '' : ' (not re-checked: the workspace said nothing changed)'}`,
      );
      // Back to the original now and then, so the file stays mostly sliceable.
      if (!file.layout || rnd() < 0.05) {
        const whole = { text: original };
        documents.willChange(doc, whole);
        doc = TextDocument.update(doc, [whole], doc.version + 1);
      }
    }
  }
  assert.ok(edits >= 1000, `${edits} edits`);
  assert.ok(resliced >= 300, `only ${resliced} parses were re-sliced`);
  return { skipped };
}

test('re-slicing around editor changes equals parsing from scratch, over 1,000 random edits', () => {
  // Beside a copy of itself: every id is defined twice, and the copy's duplicate-id findings quote the
  // lines of the document's definitions.
  resliceAgainst((_, original) => [original], 2000);
});

test('re-slicing equals parsing from scratch beside the other examples, which name its ids', () => {
  const examples = readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.okr.yaml'))
    .map((f) => path.join(EXAMPLES, f));
  const { skipped } = resliceAgainst(
    (file) => examples.filter((e) => e !== file).map((e) => readFileSync(e, 'utf8')),
    3000,
  );
  // Most edits (a title, a line added above an objective) leave what other files see as it was.
  assert.ok(skipped >= 80, `only ${skipped} edits left the other files unchecked`);
});

/**
 * A workspace pass re-checks only the files that mention an id whose definitions changed (or that sit
 * on an alignment cycle, or declare tenets): over random edits to one file of the examples, every other
 * file whose diagnostics change, checked from scratch, is one of those.
 */
test('a workspace pass needs only the files that mention what changed, over 300 cross-file edits', () => {
  const names = readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.okr.yaml'))
    .sort();
  const texts = new Map(names.map((f) => [`file:///w/${f}`, readFileSync(path.join(EXAMPLES, f), 'utf8')]));
  const uris = [...texts.keys()];
  const fromScratch = () => {
    const parsed = new Map(uris.map((u) => [u, parseOkr(texts.get(u)!)]));
    const ws = new Workspace(uris.map((u) => ({ uri: u, model: parsed.get(u)!.model })));
    return new Map(
      uris.map((u) => [u, JSON.stringify(diagnosticsOf(parsed.get(u)!, defaultSettings, { uri: u, workspace: ws }))]),
    );
  };
  const incremental = new Workspace(uris.map((u) => ({ uri: u, model: parseOkr(texts.get(u)!).model })));
  incremental.takeTouched();
  const caches = new Map(uris.map((u) => [u, new SliceCache()]));
  const rnd = random(77);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const ids = () => [...texts.values()].flatMap((t) => [...t.matchAll(/\bid: ([A-Z][\w.-]*)/g)].map((m) => m[1]));
  /** Edits that reach other files: ids renamed or duplicated, parents changed, periods, roster and tenets. */
  const crossFileEdit = (text: string): string => {
    const lines = text.split('\n');
    const at = (re: RegExp) => lines.map((l, i) => (re.test(l) ? i : -1)).filter((i) => i >= 0);
    const kind = rnd();
    const idLines = at(/^\s+(?:- )?id: /);
    if (kind < 0.25 && idLines.length) {
      const i = pick(idLines);
      lines[i] = lines[i].replace(/id: .*/, `id: ${rnd() < 0.5 ? pick(ids()) : `${pick(ids())}x`}`);
    } else if (kind < 0.5) {
      const i = pick([...at(/aligns_to:/), ...at(/^\s+title:/)]);
      if (i !== undefined)
        lines[i] = lines[i].replace(/^(\s+)\S.*/, `$1aligns_to: ${rnd() < 0.8 ? pick(ids()) : 'NOPE-1'}`);
    } else if (kind < 0.6) {
      const i = at(/^period:/)[0];
      if (i !== undefined) lines[i] = `period: ${pick(['2026-Q1', '2026-Q2', '2026-H1', '2027'])}`;
    } else if (kind < 0.75) {
      const i = pick([...at(/^\s+(?:owner|tenet):/)]);
      if (i !== undefined)
        lines[i] = lines[i].replace(
          /: .*/,
          `: ${pick(['alice', 'bob', 'nobody', 'secure-the-product', 'assure-the-customer'])}`,
        );
    } else if (kind < 0.85) {
      // Drop a line of the roster or of the tenets (a person or tenet disappears, or a risk changes).
      const i = pick([...at(/^\s+- id: [a-z]/), ...at(/^\s+risk:/)]);
      if (i !== undefined) lines.splice(i, 1);
    } else return mutate(text, rnd);
    return lines.join('\n');
  };
  const originals = new Map(texts);
  let before = fromScratch();
  let checked = 0;
  for (let step = 0; step < 300; step++) {
    // Every so often the workspace starts over, so that edits land on files that still parse.
    if (step % 25 === 0) for (const u of uris) texts.set(u, originals.get(u)!);
    if (step % 25 === 0) {
      for (const u of uris) incremental.setFile(u, parseOkr(texts.get(u)!, caches.get(u)).model);
      passIds(incremental);
      before = fromScratch();
    }
    const uri = uris[Math.floor(rnd() * uris.length)];
    texts.set(uri, crossFileEdit(texts.get(uri)!));
    incremental.setFile(uri, parseOkr(texts.get(uri)!, caches.get(uri)).model);
    const touched = passIds(incremental);
    const after = fromScratch();
    for (const other of uris) {
      if (other === uri || before.get(other) === after.get(other)) continue;
      checked++;
      const model = parseOkr(texts.get(other)!).model;
      const lastCodes = new Set((JSON.parse(before.get(other)!) as { code: string }[]).map((d) => d.code));
      assert.ok(
        needsRecheck(model, touched, lastCodes),
        `edit ${step} to ${uri} changed ${other}'s diagnostics, but the pass would skip it (touched: ${[...touched]})`,
      );
    }
    before = after;
  }
  assert.ok(checked > 50, `${checked} other files changed: the edits must reach across files`);
});

test('a new line moves the objectives below it: other files are not re-checked unless an id of theirs is defined twice', () => {
  const read = (f: string) => readFileSync(path.join(EXAMPLES, f), 'utf8');
  const security = read('security.okr.yaml');
  // appsec.okr.yaml aligns to SEC-1 and SEC-2, whose definitions move down a line.
  const enter = security.replace(/(\n {4}title: Make account takeover[^\n]*)/, '$1\n');
  assert.notEqual(enter, security);
  for (const [others, expectChanged] of [
    [['appsec.okr.yaml', 'company.okr.yaml'], false],
    // A copy of the file: every id is defined twice, and duplicate-id quotes the moved lines.
    [['appsec.okr.yaml', 'company.okr.yaml', 'security.okr.yaml'], true],
  ] as const) {
    const uri = 'file:///a/security.okr.yaml';
    const otherModels = () => others.map((f) => ({ uri: `file:///b/${f}`, model: parseOkr(read(f)).model }));
    const ws = new Workspace([...otherModels(), { uri, model: parseOkr(security).model }]);
    const cache = new SliceCache();
    const before = parseOkr(security, cache);
    ws.setFile(uri, before.model);
    diagnosticsOf(before, defaultSettings, { uri, workspace: ws });
    const after = parseOkr(enter, cache);
    assert.equal(ws.setFile(uri, after.model), expectChanged, `beside ${others.join(', ')}`);
    const scratch = parseOkr(enter);
    const fresh = new Workspace([...otherModels(), { uri, model: scratch.model }]);
    assert.deepEqual(
      diagnosticsOf(after, defaultSettings, { uri, workspace: ws }),
      diagnosticsOf(scratch, defaultSettings, { uri, workspace: fresh }),
    );
  }
});
