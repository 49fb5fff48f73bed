/** Every rule and built-in check, by id. Adding a rule: one file in this folder, one line here. */
import { meta, type AnyRule, type CodeMeta, type FileRule, type LinkedRule, type ObjectiveRule } from './types';
import { rule as duplicateId } from './duplicate-id';
import { rule as vagueObjective } from './vague-objective';
import { rule as quantitativeObjective } from './quantitative-objective';
import { rule as unmeasurableKeyResult } from './unmeasurable-key-result';
import { rule as taskKeyResult } from './task-key-result';
import { rule as unstructuredKeyResult } from './unstructured-key-result';
import { rule as missingBaseline } from './missing-baseline';
import { rule as targetEqualsBaseline } from './target-equals-baseline';
import { rule as directionMismatch } from './direction-mismatch';
import { rule as keyResultCount } from './key-result-count';
import { rule as objectiveCount } from './objective-count';
import { rule as missingOwner } from './missing-owner';
import { rule as missingTenet } from './missing-tenet';
import { rule as confidenceRange } from './confidence-range';
import { rule as emptyObjective } from './empty-objective';
import { rule as unbalancedTenets } from './unbalanced-tenets';
import { rule as unknownParent } from './unknown-parent';
import { rule as alignmentCycle } from './alignment-cycle';
import { rule as unknownOwner } from './unknown-owner';
import { rule as unknownTenet } from './unknown-tenet';
import { rule as periodMismatch } from './period-mismatch';
import { rule as checkinDate } from './checkin-date';
import { rule as checkinMismatch } from './checkin-mismatch';
import { rule as behindPace } from './behind-pace';
import { rule as staleCheckin } from './stale-checkin';

const rules: readonly AnyRule[] = [
  duplicateId,
  vagueObjective,
  quantitativeObjective,
  unmeasurableKeyResult,
  taskKeyResult,
  unstructuredKeyResult,
  missingBaseline,
  targetEqualsBaseline,
  directionMismatch,
  keyResultCount,
  objectiveCount,
  missingOwner,
  missingTenet,
  confidenceRange,
  emptyObjective,
  unbalancedTenets,
  unknownParent,
  alignmentCycle,
  unknownOwner,
  unknownTenet,
  periodMismatch,
  checkinDate,
  checkinMismatch,
  behindPace,
  staleCheckin,
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const objectiveRules = rules.filter((r): r is ObjectiveRule<any> => r.scope === 'objective');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const fileRules = rules.filter((r): r is FileRule<any> => r.scope === 'file');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const linkedRules = rules.filter((r): r is LinkedRule<any> => r.scope === 'linked');

/** Checks the parser, the schema and the directives run; listed so settings and docs treat them like rules. */
export const builtInChecks: readonly CodeMeta[] = [
  meta(
    'yaml-syntax',
    'error',
    'The file is not valid YAML, or uses YAML in a way okr-lens will not read (alias bombs).',
  ),
  meta('schema', 'error', 'A field is unknown, missing, or of the wrong type or form for format version 1.'),
  meta('file-too-large', 'warning', 'The file is larger than okr.maxFileSize and was not checked.'),
  meta('file-encoding', 'error', 'The file on disk is not valid UTF-8.'),
  meta('file-unreadable', 'error', 'The file on disk could not be read (for example, permission denied).'),
  meta('unused-disable', 'warning', 'An okr-disable comment silences nothing.'),
];

const byId = new Map<string, CodeMeta>([...builtInChecks, ...rules].map((r) => [r.id, r]));

export function codeMeta(id: string): CodeMeta | undefined {
  return byId.get(id);
}

export function allCodes(): readonly CodeMeta[] {
  return [...byId.values()];
}
