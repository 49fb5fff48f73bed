/** Regression tests for what the fuzz test (test/lsp/fuzz.test.ts) found, one per bug. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { clampedTextDocument } from '../../server/src/textDocuments';
import { TextModel } from '../fuzz/textModel';

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
