import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { startServer } from './client';
import { OBJECTIVE_HEAD } from '../helpers';

const OKR = [
  ...OBJECTIVE_HEAD,
  '      - title: Implement SSO',
  '        done: false',
  '      # okr-disable-next-line task-key-result',
  '      - title: Hire two security engineers',
  '        done: false',
  '',
].join('\n');

const codes = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => `${String(d.code)}@${d.range.start.line}`);

test('the server reads okr.config.yaml from the workspace, validates it as you type, and applies it', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'okr-lsp-config-'));
  writeFileSync(path.join(dir, 'okr.config.yaml'), 'rules:\n  task-key-result: error\n');
  const root = pathToFileURL(dir).toString();
  const server = await startServer(undefined, undefined, root);
  try {
    const uri = pathToFileURL(path.join(dir, 'sec.okr.yaml')).toString();
    const first = server.diagnostics(uri);
    await server.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'okr', version: 1, text: OKR },
    });
    const p = await first;
    // From disk: task-key-result is an error; the second one is silenced by its comment.
    assert.deepEqual(
      p.diagnostics.map((d) => [d.code, d.severity, d.range.start.line]),
      [['task-key-result', 1, 6]],
    );

    // Open the config in the editor with a typo: it gets its own diagnostic, and the OKR file is re-checked.
    const configUri = pathToFileURL(path.join(dir, 'okr.config.yaml')).toString();
    const configDiagnostics = server.diagnostics(configUri);
    const recheck = server.diagnostics(uri, (x) => x.diagnostics.every((d) => d.code !== 'task-key-result'));
    await server.connection.sendNotification('textDocument/didOpen', {
      textDocument: {
        uri: configUri,
        languageId: 'yaml',
        version: 1,
        text: 'rules:\n  task-key-result: off\n  taks-key-result: off\n',
      },
    });
    const c = await configDiagnostics;
    assert.deepEqual(
      c.diagnostics.map((d) => [d.code, d.message, d.range.start.line, d.range.start.character]),
      [['schema', 'Unknown field `taks-key-result` in rules; did you mean `task-key-result`?', 2, 2]],
    );
    // task-key-result is off now, so the disable comment silences nothing.
    assert.deepEqual(codes(await recheck), ['unused-disable@8']);
  } finally {
    await server.stop();
  }
});
