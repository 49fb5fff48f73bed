/** Output formats of `okr lint`. */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';

export interface FileResult {
  readonly path: string;
  readonly diagnostics: readonly Diagnostic[];
}

export function formatJson(results: readonly FileResult[]): string {
  return JSON.stringify({ files: results.map((r) => ({ path: r.path, diagnostics: r.diagnostics })) }, null, 2);
}

const NAMES: Record<DiagnosticSeverity, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'info',
  [DiagnosticSeverity.Hint]: 'hint',
};

/** ESLint-stylish-like lines, `path:line:col  severity  message  code`, 1-based, then a summary. */
export function formatText(results: readonly FileResult[], colour: boolean): string {
  const paint = (code: number, s: string) => (colour ? `\u001b[${code}m${s}\u001b[0m` : s);
  const rows: string[][] = [];
  const counts = { error: 0, warning: 0, other: 0 };
  for (const r of results) {
    for (const d of r.diagnostics) {
      const severity = NAMES[d.severity ?? DiagnosticSeverity.Error];
      if (severity === 'error') counts.error++;
      else if (severity === 'warning') counts.warning++;
      else counts.other++;
      rows.push([
        `${r.path}:${d.range.start.line + 1}:${d.range.start.character + 1}`,
        severity,
        typeof d.message === 'string' ? d.message : d.message.value,
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
