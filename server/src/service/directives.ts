/**
 * `# okr-disable-next-line <ids>`, `# okr-disable <ids>` … `# okr-enable <ids>` comments, as ESLint has
 * them. Without ids they apply to every rule. A directive that silences nothing is itself reported.
 */
import type { Range } from 'vscode-languageserver-types';
import type { Finding } from './findings';

export interface Directive {
  readonly kind: 'disable-next-line' | 'disable' | 'enable';
  /** Rule ids; empty means all. */
  readonly ids: readonly string[];
  readonly line: number;
  readonly range: Range;
}

const DIRECTIVE = /#[ \t]*okr-(disable-next-line|disable|enable)\b([^\n\r]*)/g;
const BREAK = /\r\n?|\n/g;

function nextBreak(text: string, from: number): RegExpExecArray | null {
  BREAK.lastIndex = from;
  return BREAK.exec(text);
}

export function parseDirectives(text: string): Directive[] {
  const out: Directive[] = [];
  if (!text.includes('okr-')) return out;
  let line = 0;
  let lineStart = 0;
  for (const m of text.matchAll(DIRECTIVE)) {
    // Count lines up to the match (matches come in order); lines end at \r\n, \n or \r, as in LSP.
    for (let b = nextBreak(text, lineStart); b && b.index < m.index; b = nextBreak(text, lineStart)) {
      line++;
      lineStart = b.index + b[0].length;
    }
    // Only a comment: the `#` must start the line or follow whitespace (not be inside a value like `a#b`).
    const before = text.slice(lineStart, m.index);
    if (before.trim() !== '' && !/\s$/.test(before)) continue;
    if (/["']/.test(before) && (before.split('"').length % 2 === 0 || before.split("'").length % 2 === 0)) continue;
    const ids = m[2]
      .replace(/\s--\s.*$/, '') // ESLint-style description after ` -- `
      .split(/[\s,]+/)
      .filter(Boolean);
    const startChar = m.index - lineStart;
    out.push({
      kind: m[1] as Directive['kind'],
      ids,
      line,
      range: { start: { line, character: startChar }, end: { line, character: startChar + m[0].trimEnd().length } },
    });
  }
  return out;
}

/** A directive parsed from a slice, placed in the document. */
export function shiftDirective(d: Directive, lines: number): Directive {
  if (lines === 0) return d;
  const { start, end } = d.range;
  return {
    ...d,
    line: d.line + lines,
    range: { start: { ...start, line: start.line + lines }, end: { ...end, line: end.line + lines } },
  };
}

const covers = (d: Directive, code: string) => d.ids.length === 0 || d.ids.includes(code);

/** Drops the findings the directives silence, and reports directives that silenced nothing. */
export function applyDirectives(findings: readonly Finding[], directives: readonly Directive[]): Finding[] {
  if (directives.length === 0) return [...findings];
  const used = new Set<Directive>();
  const kept: Finding[] = [];
  for (const f of findings) {
    const line = f.range.start.line;
    let silencedBy: Directive | undefined;
    for (const d of directives) {
      if (d.kind === 'disable-next-line' && d.line === line - 1 && covers(d, f.code)) silencedBy = d;
    }
    if (!silencedBy) {
      // The last disable/enable before the line that mentions the code decides.
      let state: Directive | undefined;
      for (const d of directives) {
        if (d.line >= line) break;
        if (d.kind !== 'disable-next-line' && covers(d, f.code)) state = d.kind === 'disable' ? d : undefined;
      }
      silencedBy = state;
    }
    if (silencedBy) used.add(silencedBy);
    else kept.push(f);
  }
  for (const d of directives) {
    if (d.kind === 'enable' || used.has(d)) continue;
    const what = d.ids.length ? d.ids.map((id) => `\`${id}\``).join(', ') : 'any rule';
    kept.push({
      code: 'unused-disable',
      message: `This okr-${d.kind} comment silences nothing: no ${what} problem ${d.kind === 'disable' ? 'follows' : 'on the next line'}.`,
      range: d.range,
      data: { ids: d.ids, kind: d.kind },
    });
  }
  return kept;
}
