/**
 * Splits an OKR file into slices of whole lines that can be parsed on their own: one per top-level
 * entry (`period: 2026-Q1`), and one per item of a section's block sequence (`objectives:` then
 * `  - id: …`).
 *
 * Returns `undefined` when the layout does not allow slicing (flow style or directives at the top,
 * tabs or odd indentation, several documents, a lone \r); the caller then parses the whole text at once.
 *
 * After an edit, `resliceFile` scans only from the slice before the edit to the first slice boundary
 * past it that the old layout shares, and reuses the old slices on both sides (moved, not re-read).
 */

export type SliceKind =
  /** `key: value` or `key:` with a nested block that is not a sequence: parsed as a one-pair map. */
  | 'entry'
  /** The `key:` line of a block sequence (and comment lines up to the first item). */
  | 'header'
  /** One `- …` item of a block sequence, up to the next item or top-level key. */
  | 'item';

export interface Slice {
  readonly kind: SliceKind;
  /** The top-level key the slice belongs to. */
  readonly key: string;
  /** Offset of the slice's first character in the text. */
  readonly offset: number;
  /** 0-based line of the slice's first character. */
  readonly line: number;
  readonly text: string;
}

/** Where the text changed since the layout was made: everything before `first` and the last `tail` characters are as they were. */
export interface ChangedSpan {
  readonly first: number;
  readonly tail: number;
}

export interface Resliced {
  readonly slices: Slice[];
  /** For each slice, the index of the old slice it is (same text, perhaps moved), or -1 when new. */
  readonly from: Int32Array;
}

const TOP_KEY = /^([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:(?:[ \t]|$)/;
const BLANK = -1;
const TAB = -2;

/**
 * One line of a text, loaded by offset and read by character code (no substrings): where it starts
 * and ends (without its line break), where the next starts, and its indentation: BLANK for blank and
 * comment-only lines, TAB for lines indented with a tab.
 */
class Line {
  start = 0;
  end = 0;
  next = 0;
  indent = 0;

  constructor(readonly text: string) {}

  /** Loads the line starting at `offset`; false past the end (a text ending in a break has an empty last line). */
  load(offset: number): boolean {
    const text = this.text;
    const n = text.length;
    if (offset > n) return false;
    let nl = text.indexOf('\n', offset);
    if (nl === -1) nl = n;
    const end = nl > offset && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    let i = offset;
    while (i < end && text.charCodeAt(i) === 32) i++;
    const c = i < end ? text.charCodeAt(i) : -1;
    let indent = i - offset;
    if (c === -1 || c === 35 /* # */) indent = BLANK;
    else if (c === 9 /* tab */) {
      // A tab after the indentation is a blank or comment line only if nothing else follows.
      let j = i;
      while (j < end && (text.charCodeAt(j) === 9 || text.charCodeAt(j) === 32)) j++;
      indent = j === end || text.charCodeAt(j) === 35 ? BLANK : TAB;
    }
    this.start = offset;
    this.end = end;
    this.next = nl + 1;
    this.indent = indent;
    return true;
  }

  textOf(): string {
    return this.text.slice(this.start, this.end);
  }

  /** Whether the line is `- …` (or a lone `-`) at exactly `indent`. */
  isItemStart(indent: number): boolean {
    if (this.indent !== indent) return false;
    const at = this.start + indent;
    if (this.text.charCodeAt(at) !== 45 /* - */) return false;
    return at + 1 >= this.end || this.text.charCodeAt(at + 1) === 32;
  }
}

/** A key line's value part, without a trailing comment: empty when the value is a nested block. */
function inlineValue(line: string, keyEnd: number): string {
  const rest = line.slice(keyEnd);
  return rest.startsWith('#') || /^\s*$/.test(rest) ? '' : rest.replace(/\s+#.*$/, '').trim();
}

/** Where a scan starts: a top-level key line, or an item of a section's sequence. */
interface Start {
  readonly offset: number;
  readonly line: number;
  readonly items?: { readonly key: string; readonly indent: number };
}

/** Called at each slice boundary a scan reaches; returning true ends the scan there. */
type Boundary = (offset: number, line: number, items: Start['items']) => boolean;

/**
 * Cuts slices from `start` on into `out`, until the text ends or `stop` says so. Returns false when
 * the layout does not allow slicing.
 */
function scan(text: string, start: Start, isSection: (key: string) => boolean, out: Slice[], stop?: Boundary): boolean {
  const l = new Line(text);
  const push = (kind: SliceKind, key: string, from: number, line: number, to: number) =>
    out.push({ kind, key, offset: from, line, text: text.slice(from, to) });
  let offset = start.offset;
  let line = start.line;
  let items = start.items;
  let itemStart = offset;
  let itemLine = line;
  if (items) {
    // At an item's first line: the item runs to the next line at its indent or less.
    l.load(offset);
    offset = l.next;
    line++;
  }
  for (;;) {
    if (items) {
      if (!l.load(offset)) {
        push('item', items.key, itemStart, itemLine, text.length);
        return true;
      }
      const indent = l.indent;
      if (indent === TAB) return false;
      if (indent === BLANK || indent > items.indent) {
        offset = l.next;
        line++;
        continue;
      }
      if (indent === 0 && !l.isItemStart(0)) {
        // A top-level line ends the sequence.
        push('item', items.key, itemStart, itemLine, offset);
        items = undefined;
        continue;
      }
      if (!l.isItemStart(items.indent)) return false; // less indented than the items, or not an item
      push('item', items.key, itemStart, itemLine, offset);
      if (stop?.(offset, line, items)) return true;
      itemStart = offset;
      itemLine = line;
      offset = l.next;
      line++;
      continue;
    }
    if (!l.load(offset)) return true;
    if (stop?.(offset, line, undefined)) return true;
    const keyLine = l.indent === 0 ? l.textOf() : '';
    const m = TOP_KEY.exec(keyLine);
    if (!m) return false;
    const key = m[1];
    const hasInlineValue = inlineValue(keyLine, m[0].length) !== '';
    const keyStart = offset;
    const keyLineNo = line;
    offset = l.next;
    line++;
    // The first content line of the key's block: a sequence item makes a section's items slices.
    let first = -1;
    let firstLine = line;
    let firstIndent = 0;
    while (l.load(offset)) {
      if (l.indent === TAB) return false;
      if (l.indent === BLANK) {
        offset = l.next;
        line++;
        continue;
      }
      if (l.indent > 0 || (!hasInlineValue && l.isItemStart(0))) {
        first = offset;
        firstLine = line;
        firstIndent = l.indent;
      }
      break;
    }
    if (first !== -1 && isSection(key) && !hasInlineValue && l.isItemStart(firstIndent)) {
      push('header', key, keyStart, keyLineNo, first);
      items = { key, indent: firstIndent };
      itemStart = first;
      itemLine = firstLine;
      offset = l.next;
      line = firstLine + 1;
      continue;
    }
    // An entry: every following line that is blank, a comment, indented, or a sequence item at
    // column 0 (a compact sequence directly under the key).
    while (l.load(offset)) {
      if (l.indent === TAB) return false;
      if (l.indent === BLANK || l.indent > 0 || (!hasInlineValue && l.isItemStart(0))) {
        if (l.next > text.length) {
          offset = text.length + 1;
          break;
        }
        offset = l.next;
        line++;
        continue;
      }
      break;
    }
    push('entry', key, keyStart, keyLineNo, Math.min(offset, text.length));
    if (offset > text.length) return true;
  }
}

/** The preamble: blank and comment lines, and at most one `---` document start. */
function preambleEnd(text: string): Start {
  const l = new Line(text);
  let offset = 0;
  let line = 0;
  let sawDocStart = false;
  while (l.load(offset)) {
    if (l.indent !== BLANK) {
      if (sawDocStart || l.textOf().trimEnd() !== '---') break;
      sawDocStart = true;
    }
    offset = l.next;
    line++;
  }
  return { offset, line };
}

/** A lone \r ends a line for the editor (LSP) but not here: such a text is parsed whole. */
function hasLoneCR(text: string, from = 0, to = text.length): boolean {
  for (let i = text.indexOf('\r', from); i !== -1 && i < to; i = text.indexOf('\r', i + 1)) {
    if (text.charCodeAt(i + 1) !== 10) return true;
  }
  return false;
}

export function sliceFile(text: string, isSection: (key: string) => boolean): Slice[] | undefined {
  if (hasLoneCR(text)) return undefined;
  const slices: Slice[] = [];
  return scan(text, preambleEnd(text), isSection, slices) ? slices : undefined;
}

/**
 * The slices of `text`, which is `old`'s text changed within `span`: old slices before and after the
 * change are reused, only the lines in between are scanned.
 */
export function resliceFile(
  old: readonly Slice[],
  oldLength: number,
  text: string,
  span: ChangedSpan,
  isSection: (key: string) => boolean,
): Resliced | undefined {
  const full = () => {
    const slices = sliceFile(text, isSection);
    return slices && { slices, from: new Int32Array(slices.length).fill(-1) };
  };
  if (old.length === 0) return full();
  // The slice holding the first changed character; the one before it may end differently, and when
  // the change touches a slice's first line, the boundary before it may move too.
  let c = lastAtOrBefore(old, span.first);
  if (c >= 0) {
    const s = old[c];
    const firstLineEnd = text.indexOf('\n', s.offset);
    if (firstLineEnd === -1 || span.first <= firstLineEnd) c--;
  }
  const resume = c;
  if (resume < 0) return full();
  const r = old[resume];
  const startItems = r.kind === 'item' ? { key: r.key, indent: indentAt(text, r.offset) } : undefined;
  const delta = text.length - oldLength;
  const tailStart = oldLength - span.tail;
  const slices = old.slice(0, resume);
  const from: number[] = slices.map((_, i) => i);
  let sync = -1;
  let lineDelta = 0;
  const ok = scan(
    text,
    { offset: r.offset, line: r.line, items: startItems },
    isSection,
    slices,
    (offset, line, items) => {
      const was = offset - delta;
      if (was < tailStart) return false;
      const m = lastAtOrBefore(old, was);
      const o = old[m];
      if (m < 0 || o.offset !== was) return false;
      if (items ? o.kind !== 'item' || o.key !== items.key : o.kind === 'item') return false;
      sync = m;
      lineDelta = line - o.line;
      return true;
    },
  );
  if (!ok) return undefined;
  // The old text had no lone \r (it was sliced); the re-read part must not bring one.
  const scannedEnd = sync >= 0 ? old[sync].offset + delta : text.length;
  if (hasLoneCR(text, Math.max(0, r.offset - 1), scannedEnd + 1)) return undefined;
  while (from.length < slices.length) from.push(-1);
  if (sync >= 0) {
    for (let m = sync; m < old.length; m++) {
      const o = old[m];
      slices.push({ kind: o.kind, key: o.key, offset: o.offset + delta, line: o.line + lineDelta, text: o.text });
      from.push(m);
    }
  }
  return { slices, from: Int32Array.from(from) };
}

/** The index of the last slice starting at or before `offset` (-1 when none does). */
function lastAtOrBefore(slices: readonly Slice[], offset: number): number {
  let lo = 0;
  let hi = slices.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (slices[mid].offset <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

function indentAt(text: string, offset: number): number {
  let i = offset;
  while (text.charCodeAt(i) === 32) i++;
  return i - offset;
}
