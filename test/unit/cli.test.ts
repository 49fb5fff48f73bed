import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, chmodSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { distForNobody, runOkr } from '../helpers';

const ROOT = path.join(__dirname, '..', '..');

const run = (args: string[], cwd = ROOT) => runOkr(args, cwd);

test('okr lint --format json examples prints every file with LSP diagnostics, exit 1 on errors', async () => {
  const { code, out } = await run(['lint', '--format', 'json', 'examples']);
  assert.equal(code, 1);
  const json = JSON.parse(out) as {
    files: { path: string; diagnostics: { code: string; range: unknown; source: string }[] }[];
  };
  assert.deepEqual(
    json.files.map((f) => f.path),
    [
      'examples/appsec.okr.yaml',
      'examples/company.okr.yaml',
      'examples/mistakes.okr.yaml',
      'examples/security.okr.yaml',
    ],
  );
  const mistakes = json.files[2].diagnostics;
  assert.ok(mistakes.some((d) => d.code === 'schema'));
  assert.ok(mistakes.some((d) => d.code === 'duplicate-id'));
  assert.ok(mistakes.every((d) => d.source === 'okr'));
  // A clean file: nothing above a hint (hints are the language models being unsure).
  assert.deepEqual(
    json.files[1].diagnostics.filter((d) => (d as { severity?: number }).severity !== 4),
    [],
  );
});

test('text output is path:line:col  severity  message  code, and exit 0 when clean', async () => {
  const bad = await run(['lint', 'examples/mistakes.okr.yaml']);
  assert.equal(bad.code, 1);
  assert.match(
    bad.out,
    /^examples\/mistakes\.okr\.yaml:\d+:\d+ +error +Unknown field `titel` in key result; did you mean `title`\? +schema$/m,
  );
  assert.match(bad.out, /✖ \d+ problems \(\d+ errors, \d+ warnings, \d+ info\/hint\) in 1 file\./);
  assert.ok(!bad.out.includes('\u001b['), 'no colour when not a TTY');
  const good = await run(['lint', 'examples/company.okr.yaml', 'examples/security.okr.yaml']);
  assert.equal(good.code, 0);
  assert.match(good.out, /No problems in 2 files|\(0 errors, 0 warnings, \d+ info\/hint\) in 2 files/);
});

test('globs, and the default of every okr file under the current folder', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'okr-cli-'));
  mkdirSync(path.join(dir, 'teams'));
  mkdirSync(path.join(dir, 'node_modules', 'x'), { recursive: true });
  writeFileSync(path.join(dir, 'teams', 'a.okr.yaml'), 'objectives:\n  - id: A\n    title: a\n');
  writeFileSync(path.join(dir, 'node_modules', 'x', 'b.okr.yaml'), 'nope: 1\n');
  writeFileSync(path.join(dir, 'notes.yaml'), 'nope: 1\n');
  const all = await run(['lint', '--format', 'json'], dir);
  assert.equal(all.code, 0);
  assert.deepEqual(
    JSON.parse(all.out).files.map((f: { path: string }) => f.path),
    [path.join('teams', 'a.okr.yaml')],
  );
  const globbed = await run(['lint', '--format', 'json', 'teams/*.okr.yaml'], dir);
  assert.deepEqual(
    JSON.parse(globbed.out).files.map((f: { path: string }) => f.path),
    ['teams/a.okr.yaml'],
  );
});

test('usage and I/O failures exit 2 with a one-line reason', async () => {
  for (const [args, reason] of [
    [['lint', 'no/such/file.okr.yaml'], /^okr: No such file or folder: no\/such\/file\.okr\.yaml$/m],
    [['lint', 'nothing/**/*.okr.yaml'], /^okr: No files match nothing\/\*\*\/\*\.okr\.yaml$/m],
    [['lint', '--format', 'xml', 'examples'], /^okr: unknown format "xml" \(use text, json, sarif or github\)$/m],
    [['frobnicate'], /^okr: unknown command "frobnicate"$/m],
    [['lint', '--bogus'], /^okr: Unknown option '--bogus'/m],
  ] as const) {
    const r = await run([...args]);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, reason);
  }
  // An unreadable file: see the test below.
});

test('okr tree prints the alignment tree: text indented by alignment, json as okr/alignmentTree', async () => {
  const text = await run(['tree', 'examples']);
  assert.equal(text.code, 0);
  assert.match(text.out, /^CO-2 {2}Customers' accounts and data stay theirs {2}\d+% \(rolled up \d+%\) · 2 KRs/m);
  assert.match(text.out, /^ {2}SEC-1 {2}Make account takeover a non-event for our customers/m);
  assert.match(text.out, /^ {4}APPSEC-2 /m);
  const json = await run(['tree', '--format', 'json', 'examples']);
  const tree = JSON.parse(json.out) as {
    objectives: { id: string; file: string; parents: string[]; progress?: number }[];
    roots: string[];
  };
  const sec1 = tree.objectives.find((o) => o.id === 'SEC-1')!;
  assert.equal(sec1.file, path.join('examples', 'security.okr.yaml'));
  assert.deepEqual(sec1.parents, ['CO-2']);
  assert.ok(tree.roots.includes('CO-1'));
});

test('hostile files on disk: invalid UTF-8, a FIFO, a folder named *.okr.yaml, symlinks out, 20 MB', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'okr-cli-'));
  const outside = mkdtempSync(path.join(tmpdir(), 'okr-outside-'));
  try {
    const ok = 'objectives:\n  - id: A\n    title: Make account takeover a non-event for our customers\n';
    writeFileSync(
      path.join(dir, 'latin1.okr.yaml'),
      Buffer.concat([Buffer.from(ok + '    owner: ren'), Buffer.from([0xe9, 0x0a])]),
    );
    mkdirSync(path.join(dir, 'folder.okr.yaml'));
    execFileSync('mkfifo', [path.join(dir, 'fifo.okr.yaml')]);
    writeFileSync(path.join(outside, 'secret.okr.yaml'), 'objectives:\n  - id: OUT-1\n    title: Outside\n');
    mkdirSync(path.join(outside, 'sub'));
    writeFileSync(path.join(outside, 'sub', 'deep.okr.yaml'), 'objectives:\n  - id: OUT-2\n    title: Outside\n');
    symlinkSync(path.join(outside, 'secret.okr.yaml'), path.join(dir, 'link.okr.yaml'));
    symlinkSync(path.join(outside, 'sub'), path.join(dir, 'linked'));

    // The folder and a glob: only latin1.okr.yaml (the FIFO, the folder and the symlinks are skipped).
    for (const args of [
      ['lint', '--format', 'json'],
      ['lint', '--format', 'json', '**/*.okr.yaml'],
    ]) {
      const started = Date.now();
      const r = await run(args, dir);
      assert.ok(Date.now() - started < 5000, 'a FIFO is never opened');
      const json = JSON.parse(r.out) as { files: { path: string; diagnostics: { code: string; message: string }[] }[] };
      assert.deepEqual(
        json.files.map((f) => f.path),
        ['latin1.okr.yaml'],
        args.join(' '),
      );
      assert.equal(r.code, 1);
      assert.deepEqual(
        json.files[0].diagnostics.filter((d) => d.code === 'file-encoding').map((d) => d.message),
        [
          'This file is not valid UTF-8: byte 0xE9 at line 4, column 15 cannot be read, and shows as \uFFFD. Save the file as UTF-8.',
        ],
      );
    }
    // Named on the command line: a FIFO is refused at once, a symlink is read as given.
    const fifo = await run(['lint', 'fifo.okr.yaml'], dir);
    assert.equal(fifo.code, 2);
    assert.equal(fifo.err, 'okr: fifo.okr.yaml is not a regular file\n');
    assert.equal((await run(['lint', 'link.okr.yaml'], dir)).code, 0);
    const folder = await run(['lint', 'folder.okr.yaml'], dir);
    assert.equal(folder.code, 2);
    assert.equal(folder.err, 'okr: No *.okr.yaml files in folder.okr.yaml\n');

    // 20 MB: one file-too-large warning, quickly.
    writeFileSync(
      path.join(outside, 'big.okr.yaml'),
      'objectives:\n' + '  - id: A\n    title: padding\n'.repeat(800_000),
    );
    const started = Date.now();
    const big = await run(['lint', '--format', 'json', path.join(outside, 'big.okr.yaml')]);
    assert.ok(Date.now() - started < 5000, `${Date.now() - started} ms`);
    const [file] = (JSON.parse(big.out) as { files: { diagnostics: { code: string; message: string }[] }[] }).files;
    assert.deepEqual(
      file.diagnostics.map((d) => [d.code, d.message]),
      [
        [
          'file-too-large',
          'This file is 22.1 MB; okr-lens checks files up to 10 MB (setting okr.maxFileSize). Split it by team or period.',
        ],
      ],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  }
});

test('an unreadable file exits 2 with "permission denied" (as root: the CLI run as nobody)', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'okr-cli-'));
  try {
    chmodSync(dir, 0o755);
    const file = path.join(dir, 'locked.okr.yaml');
    writeFileSync(file, 'team: x\n');
    chmodSync(file, 0);
    if (process.getuid?.() !== 0) {
      const r = await run(['lint', file]);
      assert.equal(r.code, 2);
      assert.match(r.err, /permission denied/);
      return;
    }
    // Root reads anything, so the real CLI runs as the unprivileged user `nobody` (65534).
    const r = spawnSync(process.execPath, [path.join(distForNobody(), 'cli.js'), 'lint', file], {
      uid: 65534,
      gid: 65534,
      cwd: dir,
      encoding: 'utf8',
    });
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stderr, `okr: cannot read ${file}: permission denied\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
