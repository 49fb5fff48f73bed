/** Reading OKR files from disk (workspace index and CLI): encodings, what is not a file, what cannot be read. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { decodeUtf8, invalidUtf8 } from '../../server/src/service/encoding';
import { diagnosticsOf } from '../../server/src/service';
import { NotAFileError, readOkrFile, type FileSystem } from '../../server/src/okrFile';
import { nodeFileAccess, nodeFileSystem } from '../../server/src/node/fileAccess';
import { WorkspaceIndex } from '../../server/src/workspaceIndex';
import { brief } from '../helpers';

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p)] : p)));

test('invalid UTF-8 is read with U+FFFD and one file-encoding finding at the first bad byte', () => {
  assert.deepEqual(decodeUtf8(bytes('team: café\n')), { text: 'team: café\n' });
  // A BOM is dropped, as an editor does.
  assert.deepEqual(decodeUtf8(bytes([0xef, 0xbb, 0xbf], 'a: b')), { text: 'a: b' });
  const latin1 = decodeUtf8(bytes('period: 2026-Q1\r\nteam: caf', [0xe9], '\nowner: ren', [0xe9], '\n'));
  assert.equal(latin1.text, 'period: 2026-Q1\r\nteam: caf\uFFFD\nowner: ren\uFFFD\n');
  assert.deepEqual(latin1.finding, {
    code: 'file-encoding',
    message:
      'This file is not valid UTF-8: byte 0xE9 at line 2, column 10 (2 bad bytes in all) cannot be read, and shows as \uFFFD. Save the file as UTF-8.',
    range: { start: { line: 1, character: 9 }, end: { line: 1, character: 10 } },
  });
  assert.match(decodeUtf8(bytes([0xff, 0xfe], 't\0')).finding!.message, /not valid UTF-8 \(it looks like UTF-16\)/);
  // Overlong forms, encoded surrogates, code points past U+10FFFF, truncated sequences.
  assert.deepEqual(invalidUtf8(bytes([0xc0, 0xaf])), [0, 1]);
  assert.deepEqual(invalidUtf8(bytes([0xed, 0xa0, 0x80])), [0, 1, 2]);
  assert.deepEqual(invalidUtf8(bytes([0xf4, 0x90, 0x80, 0x80])), [0, 1, 2, 3]);
  assert.deepEqual(invalidUtf8(bytes('ok', [0xe2, 0x82])), [2, 3]);
  assert.deepEqual(invalidUtf8(bytes('€ 𝄞 é')), []);
});

/** A file system where every path exists as `kind`, or fails with `error`. */
function fakeFileSystem(
  kind: 'file' | 'fifo' | 'dir',
  content: Uint8Array,
  error?: string,
): FileSystem & { reads: number } {
  const fail = () => Promise.reject(Object.assign(new Error(`${error}: simulated`), { code: error }));
  const fs = {
    reads: 0,
    stat: async () => ({ isFile: () => kind === 'file', isDirectory: () => kind === 'dir', size: content.length }),
    readFile: async () => {
      fs.reads++;
      return error ? fail() : content;
    },
    realpath: async (p: string) => p,
  };
  return fs;
}

test('readOkrFile: only regular files; certainly too large files are not even read', async () => {
  const ok = await readOkrFile('/x/a.okr.yaml', { fileSystem: fakeFileSystem('file', bytes('team: caf', [0xe9])) });
  assert.deepEqual(diagnosticsOf(ok).map(brief), [
    'file-encoding 0:9-0:10 This file is not valid UTF-8: byte 0xE9 at line 1, column 10 cannot be read, and shows as \uFFFD. Save the file as UTF-8.',
  ]);
  await assert.rejects(readOkrFile('/x/fifo.okr.yaml', { fileSystem: fakeFileSystem('fifo', bytes()) }), NotAFileError);
  await assert.rejects(readOkrFile('/x/d.okr.yaml', { fileSystem: fakeFileSystem('dir', bytes()) }), NotAFileError);
  const huge = fakeFileSystem('file', new Uint8Array(31 * 1024 * 1024));
  const big = await readOkrFile('/x/big.okr.yaml', { fileSystem: huge });
  assert.equal(huge.reads, 0);
  assert.deepEqual(
    big.findings.map((f) => [f.code, f.message]),
    [
      [
        'file-too-large',
        'This file is 31 MB; okr-lens checks files up to 10 MB (setting okr.maxFileSize). Split it by team or period.',
      ],
    ],
  );
});

test('the workspace index: unreadable files get file-unreadable; gone, non-files and symlinks are dropped', async () => {
  const uri = 'file:///w/a.okr.yaml';
  const denied = new WorkspaceIndex(nodeFileAccess(fakeFileSystem('file', bytes(), 'EACCES')));
  denied.setRoots(['file:///w']);
  await denied.readFromDisk(uri);
  assert.deepEqual(diagnosticsOf(denied.get(uri)!).map(brief), [
    'file-unreadable 0:0-0:0 okr-lens could not read this file: permission denied (EACCES). Its ids are missing from the workspace until it can be read.',
  ]);
  const io = new WorkspaceIndex(nodeFileAccess(fakeFileSystem('file', bytes(), 'EIO')));
  await io.readFromDisk(uri);
  assert.match(String(diagnosticsOf(io.get(uri)!)[0].message), /could not read this file: EIO: simulated \(EIO\)/);
  for (const [kind, error] of [
    ['file', 'ENOENT'],
    ['fifo', undefined],
    ['dir', undefined],
  ] as const) {
    const index = new WorkspaceIndex(nodeFileAccess(fakeFileSystem(kind, bytes('team: a\n'), error)));
    index.set(uri, (await readOkrFile('/w/a.okr.yaml', { fileSystem: fakeFileSystem('file', bytes()) }))!);
    await index.readFromDisk(uri);
    assert.equal(index.has(uri), false, `${kind} ${error}`);
  }

  // Real symlinks: to a file outside, to a folder outside, and a dangling one; and a real FIFO.
  const root = mkdtempSync(path.join(tmpdir(), 'okr-index-'));
  const outside = mkdtempSync(path.join(tmpdir(), 'okr-outside-'));
  try {
    writeFileSync(path.join(outside, 'secret.okr.yaml'), 'objectives:\n  - id: OUT-1\n    title: Outside\n');
    symlinkSync(path.join(outside, 'secret.okr.yaml'), path.join(root, 'link.okr.yaml'));
    symlinkSync(outside, path.join(root, 'dir'));
    symlinkSync(path.join(outside, 'gone.okr.yaml'), path.join(root, 'dangling.okr.yaml'));
    writeFileSync(path.join(root, 'real.okr.yaml'), 'team: a\n');
    mkdirSync(path.join(root, 'folder.okr.yaml'));
    execFileSync('mkfifo', [path.join(root, 'fifo.okr.yaml')]);
    const index = new WorkspaceIndex(nodeFileAccess(nodeFileSystem));
    index.setRoots([pathToFileURL(root).toString()]);
    const found = (await index.scan()).map((u) => path.basename(new URL(u).pathname));
    assert.deepEqual(found, ['real.okr.yaml']);
    // A watched-file event or an editor closing can name any of them: none is read, none blocks.
    for (const name of [
      'link.okr.yaml',
      'dir/secret.okr.yaml',
      'dangling.okr.yaml',
      'folder.okr.yaml',
      'fifo.okr.yaml',
    ]) {
      const u = pathToFileURL(path.join(root, name)).toString();
      await index.readFromDisk(u);
      assert.equal(index.has(u), false, name);
    }
    const real = pathToFileURL(path.join(root, 'real.okr.yaml')).toString();
    await index.readFromDisk(real);
    assert.equal(index.has(real), true);
  } finally {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  }
});
