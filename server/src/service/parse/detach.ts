/**
 * What the workspace keeps of a file that is not open in an editor: its model's items (ids, links,
 * roster, tenets, progress, titles) and its findings and disable comments, without the text, the yaml
 * trees or the slices. Those are only needed to answer requests inside the file (hover, completion,
 * fixes), which come for open files only; a file is parsed again, whole, when it is opened.
 */
import { parseDocument } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import type { Field, Item, Located, OkrFileModel, ParsedText } from '../model';
import type { ParsedFile } from './parseFile';
import { isSharedRange, Positions } from './positions';

/**
 * Strings read from a file are slices of its text, and a slice keeps the whole text alive: a detached
 * file would hold its text after all. Each string is kept as a copy of its own, and a value that many
 * files share (an owner, a unit, a metric, a tenet) as one copy for all of them.
 */
const shared = new Map<string, string>();
const MAX_SHARED = 100_000;

function own(s: string): string {
  let copy = shared.get(s);
  if (copy === undefined) {
    // JSON's round trip makes a fresh flat string (V8 copies slices shorter than 13 characters anyway).
    copy = s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
    if (shared.size >= MAX_SHARED) shared.clear();
    shared.set(copy, copy);
  }
  return copy;
}

/**
 * Fields are shared too. Most of a closed file's objects are its fields ({value, range, keyRange}: two
 * million in a workspace of 10,000 files), and the same field recurs in file after file: `owner: alice`,
 * `unit: days`, `confidence: 0.7`, `type: committed` on the same line of their items, whose ranges are
 * already shared. One frozen field stands for all of them; a field is never changed in place, and nothing
 * tells two fields apart but their contents.
 */
type AnyField = Field<string | number | boolean>;
const sharedFields = new Map<Range, Map<Range, Map<string | number | boolean, AnyField>>>();
let sharedFieldCount = 0;
const MAX_SHARED_FIELDS = 200_000;

function sharedField(field: AnyField): AnyField {
  const { range, keyRange } = field;
  const value = typeof field.value === 'string' ? own(field.value) : field.value;
  if (sharedFieldCount >= MAX_SHARED_FIELDS) {
    sharedFields.clear();
    sharedFieldCount = 0;
  }
  let byKey = sharedFields.get(range);
  if (byKey === undefined) sharedFields.set(range, (byKey = new Map()));
  let byValue = byKey.get(keyRange);
  if (byValue === undefined) byKey.set(keyRange, (byValue = new Map()));
  let shared = byValue.get(value);
  if (shared === undefined) {
    shared = Object.freeze({ value, range, keyRange });
    byValue.set(value, shared);
    sharedFieldCount++;
  }
  return shared;
}

/**
 * A model field whose ranges are shared. Not a field of a large range (copied as any object is), nor -0
 * (a Map's keys would take it for 0), nor an entry's own data that happens to have such keys (a user's
 * `period: {value: …, range: …, keyRange: …}`: its values are not shared ranges).
 */
const isSharableField = (v: object): v is AnyField => {
  const f = v as Partial<AnyField>;
  const t = typeof f.value;
  return (
    (t === 'string' || t === 'number' || t === 'boolean') &&
    !Object.is(f.value, -0) &&
    isSharedRange(f.range) &&
    isSharedRange(f.keyRange)
  );
};

/** A copy of a value read from the file with its strings owned; ranges (shared, frozen) are kept as they are. */
function compact<T>(value: T): T {
  if (typeof value === 'string') return own(value) as T;
  if (Array.isArray(value)) return (value.length === 0 ? value : value.map(compact)) as T;
  if (value === null || typeof value !== 'object') return value;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  if (isSharableField(value)) return sharedField(value) as T;
  // A spread copy keeps the object's shape (its properties in the object, not in a separate array).
  const out = { ...value } as Record<string, unknown>;
  for (const k in out) {
    const v = out[k];
    if (k !== 'range' && k !== 'keyRange' && v !== null && (typeof v === 'string' || typeof v === 'object'))
      out[k] = compact(v);
  }
  return out as T;
}

/** Stands in for the parsed text of every detached item. */
const DETACHED: ParsedText = { text: '', doc: parseDocument(''), positions: new Positions('') };

function located<T extends Item>(l: Located<T>): Located<T> {
  return { item: compact(l.item), line: l.line, offset: l.offset, node: null, parsed: DETACHED };
}

export function detachModel(model: OkrFileModel): OkrFileModel {
  const entries = model.entries.map(located);
  // `period` and `team` are among the entries: the same objects, as in a parsed model.
  const same = (e: OkrFileModel['period']) => (e ? entries[model.entries.indexOf(e)] : undefined);
  const period = same(model.period);
  const team = same(model.team);
  return {
    ...(period ? { period } : {}),
    ...(team ? { team } : {}),
    entries,
    tenets: model.tenets.map(located),
    people: model.people.map(located),
    objectives: model.objectives.map(located),
    initiatives: model.initiatives.map(located),
  };
}

const detachedFiles = new WeakSet<ParsedFile>();

/** Whether a parse is a detached one (a closed file's), not an open document's. */
export function isDetached(file: ParsedFile): boolean {
  return detachedFiles.has(file);
}

/** A parse reduced to what checking the file against the workspace needs. */
export function detach(file: ParsedFile): ParsedFile {
  const detached: ParsedFile = {
    text: '',
    model: detachModel(file.model),
    findings: compact(file.findings),
    directives: compact(file.directives),
    sliced: file.sliced,
    reparsed: file.reparsed,
  };
  detachedFiles.add(detached);
  return detached;
}
