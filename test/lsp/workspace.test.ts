import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { PublishDiagnosticsParams, WorkspaceEdit } from 'vscode-languageserver-protocol';
import type { AlignmentTree } from '../../shared/protocol';
import { startServer, type TestServer } from './client';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');
let dir: string;
let server: TestServer;
const uriOf = (name: string) => pathToFileURL(path.join(dir, name)).toString();
const textOf = (name: string) => readFileSync(path.join(dir, name), 'utf8');
const codes = (p: PublishDiagnosticsParams, code: string) => p.diagnostics.filter((d) => d.code === code);

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'okr-ws-'));
  cpSync(EXAMPLES, dir, { recursive: true });
  server = await startServer(undefined, undefined, pathToFileURL(dir).toString());
});
after(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

const open = async (name: string, text = textOf(name)) => {
  const published = server.diagnostics(uriOf(name));
  await server.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri: uriOf(name), languageId: 'okr', version: 1, text },
  });
  return published;
};

test('the whole workspace is indexed at start: closed files get their diagnostics', async () => {
  // mistakes.okr.yaml is never opened; its duplicate id is still reported.
  const p = await server.diagnostics(uriOf('mistakes.okr.yaml'), (x) => codes(x, 'duplicate-id').length > 0);
  assert.equal(codes(p, 'duplicate-id').length, 1);
});

test('definition, references, workspace symbols and code lens across files', async () => {
  await open('security.okr.yaml');
  const text = textOf('security.okr.yaml');
  const doc = TextDocument.create(uriOf('security.okr.yaml'), 'okr', 1, text);
  const position = doc.positionAt(text.indexOf('aligns_to: CO-2') + 'aligns_to: '.length + 1);
  const defs = (await server.connection.sendRequest('textDocument/definition', {
    textDocument: { uri: doc.uri },
    position,
  })) as { uri: string; range: { start: { line: number } } }[];
  assert.equal(defs.length, 1);
  assert.equal(defs[0].uri, uriOf('company.okr.yaml'));
  assert.match(textOf('company.okr.yaml').split('\n')[defs[0].range.start.line], /id: CO-2$/);

  const refs = (await server.connection.sendRequest('textDocument/references', {
    textDocument: { uri: doc.uri },
    position,
    context: { includeDeclaration: true },
  })) as { uri: string }[];
  assert.deepEqual([...new Set(refs.map((r) => path.basename(r.uri)))].sort(), [
    'appsec.okr.yaml',
    'company.okr.yaml',
    'security.okr.yaml',
  ]);

  const symbols = (await server.connection.sendRequest('workspace/symbol', { query: 'APPSEC-3' })) as {
    name: string;
  }[];
  assert.deepEqual(
    symbols.map((s) => s.name),
    ['APPSEC-3', 'APPSEC-3.1', 'APPSEC-3.2', 'APPSEC-3.3'],
  );

  const lenses = (await server.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: doc.uri } })) as {
    command: { title: string };
  }[];
  assert.equal(lenses.length, 6);
  // The examples' period (2026-Q1) is over: the lens gives the score.
  assert.match(lenses[0].command.title, /^score \d\.\d+ · 3 KRs · aligned: 1 child · rolled up \d+%$/);
});

test('rename a company objective id: every aligns_to in every file, nothing else', async () => {
  await open('company.okr.yaml');
  const text = textOf('company.okr.yaml');
  const doc = TextDocument.create(uriOf('company.okr.yaml'), 'okr', 1, text);
  const position = doc.positionAt(text.indexOf('id: CO-2') + 5);
  const prepared = (await server.connection.sendRequest('textDocument/prepareRename', {
    textDocument: { uri: doc.uri },
    position,
  })) as {
    placeholder: string;
  };
  assert.equal(prepared.placeholder, 'CO-2');
  const edit = (await server.connection.sendRequest('textDocument/rename', {
    textDocument: { uri: doc.uri },
    position,
    newName: 'CO-9',
  })) as WorkspaceEdit;
  const changed = Object.keys(edit.changes!)
    .map((u) => path.basename(u))
    .sort();
  assert.deepEqual(changed, ['appsec.okr.yaml', 'company.okr.yaml', 'security.okr.yaml']);
  for (const [uri, edits] of Object.entries(edit.changes!)) {
    const name = path.basename(uri);
    const before = textOf(name);
    const after = TextDocument.applyEdits(TextDocument.create(uri, 'okr', 1, before), edits);
    // Byte-identical but for the ids: undoing the rename on the ids gives the original back.
    assert.equal(after.replace(/\bCO-9\b/g, 'CO-2'), before, name);
    assert.equal((after.match(/\bCO-9\b/g) ?? []).length, edits.length);
    assert.ok(!/\bCO-2\b(?![.\d])/.test(after), `${name} has no CO-2 left`);
  }
  // A title cannot be renamed.
  await assert.rejects(
    server.connection.sendRequest('textDocument/prepareRename', {
      textDocument: { uri: doc.uri },
      position: doc.positionAt(text.indexOf('title: ') + 9),
    }),
    /Only objective, tenet and person ids can be renamed/,
  );
});

test('cross-file diagnostics appear and clear when another file changes in the editor', async () => {
  const child = 'appsec.okr.yaml';
  await open(child);
  const parentText = textOf('security.okr.yaml');
  const appeared = server.diagnostics(uriOf(child), (p) => codes(p, 'unknown-parent').length > 0);
  // Rename SEC-2's id in the editor (not on disk): the children of SEC-2 lose their parent.
  await server.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri: uriOf('security.okr.yaml'), version: 2 },
    contentChanges: [{ text: parentText.replace('id: SEC-2\n', 'id: SEC-20\n') }],
  });
  const p = await appeared;
  const messages = codes(p, 'unknown-parent').map((d) => d.message as string);
  assert.equal(messages.length, 2);
  for (const m of messages) assert.match(m, /^No objective `SEC-2` in the workspace; did you mean `SEC-\d+`\?$/);
  const cleared = server.diagnostics(uriOf(child), (x) => codes(x, 'unknown-parent').length === 0);
  await server.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri: uriOf('security.okr.yaml'), version: 3 },
    contentChanges: [{ text: parentText }],
  });
  await cleared;
});

test('deleting the parent file on disk (a watched-file event) makes unknown-parent appear in its children', async () => {
  const company = path.join(dir, 'company.okr.yaml');
  await server.connection.sendNotification('textDocument/didClose', {
    textDocument: { uri: uriOf('company.okr.yaml') },
  });
  const appeared = server.diagnostics(uriOf('security.okr.yaml'), (p) => codes(p, 'unknown-parent').length > 0);
  rmSync(company);
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', {
    changes: [{ uri: uriOf('company.okr.yaml'), type: 3 }],
  });
  const p = await appeared;
  assert.ok(codes(p, 'unknown-parent').every((d) => /No objective `CO-\d`/.test(d.message as string)));
  // It comes back: created again, the diagnostics clear.
  const cleared = server.diagnostics(uriOf('security.okr.yaml'), (x) => codes(x, 'unknown-parent').length === 0);
  cpSync(path.join(EXAMPLES, 'company.okr.yaml'), company);
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', {
    changes: [{ uri: uriOf('company.okr.yaml'), type: 1 }],
  });
  await cleared;
});

test('a cycle across three files is reported in all three', async () => {
  const cycle = (id: string, parent: string) =>
    `period: 2026-Q1\nobjectives:\n  - id: ${id}\n    title: Loop ${id}\n    aligns_to: ${parent}\n`;
  const names = ['x.okr.yaml', 'y.okr.yaml', 'z.okr.yaml'];
  names.forEach((n, i) => writeFileSync(path.join(dir, n), cycle(`L${i}`, `L${(i + 1) % 3}`)));
  const waits = names.map((n) => server.diagnostics(uriOf(n), (p) => codes(p, 'alignment-cycle').length > 0));
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', {
    changes: names.map((n) => ({ uri: uriOf(n), type: 1 })),
  });
  for (const p of await Promise.all(waits))
    assert.match(codes(p, 'alignment-cycle')[0].message as string, /L\d → L\d → L\d → L\d/);
});

test('okr/alignmentTree returns the tree with progress and edges', async () => {
  const tree = (await server.connection.sendRequest('okr/alignmentTree', {})) as AlignmentTree;
  const sec1 = tree.objectives.find((o) => o.id === 'SEC-1')!;
  assert.equal(sec1.file, uriOf('security.okr.yaml'));
  assert.deepEqual(sec1.parents, ['CO-2']);
  assert.ok(sec1.progress! > 0 && sec1.progress! < 1);
  assert.ok(tree.edges.some((e) => e.child === 'APPSEC-2' && e.parent === 'SEC-1'));
  assert.deepEqual(
    tree.tenets.map((t) => t.id),
    ['secure-the-product', 'protect-the-company', 'assure-the-customer'],
  );
});

test('a file open outside the workspace folders sees the workspace, and the workspace does not see it', async () => {
  const elsewhere = mkdtempSync(path.join(tmpdir(), 'okr-elsewhere-'));
  const uri = pathToFileURL(path.join(elsewhere, 'draft.okr.yaml')).toString();
  const text = (parent: string) =>
    `period: 2026-Q1\nobjectives:\n  - id: OUT-1\n    title: Make account takeover a non-event for our customers\n    aligns_to: ${parent}\n`;
  try {
    const first = server.diagnostics(uri);
    await server.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'okr', version: 1, text: text('CO-2') },
    });
    assert.deepEqual(codes(await first, 'unknown-parent'), [], 'CO-2 is in the workspace');
    // Edited: checked incrementally against the same workspace, keystroke after keystroke.
    for (const [version, parent, unknown] of [
      [2, 'CO-9', 1],
      [3, 'CO-2', 0],
      [4, 'OUT-1', 0],
    ] as const) {
      const next = server.diagnostics(uri, (p) => p.version === version);
      await server.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ text: text(parent) }],
      });
      assert.equal(codes(await next, 'unknown-parent').length, unknown, `aligns_to ${parent}`);
    }
    // A workspace file cannot align to it: OUT-1 is not in the workspace.
    const security = await open(
      'security.okr.yaml',
      textOf('security.okr.yaml').replace(/aligns_to: \S+/, 'aligns_to: OUT-1'),
    );
    const reported = codes(security, 'unknown-parent').map((d) => String(d.message));
    assert.ok(
      reported.some((m) => m.includes('OUT-1')),
      `security.okr.yaml: ${reported}`,
    );
    const closed = server.diagnostics(uri, (p) => p.diagnostics.length === 0);
    await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await closed;
    await server.connection.sendNotification('textDocument/didClose', {
      textDocument: { uri: uriOf('company.okr.yaml') },
    });
  } finally {
    rmSync(elsewhere, { recursive: true, force: true });
  }
});
