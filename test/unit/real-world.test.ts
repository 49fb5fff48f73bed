import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { main } from '../../server/src/cli/main';

const FIXTURE = path.join('test', 'fixtures', 'real-world.okr.yaml');

test('okr lint --format json puts each code on the offending title or field of real-world OKRs', async () => {
  const root = path.join(__dirname, '..', '..');
  const lines = readFileSync(path.join(root, FIXTURE), 'utf8').split('\n');
  const expected: string[] = [];
  lines.forEach((line, i) => {
    const m = /^\s*#\s*expect:\s*(.+)$/.exec(line);
    if (m) for (const code of m[1].split(/[\s,]+/).filter(Boolean)) expected.push(`${i + 2}:${code}`);
  });
  let out = '';
  await main(['lint', '--format', 'json', FIXTURE], {
    cwd: root,
    out: (s) => (out += s),
    err: () => undefined,
    colour: false,
  });
  const [file] = JSON.parse(out).files as {
    diagnostics: { code: string; range: { start: { line: number; character: number } } }[];
  }[];
  const actual = file.diagnostics.map((d) => `${d.range.start.line + 1}:${d.code}`);
  assert.deepEqual(actual.sort(), expected.sort());
  // Each is on the value after the key, not on the key or the line's start.
  for (const d of file.diagnostics) {
    const line = lines[d.range.start.line];
    assert.ok(d.range.start.character > line.indexOf(':'), `${d.code} starts on the value: ${line}`);
  }
});
