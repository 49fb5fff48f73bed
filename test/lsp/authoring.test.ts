import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CompletionItem, CompletionList, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { startServer, type TestServer } from './client';

let dir: string;
let server: TestServer;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'okr-authoring-'));
  cpSync(path.join(__dirname, '..', '..', 'examples'), dir, { recursive: true });
  server = await startServer(undefined, undefined, pathToFileURL(dir).toString());
});
after(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

const TEXT = [
  'period: 2026-Q1',
  'team: platform',
  'objectives:',
  '  - id: PLAT-1',
  '    title: Make account takeover a non-event for our customers',
  '    owner: alice',
  '    tenet: ',
  '    aligns_to: ',
  '    key_results:',
  '      # reviewed every Monday',
  '      - title: process is documented',
  '        owner: bob',
  '      - title: Cut credential-stuffing logins from 220 to 20 a week',
  '        baseline: 220',
  '        target: 20',
  '',
].join('\n');

test('completion over stdio: tenet: gives the workspace tenets, aligns_to: objective ids with titles', async () => {
  const uri = pathToFileURL(path.join(dir, 'platform.okr.yaml')).toString();
  const published = server.diagnostics(uri);
  await server.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'okr', version: 1, text: TEXT },
  });
  await published;
  const items = async (line: number, character: number) => {
    const r = (await server.connection.sendRequest('textDocument/completion', {
      textDocument: { uri },
      position: { line, character },
    })) as CompletionItem[] | CompletionList;
    return Array.isArray(r) ? r : r.items;
  };
  const tenets = await items(6, 11);
  assert.deepEqual(
    tenets.map((i) => [i.label, i.detail]),
    [
      ['secure-the-product', 'Secure the Product'],
      ['protect-the-company', 'Protect the Company'],
      ['assure-the-customer', 'Assure the Customer'],
    ],
  );
  const parents = await items(7, 15);
  assert.ok(parents.some((i) => i.label === 'CO-2' && i.detail === "Customers' accounts and data stay theirs"));
  assert.ok(parents.some((i) => i.label === 'SEC-1' && /account takeover/.test(i.detail ?? '')));
});

test('codeAction over stdio lists fixes without edits; codeAction/resolve computes the edit', async () => {
  const uri = pathToFileURL(path.join(dir, 'platform.okr.yaml')).toString();
  const doc = TextDocument.create(uri, 'okr', 1, TEXT);
  const diagnostic: Diagnostic = {
    range: { start: { line: 10, character: 15 }, end: { line: 10, character: 37 } },
    severity: 2,
    source: 'okr',
    code: 'unmeasurable-key-result',
    message: 'Two people could disagree on whether this was hit',
    data: { keyResult: 0 },
  };
  const actions = (await server.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic] },
  })) as CodeAction[];
  const titles = actions.map((a) => a.title);
  assert.ok(titles.includes('Add metric, baseline and target'));
  assert.ok(titles.includes('Make it a milestone (done: false)'));
  assert.ok(actions.every((a) => a.edit === undefined && a.data));
  const resolved = (await server.connection.sendRequest(
    'codeAction/resolve',
    actions.find((a) => a.title === 'Add metric, baseline and target'),
  )) as CodeAction;
  const edits = resolved.edit!.changes![uri] as TextEdit[];
  const after = TextDocument.applyEdits(doc, edits);
  assert.equal(
    after,
    TEXT.replace(
      '      - title: process is documented\n',
      '      - title: process is documented\n        metric: what is measured, and how\n        baseline: 0\n        target: 1\n',
    ),
  );
  assert.ok(after.includes('      # reviewed every Monday\n'), 'comments intact');

  const fixAll = (await server.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source.fixAll'] },
  })) as CodeAction[];
  // Nothing here is safe to fix unattended (the unit tests cover what fix-all does apply).
  assert.deepEqual(fixAll, []);
});
