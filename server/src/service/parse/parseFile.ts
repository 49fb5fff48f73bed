/**
 * Parses an OKR file into its model and its parse and schema findings.
 *
 * The text is cut into slices (one per top-level entry and per section item, see layout.ts); each
 * slice is parsed and checked on its own and the outcome cached by content, so an edit re-parses only
 * the slice it touches. Where the layout does not allow slicing, or a slice uses an anchor defined in
 * another one, the whole text is parsed at once and read the same way.
 */
import { isMap, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import type { Entry, Item, Located, OkrFileModel, ParsedText, SectionName } from '../model';
import { shiftFinding, type Finding } from '../findings';
import { resliceFile, sliceFile, type ChangedSpan, type Slice } from './layout';
import { Positions } from './positions';
import { parseGuarded, TOO_DEEP_MESSAGE } from './depth';
import { NeedsWholeFile, isSection, processEntry, processItem, unknownTopLevelKey, yamlFindings } from './items';
import { keyRange } from './read';
import { fastParse } from './fastYaml';
import { parseDirectives, shiftDirective, type Directive } from '../directives';

export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

export interface ParseOptions {
  /** Files larger than this (in UTF-16 code units, about bytes) get one finding and no model. */
  readonly maxFileSize?: number;
  /** Skip slicing (tests and benchmarks compare both paths). */
  readonly wholeFile?: boolean;
}

export interface ParsedFile {
  readonly text: string;
  readonly model: OkrFileModel;
  /** Parse and schema findings, in document positions. */
  readonly findings: readonly Finding[];
  /** `# okr-disable…` comments, in document positions. */
  readonly directives: readonly Directive[];
  /** False when the whole text had to be parsed at once. */
  readonly sliced: boolean;
  /** How many slices this parse had to parse (the rest came from the cache). */
  readonly reparsed: number;
  /** The slices and what each parsed to, for the next version to start from. */
  readonly layout?: SliceLayout;
}

/** A sliced parse's slices and their outcomes (opaque outside this module). */
export interface SliceLayout {
  readonly slices: readonly Slice[];
  readonly outcomes: readonly Outcome[];
}

/** The previous parse of the same document and where its text changed since. */
export interface PreviousParse {
  readonly file: ParsedFile;
  readonly span: ChangedSpan;
}

/** An item read from a parse, with positions relative to that parse's text. */
interface RelItem {
  readonly section: SectionName | 'entry';
  readonly item: Item;
  readonly node: Node | Pair | null;
}

export interface Outcome {
  /** The slice kind and top-level key the outcome was computed for: the same text elsewhere is another slice. */
  readonly kind: string;
  readonly parsed: ParsedText;
  readonly items: readonly RelItem[];
  readonly findings: readonly Finding[];
  readonly directives: readonly Directive[];
  /** Top-level keys this parse declares, for the duplicate-key check across slices. */
  readonly keys: readonly { readonly key: string; readonly range: Finding['range'] }[];
}

/**
 * Slice outcomes by content, kept from one version of a document to the next. Outcomes reused by
 * position after an edit are not looked up at all; unused entries are dropped once enough new ones
 * have been added (or after every parse that was not narrowed to an edit), so each keystroke costs
 * O(1) here and the cache stays about the size of the file.
 */
export class SliceCache {
  private current = new Map<string, Outcome>();
  private added = 0;

  /** Keyed by the slice's text alone (no concatenation, so no copy of a large file per keystroke). */
  get(text: string, kind: string): Outcome | undefined {
    const hit = this.current.get(text);
    return hit && hit.kind === kind ? hit : undefined;
  }

  set(text: string, outcome: Outcome): void {
    this.current.set(text, outcome);
    this.added++;
  }

  /** After a parse: keeps only the outcomes it used, unless it was narrowed to an edit and few were added. */
  commit(layout: SliceLayout, narrowed: boolean): void {
    if (narrowed && this.added <= Math.max(64, layout.slices.length)) return;
    this.current = new Map();
    for (let i = 0; i < layout.slices.length; i++) this.current.set(layout.slices[i].text, layout.outcomes[i]);
    this.added = 0;
  }

  get size(): number {
    return this.current.size;
  }
}

const EMPTY_MODEL: OkrFileModel = { entries: [], tenets: [], people: [], objectives: [], initiatives: [] };

export function parseOkr(
  text: string,
  cache: SliceCache = new SliceCache(),
  options: ParseOptions = {},
  previous?: PreviousParse,
): ParsedFile {
  const max = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  if (text.length > max) return tooLarge(text, text.length, max);
  const resliced = options.wholeFile ? undefined : slicesOf(text, previous);
  if (resliced) {
    try {
      const result = fromSlices(text, resliced.slices, cache, resliced.from, previous?.file.layout?.outcomes);
      cache.commit(result.layout!, resliced.from !== undefined);
      return result;
    } catch (e) {
      if (!(e instanceof NeedsWholeFile)) throw e;
    }
  }
  return fromWhole(text);
}

/** The slices of a text: around the change only when the previous version was sliced too. */
function slicesOf(text: string, previous?: PreviousParse): { slices: Slice[]; from?: Int32Array } | undefined {
  const old = previous?.file.layout;
  if (!old) {
    const slices = sliceFile(text, isSection);
    return slices && { slices };
  }
  const resliced = resliceFile(old.slices, previous.file.text.length, text, previous.span, isSection);
  if (!resliced) return undefined;
  // New slices get a text of their own: a substring would keep this whole version of the file alive.
  for (const [i, m] of resliced.from.entries()) {
    if (m === -1) resliced.slices[i] = { ...resliced.slices[i], text: ownCopy(resliced.slices[i].text) };
  }
  return resliced;
}

function ownCopy(s: string): string {
  return s.length < 16 ? s : (JSON.parse(JSON.stringify(s)) as string);
}

/** A file over the size limit: one finding and no model. `size` may come from disk, before reading it. */
export function tooLarge(text: string, size: number, max: number = DEFAULT_MAX_FILE_SIZE): ParsedFile {
  return {
    text,
    model: EMPTY_MODEL,
    directives: [],
    sliced: false,
    reparsed: 0,
    findings: [
      {
        code: 'file-too-large',
        message: `This file is ${mb(size)} MB; okr-lens checks files up to ${mb(max)} MB (setting okr.maxFileSize). Split it by team or period.`,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      },
    ],
  };
}

function mb(n: number): string {
  return (n / 1024 / 1024).toFixed(1).replace(/\.0$/, '');
}

/** Parses a text with the fast path when it can (see fastYaml.ts), with `yaml` otherwise. */
function parseText(text: string): ParsedText {
  const fast = fastParse(text);
  if (fast) return { text, doc: fast, positions: new Positions(text) };
  // Nesting too deep for yaml's recursion is not parsed: one error at the spot instead.
  const doc = parseGuarded(text);
  return { text, doc, positions: new Positions(text) };
}

function parseSlice(slice: Slice, kind: string): Outcome {
  const parsed = parseText(slice.text);
  const { doc, positions: pos } = parsed;
  const findings = yamlFindings(doc, pos, parsed.text);
  const root = doc.contents as Node | null;
  const items: RelItem[] = [];
  const keys: { key: string; range: Finding['range'] }[] = [];
  const firstLine = pos.range(0, slice.text.indexOf('\n') === -1 ? slice.text.length : slice.text.indexOf('\n'));
  // An item nested too deeply to parse has its one finding and nothing else.
  if (slice.kind === 'item' && !doc.errors.some((e) => e.message === TOO_DEEP_MESSAGE)) {
    const section = slice.key as SectionName;
    const node = isSeq(root) ? ((root.items[0] as Node | undefined) ?? null) : null;
    const out = processItem(section, node, doc, pos, firstLine, true);
    append(findings, out.findings);
    if (out.item) items.push({ section, item: out.item, node });
  } else if (isMap(root)) {
    for (const pair of root.items) {
      if (isScalar(pair.key)) keys.push({ key: String(pair.key.value), range: keyRange(pair, pos) });
      if (slice.kind === 'header') {
        const unknown = unknownTopLevelKey(pair, pos);
        if (unknown) findings.push(unknown);
      } else collectPair(pair, doc, parsed, root, items, findings, true);
    }
  }
  return { kind, parsed, items, findings, keys, directives: parseDirectives(slice.text) };
}

/** `to.push(...from)` without spreading: a hostile file's item can have more findings than a call has room for arguments. */
function append<T>(to: T[], from: readonly T[]): void {
  for (const x of from) to.push(x);
}

/** Reads one top-level pair of a parse: section items one by one, anything else as an entry. */
function collectPair(
  pair: Pair,
  doc: Document.Parsed,
  parsed: ParsedText,
  root: Node,
  items: RelItem[],
  findings: Finding[],
  inSlice: boolean,
): void {
  const key = isScalar(pair.key) ? String(pair.key.value) : '';
  if (isSection(key) && isSeq(pair.value)) {
    const fallback = keyRange(pair, parsed.positions);
    for (const n of pair.value.items) {
      const node = (n as Node | null) ?? null;
      const out = processItem(key, node, doc, parsed.positions, fallback, inSlice);
      append(findings, out.findings);
      if (out.item) items.push({ section: key, item: out.item, node });
    }
    return;
  }
  const out = processEntry(pair, doc, parsed.positions, root);
  append(findings, out.findings);
  if (out.item) items.push({ section: 'entry', item: out.item, node: pair });
}

interface ModelBuilder {
  entries: Located<Entry>[];
  tenets: Located[];
  people: Located[];
  objectives: Located[];
  initiatives: Located[];
}

function place(builder: ModelBuilder, outcome: Outcome, line: number, offset: number): void {
  for (const rel of outcome.items) {
    const located = { item: rel.item, line, offset, node: rel.node, parsed: outcome.parsed };
    if (rel.section === 'entry') builder.entries.push(located as Located<Entry>);
    else builder[rel.section].push(located);
  }
}

function finish(builder: ModelBuilder): OkrFileModel {
  const entry = (key: string) => builder.entries.find((e) => e.item.key.value === key);
  return { ...(builder as unknown as OkrFileModel), period: entry('period'), team: entry('team') };
}

function newBuilder(): ModelBuilder {
  return { entries: [], tenets: [], people: [], objectives: [], initiatives: [] };
}

function fromSlices(
  text: string,
  slices: readonly Slice[],
  cache: SliceCache,
  from?: Int32Array,
  previous?: readonly Outcome[],
): ParsedFile {
  const builder = newBuilder();
  const findings: Finding[] = [];
  const seenKeys = new Map<string, number>();
  const outcomes: Outcome[] = [];
  // Directives in the comments before the first key, then each slice's.
  const directives = slices.length ? parseDirectives(text.slice(0, slices[0].offset)) : parseDirectives(text);
  let reparsed = 0;
  for (let i = 0; i < slices.length; i++) {
    const slice = slices[i];
    const m = from ? from[i] : -1;
    let outcome = m >= 0 ? previous?.[m] : undefined;
    if (!outcome) {
      const kind = `${slice.kind}:${slice.key}`;
      outcome = cache.get(slice.text, kind);
      if (!outcome) {
        outcome = parseSlice(slice, kind);
        cache.set(slice.text, outcome);
        reparsed++;
      }
    }
    outcomes.push(outcome);
    for (const d of outcome.directives) directives.push(shiftDirective(d, slice.line));
    for (const f of outcome.findings) findings.push(shiftFinding(f, slice.line));
    for (const k of outcome.keys) {
      const first = seenKeys.get(k.key);
      if (first === undefined) seenKeys.set(k.key, slice.line + k.range.start.line);
      else
        findings.push(
          duplicateKey(k.key, first, shiftFinding({ code: '', message: '', range: k.range }, slice.line).range),
        );
    }
    place(builder, outcome, slice.line, slice.offset);
  }
  return {
    text,
    model: finish(builder),
    findings,
    directives,
    sliced: true,
    reparsed,
    layout: { slices, outcomes },
  };
}

function duplicateKey(key: string, firstLine: number, range: Finding['range']): Finding {
  return {
    code: 'yaml-syntax',
    message: `Duplicate key \`${key}\`: it is already set on line ${firstLine + 1}.`,
    range,
  };
}

function fromWhole(text: string): ParsedFile {
  const parsed = parseText(text);
  const { doc, positions: pos } = parsed;
  const findings = yamlFindings(doc, pos, parsed.text);
  const builder = newBuilder();
  const items: RelItem[] = [];
  const root = doc.contents as Node | null;
  if (isMap(root)) {
    for (const pair of root.items) collectPair(pair, doc, parsed, root, items, findings, false);
  } else if (root && !(isScalar(root) && (root.value === null || root.value === ''))) {
    findings.push({
      code: 'schema',
      message: 'An OKR file must be a mapping of fields such as `period`, `team` and `objectives`.',
      range: pos.range(root.range?.[0] ?? 0, root.range?.[1] ?? 0),
    });
  }
  place(builder, { kind: 'whole', parsed, items, findings: [], keys: [], directives: [] }, 0, 0);
  return { text, model: finish(builder), findings, directives: parseDirectives(text), sliced: false, reparsed: 1 };
}
