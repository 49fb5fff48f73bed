/**
 * A spreadsheet's CSV export (Google Sheets, Excel): one row per key result, the objective repeated or
 * left blank below its first row. Columns are found by their header (docs/import.md has the synonyms);
 * the rest go to `notes`. Rows are numbered as the spreadsheet shows them: the header is row 1.
 */
import { parse } from 'csv-parse/sync';
import {
  writeOkr,
  type Draft,
  type DraftKeyResult,
  type DraftObjective,
  type ImportOptions,
  type ImportResult,
  type Problem,
} from './draft';
import { oneLine, readConfidence, readDate, readPeriod, readQuantity } from './values';

type Field = keyof typeof COLUMNS;

/** Each field's headers, compared lower-case with punctuation at the ends and "(…)" left out. */
const COLUMNS = {
  objective: ['objective', 'objectives', 'objective title'],
  keyResult: ['key result', 'key results', 'key result title', 'kr', 'krs', 'kr title'],
  owner: ['owner', 'kr owner', 'key result owner', 'dri'],
  objectiveOwner: ['objective owner'],
  metric: ['metric', 'measure'],
  baseline: ['baseline', 'start', 'starting value', 'start value'],
  target: ['target', 'goal', 'target value'],
  current: ['current', 'actual', 'progress value', 'current value'],
  unit: ['unit', 'units'],
  confidence: ['confidence'],
  weight: ['weight'],
  due: ['due', 'due date', 'deadline'],
  tenet: ['tenet'],
  alignsTo: ['aligns to', 'aligned to', 'parent', 'parent objective'],
  team: ['team'],
  period: ['period', 'quarter'],
} as const;

/** The fields that belong to the objective, read from its rows (the first value wins). */
const OBJECTIVE_FIELDS = ['objectiveOwner', 'tenet', 'alignsTo'] as const;
/** The fields that make a row a key result's. */
const KEY_RESULT_FIELDS = ['metric', 'baseline', 'target', 'current', 'unit', 'confidence', 'weight', 'due'] as const;

const ID = /^[A-Za-z0-9._-]+$/;

export function fieldOf(header: string): Field | undefined {
  const name = header
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[_\s]+/g, ' ')
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  return (Object.keys(COLUMNS) as Field[]).find((f) => (COLUMNS[f] as readonly string[]).includes(name));
}

/** `,`, `;` or tab: whichever the header line (outside quotes) has most of; Excel in many locales writes `;`. */
function delimiterOf(text: string): string {
  const first = text.replace(/"(?:[^"]|"")*"/g, '').split(/\r?\n/, 1)[0] ?? '';
  const count = (c: string) => first.split(c).length - 1;
  return [';', '\t'].reduce((best, c) => (count(c) > count(best) ? c : best), ',');
}

/** The rows as cells, and the problem that stopped the parser early (a quote never closed), if any. */
function rowsOf(text: string, delimiter: string): { rows: string[][]; problem?: Problem } {
  const options = { delimiter, relax_column_count: true, relax_quotes: true } as const;
  try {
    return { rows: parse(text, options) as string[][] };
  } catch (e) {
    const records = (e as { records?: number }).records;
    if (typeof records !== 'number') throw e;
    return {
      rows: parse(text, { ...options, to: records }) as string[][],
      problem: {
        line: records + 1,
        message: `${(e as Error).message.replace(/ at line \d+$/, '')}: this row and the rows below it were not read`,
      },
    };
  }
}

const columnName = (i: number): string =>
  (i >= 26 ? columnName(Math.floor(i / 26) - 1) : '') + String.fromCharCode(65 + (i % 26));

export function importCsv(text: string, name?: string, options: ImportOptions = {}): ImportResult {
  // Excel's "sep=;" first line names the separator; Excel does not show it as a row.
  const sep = /^\uFEFF?sep=(.)\r?\n/.exec(text);
  const body = sep ? text.slice(sep[0].length) : text.replace(/^\uFEFF/, '');
  const delimiter = sep ? sep[1] : delimiterOf(body);
  const parsed = rowsOf(body, delimiter);
  const rows = parsed.rows.map((row) => row.map((c) => c.replace(/\r\n?/g, '\n').trim()));
  const draft: Draft = { team: options.team, period: options.period, objectives: [] };
  const problems: (Problem & { column: number })[] = [];
  const result = (): ImportResult => {
    // In the order the user reads the sheet: by row, then by column.
    problems.sort((a, b) => a.line - b.line || a.column - b.column);
    if (parsed.problem) problems.push({ ...parsed.problem, column: 0 });
    return { yaml: writeOkr(draft, name), problems: problems.map(({ line, message }) => ({ line, message })) };
  };

  const headerIndex = rows.findIndex((r) => r.some(Boolean));
  if (headerIndex < 0) {
    problems.push({ line: 1, column: 0, message: 'the file has no rows' });
    return result();
  }
  const headers = rows[headerIndex].map((h, i) => h || `Column ${columnName(i)}`);
  const column = new Map<Field, number>();
  headers.forEach((h, i) => {
    const f = fieldOf(h);
    if (f && !column.has(f)) column.set(f, i);
  });
  const known = new Set(column.values());
  const headerProblem = (message: string) =>
    problems.push({ line: headerIndex + 1, column: 0, message: `${message} (found: ${headers.join(', ')})` });
  if (!column.has('objective')) {
    headerProblem('no Objective column: the first row must be the header');
    return result();
  }
  if (!column.has('keyResult')) headerProblem('no Key result column: only objectives were read');

  const decimalComma = delimiter === ';';
  const byTitle = new Map<string, DraftObjective>();
  /** Where a value that holds for the whole file or objective was first read: [value, row]. */
  const firstSeen = new Map<DraftObjective | Draft, Map<Field, [string, number]>>();
  let objective: DraftObjective | undefined;

  for (let r = headerIndex + 1; r < rows.length; r++) {
    const line = r + 1;
    const cells = rows[r];
    if (!cells.some(Boolean)) continue;
    const get = (f: Field) => cells[column.get(f) ?? -1] ?? '';
    const header = (f: Field) => headers[column.get(f)!];
    const report = (f: Field, message: string) => problems.push({ line, column: column.get(f)!, message });
    /** The row's "Header: value" notes, in column order: unknown columns, and cells that could not be read. */
    const notes: [number, string][] = cells.flatMap((c, i) =>
      c && !known.has(i) ? [[i, `${headers[i] ?? `Column ${columnName(i)}`}: ${c}`] as [number, string]] : [],
    );
    const keep = (f: Field) => notes.push([column.get(f)!, `${header(f)}: ${get(f)}`]);
    const notesInOrder = () => notes.sort((a, b) => a[0] - b[0]).map(([, n]) => n);

    /** A value that holds for the whole file or objective: the first is kept, a different one reported. */
    const once = (owner: DraftObjective | Draft, f: Field, value: string, why: string): boolean => {
      const seen = firstSeen.get(owner) ?? new Map<Field, [string, number]>();
      firstSeen.set(owner, seen);
      const first = seen.get(f);
      if (first && first[0] !== value)
        report(f, `${header(f)} "${value}" differs from "${first[0]}" (row ${first[1]}) ${why}`);
      if (!first) seen.set(f, [value, line]);
      return !first;
    };

    for (const f of ['team', 'period'] as const) {
      const raw = oneLine(get(f));
      if (!raw || options[f] !== undefined) continue;
      const value = f === 'period' ? readPeriod(raw) : raw;
      if (value === undefined)
        report(f, `${header(f)} "${raw}" is not a period (write 2026-Q1, 2026-H1, 2026 or FY27-Q1): left out`);
      else if (once(draft, f, value, "(one file holds one team's OKRs for one period): left out")) draft[f] = value;
    }

    const title = oneLine(get('objective'));
    if (title && !byTitle.has(title)) {
      byTitle.set(title, { title, notes: [], keyResults: [] });
      draft.objectives.push(byTitle.get(title)!);
    }
    if (title) objective = byTitle.get(title);
    const krTitle = oneLine(get('keyResult'));
    if (!objective) {
      report(
        'objective',
        `${krTitle ? `the key result "${krTitle}"` : 'this row'} has no objective (its Objective cell is blank and no row above names one): not imported`,
      );
      continue;
    }
    const o = objective;
    for (const f of OBJECTIVE_FIELDS) {
      const value = oneLine(get(f));
      if (!value) continue;
      if (!once(o, f, value, 'for the same objective: kept in its notes')) {
        if (firstSeen.get(o)!.get(f)![0] !== value) o.notes.push(`${header(f)}: ${value}`);
      } else if (f === 'objectiveOwner') o.owner = value;
      else if (f === 'tenet') o.tenet = value;
      else {
        const ids = value
          .split(/[,;]/)
          .map((id) => id.trim())
          .filter(Boolean);
        if (ids.every((id) => ID.test(id))) o.alignsTo = ids;
        else {
          report(f, `${header(f)} "${value}" is not a list of objective ids (such as CO-2): left out (kept in notes)`);
          o.notes.push(`${header(f)}: ${value}`);
        }
      }
    }

    if (!krTitle) {
      // The objective's own row: its owner, and what else it says, in its notes.
      const owner = oneLine(get('owner'));
      if (owner && !o.owner) o.owner = owner;
      else if (owner) keep('owner');
      for (const f of KEY_RESULT_FIELDS)
        if (get(f)) {
          report(f, `${header(f)} "${get(f)}" is on a row with no key result: kept in the objective's notes`);
          keep(f);
        }
      o.notes.push(...notesInOrder());
      continue;
    }

    const kr: DraftKeyResult = { title: krTitle, notes: [] };
    /** A cell that could not be read: reported, and kept in the key result's notes. */
    const unread = (f: Field, why: string) => {
      report(f, `${header(f)} "${get(f)}" ${why}: left out (kept in notes)`);
      keep(f);
    };
    for (const f of ['owner', 'metric', 'unit'] as const) if (get(f)) kr[f] = oneLine(get(f));
    for (const f of ['baseline', 'target', 'current', 'weight'] as const) {
      if (!get(f)) continue;
      const q = readQuantity(get(f), decimalComma);
      if (!q) unread(f, 'is not a number');
      else if (f === 'weight' && (q.unit !== undefined || q.value < 0))
        unread(f, 'is not a weight (a number, 0 or more)');
      else if (q.unit !== undefined && kr.unit !== undefined && q.unit.toLowerCase() !== kr.unit.toLowerCase())
        unread(f, `is in ${q.unit}, but the unit is ${kr.unit}`);
      else {
        kr[f] = q.value;
        kr.unit ??= q.unit;
      }
    }
    if (get('confidence')) {
      const confidence = readConfidence(get('confidence'), decimalComma);
      if (confidence === undefined) unread('confidence', 'is not a confidence (0 to 1, or a percentage such as 70%)');
      else kr.confidence = confidence;
    }
    if (get('due')) {
      const due = readDate(get('due'));
      if ('date' in due) kr.due = due.date;
      else if (due.error === 'ambiguous') unread('due', 'could be day/month or month/day (write YYYY-MM-DD)');
      else unread('due', 'is not a date (write YYYY-MM-DD)');
    }
    kr.notes.push(...notesInOrder());
    o.keyResults.push(kr);
  }
  return result();
}
