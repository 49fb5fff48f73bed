/**
 * The documents the language client serves, by URI scheme: OKR files, and okr.config.yaml (YAML to the
 * editor; the server validates it) wherever a file can be saved. A client's features register its
 * selector when it starts, so a workspace folder of a scheme it does not serve makes a new client
 * (./activate.ts). No `vscode` here: unit-tested in Node.
 */
import type { DocumentFilter } from 'vscode-languageclient';
import { LANGUAGE_ID } from '../../shared/protocol';

const filtersFor = (scheme: string): DocumentFilter[] =>
  scheme === 'untitled'
    ? [{ scheme, language: LANGUAGE_ID }]
    : [
        { scheme, language: LANGUAGE_ID },
        { scheme, pattern: '**/okr.config.yaml' },
      ];

export function okrDocumentSelector(schemes: readonly string[]): DocumentFilter[] {
  return [...new Set(schemes)].flatMap(filtersFor);
}

/** The schemes of `schemes` that `selector` does not serve (a new client's selector would). */
export function unservedSchemes(selector: readonly (string | DocumentFilter)[], schemes: readonly string[]): string[] {
  const served = new Set(
    selector.flatMap((f) => (typeof f !== 'string' && 'scheme' in f && f.scheme ? [f.scheme] : [])),
  );
  return [...new Set(schemes)].filter((s) => !served.has(s));
}
