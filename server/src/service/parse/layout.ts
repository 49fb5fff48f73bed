/**
 * Splits an OKR file into slices of whole lines that can be parsed on their own: one per top-level
 * entry (`period: 2026-Q1`), and one per item of a section's block sequence (`objectives:` then
 * `  - id: …`).
 *
 * Returns `undefined` when the layout does not allow slicing (flow style or directives at the top,
 * tabs or odd indentation, several documents, a lone \r); the caller then parses the whole text at once.
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

const TOP_KEY = /^([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:(?:[ \t]|$)/;

/**
 * The lines of a text, scanned once by character code (no substrings): where each starts and ends
 * (without its line break) and its indentation, -1 for blank and comment-only lines, -2 for lines
 * indented with a tab.
 */
class Lines {
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly indent: Int32Array;
  readonly length: number;

  constructor(readonly text: string) {
    // Typed arrays sized by a first count of line breaks: no growing arrays on a keystroke.
    let count = 1;
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
    this.start = new Int32Array(count);
    this.end = new Int32Array(count);
    this.indent = new Int32Array(count);
    this.length = count;
    let offset = 0;
    let line = 0;
    const n = text.length;
    for (;;) {
      let nl = text.indexOf('\n', offset);
      if (nl === -1) nl = n;
      const end = nl > offset && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      let i = offset;
      while (i < end && text.charCodeAt(i) === 32) i++;
      const c = i < end ? text.charCodeAt(i) : -1;
      let indent = i - offset;
      if (c === -1 || c === 35 /* # */) indent = -1;
      else if (c === 9 /* tab */) {
        // A tab after the indentation is a blank or comment line only if nothing else follows.
        let j = i;
        while (j < end && (text.charCodeAt(j) === 9 || text.charCodeAt(j) === 32)) j++;
        indent = j === end || text.charCodeAt(j) === 35 ? -1 : -2;
      }
      this.start[line] = offset;
      this.end[line] = end;
      this.indent[line] = indent;
      line++;
      if (nl >= n) break;
      offset = nl + 1;
    }
  }

  textOf(i: number): string {
    return this.text.slice(this.start[i], this.end[i]);
  }

  /** Whether line i is `- …` (or a lone `-`) at exactly `indent`. */
  isItemStart(i: number, indent: number): boolean {
    if (this.indent[i] !== indent) return false;
    const at = this.start[i] + indent;
    if (this.text.charCodeAt(at) !== 45 /* - */) return false;
    return at + 1 >= this.end[i] || this.text.charCodeAt(at + 1) === 32;
  }
}

/** A key line's value part, without a trailing comment: empty when the value is a nested block. */
function inlineValue(line: string, keyEnd: number): string {
  const rest = line.slice(keyEnd);
  return rest.startsWith('#') || /^\s*$/.test(rest) ? '' : rest.replace(/\s+#.*$/, '').trim();
}

export function sliceFile(text: string, isSection: (key: string) => boolean): Slice[] | undefined {
  // A lone \r ends a line for the editor (LSP) but not here: such a text is parsed whole.
  if (text.includes('\r') && /\r(?!\n)/.test(text)) return undefined;
  const lines = new Lines(text);
  const slices: Slice[] = [];
  const push = (kind: SliceKind, key: string, from: number, to: number) => {
    const start = lines.start[from];
    const end = to < lines.length ? lines.start[to] : text.length;
    slices.push({ kind, key, offset: start, line: from, text: text.slice(start, end) });
  };

  let i = 0;
  // Preamble: blank and comment lines, and at most one `---` document start.
  let sawDocStart = false;
  while (i < lines.length && (lines.indent[i] === -1 || (!sawDocStart && lines.textOf(i).trimEnd() === '---'))) {
    if (lines.indent[i] !== -1) sawDocStart = true;
    i++;
  }

  while (i < lines.length) {
    const keyLine = lines.indent[i] === 0 ? lines.textOf(i) : '';
    const m = TOP_KEY.exec(keyLine);
    if (!m) return undefined;
    const key = m[1];
    const hasInlineValue = inlineValue(keyLine, m[0].length) !== '';
    const start = i;
    i++;
    // The key's block: every following line that is blank, a comment, indented, or a sequence item at
    // column 0 (a compact sequence directly under the key).
    let firstContent = -1;
    while (i < lines.length) {
      const indent = lines.indent[i];
      if (indent === -2) return undefined;
      if (indent === -1) {
        i++;
        continue;
      }
      if (indent > 0 || (!hasInlineValue && lines.isItemStart(i, 0))) {
        if (firstContent === -1) firstContent = i;
        i++;
        continue;
      }
      break;
    }
    const end = i;
    const isSequence =
      isSection(key) &&
      !hasInlineValue &&
      firstContent !== -1 &&
      lines.isItemStart(firstContent, lines.indent[firstContent]);
    if (!isSequence) {
      push('entry', key, start, end);
      continue;
    }
    const itemIndent = lines.indent[firstContent];
    push('header', key, start, firstContent);
    let itemStart = firstContent;
    for (let j = firstContent + 1; j < end; j++) {
      const indent = lines.indent[j];
      if (indent === -1 || indent > itemIndent) continue;
      if (!lines.isItemStart(j, itemIndent)) return undefined; // less indented than the items, or not an item
      push('item', key, itemStart, j);
      itemStart = j;
    }
    push('item', key, itemStart, end);
  }
  return slices;
}
