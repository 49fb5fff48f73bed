import assert from 'node:assert/strict';
import { test } from 'node:test';
import { okrDocumentSelector, widenSelector } from '../../client/src/selector';

test('the document selector serves OKR files of each scheme, and okr.config.yaml where it can be saved', () => {
  assert.deepEqual(okrDocumentSelector(['file', 'untitled', 'file']), [
    { scheme: 'file', language: 'okr' },
    { scheme: 'file', pattern: '**/okr.config.yaml' },
    { scheme: 'untitled', language: 'okr' },
  ]);
});

test('a workspace folder of a new scheme widens the selector in place, once', () => {
  const selector = okrDocumentSelector(['file', 'untitled']);
  const before = selector.length;
  assert.deepEqual(widenSelector(selector, ['file', 'untitled']), [], 'nothing new: no restart');
  assert.equal(selector.length, before);
  assert.deepEqual(widenSelector(selector, ['file', 'untitled', 'vscode-vfs', 'vscode-vfs']), ['vscode-vfs']);
  assert.deepEqual(selector.slice(before), [
    { scheme: 'vscode-vfs', language: 'okr' },
    { scheme: 'vscode-vfs', pattern: '**/okr.config.yaml' },
  ]);
  assert.deepEqual(widenSelector(selector, ['vscode-vfs']), [], 'served now');
  // A folder removed later is not narrowed away: its open documents keep being served.
  assert.deepEqual(widenSelector(selector, ['file']), []);
  // Filters without a scheme (or plain language strings) serve no particular scheme.
  assert.deepEqual(widenSelector(['okr', { language: 'okr' }], ['file']), ['file']);
});
