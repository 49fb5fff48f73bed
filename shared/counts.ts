/**
 * The preview's badge per objective: errors and warnings inside its range, and why the language rules
 * warned (the reasons in each diagnostic's `data`). One function for the editor, the CLI's HTML export
 * and the tests; each passes its own diagnostics and says which are errors and warnings.
 */
import type { AlignmentTree, DiagnosticCounts } from './protocol';

export interface CountedDiagnostic {
  readonly range: { readonly start: { readonly line: number } };
  readonly code?: string | number | { readonly value: string | number };
  readonly data?: unknown;
}

const LANGUAGE_RULES: Readonly<Record<string, string>> = {
  'vague-objective': 'Vague',
  'task-key-result': 'A task',
  'unmeasurable-key-result': 'Undecidable',
};

function codeOf(d: CountedDiagnostic): string {
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : String(c ?? '');
}

/** "Vague: a generic verb ("Improve"); an abstract noun ("security")", from a language rule's data. */
function whyOf(d: CountedDiagnostic): string | undefined {
  const label = LANGUAGE_RULES[codeOf(d)];
  const reasons = (d.data as { reasons?: unknown } | undefined)?.reasons;
  if (!label || !Array.isArray(reasons)) return undefined;
  const texts = reasons
    .map((r) => (r && typeof r === 'object' ? (r as { text?: unknown }).text : undefined))
    .filter((t): t is string => typeof t === 'string');
  return texts.length ? `${label}: ${texts.join('; ')}` : undefined;
}

export function diagnosticCounts<D extends CountedDiagnostic>(
  tree: AlignmentTree,
  diagnosticsOf: (file: string) => readonly D[],
  kind: (d: D) => 'error' | 'warning' | undefined,
): DiagnosticCounts {
  const counts: Record<string, { errors: number; warnings: number; why?: string[] }> = {};
  for (const o of tree.objectives) {
    let errors = 0;
    let warnings = 0;
    const why: string[] = [];
    for (const d of diagnosticsOf(o.file)) {
      if (d.range.start.line < o.range.start.line || d.range.start.line > o.range.end.line) continue;
      const k = kind(d);
      if (k === 'error') errors++;
      else if (k === 'warning') {
        warnings++;
        const reason = whyOf(d);
        if (reason) why.push(reason);
      }
    }
    if (errors || warnings) counts[o.id] = why.length ? { errors, warnings, why } : { errors, warnings };
  }
  return counts;
}
