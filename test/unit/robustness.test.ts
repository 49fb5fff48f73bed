/** Regression tests for what the fuzz test (test/lsp/fuzz.test.ts) found, one per bug. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { clampedTextDocument as editorDocuments } from '../../server/src/textDocuments';
import { hover, parseConfig, parseOkr, singleFile, validateText } from '../../server/src/service';

const clampedTextDocument = editorDocuments();
import { Positions } from '../../server/src/service/parse/positions';
import { MAX_DEPTH, tooDeepAt } from '../../server/src/service/parse/depth';
import { parseDirectives } from '../../server/src/service/directives';
import { suggestId } from '../../server/src/service/rules/suggest';
import { TextModel } from '../fuzz/textModel';
import { brief } from '../helpers';

test('an incremental change past the last line keeps the document whole (vscode-languageserver-textdocument 1.0.16 corrupts it)', () => {
  const past = { range: { start: { line: 5, character: 0 }, end: { line: 7, character: 0 } }, text: 'X\nY\nZ' };
  const next = { range: { start: { line: 4, character: 0 }, end: { line: 4, character: 1 } }, text: 'Q' };
  // The library alone: the second edit lands at the wrong offset and repeats the text.
  const raw = TextDocument.update(TextDocument.create('file:///a', 'okr', 1, 'a\nb\nc'), [past], 2);
  assert.equal(TextDocument.update(raw, [next], 3).getText(), 'a\nb\ncX\nY\nZQa\nb\ncX\nY\nZ');
  // Clamped first, as the server does: the edits apply where LSP says (the end of the text).
  let doc = clampedTextDocument.create('file:///a', 'okr', 1, 'a\nb\nc');
  doc = clampedTextDocument.update(doc, [past], 2);
  assert.equal(doc.getText(), 'a\nb\ncX\nY\nZ');
  assert.equal(doc.lineCount, 5);
  assert.deepEqual(doc.positionAt(doc.getText().length), { line: 4, character: 1 });
  doc = clampedTextDocument.update(doc, [next], 3);
  assert.equal(doc.getText(), 'a\nb\ncX\nY\nQ');
  assert.equal(doc.version, 3);
  // Several changes in one notification: each range refers to the text the previous one left.
  const model = new TextModel('one\ntwo\n');
  const changes = [
    { range: { start: { line: 9, character: 0 }, end: { line: 9, character: 0 } }, text: 'three\nfour' },
    { range: { start: { line: 3, character: 99 }, end: { line: 1, character: 1 } }, text: '!' },
  ];
  model.apply(changes);
  const many = clampedTextDocument.update(clampedTextDocument.create('file:///b', 'okr', 1, 'one\ntwo\n'), changes, 2);
  assert.equal(many.getText(), model.text);
  assert.equal(many.getText(), 'one\nt!');
});

test('a change without its text deletes its range (a whole-text one changes nothing) instead of throwing', () => {
  let doc = clampedTextDocument.create('file:///c', 'okr', 1, 'one\ntwo\n');
  const noText = { range: { start: { line: 0, character: 1 }, end: { line: 0, character: 3 } } };
  doc = clampedTextDocument.update(doc, [noText as unknown as { range: typeof noText.range; text: string }], 2);
  assert.equal(doc.getText(), 'o\ntwo\n');
  doc = clampedTextDocument.update(doc, [{} as { text: string }], 3);
  assert.equal(doc.getText(), 'o\ntwo\n');
  assert.equal(doc.version, 3);
});

test('positions follow LSP line breaks: \\r\\n, \\n and a lone \\r; never past the end of a line', () => {
  const p = new Positions('a: 1\rb: 2\r\nc: 3\nd');
  assert.deepEqual(p.at(5), { line: 1, character: 0 });
  assert.deepEqual(p.at(11), { line: 2, character: 0 });
  assert.deepEqual(p.at(16), { line: 3, character: 0 });
  // Inside a \r\n, or past the text: the end of the line, or of the text.
  assert.deepEqual(p.at(10), { line: 1, character: 4 });
  assert.deepEqual(p.at(99), { line: 3, character: 1 });
  assert.deepEqual(new Positions('').range(0, 1), { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
});

test('a file with a lone \\r gets diagnostics on the lines the editor shows', () => {
  // yaml reads a lone \r as part of the text; LSP (and the editor) as a line break.
  const text = 'objectives:\n  - id: A\n    title: "Improve the efficiency of \rassessment"\n    owner: [\n';
  const model = new TextModel(text);
  const ds = validateText(text);
  assert.ok(ds.length > 0);
  for (const d of ds) assert.equal(model.outside(d.range), undefined, brief(d));
  const vague = ds.find((d) => d.code === 'vague-objective');
  assert.deepEqual(vague?.range.end, { line: 3, character: 11 });
  // Directives count lines the same way.
  assert.deepEqual(
    parseDirectives('a: 1\r# okr-disable x\r\nb: 2\n  # okr-enable x').map((d) => [d.line, d.range.start.character]),
    [
      [1, 0],
      [3, 2],
    ],
  );
});

test('nesting deeper than 100 levels gets one clear diagnostic and is not handed to yaml', () => {
  assert.equal(tooDeepAt('a:\n  b:\n    - [c, {d: e}]\n'), undefined);
  assert.equal(tooDeepAt('title: "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[" # [[[[[[[[[[[[\n', 5), undefined);
  for (const [name, text] of [
    ['flow', 'objectives: ' + '['.repeat(10_000) + ']'.repeat(10_000) + '\n'],
    ['flow, unclosed', 'period: ' + '{a: '.repeat(100_000) + '\n'],
    ['compact block', 'objectives:\n  ' + '- '.repeat(10_000) + 'x\n'],
    ['indented block', 'objectives:\n' + Array.from({ length: 150 }, (_, d) => ' '.repeat(d + 2) + '- x:').join('\n')],
    ['in one item', 'objectives:\n  - id: A\n    title: T\n    description: ' + '['.repeat(100_000) + '\n'],
    // Keys on one line (a fuzz input: a long run of "30-day retention: Increase …" made yaml overflow its stack).
    [
      'keys on one line',
      'people:\n  - id: dana\n    email: ' + '30-day retention: Increase from 52% '.repeat(10_000) + '\n',
    ],
  ]) {
    const started = performance.now();
    const ds = validateText(text);
    const ms = performance.now() - started;
    assert.deepEqual(
      ds.map((d) => [d.code, d.message]),
      [
        [
          'yaml-syntax',
          `Nested more than ${MAX_DEPTH} levels deep (brackets, braces, indentation or keys on one line): okr-lens does not read such YAML. An OKR file needs fewer than 10.`,
        ],
      ],
      name,
    );
    assert.ok(ms < 1000, `${name}: ${ms} ms`);
  }
  // The config file too.
  assert.match(parseConfig('rules: ' + '['.repeat(1000)).findings[0].message, /Nested more than 100 levels/);
  // Only the item that is too deep is left unread.
  const file = parseOkr(
    'objectives:\n  - id: A\n    title: T\n    x: ' + '['.repeat(500) + '\n  - id: B\n    title: U\n',
  );
  assert.deepEqual(
    file.model.objectives.map((o) => (o.item.kind === 'objective' ? o.item.id?.value : '?')),
    ['B'],
  );
});

test('a 300,000-character objective title is checked in well under a second (the language models read 64 words)', () => {
  const title = 'All event lead uploads within 48 hours '.repeat(8_000);
  validateText('objectives:\n  - id: W\n    title: warm up\n');
  const started = performance.now();
  const ds = validateText(`objectives:\n  - id: C-1\n    title: ${title}\n`);
  const ms = performance.now() - started;
  assert.ok(ds.some((d) => d.code === 'quantitative-objective'));
  assert.ok(ms < 2000, `${ms} ms`);
});

test('a key that is a list or a mapping gets one diagnostic, without yaml stringifying it (quadratic)', () => {
  let key = 'x';
  for (let i = 0; i < 45; i++) key = `{? [${key}, ${'word '.repeat(500)}] : v}`;
  validateText('team: a\n');
  const started = performance.now();
  const ds = validateText(`objectives:\n  - id: A\n    title: T\n    notes: ${key}\n`);
  const ms = performance.now() - started;
  assert.deepEqual(
    ds.map((d) => [d.code, d.message, d.range.start.line]),
    [
      [
        'yaml-syntax',
        'A key here is a list or a mapping (such as `[a]: b` or `? {a: b}`): okr-lens reads only plain keys.',
        3,
      ],
    ],
  );
  // About 1.2 s before, when yaml turned every nested key into a string of its content.
  assert.ok(ms < 400, `${ms} ms`);
  assert.match(parseConfig('rules:\n  [a]: warning\n').findings[0].message, /A key here is a list or a mapping/);
});

test('objective hovers show OKR text inert: no remote image, no link, no formatting from a title', () => {
  const text = [
    'objectives:',
    '  - id: A',
    '    title: "![pixel](https://tracker.example/p.png?u=me) [click](https://phish.example) **loud** <b>x</b>"',
    '',
  ].join('\n');
  const file = parseOkr(text);
  const h = hover(
    TextDocument.create('file:///a.okr.yaml', 'okr', 1, text),
    file,
    { line: 1, character: 8 },
    singleFile('file:///a.okr.yaml', file.model),
  );
  const value = (h?.contents as { value: string }).value;
  assert.equal(
    value.split('\n')[0],
    '**A** \\!\\[pixel\\]\\(https://tracker.example/p.png?u=me\\) \\[click\\]\\(https://phish.example\\) \\*\\*loud\\*\\* \\<b\\>x\\</b\\>',
  );
  assert.doesNotMatch(value, /!\[|\]\(/);
});

test('no typo suggestion is computed for very long ids (edit distance is length × length)', () => {
  const id = 'x'.repeat(300_000);
  const text = `objectives:\n  - id: ${id}\n    title: T\n  - id: B\n    title: U\n    aligns_to: ${'x'.repeat(100_000)}\n    tenet: ${'y'.repeat(100_000)}\n`;
  validateText('team: a\n');
  const started = performance.now();
  const ds = validateText(text);
  const ms = performance.now() - started;
  // 25 s before; the message names no nearest id.
  assert.ok(ms < 2000, `${ms} ms`);
  assert.ok(ds.some((d) => d.code === 'unknown-parent' && !/did you mean/.test(String(d.message))));
  // Short ids keep their suggestions.
  assert.deepEqual(suggestId('CO-3', ['CO-2', 'SEC-1']), 'CO-2');
  assert.equal(suggestId('x'.repeat(65), ['x'.repeat(64)]), undefined);
});

test('a list longer than okr-lens reads gets one diagnostic, quickly, and no list is spread into a call', () => {
  // One objective whose key_results are 150,001 numbers: ajv's check alone would copy its errors for each
  // item (quadratic), and one call pushing 150,001 findings would overflow the stack.
  const text = (list: string) => `objectives:\n  - id: O-1\n    title: T\n    ${list}\n`;
  const many = validateText(text(`key_results: [${'1,'.repeat(150_000)}1]`)).filter((d) => d.code === 'yaml-syntax');
  assert.deepEqual(
    many.map((d) => [d.message, d.range.start.line]),
    [['This list has 150,001 entries: okr-lens reads up to 5,000.', 3]],
  );
  // A flow list of 200,001 ids (walked when looking for a key that is a list or a mapping) likewise.
  assert.equal(parseOkr(text(`aligns_to: [${'a,'.repeat(200_000)}a]`)).findings.length, 1);
  // 5,000 entries are read (each wrong one reported).
  const most = validateText(text(`key_results: [${'1,'.repeat(4_999)}1]`)).filter((d) => d.code === 'schema');
  assert.equal(most.length, 5_000);
});
