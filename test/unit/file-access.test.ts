/**
 * The server's file access named by URI, as the browser server has it: a workspace on a virtual file
 * system (github.dev's `vscode-vfs:`), the index and okr.config.yaml read through a FileAccess that is
 * not the disk; and the browser bundles' guard against Node built-ins.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { byScheme, fileError, folderOf, type FileAccess } from '../../server/src/fileAccess';
import { ConfigStore } from '../../server/src/configStore';
import { WorkspaceIndex } from '../../server/src/workspaceIndex';
import { clientFileAccess } from '../../server/src/clientFileAccess';
import { decodeBase64, encodeBase64 } from '../../shared/base64';
import { diagnosticsOf } from '../../server/src/service';
import { FS_FIND_REQUEST, FS_READ_REQUEST, FS_STAT_REQUEST } from '../../shared/protocol';
import { noNodeBuiltins } from '../../scripts/no-node-builtins.mjs';
import { brief } from '../helpers';

const ROOT = 'vscode-vfs://github/acme/okrs';

/** An in-memory file system by URI, counting reads. */
function memory(files: Record<string, string | Uint8Array>): FileAccess & { reads: string[] } {
  const bytes = (v: string | Uint8Array) => (typeof v === 'string' ? new TextEncoder().encode(v) : v);
  const reads: string[] = [];
  return {
    reads,
    async stat(uri) {
      if (!(uri in files)) throw fileError('ENOENT', uri);
      return { isFile: () => true, size: bytes(files[uri]).length };
    },
    async readFile(uri) {
      reads.push(uri);
      if (!(uri in files)) throw fileError('ENOENT', uri);
      return bytes(files[uri]);
    },
    findOkrFiles: async (folder) =>
      Object.keys(files).filter((u) => u.startsWith(`${folder}/`) && /\.okr\.ya?ml$/.test(u)),
    throughSymlink: async () => false,
  };
}

test('folderOf: scheme, authority and whole path segments decide; a trailing slash or drive case does not', () => {
  const folders = [`${ROOT}/`, 'file:///C:/work/okrs'];
  assert.equal(folderOf(`${ROOT}/team/a.okr.yaml`, folders), `${ROOT}/`);
  assert.equal(folderOf(ROOT, folders), `${ROOT}/`);
  assert.equal(folderOf('vscode-vfs://github/acme/okrs-old/a.okr.yaml', folders), undefined);
  assert.equal(folderOf('vscode-vfs://gitlab/acme/okrs/a.okr.yaml', folders), undefined);
  assert.equal(folderOf('file:///acme/okrs/a.okr.yaml', folders), undefined);
  assert.equal(folderOf('file:///c%3A/work/okrs/a.okr.yaml', folders), 'file:///C:/work/okrs');
  assert.equal(folderOf('git:/acme/okrs/a.okr.yaml', folders), undefined);
});

test('a workspace on a virtual file system: scanned, read and checked through the FileAccess', async () => {
  const access = memory({
    [`${ROOT}/company.okr.yaml`]:
      'period: 2026-Q1\nteam: company\nobjectives:\n  - id: CO-1\n    title: Customers trust our releases\n',
    [`${ROOT}/team/security.okr.yaml`]:
      'period: 2026-Q1\nteam: security\nobjectives:\n  - id: SEC-1\n    title: Attackers find nothing to exploit\n    aligns_to: CO-9\n',
    [`${ROOT}/team/latin1.okr.yaml`]: Uint8Array.from([...new TextEncoder().encode('team: caf'), 0xe9, 0x0a]),
    'vscode-vfs://github/acme/other/x.okr.yaml': 'team: x\n',
  });
  const index = new WorkspaceIndex(access);
  index.setRoots([ROOT]);
  const found = await index.scan();
  assert.deepEqual(found.sort(), [
    `${ROOT}/company.okr.yaml`,
    `${ROOT}/team/latin1.okr.yaml`,
    `${ROOT}/team/security.okr.yaml`,
  ]);
  // A folder that cannot be listed is told and left out; the other folders are still listed.
  const failing: FileAccess = {
    ...access,
    findOkrFiles: async (folder) => {
      if (folder.startsWith('okrmem:')) throw new Error('no search provider for okrmem');
      return access.findOkrFiles(folder);
    },
  };
  const multi = new WorkspaceIndex(failing);
  multi.setRoots(['okrmem:/repo', ROOT]);
  const failures: string[] = [];
  assert.equal((await multi.scan((root, e) => failures.push(`${root}: ${String(e)}`))).length, 3);
  assert.deepEqual(failures, ['okrmem:/repo: Error: no search provider for okrmem']);
  for (const uri of found) await index.readFromDisk(uri);
  assert.equal(index.contains(`${ROOT}/team/security.okr.yaml`), true);
  assert.equal(index.contains('vscode-vfs://github/acme/other/x.okr.yaml'), false);
  assert.equal(index.contains('untitled:Untitled-1'), false);
  // The workspace sees every file's objectives: company's CO-1 is there for security's links.
  assert.equal(index.workspace().objective('CO-1')?.uri, `${ROOT}/company.okr.yaml`);
  assert.equal(index.workspace().objective('SEC-1')?.uri, `${ROOT}/team/security.okr.yaml`);
  // Not UTF-8: the same file-encoding finding as from disk.
  assert.deepEqual(diagnosticsOf(index.get(`${ROOT}/team/latin1.okr.yaml`)!).map(brief), [
    'file-encoding 0:9-0:10 This file is not valid UTF-8: byte 0xE9 at line 1, column 10 cannot be read, and shows as \uFFFD. Save the file as UTF-8.',
  ]);
  // A rename's edit of a closed file reads its text the same way.
  assert.match((await index.textOnDisk(`${ROOT}/company.okr.yaml`))!, /id: CO-1/);
  // Gone: dropped, not an error.
  await index.readFromDisk(`${ROOT}/gone.okr.yaml`);
  assert.equal(index.has(`${ROOT}/gone.okr.yaml`), false);
});

test('okr.config.yaml by URI: the nearest one up to the workspace folder, open text before the file system', async () => {
  const access = memory({
    [`${ROOT}/okr.config.yaml`]: 'strictness: strict\n',
    [`${ROOT}/team/okr.config.yaml`]: 'strictness: relaxed\n',
    'vscode-vfs://github/acme/okr.config.yaml': 'strictness: balanced\n',
  });
  const open = new Map<string, string>();
  const configs = new ConfigStore((uri) => open.get(uri), access);
  configs.setRoots([ROOT]);
  const strictness = async (uri: string) => (await configs.forDocument(uri))?.config.strictness;
  assert.equal(await strictness(`${ROOT}/team/a.okr.yaml`), 'relaxed');
  assert.equal(await strictness(`${ROOT}/team/deeper/b.okr.yaml`), 'relaxed');
  assert.equal(await strictness(`${ROOT}/c.okr.yaml`), 'strict');
  assert.equal(await strictness(`${ROOT}/other/d.okr.yaml`), 'strict');
  // Not above the workspace folder, and nothing for an untitled document.
  assert.equal((await configs.forFolder('vscode-vfs://github/acme/okrs'))?.config.strictness, 'strict');
  assert.equal(await strictness('untitled:Untitled-1'), undefined);
  // Each config is read once; an open editor's text wins once the store is told to forget.
  assert.deepEqual(access.reads.sort(), [`${ROOT}/okr.config.yaml`, `${ROOT}/team/okr.config.yaml`]);
  open.set(`${ROOT}/team/okr.config.yaml`, 'strictness: strict\n');
  configs.invalidate();
  assert.equal(await strictness(`${ROOT}/team/a.okr.yaml`), 'strict');
  assert.equal(ConfigStore.isConfig(`${ROOT}/team/okr.config.yaml`), true);
  assert.equal(ConfigStore.isConfig(`${ROOT}/team/okr.config.yaml.bak`), false);
});

test('the browser server asks the client: okr/fs/* requests, base64 bytes, failures with their error codes', async () => {
  const asked: [string, unknown][] = [];
  const content = Uint8Array.from([0, 1, 2, 250, 255, ...new TextEncoder().encode('é€')]);
  const access = clientFileAccess({
    sendRequest: (async (method: string, params: unknown) => {
      asked.push([method, params]);
      const uri = (params as { uri: string }).uri;
      if (uri.endsWith('denied.okr.yaml')) return { error: 'EACCES', message: 'no' };
      if (method === FS_STAT_REQUEST)
        return { type: 'file', size: content.length, symlink: uri.endsWith('link.okr.yaml') };
      if (method === FS_READ_REQUEST) return { base64: encodeBase64(content) };
      if (method === FS_FIND_REQUEST) return { uris: [`${uri}/a.okr.yaml`] };
      throw new Error(method);
    }) as never,
  });
  assert.deepEqual([...(await access.readFile(`${ROOT}/a.okr.yaml`))], [...content]);
  assert.equal((await access.stat(`${ROOT}/a.okr.yaml`)).size, content.length);
  assert.equal(await access.throughSymlink(`${ROOT}/link.okr.yaml`, ROOT), true);
  assert.equal(await access.throughSymlink(`${ROOT}/a.okr.yaml`, ROOT), false);
  assert.deepEqual(await access.findOkrFiles(ROOT), [`${ROOT}/a.okr.yaml`]);
  await assert.rejects(access.readFile(`${ROOT}/denied.okr.yaml`), { code: 'EACCES' });
  assert.deepEqual(asked[0], [FS_READ_REQUEST, { uri: `${ROOT}/a.okr.yaml` }]);
  // An unreadable file is kept with file-unreadable, as from disk.
  const index = new WorkspaceIndex(access);
  index.setRoots([ROOT]);
  // A closed file costs two requests: the symlink check's stat serves the read's stat in the same turn;
  // on a later turn a stat asks again.
  asked.length = 0;
  await index.readFromDisk(`${ROOT}/a.okr.yaml`);
  assert.deepEqual(
    asked.map(([m]) => m),
    [FS_STAT_REQUEST, FS_READ_REQUEST],
  );
  // A symlink check whose stat nobody uses in its turn: the next turn's stat asks again.
  asked.length = 0;
  await access.throughSymlink(`${ROOT}/a.okr.yaml`, ROOT);
  await new Promise((resolve) => setImmediate(resolve));
  await access.stat(`${ROOT}/a.okr.yaml`);
  assert.deepEqual(
    asked.map(([m]) => m),
    [FS_STAT_REQUEST, FS_STAT_REQUEST],
  );
  await index.readFromDisk(`${ROOT}/denied.okr.yaml`);
  assert.match(
    String(diagnosticsOf(index.get(`${ROOT}/denied.okr.yaml`)!)[0]?.message),
    /permission denied \(EACCES\)/,
  );
  // Base64 both ways, in Node (Buffer) and without it (atob/btoa, as in a Worker).
  const big = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7) % 256);
  assert.deepEqual([...decodeBase64(encodeBase64(big))], [...big]);
  const buffer = (globalThis as { Buffer?: unknown }).Buffer;
  try {
    (globalThis as { Buffer?: unknown }).Buffer = undefined;
    assert.deepEqual([...decodeBase64(encodeBase64(big))], [...big]);
  } finally {
    (globalThis as { Buffer?: unknown }).Buffer = buffer;
  }
});

test('byScheme: the Node server reads file: URIs from the disk and a virtual workspace through the client', async () => {
  const disk = memory({ 'file:///w/a.okr.yaml': 'team: disk\n' });
  const client = memory({ [`${ROOT}/a.okr.yaml`]: 'team: client\n' });
  const files = byScheme(disk, client);
  const text = async (uri: string) => new TextDecoder().decode(await files.readFile(uri));
  assert.equal(await text('file:///w/a.okr.yaml'), 'team: disk\n');
  assert.equal(await text(`${ROOT}/a.okr.yaml`), 'team: client\n');
  assert.deepEqual(await files.findOkrFiles(ROOT), [`${ROOT}/a.okr.yaml`]);
  assert.deepEqual(await files.findOkrFiles('file:///w'), ['file:///w/a.okr.yaml']);
  assert.deepEqual([disk.reads, client.reads], [['file:///w/a.okr.yaml'], [`${ROOT}/a.okr.yaml`]]);
});

test('a browser bundle that imports a Node built-in fails the build, naming the importer', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'okr-builtins-'));
  try {
    writeFileSync(path.join(dir, 'ok.ts'), 'export const x = new TextDecoder().decode(new Uint8Array([104, 105]));\n');
    writeFileSync(path.join(dir, 'sneaky.ts'), "import { readFileSync } from 'fs';\nexport const y = readFileSync;\n");
    writeFileSync(path.join(dir, 'prefixed.ts'), "import * as p from 'node:path';\nexport const z = p.join;\n");
    const build = (entry: string) =>
      esbuild.build({
        entryPoints: [path.join(dir, entry)],
        bundle: true,
        write: false,
        platform: 'browser',
        plugins: [noNodeBuiltins],
        logLevel: 'silent',
      });
    await build('ok.ts');
    for (const [entry, name] of [
      ['sneaky.ts', 'fs'],
      ['prefixed.ts', 'node:path'],
    ])
      await assert.rejects(build(entry), (e: Error) =>
        e.message.includes(`a Node built-in ("${name}") in a browser bundle, imported by ${path.join(dir, entry)}`),
      );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
