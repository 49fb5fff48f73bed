import assert from 'node:assert/strict';
import { test } from 'node:test';
import { okrDocumentSelector, unservedSchemes } from '../../client/src/selector';

test('the document selector serves OKR files of each scheme, and okr.config.yaml where it can be saved', () => {
  assert.deepEqual(okrDocumentSelector(['file', 'untitled', 'file']), [
    { scheme: 'file', language: 'okr' },
    { scheme: 'file', pattern: '**/okr.config.yaml' },
    { scheme: 'untitled', language: 'okr' },
  ]);
});

test('a workspace folder of a scheme the selector does not serve is found, once per scheme', () => {
  const selector = okrDocumentSelector(['file', 'untitled']);
  assert.deepEqual(unservedSchemes(selector, ['file', 'untitled']), [], 'nothing new: no restart');
  assert.deepEqual(unservedSchemes(selector, ['file', 'untitled', 'vscode-vfs', 'vscode-vfs']), ['vscode-vfs']);
  assert.deepEqual(unservedSchemes(okrDocumentSelector(['file', 'vscode-vfs']), ['vscode-vfs', 'file']), []);
  // A folder removed: nothing to add (its open documents stay served until the next restart).
  assert.deepEqual(unservedSchemes(selector, ['file']), []);
  // Filters without a scheme (or plain language strings) serve no particular scheme.
  assert.deepEqual(unservedSchemes(['okr', { language: 'okr' }], ['file']), ['file']);
});
