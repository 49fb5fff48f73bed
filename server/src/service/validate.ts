/** Diagnostics for one OKR file: parse, schema and every rule, as LSP diagnostics. */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { shiftFinding, type Finding, type Severity } from './findings';
import type { Located, Objective } from './model';
import { parseOkr, SliceCache, type ParsedFile } from './parse/parseFile';
import { applyDirectives } from './directives';
import { codeMeta, fileRules, linkedRules, objectiveRules } from './rules';
import type { AnyRule, FileRule, LinkedRule, Report } from './rules/types';
import { defaultSettings, type OkrSettings } from './settings';
import { singleFile, type Workspace } from './workspace';

export const SOURCE = 'okr';

/** A rule threw: a bug. It names the rule; the rule's other findings and every other rule's still count. */
export class RuleError extends Error {
  constructor(
    readonly rule: string,
    readonly cause: unknown,
  ) {
    super(`rule ${rule} failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'RuleError';
  }
}

/**
 * Without a handler a rule's error is thrown: tests and scripts fail on it. The server and the CLI pass
 * one that reports it to the user once and logs it (and keep the other rules' findings).
 */
const rethrow = (e: unknown): never => {
  throw e;
};
const UNTITLED = 'untitled:okr';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

function optionsOf(rule: AnyRule, settings: OkrSettings): Record<string, unknown> {
  const custom = settings.ruleOptions[rule.id];
  return custom ? { ...rule.defaultOptions, ...custom } : rule.defaultOptions;
}

/** Objective-rule findings by objective (an object shared across versions while its text is unchanged). */
const objectiveCache = new WeakMap<Objective, { settings: OkrSettings; findings: Finding[] }>();

function objectiveFindings(objective: Objective, settings: OkrSettings, onError?: (e: unknown) => void): Finding[] {
  const cached = objectiveCache.get(objective);
  if (cached && cached.settings === settings) return cached.findings;
  const findings: Finding[] = [];
  for (const rule of objectiveRules) {
    if (settings.rules[rule.id] === 'off') continue;
    try {
      rule.check(objective, {
        options: optionsOf(rule, settings),
        words: settings.words,
        strictness: settings.strictness,
        report: (p) => findings.push({ ...p, code: rule.id }),
      });
    } catch (e) {
      (onError ?? rethrow)(new RuleError(rule.id, e));
    }
  }
  objectiveCache.set(objective, { settings, findings });
  return findings;
}

/** Which file is being checked, in which workspace. Without one, the file is its own workspace. */
export interface FileContext {
  readonly uri: string;
  readonly workspace: Workspace;
  /**
   * Whether the workspace holds every file yet (default: yes). While it does not (the server's first
   * scan), the rules that read other files stay silent: they would report parents, owners and tenets
   * as unknown only because their files have not been read.
   */
  readonly complete?: boolean;
}

/**
 * One objective's findings in document positions: its own rules' (cached with the objective) and
 * its linked rules' (cached until the workspace's structure changes or the objective moves).
 */
interface ObjectiveCheck {
  readonly settings: OkrSettings;
  readonly version: number;
  readonly uri: string;
  readonly line: number;
  /** The findings before they were placed (the objective's own rules' are the cached objects). */
  readonly relative: readonly Finding[];
  readonly findings: readonly Finding[];
}

const objectiveChecks = new WeakMap<Objective, ObjectiveCheck>();

function checkObjective(
  loc: Located<Objective>,
  settings: OkrSettings,
  uri: string,
  workspace: Workspace,
  onError?: (e: unknown) => void,
): readonly Finding[] {
  const o = loc.item;
  const cached = objectiveChecks.get(o);
  if (cached && cached.settings === settings && cached.version === workspace.version && cached.uri === uri) {
    if (cached.line === loc.line) return cached.findings;
    // Moved (a line added or removed above it) in an unchanged workspace: its findings are the same,
    // placed anew. Only duplicate-id reads where an objective sits, and only for ids defined twice.
    if (!workspace.definesShared(o)) {
      const findings = cached.relative.map((f) => shiftFinding(f, loc.line));
      objectiveChecks.set(o, { ...cached, line: loc.line, findings });
      return findings;
    }
  }
  const relative = [...objectiveFindings(o, settings, onError)];
  for (const rule of linkedRules) {
    if (settings.rules[rule.id] === 'off') continue;
    try {
      rule.check(o, {
        uri,
        line: loc.line,
        workspace,
        options: optionsOf(rule, settings),
        words: settings.words,
        strictness: settings.strictness,
        report: (p) => relative.push({ ...p, code: rule.id }),
      });
    } catch (e) {
      (onError ?? rethrow)(new RuleError(rule.id, e));
    }
  }
  // A finding that is the very one placed last time (the objective's own rules' are cached) keeps its
  // placed copy, and so its diagnostic: a pass re-sends a file's unchanged diagnostics as the same objects.
  const before = cached?.settings === settings && cached.uri === uri && cached.line === loc.line ? cached : undefined;
  const findings = relative.map((f, i) =>
    before && before.relative[i] === f ? before.findings[i] : shiftFinding(f, loc.line),
  );
  objectiveChecks.set(o, { settings, version: workspace.version, uri, line: loc.line, relative, findings });
  return findings;
}

/** An objective's own rules' findings only (no linked rules), in document positions. */
function ownFindings(loc: Located<Objective>, settings: OkrSettings, onError?: (e: unknown) => void): Finding[] {
  return objectiveFindings(loc.item, settings, onError).map((f) => shiftFinding(f, loc.line));
}

/** Runs every rule over a parsed file; a rule that throws goes to `onError` (thrown without one), the others still run. */
export function ruleFindings(
  file: ParsedFile,
  settings: OkrSettings,
  context?: FileContext,
  onError?: (e: unknown) => void,
): Finding[] {
  const uri = context?.uri ?? UNTITLED;
  const workspace = context?.workspace ?? singleFile(uri, file.model, settings.tracking);
  const complete = context?.complete ?? true;
  const out: Finding[] = [];
  for (const loc of file.model.objectives) {
    if (loc.item.kind !== 'objective') continue;
    const findings = complete
      ? checkObjective(loc, settings, uri, workspace, onError)
      : ownFindings(loc, settings, onError);
    for (const f of findings) out.push(f);
  }
  const fileContext = (rule: FileRule | LinkedRule) => ({
    model: file.model,
    uri,
    workspace,
    options: optionsOf(rule, settings),
    words: settings.words,
    strictness: settings.strictness,
    report: (p: Report) => out.push({ ...p, code: rule.id }),
  });
  for (const rule of [...fileRules, ...linkedRules]) {
    if (settings.rules[rule.id] === 'off') continue;
    if (!complete && (rule.scope === 'linked' || rule.readsWorkspace)) continue;
    try {
      if (rule.scope === 'file') rule.check(fileContext(rule));
      else rule.checkFile?.(fileContext(rule));
    } catch (e) {
      (onError ?? rethrow)(new RuleError(rule.id, e));
    }
  }
  return out;
}

export function toDiagnostic(f: Finding, settings: OkrSettings): Diagnostic | undefined {
  const meta = codeMeta(f.code);
  const configured = settings.rules[f.code];
  if (configured === 'off') return undefined;
  // A yaml warning stays a warning unless the user configured the code.
  // An uncertain finding is a hint: a warning shown to a user must be right.
  const severity: Severity = f.uncertain ? 'hint' : (configured ?? f.severity ?? meta?.defaultSeverity ?? 'error');
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
  readonly context?: FileContext;
  readonly onRuleError?: (e: unknown) => void;
}

export function validateText(text: string, options: ValidateOptions = {}): Diagnostic[] {
  const settings = options.settings ?? defaultSettings;
  const file = parseOkr(text, options.cache, { maxFileSize: settings.maxFileSize });
  return diagnosticsOf(file, settings, options.context, options.onRuleError);
}

/** Diagnostics by finding: a finding cached with its objective keeps its diagnostic too. */
const diagnostics = new WeakMap<Finding, { settings: OkrSettings; diagnostic: Diagnostic | undefined }>();

function diagnosticOf(f: Finding, settings: OkrSettings): Diagnostic | undefined {
  const cached = diagnostics.get(f);
  if (cached?.settings === settings) return cached.diagnostic;
  const diagnostic = toDiagnostic(f, settings);
  diagnostics.set(f, { settings, diagnostic });
  return diagnostic;
}

/** Diagnostics of an already parsed file, in document order. */
export function diagnosticsOf(
  file: ParsedFile,
  settings: OkrSettings = defaultSettings,
  context?: FileContext,
  onRuleError?: (e: unknown) => void,
): Diagnostic[] {
  const findings = applyDirectives(
    [...file.findings, ...ruleFindings(file, settings, context, onRuleError)],
    file.directives,
  );
  const out: Diagnostic[] = [];
  for (const f of findings) {
    const d = diagnosticOf(f, settings);
    if (d) out.push(d);
  }
  return out.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}
