/**
 * What the readers make of a spreadsheet or a page (a draft), and the one writer that turns a draft into
 * an .okr.yaml file: generated ids, the measure a title states ("from 60 to 21 days", the engine's own
 * reading, as its quick-fix would record it), and YAML that reads back to exactly the same values.
 */
import { stringify } from 'yaml';
import { measureInTitle } from '../../service/language/measure';
import { tidy } from './values';

/** Something the reader could not read, at its line (a spreadsheet row, header = 1; a page's line). */
export interface Problem {
  readonly line: number;
  readonly message: string;
}

export interface ImportResult {
  readonly yaml: string;
  readonly problems: Problem[];
}

export interface ImportOptions {
  /** The file's team (`team:`), which names the ids (`SECURITY-1`); overrides a Team column. */
  readonly team?: string;
  /** The file's period, as the format writes it; overrides a Period column or a page's headings. */
  readonly period?: string;
}

export interface DraftKeyResult {
  title: string;
  metric?: string;
  baseline?: number;
  target?: number;
  current?: number;
  unit?: string;
  owner?: string;
  confidence?: number;
  weight?: number;
  due?: string;
  done?: boolean;
  /** A progress note's share of the way from baseline to target ("=> 78%" is 0.78). */
  progress?: number;
  notes: string[];
}

export interface DraftObjective {
  title: string;
  description?: string;
  tenet?: string;
  owner?: string;
  alignsTo?: string[];
  notes: string[];
  keyResults: DraftKeyResult[];
}

export interface Draft {
  team?: string;
  period?: string;
  objectives: DraftObjective[];
}

/** The ids' prefix: the team in capitals (`platform security` → `PLATFORM-SECURITY`), else `OKR`. */
export function idPrefix(team: string | undefined): string {
  const prefix = (team ?? '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return prefix || 'OKR';
}

/**
 * What the title states, where the fields do not say it: the `unstructured-key-result` rule's reading
 * (measureInTitle) and its quick-fix's edit (the missing baseline, target and unit), under the same
 * condition (not a milestone, baseline and target not both set). Then a progress note, if the key result
 * now has a baseline and a target and no current value, becomes the value that makes progress that share.
 */
export function completeKeyResult(kr: DraftKeyResult): DraftKeyResult {
  const out = { ...kr };
  if (out.done === undefined && (out.baseline === undefined || out.target === undefined)) {
    const measure = measureInTitle(out.title);
    if (measure) {
      out.baseline ??= measure.baseline;
      out.target ??= measure.target;
      if (measure.unit !== undefined) out.unit ??= measure.unit;
    }
  }
  const { baseline, target, progress } = out;
  if (progress !== undefined && baseline !== undefined && target !== undefined && out.current === undefined)
    out.current = tidy(baseline + progress * (target - baseline));
  return out;
}

/** The draft as an .okr.yaml file, keys in the order docs/format.md lists them. */
export function writeOkr(draft: Draft, source?: string): string {
  const prefix = idPrefix(draft.team);
  const objectives = draft.objectives.map((o, i) => {
    const id = `${prefix}-${i + 1}`;
    return {
      id,
      title: o.title,
      description: o.description,
      tenet: o.tenet,
      owner: o.owner,
      aligns_to: o.alignsTo && (o.alignsTo.length === 1 ? o.alignsTo[0] : o.alignsTo),
      notes: notesOf(o.notes),
      key_results: o.keyResults.length
        ? o.keyResults.map((draftKr, j) => {
            const kr = completeKeyResult(draftKr);
            return {
              id: `${id}.${j + 1}`,
              title: kr.title,
              metric: kr.metric,
              baseline: kr.baseline,
              target: kr.target,
              current: kr.current,
              unit: kr.unit,
              owner: kr.owner,
              confidence: kr.confidence,
              weight: kr.weight,
              due: kr.due,
              done: kr.done,
              notes: notesOf(kr.notes),
            };
          })
        : undefined,
    };
  });
  // yaml leaves out keys whose value is undefined.
  const file = { period: draft.period, team: draft.team, objectives };
  const head = source ? `# Imported from ${oneLineComment(source)} by okr import.\n` : '';
  // lineWidth 0: a long title stays on its line (folding would read back the same, but is harder to edit).
  return head + stringify(file, { lineWidth: 0 });
}

const notesOf = (lines: readonly string[]) => (lines.length ? lines.join('\n') : undefined);

const oneLineComment = (text: string) => text.replace(/[\r\n]+/g, ' ');
