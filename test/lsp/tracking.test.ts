// Tracking over the real server: behind-pace and stale-checkin at a fixed okr.asOf (never judged at the
// wrong date, not even in the first publication), the key-result hover, the code lens, the check-in
// completion, and a fiscal year from okr.config.yaml.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { startServer } from './client';
import { brief, mfaFile } from '../helpers';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');
const TRACKING = new Set(['behind-pace', 'stale-checkin', 'checkin-date', 'checkin-mismatch']);
const tracked = (p: PublishDiagnosticsParams) => p.diagnostics.filter((d) => TRACKING.has(String(d.code))).map(brief);

test('okr.asOf fixes the date: pace, staleness, hover, code lens and completion; a new date re-judges', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'okr-lsp-tracking-'));
  cpSync(EXAMPLES, dir, { recursive: true });
  const configuration: Record<string, unknown> = { asOf: '2026-02-20' };
  const server = await startServer(undefined, configuration, pathToFileURL(dir).toString());
  try {
    const uri = pathToFileURL(path.join(dir, 'security.okr.yaml')).toString();
    const text = readFileSync(path.join(dir, 'security.okr.yaml'), 'utf8');
    const all: PublishDiagnosticsParams[] = [];
    server.onDiagnostics((p) => p.uri === uri && all.push(p));
    const first = server.diagnostics(uri, (p) => tracked(p).length > 0);
    await server.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'okr', version: 1, text },
    });
    const expected = [
      'behind-pace 15:15-15:85 `SEC-1.1` is behind: 38% done, 57% expected by 2026-02-20 (2026-Q1).',
      "stale-checkin 71:8-71:16 `SEC-2.1` has had no check-in for 15 days (the last was on 2026-02-05): add this week's.",
      'behind-pace 257:15-257:86 `SEC-5.2` is behind: 73% done, 86% expected by 2026-02-20 (due 2026-02-28).',
    ];
    assert.deepEqual(tracked(await first), expected);
    // Every publication so far judged at 2026-02-20 (today's date would find the period over: nothing).
    assert.ok(all.length > 0);
    for (const p of all) assert.deepEqual(tracked(p), expected);

    const line = text.split('\n').findIndex((l) => l.includes('title: Raise active customer accounts'));
    const hover = (await server.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line, character: 20 },
    })) as { contents: { value: string } };
    assert.match(hover.contents.value, /^\*\*SEC-1\.1\*\* Raise active customer accounts/);
    assert.match(hover.contents.value, /Status on 2026-02-20: \*\*behind\*\*/);
    assert.match(hover.contents.value, /progress 38% · expected 57% \(2026-Q1\) · value 42% · confidence 0\.5/);
    assert.match(hover.contents.value, /Check-ins: ▁▂▃▄ \(4, the latest on 2026-02-19\)/);

    const lenses = (await server.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as {
      command: { title: string };
    }[];
    assert.match(
      lenses[0].command.title,
      /^on track: 68% of 71% expected · 3 KRs · aligned: 1 child · rolled up \d+%$/,
    );

    // A new line under SEC-1.1's check-ins: this week's check-in in one pick.
    const lines = text.split('\n');
    const after = lines.findIndex((l) => l.includes('{date: 2026-02-19, value: 42'));
    lines.splice(after + 1, 0, '          - ');
    const edited = lines.join('\n');
    const republished = server.diagnostics(uri);
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: edited }],
    });
    await republished;
    const items = (await server.connection.sendRequest('textDocument/completion', {
      textDocument: { uri },
      position: { line: after + 1, character: 12 },
    })) as { label: string; textEdit: { newText: string } }[];
    const checkin = items.find((i) => i.label === 'Check-in today');
    assert.equal(checkin?.textEdit.newText, 'date: 2026-02-20\nvalue: ${1:42}\nconfidence: ${2:0.5}');

    // After the period: no pace, no staleness.
    configuration.asOf = '2026-04-02';
    const rejudged = server.diagnostics(uri, (p) => tracked(p).length === 0);
    await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: { okr: configuration } });
    assert.deepEqual(tracked(await rejudged), []);
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("okr.config.yaml's fiscal year applies from the first publication", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'okr-lsp-fiscal-'));
  writeFileSync(path.join(dir, 'okr.config.yaml'), 'fiscal_year: {start_month: 2}\n');
  const text = mfaFile('FY27-Q1', ['checkins:', '  - {date: 2026-02-02, value: 31}']);
  const file = path.join(dir, 'team.okr.yaml');
  writeFileSync(file, text);
  const server = await startServer(undefined, { asOf: '2026-02-10' }, pathToFileURL(dir).toString());
  try {
    const uri = pathToFileURL(file).toString();
    const all: PublishDiagnosticsParams[] = [];
    server.onDiagnostics((p) => p.uri === uri && all.push(p));
    const published = server.diagnostics(uri);
    await server.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'okr', version: 1, text },
    });
    await published;
    // FY27-Q1 is 2026-02-01..2026-04-30: the check-in lies inside. With calendar years it would not.
    for (const p of all) assert.deepEqual(tracked(p), []);
    // Without the config it is 2027-01-01..2027-03-31, so the check-in is outside (and in the past).
    const moved = server.diagnostics(uri, (p) => tracked(p).length > 0);
    writeFileSync(path.join(dir, 'okr.config.yaml'), '# no fiscal year\n');
    await server.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: pathToFileURL(path.join(dir, 'okr.config.yaml')).toString(), type: 2 }],
    });
    assert.deepEqual(tracked(await moved), [
      'checkin-date 10:19-10:29 This check-in (2026-02-02) lies outside the period FY27-Q1 (2027-01-01 to 2027-03-31).',
    ]);
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
