import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../server/src/cli/main';

const ROOT = path.join(__dirname, '..', '..');

async function run(args: string[], cwd = ROOT) {
  let out = '';
  let err = '';
  const code = await main(args, { cwd, out: (s) => (out += s + '\n'), err: (s) => (err += s + '\n'), colour: false });
  return { code, out, err };
}

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
  assert.deepEqual(json.files[1].diagnostics, []);
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
  assert.match(good.out, /No problems in 2 files/);
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
  if (process.getuid?.() !== 0) {
    const dir = mkdtempSync(path.join(tmpdir(), 'okr-cli-'));
    const file = path.join(dir, 'locked.okr.yaml');
    writeFileSync(file, 'team: x\n');
    chmodSync(file, 0);
    const r = await run(['lint', file]);
    assert.equal(r.code, 2);
    assert.match(r.err, /permission denied/);
  }
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
