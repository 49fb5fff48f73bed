/**
 * The server's diagnostics pipeline on its own (server/src/diagnostics.ts): real documents, a real
 * workspace index on a temporary folder, and a list of what it would send.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { defaultSettings, parseConfig, ParsedDocuments } from '../../server/src/service';
import { DiagnosticsPipeline } from '../../server/src/diagnostics';
import { WorkspaceIndex } from '../../server/src/workspaceIndex';
import { nodeFileAccess } from '../../server/src/node/fileAccess';
import { newOkrFileTemplate } from '../../shared/template';

const PARENT = `objectives:
  - id: CO-1
    title: Customers trust us with their source code
`;
const child = (parent: string, id = 'A-1') => `objectives:
  - id: ${id}
    title: Make account takeover a non-event for our customers
    aligns_to: ${parent}
`;

function setup(files: Record<string, string>) {
  const dir = mkdtempSync(path.join(tmpdir(), 'okr-pipeline-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  const uri = (name: string) => pathToFileURL(path.join(dir, name)).href;
  const open = new Map<string, TextDocument>();
  const sent: PublishDiagnosticsParams[] = [];
  const index = new WorkspaceIndex(nodeFileAccess());
  index.setRoots([pathToFileURL(dir).href]);
  const pipeline = new DiagnosticsPipeline({
    documents: { get: (u) => open.get(u), all: () => [...open.values()] },
    parsed: new ParsedDocuments(),
    index,
    settings: { get: async () => defaultSettings, getMany: async (uris) => uris.map(() => defaultSettings) },
    configs: { isConfig: (u) => u.endsWith('/okr.config.yaml'), parse: parseConfig },
    send: (p) => sent.push(p),
    log: (m) => assert.fail(m),
  });
  const progress = { begin: () => undefined, report: () => undefined, done: () => undefined };
  /** Resolves once every scheduled run and pass has settled. */
  const settled = () => pipeline.whenIdle();
  const codesOf = (name: string) =>
    sent.filter((p) => p.uri === uri(name)).map((p) => p.diagnostics.map((d) => d.code));
  return {
    dir,
    uri,
    open,
    sent,
    pipeline,
    progress,
    settled,
    codesOf,
    done: () => rmSync(dir, { recursive: true, force: true }),
  };
}

test("before the scan an open file gets only its own diagnostics; the scan's end adds the cross-file ones", async () => {
  const t = setup({
    'parent.okr.yaml': PARENT,
    'child.okr.yaml': child('CO-1'),
    'orphan.okr.yaml': child('NOPE-1', 'B-1'),
  });
  try {
    t.open.set(
      t.uri('orphan.okr.yaml'),
      TextDocument.create(t.uri('orphan.okr.yaml'), 'okr', 1, child('NOPE-1', 'B-1')),
    );
    t.pipeline.schedule(t.uri('orphan.okr.yaml'));
    await t.settled();
    assert.equal(t.pipeline.ready, false);
    // Published at once, without unknown-parent: its parent might be in a file not read yet.
    const [own] = t.codesOf('orphan.okr.yaml');
    assert.ok(own.length > 0 && !own.includes('unknown-parent'), String(own));
    await t.pipeline.indexWorkspace(t.progress);
    await t.settled();
    assert.equal(t.pipeline.ready, true);
    assert.deepEqual(t.codesOf('orphan.okr.yaml').at(-1)!.sort(), [...own, 'unknown-parent'].sort());
    // The child's parent exists: it never gets unknown-parent.
    assert.ok(t.codesOf('child.okr.yaml').every((codes) => !codes.includes('unknown-parent')));
  } finally {
    t.done();
  }
});

test('a pass re-checks the files a change reaches and publishes only what changed', async () => {
  const t = setup({
    'parent.okr.yaml': PARENT,
    'child.okr.yaml': child('CO-1'),
    'other.okr.yaml': child('CO-1', 'C-1').replace('aligns_to: CO-1', 'owner: carol'),
  });
  try {
    await t.pipeline.indexWorkspace(t.progress);
    await t.settled();
    const before = t.sent.length;
    // The parent's id changes in the editor: the child's parent is gone; the other file is not concerned.
    const parent = t.uri('parent.okr.yaml');
    t.open.set(parent, TextDocument.create(parent, 'okr', 2, PARENT.replace('CO-1', 'CO-9')));
    t.pipeline.schedule(parent);
    await t.settled();
    const after = t.sent.slice(before);
    assert.deepEqual(
      after.map((p) => path.basename(p.uri)),
      ['parent.okr.yaml', 'child.okr.yaml'],
      'the parent (its own run) and the child (the pass); nothing for other.okr.yaml',
    );
    assert.ok(after[1].diagnostics.some((d) => d.code === 'unknown-parent'));
  } finally {
    t.done();
  }
});

test('a result for an older version is never published over a newer one', async () => {
  const t = setup({ 'a.okr.yaml': child('NOPE-1') });
  try {
    await t.pipeline.indexWorkspace(t.progress);
    const uri = t.uri('a.okr.yaml');
    for (let version = 2; version <= 5; version++) {
      t.open.set(uri, TextDocument.create(uri, 'okr', version, child(`NOPE-${version}`)));
      t.pipeline.schedule(uri);
    }
    await t.settled();
    const versions = t.sent.filter((p) => p.uri === uri && p.version !== undefined).map((p) => p.version);
    assert.deepEqual(versions, [5], 'one run, for the last version');
  } finally {
    t.done();
  }
});

test('clean files are never sent empty diagnostics they never had', async () => {
  const t = setup({ 'clean.okr.yaml': newOkrFileTemplate('2026-Q1'), 'orphan.okr.yaml': child('NOPE-1') });
  try {
    await t.pipeline.indexWorkspace(t.progress);
    await t.settled();
    assert.deepEqual(
      t.sent.map((p) => path.basename(p.uri)),
      ['orphan.okr.yaml'],
    );
  } finally {
    t.done();
  }
});
