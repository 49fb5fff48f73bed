/** Output formats of `okr lint`, and what they share (sarif.ts and github.ts are the CI formats). */
import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';

export interface FileResult {
  readonly path: string;
  readonly diagnostics: readonly Diagnostic[];
  /** `--fix-dry-run`: the file's text with the fixes applied, when they change it. */
  readonly output?: string;
}

export interface Problem {
  /** The file as the user named it. */
  readonly path: string;
  readonly diagnostic: Diagnostic;
}

export function formatJson(results: readonly FileResult[]): string {
  return JSON.stringify(
    {
      files: results.map((r) => ({
        path: r.path,
        diagnostics: r.diagnostics,
        ...(r.output !== undefined ? { output: r.output } : {}),
      })),
    },
    null,
    2,
  );
}

export type SeverityName = 'error' | 'warning' | 'info' | 'hint';

const NAMES: Record<DiagnosticSeverity, SeverityName> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'info',
  [DiagnosticSeverity.Hint]: 'hint',
};

export function severityOf(d: Diagnostic): SeverityName {
  return NAMES[d.severity ?? DiagnosticSeverity.Error];
}

export function messageOf(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

/** A path relative to `cwd` with `/` separators (as in a repository), or absolute when it is outside `cwd`. */
export function repoPath(cwd: string, file: string): string {
  const abs = path.resolve(cwd, file);
  const rel = path.relative(cwd, abs);
  const outside = rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel);
  return outside ? abs : rel.split(path.sep).join('/');
}

/** Every diagnostic with its file, sorted by file, then position, then code and message: stable output. */
export function sortedProblems(results: readonly FileResult[]): Problem[] {
  const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
  const key = ({ path: p, diagnostic: d }: Problem) => {
    const { start, end } = d.range;
    return [p, start.line, start.character, end.line, end.character, String(d.code ?? ''), messageOf(d)];
  };
  return results
    .flatMap((r) => r.diagnostics.map((diagnostic) => ({ path: r.path, diagnostic })))
    .sort((a, b) => {
      const [ka, kb] = [key(a), key(b)];
      for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return cmp(ka[i], kb[i]);
      return 0;
    });
}

/** ESLint-stylish-like lines, `path:line:col  severity  message  code`, 1-based, then a summary. */
export function formatText(results: readonly FileResult[], colour: boolean): string {
  const paint = (code: number, s: string) => (colour ? `\u001b[${code}m${s}\u001b[0m` : s);
  const rows: string[][] = [];
  const counts = { error: 0, warning: 0, other: 0 };
  for (const r of results) {
    for (const d of r.diagnostics) {
      const severity = severityOf(d);
      if (severity === 'error') counts.error++;
      else if (severity === 'warning') counts.warning++;
      else counts.other++;
      rows.push([
        `${r.path}:${d.range.start.line + 1}:${d.range.start.character + 1}`,
        severity,
        messageOf(d),
        String(d.code ?? ''),
      ]);
    }
  }
  const width = (i: number) => Math.max(0, ...rows.map((r) => r[i].length));
  const [w0, w1] = [width(0), width(1)];
  const lines = rows.map(([loc, sev, msg, code]) => {
    const sevColour = sev === 'error' ? 31 : sev === 'warning' ? 33 : 36;
    return `${loc.padEnd(w0)}  ${paint(sevColour, sev.padEnd(w1))}  ${msg}  ${paint(2, code)}`;
  });
  const total = counts.error + counts.warning + counts.other;
  const files = `${results.length} file${results.length === 1 ? '' : 's'}`;
  if (total === 0) lines.push(paint(32, `✔ No problems in ${files}.`));
  else {
    const parts = [
      `${counts.error} error${counts.error === 1 ? '' : 's'}`,
      `${counts.warning} warning${counts.warning === 1 ? '' : 's'}`,
    ];
    if (counts.other) parts.push(`${counts.other} info/hint`);
    lines.push(
      '',
      paint(counts.error ? 31 : 33, `✖ ${total} problem${total === 1 ? '' : 's'} (${parts.join(', ')}) in ${files}.`),
    );
  }
  return lines.join('\n');
}
