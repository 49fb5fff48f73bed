import { chmodSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';

/** Dedents a template literal so fixtures can be written inline. */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = String.raw({ raw: strings }, ...values).replace(/^\n/, '');
  const indent = Math.min(
    ...raw
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => l.match(/^ */)![0].length),
  );
  return raw
    .split('\n')
    .map((l) => l.slice(indent))
    .join('\n');
}

/** A compact, exact view of a diagnostic: `code line:col-line:col message` (0-based, as LSP). */
export function brief(d: Pick<Diagnostic, 'code' | 'range' | 'message'>): string {
  const { start, end } = d.range;
  return `${String(d.code)} ${start.line}:${start.character}-${end.line}:${end.character} ${typeof d.message === 'string' ? d.message : d.message.value}`;
}

/** The text a diagnostic's range covers. */
export function covered(text: string, d: Diagnostic): string {
  const lines = text.split('\n');
  const { start, end } = d.range;
  if (start.line === end.line) return lines[start.line].slice(start.character, end.character);
  return [
    lines[start.line].slice(start.character),
    ...lines.slice(start.line + 1, end.line),
    lines[end.line].slice(0, end.character),
  ].join('\n');
}

/** The start of a well-written objective (owner and tenet set) whose key results a test supplies. */
export const OBJECTIVE_HEAD: readonly string[] = [
  'objectives:',
  '  - id: SEC-1',
  '    title: Make account takeover a non-event for our customers',
  '    owner: alice',
  '    tenet: secure-the-product',
  '    key_results:',
];

/** A small seeded PRNG (mulberry32), so a failing random test can be replayed. */
export function random(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let nobodyDist: string | undefined;

/**
 * A copy of dist/ (self-contained bundles) that the user `nobody` can read: tests running as root start the CLI or server as `nobody`, and a checkout
 * under a private folder (`mktemp -d` is 0700) is out of its reach. Made once per test process.
 */
export function distForNobody(): string {
  if (nobodyDist) return nobodyDist;
  const root = path.join(__dirname, '..');
  const dir = mkdtempSync(path.join(tmpdir(), 'okr-dist-'));
  chmodSync(dir, 0o755);
  cpSync(path.join(root, 'dist'), path.join(dir, 'dist'), { recursive: true });
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  nobodyDist = path.join(dir, 'dist');
  return nobodyDist;
}

/**
 * A file with one objective `A` and one metric key result `A.1` (MFA coverage from 30% to 60%), with
 * `lines` added to the key result as written (`checkins:` and its items, `current: 36`): the tracking tests' fixture.
 */
export function mfaFile(period: string, lines: readonly string[]): string {
  return [
    `period: ${period}`,
    'objectives:',
    '  - id: A',
    '    title: Make account takeover a non-event for our customers',
    '    key_results:',
    '      - id: A.1',
    '        title: Raise active accounts protected by MFA from 30% to 60%',
    '        baseline: 30',
    '        target: 60',
    ...lines.map((l) => `        ${l}`),
    '',
  ].join('\n');
}

/** Runs the `okr` command in this process, as a user would from `cwd`, capturing its output. */
export async function runOkr(
  args: readonly string[],
  cwd: string,
): Promise<{ code: number; out: string; err: string }> {
  const { main } = await import('../server/src/cli/main');
  let out = '';
  let err = '';
  const code = await main(args, { cwd, out: (s) => (out += s + '\n'), err: (s) => (err += s + '\n'), colour: false });
  return { code, out, err };
}
