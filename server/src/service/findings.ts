import type { Range } from 'vscode-languageserver-types';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** A problem found by the parser, the schema or a rule, before settings decide its severity. */
export interface Finding {
  /** The rule id or built-in check (`yaml-syntax`, `schema`) that found it. */
  readonly code: string;
  readonly message: string;
  readonly range: Range;
  /** Overrides the code's default severity (yaml warnings vs errors). */
  readonly severity?: Severity;
  /** What quick-fixes key on. */
  readonly data?: unknown;
  /** The rule is not sure: a hint, unless the code is configured `off`. */
  readonly uncertain?: boolean;
}

export function shiftFinding(f: Finding, lines: number): Finding {
  if (lines === 0) return f;
  const { start, end } = f.range;
  return {
    ...f,
    range: {
      start: { line: start.line + lines, character: start.character },
      end: { line: end.line + lines, character: end.character },
    },
  };
}
