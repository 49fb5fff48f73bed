/** Finds what is under the cursor: the located item, and the path of keys from the file's root. */
import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { Position, Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { absolute, type Item, type Located, type OkrFileModel } from './model';
import type { Path } from './schema/problems';

const SECTION_OF: Record<Item['kind'], string | undefined> = {
  objective: 'objectives',
  tenet: 'tenets',
  person: 'people',
  initiative: 'initiatives',
  entry: undefined,
};

export function allLocated(model: OkrFileModel): Located[] {
  return [...model.entries, ...model.tenets, ...model.people, ...model.objectives, ...model.initiatives];
}

function contains(loc: Located, line: number): boolean {
  const r = absolute(loc, loc.item.range);
  // An entry's range is its value; its key line counts too.
  const start = loc.item.kind === 'entry' ? absolute(loc, loc.item.key.range).start.line : r.start.line;
  return line >= start && line <= r.end.line;
}

export interface CursorTarget {
  readonly located?: Located;
  /** Keys and indexes from the file's root to the node under the cursor. */
  readonly path: Path;
  /** Whether the cursor is on a key (rather than a value). */
  readonly onKey: boolean;
  /** The scalar under the cursor, if any, and its range in the document. */
  readonly node?: Node;
  readonly range?: Range;
}

export function targetAt(document: TextDocument, model: OkrFileModel, position: Position): CursorTarget | undefined {
  const line = document.getText({
    start: { line: position.line, character: 0 },
    end: { line: position.line + 1, character: 0 },
  });
  // A top-level key line such as `objectives:` belongs to no item.
  const top = /^([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:/.exec(line);
  if (top && position.character <= top[1].length) return { path: [top[1]], onKey: true };

  const located = allLocated(model).find((l) => contains(l, position.line));
  if (!located) return undefined;
  const offset = document.offsetAt(position) - located.offset;
  const root = located.parsed.doc.contents as Node | null;
  const prefix: (string | number)[] = [];
  const section = SECTION_OF[located.item.kind];
  // A slice of a section item parses as a one-item sequence; a whole-file parse starts at the root map.
  if (section && isSeq(root)) prefix.push(section);
  const walked = walk(root, offset);
  const r = walked.node?.range;
  const range = r ? absolute(located, located.parsed.positions.range(r[0], r[1])) : undefined;
  return { located, path: [...prefix, ...walked.path], onKey: walked.onKey, node: walked.node, range };
}

function within(node: unknown, offset: number): boolean {
  const r = (node as Node | null)?.range;
  return !!r && offset >= r[0] && offset <= r[1];
}

function walk(root: Node | null, offset: number): { path: (string | number)[]; onKey: boolean; node?: Node } {
  const path: (string | number)[] = [];
  let node: unknown = root;
  for (let depth = 0; depth < 64; depth++) {
    if (isMap(node)) {
      const pair = node.items.find((p) => within(p.key, offset) || within(p.value, offset));
      if (!pair || !isScalar(pair.key)) break;
      path.push(String(pair.key.value));
      if (within(pair.key, offset)) return { path, onKey: true, node: pair.key };
      node = pair.value;
    } else if (isSeq(node)) {
      const index = node.items.findIndex((i) => within(i, offset));
      if (index === -1) break;
      path.push(index);
      node = node.items[index];
    } else if (isPair(node)) {
      node = node.value;
    } else {
      return { path, onKey: false, node: isScalar(node) ? node : undefined };
    }
  }
  return { path, onKey: false };
}
