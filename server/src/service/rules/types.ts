import type { Range } from 'vscode-languageserver-types';
import type { OkrFileModel } from '../model';
import type { Severity } from '../findings';

/** What every diagnostic code has: built-in checks (`yaml-syntax`, `schema`) and rules alike. */
export interface CodeMeta {
  readonly id: string;
  readonly defaultSeverity: Severity;
  /** One line: what the code reports. */
  readonly description: string;
  /** The docs page, docs/rules/<id>.md. */
  readonly docs: string;
}

export interface FileRuleContext {
  readonly model: OkrFileModel;
  report(problem: { readonly range: Range; readonly message: string; readonly data?: unknown }): void;
}

/** A quality rule over one file's model, ESLint style: metadata and one check. */
export interface FileRule extends CodeMeta {
  check(context: FileRuleContext): void;
}

export const DOCS_BASE = 'https://github.com/okr-lens/okr-lens/blob/main/docs/rules/';

export function docsUrl(id: string): string {
  return `${DOCS_BASE}${id}.md`;
}
