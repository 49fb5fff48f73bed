/** Every rule and built-in check, by id. Adding a rule: one file in this folder, one line here. */
import type { CodeMeta, FileRule } from './types';
import { docsUrl } from './types';
import { rule as duplicateId } from './duplicate-id';

export const fileRules: readonly FileRule[] = [duplicateId];

/** Checks the parser and the schema run; listed so settings and docs treat them like rules. */
export const builtInChecks: readonly CodeMeta[] = [
  {
    id: 'yaml-syntax',
    defaultSeverity: 'error',
    description: 'The file is not valid YAML, or uses YAML in a way okr-lens will not read (alias bombs).',
    docs: docsUrl('yaml-syntax'),
  },
  {
    id: 'schema',
    defaultSeverity: 'error',
    description: 'A field is unknown, missing, or of the wrong type or form for format version 1.',
    docs: docsUrl('schema'),
  },
  {
    id: 'file-too-large',
    defaultSeverity: 'warning',
    description: 'The file is larger than okr.maxFileSize and was not checked.',
    docs: docsUrl('file-too-large'),
  },
];

const byId = new Map<string, CodeMeta>([...builtInChecks, ...fileRules].map((r) => [r.id, r]));

export function codeMeta(id: string): CodeMeta | undefined {
  return byId.get(id);
}

export function allCodes(): readonly CodeMeta[] {
  return [...byId.values()];
}
