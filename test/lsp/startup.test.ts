/**
 * A file opened while the workspace is still being indexed: its cross-file diagnostics must not speak
 * before the files they need are read. Drives the real server over stdio on a workspace of 1,500 files
 * and checks every diagnostic it publishes against what the finished index says.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { diagnosticsOf, parseOkr, Workspace } from '../../server/src/service';
import { startServer } from './client';

const FILES = 1500;

/** A measured key result with an owner: nothing for any rule to say. */
const keyResult = (id: string) => `    key_results:
      - id: ${id}
        title: Cut the median days to patch critical CVEs
        metric: median days from disclosure to patched
        baseline: 30
        target: 7
        owner: bob
`;

function team(i: number): string {
  return [
    'period: 2026-Q1',
    `team: team-${i}`,
    'objectives:',
    `  - id: T${i}-1`,
    `    title: Make account takeover a non-event for the customers of team ${i}`,
    '    owner: alice',
    '    tenet: secure-the-product',
    '    aligns_to: CO-1',
    keyResult(`T${i}-1.1`),
  ].join('\n');
}

const ROSTER = `period: 2026-Q1
team: company
people:
  - id: alice
    name: Alice
  - id: bob
    name: Bob
tenets:
  - id: secure-the-product
    title: Secure the Product
objectives:
  - id: CO-1
    title: Customers trust us with their source code
    owner: alice
    tenet: secure-the-product
${keyResult('CO-1.1')}`;

/** The file opened at start: its parents, owners and tenet are all in files not read yet, but one. */
const OPENED = `period: 2026-Q1
team: opened
objectives:
  - id: OPEN-1
    title: Make account takeover a non-event for our enterprise customers
    owner: alice
    tenet: secure-the-product
    aligns_to: T${FILES - 1}-1
${keyResult('OPEN-1.1')}  - id: OPEN-2
    title: Make phishing a non-event for our staff
    owner: alice
    tenet: secure-the-product
    aligns_to: NOPE-1
${keyResult('OPEN-2.1')}`;

const key = (d: Diagnostic) =>
  `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`;

test('no cross-file diagnostic is published before the index knows the files it needs', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'okr-startup-'));
  try {
    for (let i = 0; i < FILES; i++)
      writeFileSync(path.join(dir, `team-${String(i).padStart(4, '0')}.okr.yaml`), team(i));
    writeFileSync(path.join(dir, 'zz-company.okr.yaml'), ROSTER);
    const openedPath = path.join(dir, 'opened.okr.yaml');
    writeFileSync(openedPath, OPENED);

    // What the finished index says, file by file: computed here from the same files, from scratch.
    const files = readdirSync(dir).map((f) => {
      const uri = pathToFileURL(path.join(dir, f)).href;
      return { uri, parsed: parseOkr(readFileSync(path.join(dir, f), 'utf8')) };
    });
    const workspace = new Workspace(files.map((f) => ({ uri: f.uri, model: f.parsed.model })));
    const expected = new Map(
      files.map((f) => [f.uri, new Set(diagnosticsOf(f.parsed, undefined, { uri: f.uri, workspace }).map(key))]),
    );
    const openedUri = pathToFileURL(openedPath).href;
    assert.deepEqual(
      [...expected.get(openedUri)!].map((k) => k.split(' ')[0]).filter((c) => c.startsWith('unknown-')),
      ['unknown-parent'],
      'the finished index reports only the truly unknown parent',
    );

    const events: string[] = [];
    const publishes: PublishDiagnosticsParams[] = [];
    const server = await startServer(undefined, undefined, pathToFileURL(dir).href, (kind) =>
      events.push(`progress ${kind}`),
    );
    server.onDiagnostics((p) => {
      publishes.push(p);
      if (p.uri === openedUri) events.push('opened published');
    });
    try {
      await server.connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri: openedUri, languageId: 'okr', version: 1, text: OPENED },
      });
      // Done when the opened file shows what the finished index says of it.
      const final = [...expected.get(openedUri)!].sort().join('\n');
      await server.diagnostics(openedUri, (p) => p.diagnostics.map(key).sort().join('\n') === final, 60_000);
      // The race happened: the opened file was checked while the index was still being built.
      const firstPublish = events.indexOf('opened published');
      const end = events.indexOf('progress end');
      assert.ok(
        firstPublish !== -1 && (end === -1 || firstPublish < end),
        `checked during indexing: ${events.join(', ')}`,
      );
      const wrong: string[] = [];
      for (const p of publishes) {
        const ok = expected.get(p.uri);
        for (const d of p.diagnostics) if (!ok?.has(key(d))) wrong.push(`${path.basename(p.uri)}: ${key(d)}`);
      }
      assert.deepEqual(wrong, [], 'diagnostics the finished index would not publish');
      assert.ok(
        publishes.filter((p) => p.uri === openedUri).length >= 2,
        'own diagnostics first, cross-file ones later',
      );
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
