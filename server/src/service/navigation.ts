/**
 * Cross-file navigation over the workspace: what the cursor names, where it is defined, every place
 * that uses it, and renaming it everywhere (touching only the ids).
 */
import { isScalar } from 'yaml';
import {
  SymbolKind,
  type Location,
  type Position,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
  type WorkspaceSymbol,
} from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Lines, textIn, unquotedRange } from './edit/lines';
import { targetAt } from './locate';
import { absolute, type Field, type Located } from './model';
import type { Definition, Workspace } from './workspace';

export type SymbolKindName = 'objective' | 'keyResult' | 'tenet' | 'person';

export interface SymbolRef {
  readonly kind: SymbolKindName;
  readonly id: string;
  /** The range of the id (or reference) under the cursor. */
  readonly range: Range;
  readonly isDefinition: boolean;
}

/** What id the cursor is on: a definition (`id:`) or a reference (`aligns_to`, `tenet`, `owner`, `serves`). */
export function symbolAt(document: TextDocument, workspace: Workspace, position: Position): SymbolRef | undefined {
  const model = workspace.file(document.uri)?.model;
  if (!model) return undefined;
  const target = targetAt(document, model, position);
  if (!target || target.onKey || !target.node || !isScalar(target.node) || !target.range) return undefined;
  const value = target.node.value;
  if (typeof value !== 'string' || !value) return undefined;
  const path = target.path.filter((p) => typeof p === 'string') as string[];
  const [section] = path;
  const field = path[path.length - 1];
  const ref = (kind: SymbolKindName, isDefinition: boolean): SymbolRef => ({
    kind,
    id: value,
    range: target.range!,
    isDefinition,
  });
  if (field === 'id') {
    if (section === 'objectives') return ref(path.includes('key_results') ? 'keyResult' : 'objective', true);
    if (section === 'tenets') return ref('tenet', true);
    if (section === 'people') return ref('person', true);
    return undefined;
  }
  if (field === 'aligns_to') return ref('objective', false);
  if (field === 'owner') return ref('person', false);
  if (field === 'tenet' && section === 'objectives') {
    const t = workspace.tenet(value);
    return t ? { kind: 'tenet', id: t.id, range: target.range, isDefinition: false } : ref('tenet', false);
  }
  if (field === 'serves') return ref(workspace.objectives.has(value) ? 'objective' : 'keyResult', false);
  return undefined;
}

function definitionsOf(workspace: Workspace, s: { kind: SymbolKindName; id: string }): readonly Definition<unknown>[] {
  const map = {
    objective: workspace.objectives,
    keyResult: workspace.keyResults,
    tenet: workspace.tenets,
    person: workspace.people,
  }[s.kind];
  return (map as Map<string, Definition<unknown>[]>).get(s.id) ?? [];
}

export function definition(document: TextDocument, workspace: Workspace, position: Position): Location[] {
  const s = symbolAt(document, workspace, position);
  if (!s) return [];
  return definitionsOf(workspace, s).map((d) => ({ uri: d.uri, range: d.range }));
}

/** A use of an id: the field that holds it. `byTitle` marks a tenet named by its title, not its id. */
interface Use {
  readonly uri: string;
  readonly range: Range;
  readonly byTitle?: boolean;
}

/** Every place in the workspace that refers to the symbol (not its definitions). */
function uses(workspace: Workspace, s: { kind: SymbolKindName; id: string }): Use[] {
  const out: Use[] = [];
  const tenet = s.kind === 'tenet' ? workspace.tenet(s.id) : undefined;
  for (const { uri, model } of workspace.files) {
    const add = (loc: Located, f: Field<string> | undefined, byTitle?: boolean) => {
      if (f) out.push({ uri, range: absolute(loc, f.range), byTitle });
    };
    for (const loc of model.objectives) {
      if (loc.item.kind !== 'objective') continue;
      const o = loc.item;
      if (s.kind === 'objective') for (const f of o.alignsTo) if (f.value === s.id) add(loc, f);
      if (s.kind === 'tenet' && o.tenet) {
        if (o.tenet.value === s.id) add(loc, o.tenet);
        else if (tenet?.item.title && o.tenet.value === tenet.item.title.value) add(loc, o.tenet, true);
      }
      if (s.kind === 'person') {
        if (o.owner?.value === s.id) add(loc, o.owner);
        for (const kr of o.keyResults) if (kr.owner?.value === s.id) add(loc, kr.owner);
        for (const i of o.initiatives) if (i.owner?.value === s.id) add(loc, i.owner);
      }
    }
    for (const loc of model.initiatives) {
      if (loc.item.kind !== 'initiative') continue;
      if (s.kind === 'objective' || s.kind === 'keyResult')
        for (const f of loc.item.serves) if (f.value === s.id) add(loc, f);
      if (s.kind === 'person' && loc.item.owner?.value === s.id) add(loc, loc.item.owner);
    }
  }
  return out;
}

export function references(
  document: TextDocument,
  workspace: Workspace,
  position: Position,
  includeDeclaration: boolean,
): Location[] {
  const s = symbolAt(document, workspace, position);
  if (!s) return [];
  const defs = includeDeclaration ? definitionsOf(workspace, s).map((d) => ({ uri: d.uri, range: d.range })) : [];
  return [...defs, ...uses(workspace, s).map((u) => ({ uri: u.uri, range: u.range }))];
}

const RENAMEABLE: readonly SymbolKindName[] = ['objective', 'tenet', 'person'];
export const ID_PATTERN = /^[A-Za-z0-9._-]+$/;

/** The id's range if the cursor is on an objective, tenet or person id; a reason otherwise. */
export function prepareRename(
  document: TextDocument,
  workspace: Workspace,
  position: Position,
): { range: Range; placeholder: string } | { refused: string } {
  const s = symbolAt(document, workspace, position);
  if (!s || !RENAMEABLE.includes(s.kind)) return { refused: 'Only objective, tenet and person ids can be renamed.' };
  if (definitionsOf(workspace, s).length === 0) return { refused: `\`${s.id}\` is not defined in the workspace.` };
  const text = document.getText(s.range);
  if (text !== s.id) return { refused: `\`${s.id}\` is written in a form that cannot be renamed safely here.` };
  return { range: s.range, placeholder: s.id };
}

export interface RenameResult {
  readonly edit?: WorkspaceEdit;
  readonly error?: string;
}

/**
 * Renames an id in every file: each edit replaces exactly the id's characters (quotes, comments and
 * formatting around it stay as they are). `textOf` gives each file's current text.
 */
export function rename(
  document: TextDocument,
  workspace: Workspace,
  position: Position,
  newName: string,
  textOf: (uri: string) => string | undefined,
): RenameResult {
  const prepared = prepareRename(document, workspace, position);
  if ('refused' in prepared) return { error: prepared.refused };
  if (!ID_PATTERN.test(newName))
    return { error: `\`${newName}\` is not a valid id: use letters, digits, '.', '_' and '-'.` };
  const s = symbolAt(document, workspace, position)!;
  const changes: Record<string, TextEdit[]> = {};
  const targets = [
    ...definitionsOf(workspace, s).map((d) => ({ uri: d.uri, range: d.range })),
    ...uses(workspace, s).filter((u) => !u.byTitle),
  ];
  const files = new Map<string, Lines | undefined>();
  for (const t of targets) {
    if (!files.has(t.uri)) {
      const text = textOf(t.uri);
      files.set(t.uri, text === undefined ? undefined : new Lines(text));
    }
    const lines = files.get(t.uri);
    // Exactly the id's characters: inside its quotes, never a neighbour's.
    const range = lines && unquotedRange(lines, t.range);
    if (!range || textIn(lines, range) !== s.id) continue;
    (changes[t.uri] ??= []).push({ range, newText: newName });
  }
  return { edit: { changes } };
}

export function workspaceSymbols(workspace: Workspace, query: string): WorkspaceSymbol[] {
  const q = query.toLowerCase();
  const out: WorkspaceSymbol[] = [];
  const add = (name: string, detail: string | undefined, kind: SymbolKind, d: Definition<unknown>) => {
    if (q && !name.toLowerCase().includes(q) && !(detail ?? '').toLowerCase().includes(q)) return;
    out.push({ name, kind, location: { uri: d.uri, range: d.range }, containerName: detail });
  };
  for (const [id, [d]] of workspace.objectives) add(id, d.item.title?.value, SymbolKind.Class, d);
  for (const [id, [d]] of workspace.keyResults) add(id, d.item.title?.value, SymbolKind.Field, d);
  for (const [id, [d]] of workspace.tenets) add(id, d.item.title?.value, SymbolKind.Enum, d);
  for (const [id, [d]] of workspace.people) add(id, d.item.name?.value, SymbolKind.Constant, d);
  return out;
}
