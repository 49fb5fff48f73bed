/**
 * Quick-fixes, keyed on each diagnostic's `code` and `data` (never its message). Every edit is a
 * minimal text edit: text outside its range stays byte-identical, comments and line endings included.
 * A fix that cannot be applied safely (flow style, an odd layout) is not offered.
 */
import {
  CodeActionKind,
  type CodeAction,
  type Diagnostic,
  type Range,
  type TextEdit,
} from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { declareTenet } from './completion';
import { Lines, unquotedRange } from './edit/lines';
import { absolute, type KeyResult, type Located, type Objective } from './model';
import type { ParsedFile } from './parse/parseFile';
import { codeMeta } from './rules';
import type { OkrSettings } from './settings';
import type { Workspace } from './workspace';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.okr`;
export const SHOW_DOCS_COMMAND = 'okr.showDocs';

export interface FixOptions {
  /** The client applies snippet text edits (LSP 3.18 `SnippetTextEdit`): placeholders to tab through. */
  readonly snippets: boolean;
}

/** One fix: its title, whether fix-all may apply it unattended, and its edits (plain or snippet). */
interface Fix {
  readonly title: string;
  readonly safe: boolean;
  readonly preferred?: boolean;
  readonly edits: readonly (TextEdit & { snippet?: string })[];
  readonly command?: { title: string; command: string; arguments: unknown[] };
}

export function codeActions(
  document: TextDocument,
  file: ParsedFile,
  diagnostics: readonly Diagnostic[],
  workspace: Workspace,
  settings: OkrSettings,
  options: FixOptions,
): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.source !== 'okr' || typeof d.code !== 'string') continue;
    for (const fix of fixesFor(document, file, d, workspace, settings, options))
      out.push(toAction(document, fix, d, options));
  }
  return out;
}

/** `source.fixAll.okr`: every safe fix for the document's diagnostics, as one edit (overlaps dropped). */
export function fixAll(
  document: TextDocument,
  file: ParsedFile,
  diagnostics: readonly Diagnostic[],
  workspace: Workspace,
  settings: OkrSettings,
): CodeAction | undefined {
  const edits: TextEdit[] = [];
  for (const d of diagnostics) {
    if (d.source !== 'okr') continue;
    const fix = fixesFor(document, file, d, workspace, settings, { snippets: false }).find((f) => f.safe);
    if (!fix) continue;
    const plain = fix.edits.map(({ range, newText }) => ({ range, newText }));
    if (plain.some((e) => edits.some((x) => overlaps(x.range, e.range)))) continue;
    edits.push(...plain);
  }
  if (edits.length === 0) return undefined;
  return { title: 'Fix all safe okr problems', kind: FIX_ALL_KIND, edit: { changes: { [document.uri]: edits } } };
}

function toAction(document: TextDocument, fix: Fix, d: Diagnostic, options: FixOptions): CodeAction {
  const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d] };
  if (fix.preferred) action.isPreferred = true;
  if (fix.command) action.command = fix.command;
  if (fix.edits.length) {
    if (options.snippets && fix.edits.some((e) => e.snippet !== undefined)) {
      action.edit = {
        documentChanges: [
          {
            textDocument: { uri: document.uri, version: document.version },
            edits: fix.edits.map((e) =>
              e.snippet !== undefined
                ? { range: e.range, snippet: { kind: 'snippet', value: e.snippet } }
                : { range: e.range, newText: e.newText },
            ) as TextEdit[],
          },
        ],
      };
    } else action.edit = { changes: { [document.uri]: fix.edits.map(({ range, newText }) => ({ range, newText })) } };
  }
  return action;
}

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) =>
    p.line < q.line || (p.line === q.line && p.character <= q.character);
  return !(before(a.end, b.start) || before(b.end, a.start));
}

interface Here {
  readonly lines: Lines;
  readonly loc?: Located;
  readonly objective?: Objective;
}

function fixesFor(
  document: TextDocument,
  file: ParsedFile,
  d: Diagnostic,
  workspace: Workspace,
  settings: OkrSettings,
  options: FixOptions,
): Fix[] {
  const code = d.code as string;
  const data = (d.data ?? {}) as Record<string, unknown>;
  const lines = new Lines(document.getText());
  const loc = file.model.objectives.find((l) => {
    const r = absolute(l, l.item.range);
    return d.range.start.line >= r.start.line && d.range.start.line <= r.end.line;
  });
  const objective = loc?.item.kind === 'objective' ? loc.item : undefined;
  const here: Here = { lines, loc, objective };
  const kr = typeof data.keyResult === 'number' && objective ? objective.keyResults[data.keyResult] : undefined;
  const fixes: Fix[] = [];

  switch (code) {
    case 'unmeasurable-key-result':
      if (kr) {
        fixes.push(
          ...insertAfterTitle(
            here,
            kr,
            'Add metric, baseline and target',
            [
              ['metric', 'what is measured, and how', 'what is measured, and how'],
              ['baseline', '0', '0'],
              ['target', '1', '1'],
            ],
            options,
          ),
        );
        fixes.push(
          ...insertAfterTitle(here, kr, 'Make it a milestone (done: false)', [['done', 'false', 'false']], {
            snippets: false,
          }),
        );
      }
      break;
    case 'unstructured-key-result':
      if (kr && typeof data.baseline === 'number' && typeof data.target === 'number') {
        const fields: [string, string, string][] = [];
        if (!kr.baseline) fields.push(['baseline', String(data.baseline), String(data.baseline)]);
        if (!kr.target) fields.push(['target', String(data.target), String(data.target)]);
        if (!kr.unit && typeof data.unit === 'string')
          fields.push(['unit', yamlScalar(data.unit), yamlScalar(data.unit)]);
        const unit = typeof data.unit === 'string' ? `, unit ${data.unit}` : '';
        fixes.push(
          ...insertAfterTitle(
            here,
            kr,
            `Extract baseline ${data.baseline}, target ${data.target}${unit} from the title`,
            fields,
            { snippets: false },
          ).map((f) => ({ ...f, safe: true, preferred: true })),
        );
      }
      break;
    case 'task-key-result':
      if (kr && objective && loc) {
        const move = moveToInitiatives(here, loc, objective, kr);
        if (move) fixes.push(move);
      }
      break;
    case 'vague-objective': {
      // The docs page has a section per reason: the action opens the one for this objective's first reason.
      const reason = Array.isArray(data.reasons)
        ? (data.reasons[0] as { code?: unknown } | undefined)?.code
        : undefined;
      const anchor = typeof reason === 'string' && /^[a-z-]+$/.test(reason) ? `#${reason}` : '';
      fixes.push({
        title: 'Show how to write an objective',
        safe: false,
        edits: [],
        command: {
          title: 'Show how to write an objective',
          command: SHOW_DOCS_COMMAND,
          arguments: [`${codeMeta(code)?.docs}${anchor}`],
        },
      });
      break;
    }
    case 'schema':
      if (typeof data.key === 'string' && typeof data.suggestion === 'string') {
        fixes.push({
          title: `Rename \`${data.key}\` to \`${data.suggestion}\``,
          safe: true,
          preferred: true,
          edits: [{ range: d.range, newText: data.suggestion }],
        });
      } else if (typeof data.suggestion === 'string') {
        const range = unquotedRange(lines, d.range);
        if (range)
          fixes.push({
            title: `Change to \`${data.suggestion}\``,
            safe: true,
            preferred: true,
            edits: [{ range, newText: data.suggestion }],
          });
      } else if (typeof data.missing === 'string') {
        const f = insertMissing(lines, d.range, data.missing, options);
        if (f) fixes.push(f);
      }
      break;
    case 'checkin-mismatch': {
      // The latest check-in is the newer word: write its values into the fields that disagree.
      const fields = data.fields && typeof data.fields === 'object' ? (data.fields as Record<string, unknown>) : {};
      const edits: TextEdit[] = [];
      for (const [name, value] of Object.entries(fields)) {
        const field = kr && (name === 'current' || name === 'confidence' || name === 'done') ? kr[name] : undefined;
        if (!field || !loc || !['number', 'boolean'].includes(typeof value)) continue;
        edits.push({ range: absolute(loc, field.range), newText: String(value) });
      }
      if (edits.length) fixes.push({ title: "Use the latest check-in's values", safe: false, preferred: true, edits });
      break;
    }
    case 'confidence-range':
      if (typeof data.suggestion === 'number') {
        fixes.push({
          title: `Change to ${data.suggestion}`,
          safe: true,
          preferred: true,
          edits: [{ range: d.range, newText: String(data.suggestion) }],
        });
      }
      break;
    case 'unknown-parent':
    case 'unknown-owner':
    case 'unknown-tenet': {
      const range = unquotedRange(lines, d.range);
      if (range && typeof data.suggestion === 'string') {
        fixes.push({
          title: `Change to \`${data.suggestion}\``,
          safe: false,
          preferred: true,
          edits: [{ range, newText: data.suggestion }],
        });
      }
      if (code !== 'unknown-parent' && typeof data.id === 'string') {
        const declare =
          code === 'unknown-owner' ? declarePerson(lines, data.id) : declareTenet(document, { id: data.id });
        if (declare && (code === 'unknown-owner' || !/^tenets\s*:/m.test(document.getText()))) {
          fixes.push({
            title: `Declare ${code === 'unknown-owner' ? 'person' : 'tenet'} \`${data.id}\` in this file`,
            safe: false,
            edits: [declare],
          });
        }
      }
      break;
    }
    case 'missing-owner':
    case 'missing-tenet':
      if (objective?.title) {
        const field = code === 'missing-owner' ? 'owner' : 'tenet';
        const list =
          field === 'owner'
            ? [...workspace.people.keys(), ...settings.owners]
            : workspace.tenets.size
              ? [...workspace.tenets.keys()]
              : settings.defaultTenets.map((t) => t.id);
        const unique = [...new Set(list)].filter((v) => /^[A-Za-z0-9._-]+$/.test(v));
        const snippet = unique.length ? `\${1|${unique.join(',')}|}` : '$1';
        // Without choices a plain edit would leave an empty value: only a snippet client gets the fix.
        if (!unique.length && !options.snippets) break;
        const keyRange = absolute(loc!, objective.title.keyRange);
        const valueRange = absolute(loc!, objective.title.range);
        fixes.push(
          ...insertAfterTitleOf(
            here,
            keyRange,
            valueRange,
            `Add \`${field}\``,
            [[field, snippet, unique[0] ?? '']],
            options,
          ),
        );
      }
      break;
  }
  if (code !== 'unused-disable') {
    const line = d.range.start.line;
    const indent = ' '.repeat(lines.indent(line));
    fixes.push({
      title: `Disable ${code} for this line`,
      safe: false,
      edits: [
        {
          range: { start: { line, character: 0 }, end: { line, character: 0 } },
          newText: `${indent}# okr-disable-next-line ${code}${lines.eol}`,
        },
      ],
    });
  }
  return fixes;
}

/** Inserts `key: value` lines after a key result's title (block style only), skipping keys it has. */
function insertAfterTitle(
  here: Here,
  kr: KeyResult,
  title: string,
  fields: [string, string, string][],
  options: FixOptions,
): Fix[] {
  if (!kr.title || !here.loc) return [];
  // Keys written in the item, whatever their values (`baseline: thirty` is still a baseline).
  const r = absolute(here.loc, kr.range);
  const present = new Set<string>();
  for (let l = r.start.line; l <= r.end.line; l++) {
    const m = /^\s*(?:-\s+)?([A-Za-z_][\w-]*)\s*:/.exec(here.lines.at(l));
    if (m) present.add(m[1]);
  }
  const missing = fields.filter(([k]) => !present.has(k));
  const keyRange = absolute(here.loc, kr.title.keyRange);
  return insertAfterTitleOf(here, keyRange, absolute(here.loc, kr.title.range), title, missing, options);
}

/**
 * Inserts fields as new lines after the line where a title's value ends, at the title key's column
 * (document ranges).
 * `fields` are [key, snippet value, plain value]. Not offered in flow style.
 */
function insertAfterTitleOf(
  here: Here,
  keyRange: Range,
  valueRange: Range,
  title: string,
  fields: [string, string, string][],
  options: FixOptions,
): Fix[] {
  if (fields.length === 0) return [];
  const { lines } = here;
  const keyLine = lines.at(keyRange.start.line);
  const before = keyLine.slice(0, keyRange.start.character);
  if (!/^\s*(-\s+)?$/.test(before)) return []; // flow style or more than one key on the line
  const column = keyRange.start.character;
  const end = lines.end(valueRange.end.line);
  if (lines.at(valueRange.end.line).slice(valueRange.end.character).trim().match(/^[^#]/)) return [];
  const pad = ' '.repeat(column);
  const plain = fields.map(([k, , v]) => `${lines.eol}${pad}${k}: ${v}`.trimEnd()).join('');
  const snippet = fields.map(([k, s]) => `${lines.eol}${pad}${k}: ${s}`).join('');
  return [
    {
      title,
      safe: false,
      edits: [{ range: { start: end, end }, newText: plain, snippet: options.snippets ? snippet : undefined }],
    },
  ];
}

/** `task-key-result`: the work moves to the objective's initiatives; a key-result stub stays behind. */
function moveToInitiatives(here: Here, loc: Located, objective: Objective, kr: KeyResult): Fix | undefined {
  const { lines } = here;
  if (!kr.title) return undefined;
  // Only what an initiative can hold moves; anything else would be lost, so then no fix.
  const keys = new Set(['id', 'title', 'owner', 'done']);
  const range = absolute(loc, kr.range);
  const first = range.start.line;
  const dashLine = lines.at(first);
  const dash = lines.indent(first);
  if (!/^\s*-\s/.test(dashLine) || dashLine.indexOf('{') !== -1) return undefined;
  const last = lines.blockEnd(first, dash);
  const column = absolute(loc, kr.title.keyRange).start.character;
  for (let l = first; l <= last; l++) {
    if (lines.isBlank(l)) continue;
    const m = /^\s*(?:-\s+)?([A-Za-z_][\w-]*)\s*:/.exec(lines.at(l));
    if (!m || (lines.indent(l) !== column && l !== first) || !keys.has(m[1])) return undefined;
  }
  const raw = (field: { range: Range } | undefined) => {
    if (!field) return undefined;
    const r = absolute(loc, field.range);
    return r.start.line === r.end.line ? lines.at(r.start.line).slice(r.start.character, r.end.character) : undefined;
  };
  const eol = lines.eol;
  const pad = ' '.repeat(dash);
  const inner = ' '.repeat(column - dash);
  const stubTitle = `title: ${JSON.stringify(`The outcome that "${kr.title.value}" should change`)}`;
  // Every line of the item moves verbatim (comments too), re-indented; `id` stays with the stub and
  // `done` becomes the initiative's `status`.
  const moved: string[] = [];
  let idLine: string | undefined;
  for (let l = first; l <= last; l++) {
    const text = lines.at(l);
    const body = l === first ? text.slice(column) : text.slice(Math.min(column, lines.indent(l)));
    const key = /^([A-Za-z_][\w-]*)\s*:/.exec(body)?.[1];
    if (key === 'id') idLine = body;
    else if (key === 'done')
      moved.push(body.replace(/^done\s*:\s*(true|false)/, (_m, v) => `status: ${v === 'true' ? 'done' : 'planned'}`));
    else moved.push(lines.isBlank(l) && !lines.at(l).trim() ? '' : body);
  }
  const stub = idLine
    ? [`${pad}-${inner.slice(1)}${idLine}`, `${pad}${inner}${stubTitle}`]
    : [`${pad}-${inner.slice(1)}${stubTitle}`];
  const initiative = (itemPad: string) =>
    moved.map((m, i) => (m === '' ? '' : `${itemPad}${i === 0 ? '- ' : '  '}${m}`));
  void raw;
  const objectiveStart = absolute(loc, objective.range).start.line;
  const objectiveKeyCol = objective.title
    ? absolute(loc, objective.title.keyRange).start.character
    : lines.indent(objectiveStart);
  const objectiveEnd = lines.blockEnd(objectiveStart, objectiveKeyCol - 2 >= 0 ? objectiveKeyCol - 2 : 0);
  const existing = objective.initiatives[objective.initiatives.length - 1];
  let insertAfter: number;
  let added: string[];
  if (existing) {
    const r = absolute(loc, existing.range);
    const itemDash = lines.indent(r.start.line);
    insertAfter = lines.blockEnd(r.start.line, itemDash);
    added = initiative(' '.repeat(itemDash));
  } else {
    insertAfter = objectiveEnd;
    added = [`${' '.repeat(objectiveKeyCol)}initiatives:`, ...initiative(' '.repeat(objectiveKeyCol + 2))];
  }
  const edits: TextEdit[] = [];
  const replaceItem: TextEdit = {
    range: { start: { line: first, character: 0 }, end: lines.end(last) },
    newText: stub.join(eol),
  };
  const insertion: TextEdit = {
    range: { start: lines.end(insertAfter), end: lines.end(insertAfter) },
    newText: eol + added.join(eol),
  };
  if (insertAfter === last) edits.push({ ...replaceItem, newText: replaceItem.newText + insertion.newText });
  else edits.push(replaceItem, insertion);
  return { title: 'Move to initiatives', safe: false, edits };
}

/** A missing required field, inserted first in its item (`- id: x` → `- title: …` then `  id: x`). */
function insertMissing(lines: Lines, anchor: Range, field: string, options: FixOptions): Fix | undefined {
  const line = lines.at(anchor.start.line);
  if (!/^\s*-\s+$/.test(line.slice(0, anchor.start.character))) return undefined;
  const pad = ' '.repeat(anchor.start.character);
  const at = anchor.start;
  return {
    title: `Add the missing \`${field}\``,
    safe: false,
    edits: [
      {
        range: { start: at, end: at },
        newText: `${field}: ${lines.eol}${pad}`,
        snippet: options.snippets ? `${field}: $1${lines.eol}${pad}` : undefined,
      },
    ],
  };
}

/** `- id: <id>` in this file's `people:` (created before `objectives:` if missing). */
function declarePerson(lines: Lines, id: string): TextEdit | undefined {
  const section = lines.lines.findIndex((l) => /^people\s*:\s*(#.*)?$/.test(l));
  if (section >= 0) {
    const end = lines.blockEnd(section, 0);
    const firstItem = lines.lines.slice(section + 1, end + 1).find((l) => /^\s*-\s/.test(l));
    const pad = firstItem ? ' '.repeat(/^ */.exec(firstItem)![0].length) : '  ';
    return { range: { start: lines.end(end), end: lines.end(end) }, newText: `${lines.eol}${pad}- id: ${id}` };
  }
  const at = lines.lines.findIndex((l) => /^objectives\s*:/.test(l));
  if (at < 0) return undefined;
  return {
    range: { start: { line: at, character: 0 }, end: { line: at, character: 0 } },
    newText: `people:${lines.eol}  - id: ${id}${lines.eol}`,
  };
}

function yamlScalar(s: string): string {
  return /^[A-Za-z][\w -]*$/.test(s) ? s : JSON.stringify(s);
}
