import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver-types';
import { absolute, type Field, type Located } from './model';
import type { ParsedFile } from './parse/parseFile';

/** The outline: objectives with their key results. */
export function documentSymbols(file: ParsedFile): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  for (const loc of file.model.objectives) {
    const o = loc.item;
    if (o.kind !== 'objective') continue;
    const children = o.keyResults.map((kr, i) =>
      symbol(loc, kr.title?.value ?? kr.id?.value ?? `Key result ${i + 1}`, kr.id, kr.range, SymbolKind.Field, []),
    );
    out.push(
      symbol(loc, o.title?.value ?? o.id?.value ?? 'Untitled objective', o.id, o.range, SymbolKind.Class, children),
    );
  }
  return out;
}

function symbol(
  loc: Located,
  title: string,
  id: Field<string> | undefined,
  range: Range,
  kind: SymbolKind,
  children: DocumentSymbol[],
): DocumentSymbol {
  const full = absolute(loc, range);
  return {
    name: oneLine(title) || '(empty)',
    detail: id?.value,
    kind,
    range: full,
    selectionRange: id ? absolute(loc, id.range) : { start: full.start, end: full.start },
    children,
  };
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
