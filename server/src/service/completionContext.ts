/**
 * Where the cursor is, read from the lines around it (never a full parse): the path of keys from the
 * file's root, whether a key or a value is being written, and the keys already present beside it.
 */
import type { Position } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';

export type Segment = string | '*';

interface LineInfo {
  readonly indent: number;
  /** Column where the line's content starts (after `- ` on a sequence item line). */
  readonly content: number;
  readonly isItem: boolean;
  readonly key?: string;
  /** Whether the key's value continues on the next lines (nothing after the colon). */
  readonly opensBlock: boolean;
}

const KEY = /^([A-Za-z_][A-Za-z0-9_-]*)\s*:(?:\s|$)/;

function info(text: string): LineInfo | undefined {
  if (/^\s*(#.*)?$/.test(text)) return undefined;
  const indent = /^ */.exec(text)![0].length;
  let content = indent;
  let isItem = false;
  const item = /^-(\s+|$)/.exec(text.slice(indent));
  if (item) {
    isItem = true;
    content = indent + item[0].length;
  }
  const m = KEY.exec(text.slice(content));
  const rest = m
    ? text
        .slice(content + m[0].length)
        .replace(/#.*$/, '')
        .trim()
    : '';
  return { indent, content, isItem, key: m?.[1], opensBlock: !!m && rest === '' };
}

export interface CompletionContext {
  readonly kind: 'key' | 'value' | 'item';
  /** Keys and `*` (a sequence item) from the root to the mapping (key) or key (value) at the cursor. */
  readonly path: readonly Segment[];
  /** For values: the key whose value is being written. */
  readonly key?: string;
  /** What is already typed of the word being completed, and where it starts. */
  readonly prefix: string;
  readonly prefixStart: Position;
  /** Keys present in the mapping at the cursor (for key completion). */
  readonly present: ReadonlySet<string>;
  /** Column of the mapping's keys (for inserting multi-line text). */
  readonly column: number;
  /** Whether the value is inside a flow list (`[CO-1, |]`). */
  readonly inFlowList: boolean;
  /** Whether the cursor's line starts a sequence item (`- `). */
  readonly onItemLine: boolean;
}

const MAX_LINES_UP = 2000;

export function completionContext(document: TextDocument, position: Position): CompletionContext | undefined {
  const lineText = document
    .getText({ start: { line: position.line, character: 0 }, end: { line: position.line + 1, character: 0 } })
    .replace(/\r?\n$/, '');
  const before = lineText.slice(0, position.character);
  const lineAt = (l: number) =>
    document.getText({ start: { line: l, character: 0 }, end: { line: l + 1, character: 0 } }).replace(/\r?\n$/, '');

  // What is being written on this line.
  const indent = /^ */.exec(before)![0].length;
  const itemMark = /^-(\s+|$)/.exec(before.slice(indent));
  const column = itemMark ? indent + itemMark[0].length : indent;
  const rest = before.slice(column);
  let kind: CompletionContext['kind'];
  let key: string | undefined;
  let prefix: string;
  let inFlowList = false;
  const keyValue = /^([A-Za-z_][A-Za-z0-9_-]*)\s*:\s*(.*)$/.exec(rest);
  if (keyValue) {
    kind = 'value';
    key = keyValue[1];
    const value = keyValue[2];
    if (value.startsWith('[')) {
      inFlowList = true;
      prefix = value.slice(value.lastIndexOf(',') + 1).replace(/^[\s[]+/, '');
    } else prefix = value.replace(/^["']/, '');
  } else if (/^[A-Za-z_]?[A-Za-z0-9_-]*$/.test(rest)) {
    kind = 'key';
    prefix = rest;
  } else return undefined;
  const prefixStart = { line: position.line, character: position.character - prefix.length };

  // Walk up to find the enclosing mappings and sequences.
  const path: Segment[] = [];
  const present = new Set<string>();
  /**
   * From `line`, climbs to the key of the sequence whose dashes are at column `dash`, adding it to the
   * path (and, when that key itself sits on an item line, the item and its own sequence's key, on up).
   * Returns where it stopped and the column of that key's mapping.
   */
  const full = document.getText();
  const indentedPast = (line: number, column: number) => {
    const offset = document.offsetAt({ line, character: 0 });
    for (let k = 0; k <= column; k++) if (full.charCodeAt(offset + k) !== 32) return false;
    return true;
  };
  const toSequenceKey = (line: number, dash: number): { line: number; target: number } | undefined => {
    for (let l = line - 1; l >= 0; l--) {
      // The key may be far above (`objectives:` at the top of a long file): skip deeper lines by their
      // leading spaces alone, without reading them.
      if (indentedPast(l, dash)) continue;
      const p = info(lineAt(l));
      if (!p || p.indent > dash || (p.indent === dash && p.isItem)) continue;
      if (!p.key || !p.opensBlock) return undefined;
      path.unshift(p.key);
      if (!p.isItem) return { line: l, target: p.content };
      path.unshift('*');
      dash = p.indent;
    }
    return undefined;
  };
  let target = column;
  let start = position.line;
  let collecting = kind === 'key';
  if (itemMark) {
    // The cursor's line starts a sequence item: we are in that item.
    path.unshift('*');
    const up = toSequenceKey(position.line, indent);
    if (!up) return undefined;
    ({ line: start, target } = up);
    collecting = false;
  }
  for (let l = start - 1; l >= 0 && position.line - l < MAX_LINES_UP; l--) {
    const i = info(lineAt(l));
    if (!i || i.content > target) continue;
    if (i.content === target) {
      if (collecting && i.key) present.add(i.key);
      if (!i.isItem) continue;
      // The mapping we are in is this sequence item.
      collecting = false;
      path.unshift('*');
      const up = toSequenceKey(l, i.indent);
      if (!up) break;
      ({ line: l, target } = up);
      continue;
    }
    // A key less indented than us: we are in its value.
    if (!i.key || !i.opensBlock) return undefined;
    collecting = false;
    path.unshift(i.key);
    target = i.content;
    if (i.isItem) {
      path.unshift('*');
      const up = toSequenceKey(l, i.indent);
      if (!up) break;
      ({ line: l, target } = up);
    }
  }
  // Keys below the cursor in the same mapping count as present too.
  if (kind === 'key') {
    for (let l = position.line + 1; l < Math.min(document.lineCount, position.line + MAX_LINES_UP); l++) {
      const i = info(lineAt(l));
      if (!i) continue;
      if (i.content < column || (i.isItem && i.indent <= column - (itemMark ? itemMark[0].length : 0))) break;
      if (i.content === column && !i.isItem && i.key) present.add(i.key);
    }
  }
  return {
    kind,
    path,
    key,
    prefix,
    prefixStart,
    present,
    column,
    inFlowList,
    onItemLine: !!itemMark,
  };
}
