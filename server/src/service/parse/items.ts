/**
 * Turns the yaml nodes of one top-level item or entry into a model item plus its findings (schema
 * problems and the yaml parser's own errors). Used for slices and for whole-file parses alike.
 */
import { isCollection, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import type { Entry, Item, SectionName } from '../model';
import type { Finding } from '../findings';
import { schemaProblems } from '../schema/problems';
import { toFindings } from './schemaFindings';
import { okrSchema, okrSchemas } from '../schema/okrSchema';
import { nearest } from '../schema/problems';
import type { Positions } from './positions';
import { keyRange, nodeRange, readInitiative, readObjective, readPerson, readTenet } from './read';

interface SectionSpec {
  readonly pointer: string;
  readonly name: string;
  readonly read: (map: YAMLMap, pos: Positions) => Item;
}

export const SECTIONS: Readonly<Record<SectionName, SectionSpec>> = {
  tenets: { pointer: '/definitions/tenet', name: 'tenet', read: readTenet },
  people: { pointer: '/definitions/person', name: 'person', read: readPerson },
  objectives: { pointer: '/definitions/objective', name: 'objective', read: readObjective },
  initiatives: { pointer: '/definitions/initiative', name: 'initiative', read: readInitiative },
};

export function isSection(key: string): key is SectionName {
  return Object.prototype.hasOwnProperty.call(SECTIONS, key);
}

const TOP_LEVEL_KEYS = Object.keys(okrSchema.properties ?? {});

/** Thrown when a slice uses an alias whose anchor lives elsewhere: only a whole-file parse can resolve it. */
export class NeedsWholeFile extends Error {}

export const MAX_ALIAS_COUNT = 100;

export function yamlFindings(doc: Document.Parsed, pos: Positions, text: string): Finding[] {
  const out: Finding[] = [];
  // An error found at the very end (a missing quote or bracket) is shown on the last written character.
  const lastChar = Math.max(0, text.trimEnd().length - 1);
  for (const [list, severity] of [
    [doc.errors, 'error'],
    [doc.warnings, 'warning'],
  ] as const) {
    for (const e of list) {
      let [start, end] = e.pos;
      if (start > lastChar) [start, end] = [lastChar, lastChar + 1];
      out.push({
        code: 'yaml-syntax',
        severity,
        message: sentence(e.message),
        range: pos.range(start, end > start ? end : start + 1),
        data: { yamlCode: e.code },
      });
    }
  }
  return out;
}

function sentence(message: string): string {
  const first = message.split('\n')[0].trim();
  const s = first.charAt(0).toUpperCase() + first.slice(1);
  return /[.?!:]$/.test(s) ? s : `${s}.`;
}

/** Lists longer than this are not read: no OKR list comes close, and the schema's check of one is quadratic. */
export const MAX_LIST_LENGTH = 5000;

/**
 * The first part of `node` that okr-lens does not read: a key that is itself a list or a mapping (`[a]: b`,
 * `? {a: b}`, or what yaml makes of broken flow text; yaml turns such a key into a string of its whole
 * content, at every level, which is quadratic: a 300 KB file of them took seconds; OKR files have only
 * scalar keys), or, up to `maxList`, a list or mapping with more entries than that (ajv gathers the
 * errors of a list's items by copying them all for each item: 40,000 wrong ones took 6 s).
 */
function unreadablePart(node: Node | null, maxList: number): { node: Node; message: string } | undefined {
  const stack: unknown[] = [node];
  while (stack.length > 0) {
    const n = stack.pop();
    if (isPair(n)) {
      if (isCollection(n.key)) return { node: n.key, message: COLLECTION_KEY_MESSAGE };
      stack.push(n.value);
    } else if (isCollection(n)) {
      if (n.items.length > maxList)
        return {
          node: n,
          message: `This ${isSeq(n) ? 'list' : 'mapping'} has ${n.items.length.toLocaleString('en')} entries: okr-lens reads up to ${maxList.toLocaleString('en')}.`,
        };
      // One at a time: a flow list of 200,000 items is more arguments than a call can take.
      for (const item of n.items) stack.push(item);
    }
  }
  return undefined;
}

/** The first key under `node` that is itself a list or a mapping (see unreadablePart). */
export function collectionKey(node: Node | null): Node | undefined {
  return unreadablePart(node, Infinity)?.node;
}

export const COLLECTION_KEY_MESSAGE =
  'A key here is a list or a mapping (such as `[a]: b` or `? {a: b}`): okr-lens reads only plain keys.';

/** The JavaScript value of a node, or a finding when aliases make that unsafe or impossible. */
function valueOf(
  node: Node | null,
  doc: Document.Parsed,
  pos: Positions,
  inSlice: boolean,
): { value: unknown; finding?: Finding } {
  if (!node) return { value: null };
  const part = unreadablePart(node, MAX_LIST_LENGTH);
  if (part)
    return { value: null, finding: { code: 'yaml-syntax', message: part.message, range: nodeRange(part.node, pos) } };
  try {
    return { value: node.toJS(doc, { maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (/Unresolved alias/i.test(message)) {
      if (inSlice) throw new NeedsWholeFile(message);
      return {
        value: null,
        finding: { code: 'yaml-syntax', message: `${sentence(message)}`, range: nodeRange(node, pos) },
      };
    }
    if (/alias count|resource exhaustion/i.test(message)) {
      return {
        value: null,
        finding: {
          code: 'yaml-syntax',
          message: `Too many alias expansions here (more than ${MAX_ALIAS_COUNT}): this looks like a "billion laughs" alias bomb, so okr-lens does not read it.`,
          range: nodeRange(node, pos),
        },
      };
    }
    return { value: null, finding: { code: 'yaml-syntax', message: sentence(message), range: nodeRange(node, pos) } };
  }
}

export interface ItemOutcome {
  readonly item?: Item;
  readonly findings: Finding[];
}

/** One element of `tenets`, `people`, `objectives` or `initiatives`. */
export function processItem(
  section: SectionName,
  node: Node | null,
  doc: Document.Parsed,
  pos: Positions,
  fallback: Range,
  inSlice: boolean,
): ItemOutcome {
  const spec = SECTIONS[section];
  const { value, finding } = valueOf(node, doc, pos, inSlice);
  if (finding) return { findings: [finding] };
  const findings = toFindings(schemaProblems(okrSchemas, spec.pointer, value, spec.name), node, pos, fallback);
  return { item: isMap(node) ? spec.read(node, pos) : undefined, findings };
}

/** A top-level `key: value` other than a block sequence of section items. */
export function processEntry(pair: Pair, doc: Document.Parsed, pos: Positions, root: Node): ItemOutcome {
  const key = isScalar(pair.key) ? String(pair.key.value) : '';
  const keyFinding = unknownTopLevelKey(pair, pos);
  if (keyFinding) return { findings: [keyFinding] };
  const { value, finding } = valueOf(pair.value as Node | null, doc, pos, false);
  if (finding) return { findings: [finding] };
  const fallback = keyRange(pair, pos);
  const findings = toFindings(schemaProblems(okrSchemas, `/properties/${key}`, value, key, [key]), root, pos, fallback);
  const entry: Entry = {
    kind: 'entry',
    range: nodeRange(pair.value as Node, pos, fallback),
    key: { value: key, range: keyRange(pair, pos), keyRange: keyRange(pair, pos) },
    value,
  };
  return { item: entry, findings };
}

export function unknownTopLevelKey(pair: Pair, pos: Positions): Finding | undefined {
  const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
  if (key !== undefined && TOP_LEVEL_KEYS.includes(key)) return undefined;
  const shown = key ?? 'this key';
  const suggestion = key ? nearest(key, TOP_LEVEL_KEYS) : undefined;
  return {
    code: 'schema',
    message:
      `Unknown field \`${shown}\` in OKR file` +
      (suggestion
        ? `; did you mean \`${suggestion}\`?`
        : `. Known fields: ${TOP_LEVEL_KEYS.map((k) => `\`${k}\``).join(', ')}.`),
    range: pair.key ? keyRange(pair, pos) : pos.range(0, 1),
    data: { key, suggestion },
  };
}
