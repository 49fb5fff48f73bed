/**
 * Splits an OKR file into slices of whole lines that can be parsed on their own: one per top-level
 * entry (`period: 2026-Q1`), and one per item of a section's block sequence (`objectives:` then
 * `  - id: …`).
 *
 * Returns `undefined` when the layout does not allow slicing (flow style or directives at the top,
 * tabs or odd indentation, several documents); the caller then parses the whole text at once.
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
const BLANK_OR_COMMENT = /^[ \t]*(?:#.*)?$/;

interface Line {
  readonly offset: number;
  /** Text without the line break. */
  readonly text: string;
  /** Leading spaces; -1 for blank and comment-only lines. */
  readonly indent: number;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let offset = 0;
  while (offset <= text.length) {
    let end = text.indexOf('\n', offset);
    if (end === -1) end = text.length;
    const raw = text.charCodeAt(end - 1) === 13 ? text.slice(offset, end - 1) : text.slice(offset, end);
    lines.push({ offset, text: raw, indent: BLANK_OR_COMMENT.test(raw) ? -1 : leadingSpaces(raw) });
    if (end === text.length) break;
    offset = end + 1;
  }
  return lines;
}

function leadingSpaces(s: string): number {
  let i = 0;
  while (s.charCodeAt(i) === 32) i++;
  return i;
}

function isItemStart(line: Line, indent: number): boolean {
  if (line.indent !== indent) return false;
  const c = line.text.charCodeAt(indent + 1);
  return line.text.charCodeAt(indent) === 45 /* - */ && (Number.isNaN(c) || c === 32);
}

/** A key line's value part, without a trailing comment: empty when the value is a nested block. */
function inlineValue(line: string, keyEnd: number): string {
  const rest = line.slice(keyEnd);
  return rest.startsWith('#') || /^\s*$/.test(rest) ? '' : rest.replace(/\s+#.*$/, '').trim();
}

export function sliceFile(text: string, isSection: (key: string) => boolean): Slice[] | undefined {
  const lines = splitLines(text);
  const slices: Slice[] = [];
  const push = (kind: SliceKind, key: string, from: number, to: number) => {
    const start = lines[from].offset;
    const end = to < lines.length ? lines[to].offset : text.length;
    slices.push({ kind, key, offset: start, line: from, text: text.slice(start, end) });
  };

  let i = 0;
  // Preamble: blank and comment lines, and at most one `---` document start.
  let sawDocStart = false;
  while (i < lines.length && (lines[i].indent === -1 || (!sawDocStart && lines[i].text.trimEnd() === '---'))) {
    if (lines[i].indent !== -1) sawDocStart = true;
    i++;
  }

  while (i < lines.length) {
    const line = lines[i];
    if (line.text.includes('\t') && /^\s*\t/.test(line.text)) return undefined;
    const m = line.indent === 0 ? TOP_KEY.exec(line.text) : null;
    if (!m) return undefined;
    const key = m[1];
    const start = i;
    i++;
    // The key's block: every following line that is blank, a comment, indented, or a sequence item at
    // column 0 (a compact sequence directly under the key).
    let firstContent = -1;
    while (i < lines.length) {
      const l = lines[i];
      if (l.indent === -1) {
        i++;
        continue;
      }
      if (/^[ ]*\t/.test(l.text)) return undefined;
      if (l.indent > 0 || (inlineValue(line.text, m[0].length) === '' && isItemStart(l, 0))) {
        if (firstContent === -1) firstContent = i;
        i++;
        continue;
      }
      break;
    }
    const end = i;
    const isSequence =
      isSection(key) &&
      inlineValue(line.text, m[0].length) === '' &&
      firstContent !== -1 &&
      isItemStart(lines[firstContent], lines[firstContent].indent);
    if (!isSequence) {
      push('entry', key, start, end);
      continue;
    }
    const itemIndent = lines[firstContent].indent;
    push('header', key, start, firstContent);
    let itemStart = firstContent;
    for (let j = firstContent + 1; j < end; j++) {
      const l = lines[j];
      if (l.indent === -1 || l.indent > itemIndent) continue;
      if (!isItemStart(l, itemIndent)) return undefined; // less indented than the items, or not an item
      push('item', key, itemStart, j);
      itemStart = j;
    }
    push('item', key, itemStart, end);
  }
  return slices;
}
