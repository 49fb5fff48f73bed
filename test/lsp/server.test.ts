import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { startServer, type TestServer } from './client';
import { brief, OBJECTIVE_HEAD } from '../helpers';
import { TextModel } from '../fuzz/textModel';

let server: TestServer;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server.stop();
});

const open = (uri: string, text: string, version = 1) =>
  server.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'okr', version, text },
  });

const TITEL = [
  ...OBJECTIVE_HEAD,
  '      - titel: Cut the median days to patch critical CVEs',
  '        baseline: 30',
  '        target: 7',
  '      - title: Phishing-resistant MFA on 100% of staff accounts',
  '        done: false',
  '',
].join('\n');

/** Only the codes a test is about (every other rule has its own tests). */
const only = (codes: string[], p: PublishDiagnosticsParams) =>
  p.diagnostics.filter((d) => codes.includes(String(d.code)));

test('initialize announces incremental sync, hover and symbols', async () => {
  const other = await startServer();
  const result = (await other.connection.sendRequest('initialize', {
    processId: null,
    rootUri: null,
    capabilities: {},
  })) as {
    capabilities: Record<string, unknown>;
  };
  await other.stop();
  assert.deepEqual(result.capabilities.textDocumentSync, { openClose: true, change: 2 });
  assert.equal(result.capabilities.hoverProvider, true);
  assert.equal(result.capabilities.documentSymbolProvider, true);
});

test('didOpen publishes a schema diagnostic exactly on a misspelt key', async () => {
  const uri = 'file:///w/titel.okr.yaml';
  const published = server.diagnostics(uri);
  await open(uri, TITEL);
  const p = await published;
  assert.equal(p.version, 1);
  const titel = p.diagnostics.find((d) => d.message.toString().startsWith('Unknown field'))!;
  assert.deepEqual(titel.range, { start: { line: 6, character: 8 }, end: { line: 6, character: 13 } });
  assert.equal(titel.code, 'schema');
  assert.equal(titel.source, 'okr');
  assert.equal(titel.message, 'Unknown field `titel` in key result; did you mean `title`?');
  assert.equal(titel.codeDescription?.href, 'https://github.com/okr-lens/okr-lens/blob/main/docs/rules/schema.md');
});

test('incremental didChange re-publishes; didClose clears', async () => {
  const uri = 'file:///w/edit.okr.yaml';
  const first = server.diagnostics(uri);
  await open(uri, TITEL);
  assert.equal((await first).diagnostics.length, 2);

  // Fix `titel` to `title` with a ranged change.
  const fixed = server.diagnostics(uri, (p) => p.version === 2);
  await server.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line: 6, character: 8 }, end: { line: 6, character: 13 } }, text: 'title' }],
  });
  assert.deepEqual((await fixed).diagnostics, []);

  // Duplicate the objective: an edit at the end.
  const dup = server.diagnostics(uri, (p) => p.version === 3);
  await server.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 3 },
    contentChanges: [
      {
        range: { start: { line: 11, character: 0 }, end: { line: 11, character: 0 } },
        text: '  - id: SEC-1\n    title: again\n',
      },
    ],
  });
  assert.deepEqual(only(['duplicate-id'], await dup).map(brief), [
    'duplicate-id 11:8-11:13 Duplicate id `SEC-1`: it is already defined on line 2.',
  ]);

  const cleared = server.diagnostics(uri);
  await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  assert.deepEqual((await cleared).diagnostics, []);
});

test('a burst of edits ends with diagnostics for the last version', async () => {
  const uri = 'file:///w/burst.okr.yaml';
  const opened = server.diagnostics(uri);
  await open(uri, 'team: a\n');
  await opened;
  const last = server.diagnostics(uri, (p) => p.version === 21);
  for (let v = 2; v <= 21; v++) {
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: v },
      contentChanges: [{ text: v % 2 ? 'team: [\n' : 'team: a\n' }],
    });
  }
  const p = await last;
  assert.deepEqual(
    p.diagnostics.map((d) => d.code),
    ['yaml-syntax', 'schema'].filter((c) => p.diagnostics.some((d) => d.code === c)),
  );
  assert.ok(p.diagnostics.length > 0, 'version 21 is broken YAML');
});

test('hover and document symbols over stdio', async () => {
  const uri = 'file:///w/security.okr.yaml';
  const text = readFileSync(path.join(__dirname, '..', '..', 'examples', 'security.okr.yaml'), 'utf8');
  const published = server.diagnostics(uri);
  await open(uri, text);
  await published;
  const line = text.split('\n').findIndex((l) => /^\s+aligns_to:/.test(l));
  const h = (await server.connection.sendRequest('textDocument/hover', {
    textDocument: { uri },
    position: { line, character: text.split('\n')[line].indexOf('aligns_to') + 2 },
  })) as { contents: { value: string } };
  assert.match(h.contents.value, /^\*\*aligns_to\*\*/);
  const symbols = (await server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as {
    detail: string;
    children: unknown[];
  }[];
  assert.deepEqual(
    symbols.map((s) => s.detail),
    [...text.matchAll(/^ {2}- id: (\S+)/gm)].map((m) => m[1]),
  );
  assert.ok(symbols.every((s) => s.children.length >= 2));
});

test('garbage and binary input are answered without a crash', async () => {
  const inputs = [
    Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1'),
    '\u0000\u0001\u0002objectives:\n\u0000  - id: [\n',
    '- - - - -\n  ]]]}}}: : :\n\t\t&a *b !!binary |\n',
    '{'.repeat(5000),
    'objectives:\n' + '  - '.repeat(2000) + 'x\n',
    '\uFEFFperiod: 2026-Q1\n\uD800\n',
  ];
  for (const [i, text] of inputs.entries()) {
    const uri = `file:///w/garbage-${i}.okr.yaml`;
    const published = server.diagnostics(uri);
    await open(uri, text);
    const p = await published;
    // Lines as LSP counts them (a lone \r ends one too), and never past the end of a line.
    const model = new TextModel(text);
    for (const d of p.diagnostics) assert.equal(model.outside(d.range), undefined, `range inside document ${i}`);
    const h = await server.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: 0, character: 1 },
    });
    assert.ok(h === null || typeof h === 'object');
    await server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
  }
  // An unknown request gets a JSON-RPC error, not silence or a crash.
  await assert.rejects(server.connection.sendRequest('okr/noSuchThing', {}), /Unhandled method|not found/i);
  assert.equal(server.process.exitCode, null);
});

test('settings are pulled from the client per document and re-read when they change', async () => {
  const configured = await startServer(undefined, { rules: { 'duplicate-id': 'warning', schema: 'off' } });
  try {
    const uri = 'file:///w/settings.okr.yaml';
    const published = configured.diagnostics(uri);
    await configured.connection.sendNotification('textDocument/didOpen', {
      textDocument: {
        uri,
        languageId: 'okr',
        version: 1,
        text: 'objectives:\n  - id: A\n    titel: a\n  - id: A\n    title: b\n',
      },
    });
    const p = await published;
    assert.deepEqual(
      only(['duplicate-id', 'schema'], p).map((d) => [d.code, d.severity]),
      [['duplicate-id', 2]],
    );
    // didChangeConfiguration makes the server pull again and re-check open documents.
    const again = configured.diagnostics(uri);
    await configured.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    assert.equal(only(['duplicate-id', 'schema'], await again).length, 1);
  } finally {
    await configured.stop();
  }
});

test('a client without workspace/configuration can push settings', async () => {
  const uri = 'file:///w/pushed.okr.yaml';
  const first = server.diagnostics(uri);
  await open(uri, 'objectives:\n  - id: A\n    title: a\n  - id: A\n    title: b\n');
  assert.equal(only(['duplicate-id'], await first)[0].severity, 1);
  const pushed = server.diagnostics(uri);
  await server.connection.sendNotification('workspace/didChangeConfiguration', {
    settings: { okr: { rules: { 'duplicate-id': 'hint' } } },
  });
  assert.equal(only(['duplicate-id'], await pushed)[0].severity, 4);
  const reset = server.diagnostics(uri);
  await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: { okr: {} } });
  assert.equal(only(['duplicate-id'], await reset)[0].severity, 1);
});
