/** Diagnostics for one OKR file: parse, schema and every file rule, as LSP diagnostics. */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { Finding, Severity } from './findings';
import { parseOkr, SliceCache, type ParsedFile } from './parse/parseFile';
import { codeMeta, fileRules } from './rules';
import { defaultSettings, type OkrSettings } from './settings';

export const SOURCE = 'okr';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Runs the file rules over a parsed file; a rule that throws is skipped, never fatal. */
export function ruleFindings(file: ParsedFile, settings: OkrSettings, onError?: (e: unknown) => void): Finding[] {
  const out: Finding[] = [];
  for (const rule of fileRules) {
    if (settings.rules[rule.id] === 'off') continue;
    try {
      rule.check({ model: file.model, report: (p) => out.push({ ...p, code: rule.id }) });
    } catch (e) {
      onError?.(e);
    }
  }
  return out;
}

export function toDiagnostic(f: Finding, settings: OkrSettings): Diagnostic | undefined {
  const meta = codeMeta(f.code);
  const configured = settings.rules[f.code];
  if (configured === 'off') return undefined;
  // A yaml warning stays a warning unless the user configured the code.
  const severity: Severity = configured ?? f.severity ?? meta?.defaultSeverity ?? 'error';
  const d: Diagnostic = {
    range: f.range,
    severity: SEVERITY[severity],
    source: SOURCE,
    code: f.code,
    message: f.message,
  };
  if (meta) d.codeDescription = { href: meta.docs };
  if (f.data !== undefined) d.data = f.data;
  return d;
}

export interface ValidateOptions {
  readonly settings?: OkrSettings;
  /** Keep one per document to re-check only what an edit touched. */
  readonly cache?: SliceCache;
  readonly onRuleError?: (e: unknown) => void;
}

export function validateText(text: string, options: ValidateOptions = {}): Diagnostic[] {
  const settings = options.settings ?? defaultSettings;
  return diagnosticsOf(
    parseOkr(text, options.cache, { maxFileSize: settings.maxFileSize }),
    settings,
    options.onRuleError,
  );
}

/** Diagnostics of an already parsed file. */
export function diagnosticsOf(
  file: ParsedFile,
  settings: OkrSettings = defaultSettings,
  onRuleError?: (e: unknown) => void,
): Diagnostic[] {
  const findings = [...file.findings, ...ruleFindings(file, settings, onRuleError)];
  const out: Diagnostic[] = [];
  for (const f of findings) {
    const d = toDiagnostic(f, settings);
    if (d) out.push(d);
  }
  return out;
}
