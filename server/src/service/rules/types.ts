import type { Range } from 'vscode-languageserver-types';
import type { Objective, OkrFileModel } from '../model';
import type { Severity } from '../findings';
import type { WordLists } from '../language/words';
import type { Strictness } from '../language/model';
import type { Workspace } from '../workspace';

/** What every diagnostic code has: built-in checks (`yaml-syntax`, `schema`) and rules alike. */
export interface CodeMeta {
  readonly id: string;
  readonly defaultSeverity: Severity;
  /** One line: what the code reports. */
  readonly description: string;
  /** The docs page, docs/rules/<id>.md. */
  readonly docs: string;
}

export interface Report {
  readonly range: Range;
  readonly message: string;
  /** What quick-fixes key on (never the message). */
  readonly data?: unknown;
  /** The rule is not sure: shown as a hint, whatever the rule's severity. */
  readonly uncertain?: boolean;
}

interface RuleContext<Options> {
  readonly options: Options;
  readonly words: WordLists;
  /** How sure the language models must be before they speak (okr.config.yaml `strictness`). */
  readonly strictness: Strictness;
  report(problem: Report): void;
}

/**
 * A rule over one objective and its key results. Its results are cached with the objective's slice, so
 * it must depend on nothing else; ranges are the objective's own (slice-relative) ranges.
 */
export interface ObjectiveRule<Options = Record<string, never>> extends CodeMeta {
  readonly scope: 'objective';
  readonly defaultOptions: Options;
  check(objective: Objective, context: RuleContext<Options>): void;
}

export interface FileRuleContext<Options> extends RuleContext<Options> {
  readonly model: OkrFileModel;
  /** This file's URI, as the workspace knows it. */
  readonly uri: string;
  /** Every file of the workspace (this one included): definitions by id, the alignment graph. */
  readonly workspace: Workspace;
}

export interface LinkedRuleContext<Options> extends RuleContext<Options> {
  /** The objective's file, as the workspace knows it. */
  readonly uri: string;
  /** Where the objective's slice starts: its ranges are relative to this line. */
  readonly line: number;
  readonly workspace: Workspace;
}

/**
 * A rule over one objective against the rest of the workspace (ids, alignment, tenets, people,
 * periods). Its findings are cached with the objective until the workspace's `version` changes;
 * ranges are the objective's own (slice-relative). `checkFile`, when given, covers the file's other
 * sections (tenets, people, top-level initiatives) in document positions, on every check.
 */
export interface LinkedRule<Options = Record<string, never>> extends CodeMeta {
  readonly scope: 'linked';
  readonly defaultOptions: Options;
  check(objective: Objective, context: LinkedRuleContext<Options>): void;
  checkFile?(context: FileRuleContext<Options>): void;
}

/** A rule over a whole file's model; ranges are document positions (use `absolute`). */
export interface FileRule<Options = Record<string, never>> extends CodeMeta {
  readonly scope: 'file';
  readonly defaultOptions: Options;
  /** It reads other files (through `workspace`): it waits, like linked rules, until the workspace is known. */
  readonly readsWorkspace?: boolean;
  check(context: FileRuleContext<Options>): void;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = ObjectiveRule<any> | FileRule<any> | LinkedRule<any>;

/** The project's home page (the repository). */
export const HOMEPAGE = 'https://github.com/okr-lens/okr-lens';

export const DOCS_BASE = `${HOMEPAGE}/blob/main/docs/rules/`;

export function docsUrl(id: string): string {
  return `${DOCS_BASE}${id}.md`;
}

/** Rule metadata in one line: `meta('vague-objective', 'warning', '…')`. */
export function meta(id: string, defaultSeverity: Severity, description: string): CodeMeta {
  return { id, defaultSeverity, description, docs: docsUrl(id) };
}
