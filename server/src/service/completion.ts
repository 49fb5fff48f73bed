/**
 * Completion from the cursor's neighbourhood: schema keys not yet present, enum values, tenets,
 * owners and parent objectives from the workspace, and snippets for new objectives and key results.
 */
import {
  CompletionItemKind,
  InsertTextFormat,
  type CompletionItem,
  type Position,
  type TextEdit,
} from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { completionContext, type CompletionContext } from './completionContext';
import { Lines } from './edit/lines';
import { absolute, type KeyResult, type OkrFileModel } from './model';
import { isMilestone, latestCheckin, within } from './progress';
import { okrSchemas } from './schema/okrSchema';
import type { JsonSchema } from './schema/schemaSet';
import type { DefaultTenet, OkrSettings } from './settings';
import type { Workspace } from './workspace';

/** Sequences whose items are objects (a new key gets a `- ` item on the next line). */
const OBJECT_LISTS = new Set(['tenets', 'people', 'objectives', 'key_results', 'initiatives', 'checkins']);

export function complete(
  document: TextDocument,
  position: Position,
  workspace: Workspace,
  settings: OkrSettings,
): CompletionItem[] {
  const ctx = completionContext(document, position);
  if (!ctx) return [];
  const range = { start: ctx.prefixStart, end: position };
  const parentKey = ctx.path[ctx.path.length - 2];
  // `- CO…` under `aligns_to:` / `serves:` is a value, not a key.
  if (
    ctx.kind === 'key' &&
    ctx.path[ctx.path.length - 1] === '*' &&
    (parentKey === 'aligns_to' || parentKey === 'serves')
  ) {
    return values(parentKey, ctx, document, workspace, settings).map((i) => ({
      ...i,
      textEdit: { range, newText: i.label },
    }));
  }
  if (ctx.kind === 'value') {
    return values(ctx.key!, ctx, document, workspace, settings).map((i) => ({
      ...i,
      textEdit: { range, newText: i.insertText ?? i.label },
    }));
  }
  const items = keys(ctx, range);
  items.push(...snippets(ctx, document, workspace, settings, range));
  return items;
}

function schemaFor(path: readonly (string | '*')[]): JsonSchema | undefined {
  return okrSchemas.schemaAtPath(path.map((s) => (s === '*' ? 0 : s)));
}

function keys(ctx: CompletionContext, range: { start: Position; end: Position }): CompletionItem[] {
  const schema = schemaFor(ctx.path);
  const properties = schema?.properties;
  if (!properties) return [];
  const required = new Set(schema.required ?? []);
  return Object.entries(properties)
    .filter(([key]) => !ctx.present.has(key))
    .map(([key, prop], i) => {
      const resolved = okrSchemas.resolve(prop);
      const list = OBJECT_LISTS.has(key) && resolved.type === 'array';
      return {
        label: key,
        kind: CompletionItemKind.Property,
        detail: required.has(key) ? 'required' : undefined,
        documentation: { kind: 'markdown', value: resolved.markdownDescription ?? resolved.description ?? '' },
        sortText: `${required.has(key) ? 0 : 1}${String(i).padStart(3, '0')}`,
        insertTextFormat: InsertTextFormat.Snippet,
        textEdit: { range, newText: list ? `${key}:\n  - $0` : `${key}: $0` },
      } satisfies CompletionItem;
    });
}

function values(
  key: string,
  ctx: CompletionContext,
  document: TextDocument,
  workspace: Workspace,
  settings: OkrSettings,
): CompletionItem[] {
  if (key === 'tenet' && ctx.path[0] === 'objectives') return tenetValues(document, workspace, settings);
  if (key === 'owner') return ownerValues(workspace, settings);
  if (key === 'aligns_to' || key === 'serves') return objectiveValues(document, workspace, key === 'serves');
  const schema = schemaFor([...ctx.path, key]);
  if (!schema) return [];
  if (schema.enum) {
    return schema.enum.map((v) => ({
      label: String(v),
      kind: CompletionItemKind.EnumMember,
      documentation: schema.markdownDescription,
    }));
  }
  if (schema.type === 'boolean') return ['true', 'false'].map((label) => ({ label, kind: CompletionItemKind.Value }));
  const examples = (schema.examples as unknown[] | undefined) ?? [];
  return examples.map((v) => ({ label: String(v), kind: CompletionItemKind.Value }));
}

function tenetValues(document: TextDocument, workspace: Workspace, settings: OkrSettings): CompletionItem[] {
  if (workspace.tenets.size > 0) {
    return [...workspace.tenets.values()].map(([d]) => ({
      label: d.id,
      kind: CompletionItemKind.EnumMember,
      detail: d.item.title?.value,
      documentation: d.item.description?.value,
    }));
  }
  // None declared: offer the defaults, and declare the one picked in this file.
  return settings.defaultTenets.map((t) => ({
    label: t.id,
    kind: CompletionItemKind.EnumMember,
    detail: `${t.title ?? t.id} (adds its declaration to this file)`,
    documentation: t.description,
    additionalTextEdits: [declareTenet(document, t)],
  }));
}

/** A `tenets:` section with one tenet, inserted before `objectives:` (or at the end). */
export function declareTenet(document: TextDocument, t: DefaultTenet): TextEdit {
  const lines = new Lines(document.getText());
  const at = lines.lines.findIndex((l) => /^objectives\s*:/.test(l));
  const eol = lines.eol;
  const body = [`tenets:`, `  - id: ${t.id}`];
  if (t.title) body.push(`    title: ${t.title}`);
  if (t.description) body.push(`    description: ${t.description}`);
  if (t.risk) body.push(`    risk: ${t.risk}`);
  const text = body.join(eol) + eol;
  if (at >= 0) return { range: { start: { line: at, character: 0 }, end: { line: at, character: 0 } }, newText: text };
  const last = lines.count - 1;
  const end = lines.end(last);
  return { range: { start: end, end }, newText: (lines.at(last) === '' ? '' : eol) + text };
}

function ownerValues(workspace: Workspace, settings: OkrSettings): CompletionItem[] {
  const items: CompletionItem[] = [...workspace.people.values()].map(([d], i) => ({
    label: d.id,
    kind: CompletionItemKind.Value,
    detail: d.item.name?.value,
    sortText: `0${String(i).padStart(4, '0')}`,
  }));
  const known = new Set(items.map((i) => i.label));
  settings.owners.forEach((o, i) => {
    if (!known.has(o))
      items.push({
        label: o,
        kind: CompletionItemKind.Value,
        detail: 'okr.owners',
        sortText: `1${String(i).padStart(4, '0')}`,
      });
  });
  return items;
}

function objectiveValues(document: TextDocument, workspace: Workspace, withKeyResults: boolean): CompletionItem[] {
  const mine = workspace.period(document.uri);
  const items: CompletionItem[] = [];
  for (const [id, [d]] of workspace.objectives) {
    if (d.uri === document.uri && !withKeyResults) continue; // parents live in other files, usually
    const theirs = workspace.period(d.uri);
    // Objectives whose period holds this file's come first: they are the likely parents.
    const rank = mine && theirs && within(mine, theirs) ? 0 : 1;
    items.push({
      label: id,
      kind: CompletionItemKind.Reference,
      detail: d.item.title?.value,
      documentation: theirs ? `${theirs.label} · ${basename(d.uri)}` : basename(d.uri),
      sortText: `${rank}${id}`,
    });
  }
  if (withKeyResults) {
    for (const [id, [d]] of workspace.keyResults) {
      items.push({ label: id, kind: CompletionItemKind.Reference, detail: d.item.title?.value, sortText: `2${id}` });
    }
  }
  return items;
}

function basename(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

function snippets(
  ctx: CompletionContext,
  document: TextDocument,
  workspace: Workspace,
  settings: OkrSettings,
  range: { start: Position; end: Position },
): CompletionItem[] {
  const seq = ctx.path[ctx.path.length - 2];
  const atNewItem = ctx.path[ctx.path.length - 1] === '*' && ctx.present.size === 0 && ctx.onItemLine;
  if (!atNewItem) return [];
  // Snippets write the item's keys from the cursor; `- ` is already on the line.
  const owners = choices([...workspace.people.keys(), ...settings.owners]);
  const tenets = choices(
    workspace.tenets.size ? [...workspace.tenets.keys()] : settings.defaultTenets.map((t) => t.id),
  );
  const item = (label: string, detail: string, body: string[]): CompletionItem => ({
    label,
    kind: CompletionItemKind.Snippet,
    detail,
    insertTextFormat: InsertTextFormat.Snippet,
    sortText: `!${label}`,
    textEdit: { range, newText: body.join('\n') },
  });
  if (seq === 'objectives' && ctx.path.length === 2) {
    const id = nextObjectiveId(workspace.file(document.uri)?.model);
    return [
      item('New objective', 'objective with two key result stubs', [
        `id: \${1:${id}}`,
        'title: ${2:What will be different, and for whom}',
        `owner: \${3${owners}}`,
        `tenet: \${4${tenets}}`,
        'key_results:',
        '  - title: ${5:The measure that moves}',
        '    metric: ${6:what is measured, and how}',
        '    baseline: ${7:0}',
        '    target: ${8:1}',
        '  - title: ${9:The milestone that proves it}',
        '    done: false',
      ]),
    ];
  }
  if (seq === 'checkins') {
    const kr = keyResultAt(workspace.file(document.uri)?.model, ctx.prefixStart.line);
    if (!kr) return [];
    const last = latestCheckin(kr);
    const date = workspace.asOf();
    const confidence = last?.confidence?.value ?? kr.confidence?.value;
    const tail = confidence !== undefined ? [`confidence: \${2:${confidence}}`] : [];
    if (isMilestone(kr))
      return [item('Check-in today', `${date}: done or not`, [`date: ${date}`, 'done: ${1|false,true|}', ...tail])];
    const value = last?.value?.value ?? kr.current?.value ?? kr.baseline?.value ?? 0;
    return [
      item('Check-in today', `${date}, the last value selected`, [`date: ${date}`, `value: \${1:${value}}`, ...tail]),
    ];
  }
  if (seq === 'key_results') {
    return [
      item('Metric key result', 'title, metric, baseline, target, unit', [
        'title: ${1:Cut the median days to patch critical CVEs}',
        'metric: ${2:median days from disclosure to patched in production}',
        'baseline: ${3:30}',
        'target: ${4:7}',
        'unit: ${5:days}',
      ]),
      item('Milestone key result', 'a decidable yes/no result', [
        'title: ${1:SOC 2 Type II report issued with zero exceptions}',
        'done: false',
      ]),
    ];
  }
  return [];
}

/** The key result whose lines hold `line` (the cursor's), from the document's latest parse. */
function keyResultAt(model: OkrFileModel | undefined, line: number): KeyResult | undefined {
  for (const loc of model?.objectives ?? []) {
    if (loc.item.kind !== 'objective') continue;
    for (const kr of loc.item.keyResults) {
      const r = absolute(loc, kr.range);
      if (r.start.line <= line && line <= r.end.line) return kr;
    }
  }
  return undefined;
}

function choices(values: readonly string[]): string {
  const unique = [...new Set(values)].filter((v) => /^[^,|$}\\]+$/.test(v));
  return unique.length ? `|${unique.join(',')}|` : ':';
}

/** The id after the file's last objective id: SEC-6 → SEC-7; none yet → TEAM-1. */
export function nextObjectiveId(model: OkrFileModel | undefined): string {
  const ids = (model?.objectives ?? [])
    .map((l) => (l.item.kind === 'objective' ? l.item.id?.value : undefined))
    .filter((x): x is string => !!x);
  const last = ids[ids.length - 1];
  const m = last && /^(.*?)(\d+)$/.exec(last);
  if (m) return `${m[1]}${Number(m[2]) + 1}`;
  const team = model?.team?.item.value;
  return `${typeof team === 'string' && team ? team.toUpperCase().replace(/[^A-Z0-9]+/g, '-') : 'OBJ'}-1`;
}
