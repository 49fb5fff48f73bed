/**
 * Hostile inputs over LSP: each gets one clear diagnostic, quickly, and the server keeps answering.
 * Opened in the editor (alias bombs, 20 MB, 10,000 levels of nesting, a 5 MB line) and lying on disk in
 * the workspace (invalid UTF-8, a folder named *.okr.yaml, a FIFO, symlinks out, an unreadable file).
 * The times are printed; the bound is generous for a loaded 2-core machine.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { startServer, type TestServer } from './client';

/** A clear diagnostic must arrive within this after the document is sent (or indexing ends). */
const QUICK_MS = 5_000;
/**
 * And the next request is answered within this: the fuzz test's bound, doubled for these documents of
 * 20 to 50 MB, whose first position lookup scans the text once (on a busy 2-core machine that alone
 * has taken 0.7 s).
 */
const RESPONSE_MS = 2_000;

const bomb = (indent: string) => {
  const levels = [`${indent}a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]`];
  for (let i = 1; i < 9; i++) {
    const [prev, cur] = [String.fromCharCode(96 + i), String.fromCharCode(97 + i)];
    levels.push(`${indent}${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  return levels.join('\n');
};

const NESTED =
  /^yaml-syntax: Nested more than 100 levels deep \(brackets, braces, indentation or keys on one line\): okr-lens does not read such YAML/;

const summary = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => `${String(d.code)}: ${String(d.message)}`);

async function timedOpen(server: TestServer, uri: string, text: string) {
  const started = performance.now();
  const published = server.diagnostics(uri, () => true, 60_000);
  await server.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'okr', version: 1, text },
  });
  const p = await published;
  const ms = performance.now() - started;
  const hoverStarted = performance.now();
  await server.connection.sendRequest('textDocument/hover', {
    textDocument: { uri },
    position: { line: 0, character: 1 },
  });
  const hoverMs = performance.now() - hoverStarted;
  return { p, ms, hoverMs };
}

test('hostile documents opened in the editor: one clear diagnostic each, quickly', async () => {
  // okr.maxFileSize raised to 64 MB for the second server, so 10,000 levels of indentation (50 MB of
  // spaces) are read and refused for their depth rather than their size.
  for (const maxFileSize of [undefined, 64 * 1024 * 1024]) {
    const server = await startServer(undefined, maxFileSize ? { maxFileSize } : {});
    try {
      const blockIndent =
        'objectives:\n' + Array.from({ length: 10_000 }, (_, d) => ' '.repeat(d + 2) + '- x:').join('\n');
      const cases: [string, string, RegExp[]][] = [
        [
          'billion laughs in an item',
          `objectives:\n  - id: X\n    title: Make sign-in safe for our customers\n    description:\n${bomb('      ')}\n`,
          [
            /^yaml-syntax: Too many alias expansions here \(more than 100\): this looks like a "billion laughs" alias bomb/,
          ],
        ],
        [
          'billion laughs across the file (whole-file parse)',
          `${bomb('')}\nobjectives:\n  - id: X\n    title: *i\n`,
          [/^yaml-syntax: Too many alias expansions here/],
        ],
        [
          '20 MB',
          'objectives:\n' + '  - id: A\n    title: padding padding padding padding\n'.repeat(396_000),
          [/^file-too-large: This file is 20 MB; okr-lens checks files up to (10|64) MB/],
        ],
        ['10,000 levels of [', 'objectives: ' + '['.repeat(10_000) + ']'.repeat(10_000) + '\n', [NESTED]],
        ['10,000 levels of {', 'period: ' + '{a: '.repeat(10_000) + 'x' + '}'.repeat(10_000) + '\n', [NESTED]],
        ['10,000 levels of - - -', 'objectives:\n  ' + '- '.repeat(10_000) + 'x\n', [NESTED]],
        [
          '10,000 levels of indentation (50 MB)',
          blockIndent,
          [maxFileSize ? NESTED : /^file-too-large: This file is 47.7 MB; okr-lens checks files up to 10 MB/],
        ],
      ];
      for (const [i, [name, text, expected]] of cases.entries()) {
        if (maxFileSize && !name.includes('indentation')) continue;
        const uri = `file:///hostile/${maxFileSize ?? 0}/case-${i}.okr.yaml`;
        const { p, ms, hoverMs } = await timedOpen(server, uri, text);
        console.log(`${name}: diagnostics in ${ms.toFixed(0)} ms, next hover in ${hoverMs.toFixed(0)} ms`);
        // Only the diagnostics about the hostile part (not the rules' verdicts on the objective, nor the
        // unknown top-level keys that hold the bomb's anchors).
        const got = summary(p).filter(
          (s) =>
            !/^(missing-owner|missing-tenet|empty-objective|vague-objective|schema: Unknown field `[a-i]`)/.test(s),
        );
        assert.equal(got.length, expected.length, `${name}: ${got.join('\n')}`);
        expected.forEach((re, i) => assert.match(got[i], re, name));
        assert.ok(ms < QUICK_MS, `${name}: ${ms} ms`);
        assert.ok(hoverMs < RESPONSE_MS, `${name}: hover ${hoverMs} ms`);
        await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
      }
      if (maxFileSize) continue;
      // A single 5 MB line (a title of words): checked, and its diagnostics stay on that line.
      const uri = 'file:///hostile/long-line.okr.yaml';
      const title = 'Cut the median time to patch critical CVEs from 30 to 7 days '.repeat(84_000);
      const { p, ms, hoverMs } = await timedOpen(server, uri, `objectives:\n  - id: L\n    title: ${title}\n`);
      console.log(`a 5 MB line: diagnostics in ${ms.toFixed(0)} ms, next hover in ${hoverMs.toFixed(0)} ms`);
      assert.ok(title.length > 5_000_000);
      assert.ok(p.diagnostics.some((d) => d.code === 'quantitative-objective'));
      for (const d of p.diagnostics) assert.ok(d.range.end.character <= title.length + 11, JSON.stringify(d.range));
      assert.ok(ms < QUICK_MS, `${ms} ms`);
      assert.ok(hoverMs < RESPONSE_MS, `hover ${hoverMs} ms`);
      assert.equal(server.process.exitCode, null);
    } finally {
      await server.stop();
    }
  }
});

test('hostile files on disk in the workspace: clear diagnostics for the closed files, nothing blocks', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'okr-hostile-'));
  const outside = mkdtempSync(path.join(tmpdir(), 'okr-outside-'));
  // Root can read anything: when the tests run as root, the server runs as `nobody` so that a chmod
  // 000 file really is unreadable to it.
  const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
  try {
    chmodSync(root, 0o755);
    const ok = 'objectives:\n  - id: OK-1\n    title: Make account takeover a non-event for our customers\n';
    writeFileSync(path.join(root, 'good.okr.yaml'), ok + '    aligns_to: OUT-1\n');
    writeFileSync(
      path.join(root, 'latin1.okr.yaml'),
      Buffer.concat([Buffer.from('team: caf'), Buffer.from([0xe9]), Buffer.from('\n' + ok.replace('OK-1', 'L-1'))]),
    );
    writeFileSync(path.join(root, 'big.okr.yaml'), 'objectives:\n' + '  - id: A\n    title: padding\n'.repeat(800_000));
    writeFileSync(path.join(root, 'deep.okr.yaml'), 'objectives: ' + '['.repeat(10_000) + '\n');
    writeFileSync(path.join(root, 'locked.okr.yaml'), ok.replace('OK-1', 'LOCKED-1'));
    chmodSync(path.join(root, 'locked.okr.yaml'), 0);
    mkdirSync(path.join(root, 'folder.okr.yaml'));
    writeFileSync(path.join(root, 'folder.okr.yaml', 'inner.okr.yaml'), ok.replace('OK-1', 'IN-1'));
    execFileSync('mkfifo', [path.join(root, 'fifo.okr.yaml')]);
    writeFileSync(path.join(outside, 'secret.okr.yaml'), 'objectives:\n  - id: OUT-1\n    title: Outside\n');
    symlinkSync(path.join(outside, 'secret.okr.yaml'), path.join(root, 'link.okr.yaml'));
    symlinkSync(outside, path.join(root, 'linked'));

    const uri = (name: string) => pathToFileURL(path.join(root, name)).toString();
    const published = new Map<string, PublishDiagnosticsParams>();
    let indexed!: () => void;
    const done = new Promise<void>((r) => (indexed = r));
    const started = performance.now();
    const server = await startServer(
      undefined,
      {},
      pathToFileURL(root).toString(),
      (kind) => kind === 'end' && indexed(),
      asNobody,
    );
    server.onDiagnostics((p) => published.set(p.uri, p));
    try {
      await done;
      const expect = ['good', 'latin1', 'big', 'deep', 'locked', 'folder.okr.yaml/inner'].map((n) =>
        uri(`${n}.okr.yaml`),
      );
      while (expect.some((u) => !published.has(u)) && performance.now() - started < QUICK_MS * 2)
        await new Promise((r) => setTimeout(r, 20));
      console.log(`workspace indexed and checked in ${(performance.now() - started).toFixed(0)} ms`);
      const codes = (name: string) =>
        published.get(uri(name))?.diagnostics.map((d) => `${String(d.code)}: ${String(d.message)}`);
      assert.deepEqual(
        codes('latin1.okr.yaml')?.filter((c) => c.startsWith('file-')),
        [
          'file-encoding: This file is not valid UTF-8: byte 0xE9 at line 1, column 10 cannot be read, and shows as \uFFFD. Save the file as UTF-8.',
        ],
      );
      assert.deepEqual(codes('big.okr.yaml'), [
        'file-too-large: This file is 22.1 MB; okr-lens checks files up to 10 MB (setting okr.maxFileSize). Split it by team or period.',
      ]);
      assert.match(codes('deep.okr.yaml')![0], NESTED);
      assert.deepEqual(codes('locked.okr.yaml'), [
        'file-unreadable: okr-lens could not read this file: permission denied (EACCES). Its ids are missing from the workspace until it can be read.',
      ]);
      // The folder is no file; the file inside it is indexed like any other.
      assert.equal(published.has(uri('folder.okr.yaml')), false);
      assert.deepEqual(
        codes('folder.okr.yaml/inner.okr.yaml'),
        codes('good.okr.yaml')?.filter((c) => !c.startsWith('unknown-parent')),
      );
      // Nothing behind a symlink, and no FIFO, was read: OUT-1 does not resolve.
      for (const name of ['fifo.okr.yaml', 'link.okr.yaml', 'linked/secret.okr.yaml'])
        assert.equal(published.has(uri(name)), false, name);
      assert.ok(codes('good.okr.yaml')?.includes('unknown-parent: No objective `OUT-1` in the workspace.'));
      // Watched-file events naming the FIFO, the symlinks and the folder: nothing blocks.
      await server.connection.sendNotification('workspace/didChangeWatchedFiles', {
        changes: ['fifo.okr.yaml', 'link.okr.yaml', 'linked/secret.okr.yaml', 'folder.okr.yaml'].map((n) => ({
          uri: uri(n),
          type: 2,
        })),
      });
      const asked = performance.now();
      const symbols = (await server.connection.sendRequest('workspace/symbol', { query: 'OUT' })) as unknown[];
      assert.deepEqual(symbols, []);
      assert.ok(performance.now() - asked < RESPONSE_MS, `${performance.now() - asked} ms`);
      assert.equal(server.process.exitCode, null);
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  }
});

test('ids and aligns_to that look like paths are plain ids: never read, never a location, never a file edit', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'okr-paths-'));
  writeFileSync(path.join(root, 'passwd.okr.yaml'), 'objectives:\n  - id: ROOT-1\n    title: x\n');
  const server = await startServer(undefined, {}, pathToFileURL(root).toString());
  const seen = new Set<string>();
  server.onDiagnostics((p) => seen.add(p.uri));
  try {
    const uri = pathToFileURL(path.join(root, 'team.okr.yaml')).toString();
    const text = [
      'objectives:',
      '  - id: ../passwd',
      '    title: Make account takeover a non-event for our customers',
      '    aligns_to: [../passwd.okr.yaml, /etc/passwd, file:///etc/passwd, "..", passwd]',
      '    owner: ../../root',
      '    tenet: ~/.ssh/id_rsa',
      '',
    ].join('\n');
    const p = server.diagnostics(uri, (x) => x.diagnostics.some((d) => d.code === 'unknown-parent'));
    await server.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'okr', version: 1, text },
    });
    const diagnostics = (await p).diagnostics.map((d) => `${String(d.code)}: ${String(d.message)}`);
    for (const id of ['../passwd.okr.yaml', '/etc/passwd', 'file:///etc/passwd', '..', 'passwd'])
      assert.ok(
        diagnostics.some((d) => d.startsWith(`unknown-parent: No objective \`${id}\` in the workspace`)),
        id,
      );
    assert.ok(diagnostics.some((d) => d.startsWith("schema: `id` may contain only letters, digits, '.', '_' and '-'")));
    const lines = text.split('\n');
    for (const [line, word] of [
      [3, '/etc/passwd'],
      [3, '../passwd.okr.yaml'],
      [4, '../../root'],
      [5, '~/.ssh/id_rsa'],
    ] as const) {
      const position = { line, character: lines[line].indexOf(word) + 2 };
      const definition = await server.connection.sendRequest('textDocument/definition', {
        textDocument: { uri },
        position,
      });
      assert.deepEqual(definition ?? [], [], `definition of ${word}`);
    }
    // Renaming to a path is refused or edits text only: no file is created, renamed or deleted.
    const rename = (await server.connection
      .sendRequest('textDocument/rename', {
        textDocument: { uri },
        position: { line: 1, character: 9 },
        newName: '../../etc/x',
      })
      .catch((e: Error) => ({ refused: e.message }))) as {
      refused?: string;
      changes?: object;
      documentChanges?: unknown[];
    } | null;
    assert.ok(
      !rename || rename.refused || !rename.documentChanges?.some((c) => 'kind' in (c as object)),
      JSON.stringify(rename),
    );
    for (const u of Object.keys(rename?.changes ?? {})) assert.ok(u.startsWith(pathToFileURL(root).toString()), u);
    // Diagnostics only ever for files in the workspace.
    for (const u of seen) assert.ok(u.startsWith(pathToFileURL(root).toString()), u);
  } finally {
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  }
});
