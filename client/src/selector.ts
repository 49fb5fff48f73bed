/**
 * The documents the language client serves, by URI scheme: OKR files, and okr.config.yaml (YAML to the
 * editor; the server validates it) wherever a file can be saved. Its features register the selector
 * when the client starts, so a workspace folder of a new scheme widens it and restarts the client
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

/** Adds the filters of the schemes `selector` does not serve yet, in place; returns those schemes. */
export function widenSelector(selector: (string | DocumentFilter)[], schemes: readonly string[]): string[] {
  const served = new Set(
    selector.flatMap((f) => (typeof f !== 'string' && 'scheme' in f && f.scheme ? [f.scheme] : [])),
  );
  const added = [...new Set(schemes)].filter((s) => !served.has(s));
  for (const scheme of added) selector.push(...filtersFor(scheme));
  return added;
}
