import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from './client';

test('indexing reports work-done progress, and never follows a symlink out of the workspace', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'okr-index-'));
  const outside = mkdtempSync(path.join(tmpdir(), 'okr-outside-'));
  try {
    cpSync(path.join(__dirname, '..', '..', 'examples'), path.join(dir, 'okrs'), { recursive: true });
    mkdirSync(path.join(outside, 'secret'));
    writeFileSync(path.join(outside, 'secret', 'x.okr.yaml'), 'objectives:\n  - id: OUT-1\n    title: Outside\n');
    symlinkSync(path.join(outside, 'secret'), path.join(dir, 'linked'));
    writeFileSync(
      path.join(dir, 'child.okr.yaml'),
      'objectives:\n  - id: IN-1\n    title: Inside\n    aligns_to: OUT-1\n',
    );
    const events: string[] = [];
    let finished!: () => void;
    const done = new Promise<void>((r) => (finished = r));
    const server = await startServer(undefined, undefined, pathToFileURL(dir).toString(), (kind, value) => {
      events.push(`${kind}:${(value as { title?: string }).title ?? ''}`);
      if (kind === 'end') finished();
    });
    try {
      const child = pathToFileURL(path.join(dir, 'child.okr.yaml')).toString();
      const p = await server.diagnostics(child, (x) => x.diagnostics.some((d) => d.code === 'unknown-parent'));
      await done;
      assert.equal(events[0], 'begin:Indexing OKR files');
      assert.equal(events[events.length - 1], 'end:');
      // OUT-1 exists only behind the symlink: it does not resolve.
      assert.equal(
        p.diagnostics.find((d) => d.code === 'unknown-parent')?.message,
        'No objective `OUT-1` in the workspace.',
      );
      const symbols = (await server.connection.sendRequest('workspace/symbol', { query: 'OUT-1' })) as unknown[];
      assert.deepEqual(symbols, []);
      // Hover on an objective: progress, band, parent chain and children.
      const security = pathToFileURL(path.join(dir, 'okrs', 'security.okr.yaml')).toString();
      const { readFileSync } = await import('node:fs');
      const text = readFileSync(path.join(dir, 'okrs', 'security.okr.yaml'), 'utf8');
      await server.connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri: security, languageId: 'okr', version: 1, text },
      });
      const line = text.split('\n').findIndex((l) => l === '  - id: SEC-1');
      const h = (await server.connection.sendRequest('textDocument/hover', {
        textDocument: { uri: security },
        position: { line, character: 9 },
      })) as { contents: { value: string } };
      assert.match(h.contents.value, /^\*\*SEC-1\*\* Make account takeover a non-event for our customers/);
      assert.match(h.contents.value, /Progress \*\*\d+%\*\* \((red|yellow|green)\)/);
      assert.match(h.contents.value, /Aligns to: CO-2 /);
      assert.match(h.contents.value, /Aligned objectives \(1\):\n- APPSEC-2 /);
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  }
});
