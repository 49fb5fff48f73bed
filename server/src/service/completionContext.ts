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
  let target = column;
  let pendingItem = !!itemMark;
  const present = new Set<string>();
  let collecting = kind === 'key';
  for (let l = position.line - 1, n = 0; l >= 0 && n < MAX_LINES_UP; l--, n++) {
    const i = info(lineAt(l));
    if (!i) continue;
    if (pendingItem) {
      // The cursor's line is `- …`: the sequence's key is above, less indented (or level, compact style).
      if (i.indent < indent || (i.indent === indent && !i.isItem && i.key && i.opensBlock)) {
        if (!i.key || !i.opensBlock) return undefined;
        path.unshift(i.key, '*');
        pendingItem = false;
        collecting = false;
        target = i.content;
        if (i.isItem) {
          path.unshift('*');
          target = i.indent;
          pendingItem = true;
          continue;
        }
      }
      continue;
    }
    if (i.content === target && !i.isItem) {
      if (collecting && i.key) present.add(i.key);
      continue;
    }
    if (i.content === target && i.isItem) {
      // The mapping we are in is this sequence item.
      if (collecting && i.key) present.add(i.key);
      collecting = false;
      path.unshift('*');
      target = i.indent;
      pendingItem = false;
      // Its sequence's key is above, less indented (or level with it in compact style).
      for (l = l - 1; l >= 0; l--) {
        const p = info(lineAt(l));
        if (!p) continue;
        if (p.indent < target || (p.indent === target && !p.isItem)) {
          if (!p.key || !p.opensBlock) return undefined;
          path.unshift(p.key);
          target = p.content;
          if (p.isItem) {
            path.unshift('*');
            target = p.indent;
            continue;
          }
          break;
        }
      }
      if (l < 0) break;
      continue;
    }
    if (i.content < target || (i.indent < target && i.isItem)) {
      if (!i.key || !i.opensBlock) return undefined;
      collecting = false;
      path.unshift(i.key);
      target = i.content;
      if (i.isItem) {
        path.unshift('*');
        target = i.indent;
      }
      continue;
    }
  }
  if (pendingItem) return undefined;
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
