import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseOkr, SliceCache, type ParsedFile } from './parse/parseFile';
import type { OkrSettings } from './settings';

/**
 * The latest parse of each open document, and the slice cache that makes the next parse cheap.
 * Every feature (diagnostics, hover, symbols) asks here, so a version is parsed once.
 */
export class ParsedDocuments {
  private readonly entries = new Map<
    string,
    { version: number; maxFileSize: number; file: ParsedFile; cache: SliceCache }
  >();

  get(document: TextDocument, settings: Pick<OkrSettings, 'maxFileSize'>): ParsedFile {
    let entry = this.entries.get(document.uri);
    if (entry && entry.version === document.version && entry.maxFileSize === settings.maxFileSize) return entry.file;
    const cache = entry?.cache ?? new SliceCache();
    const file = parseOkr(document.getText(), cache, { maxFileSize: settings.maxFileSize });
    entry = { version: document.version, maxFileSize: settings.maxFileSize, file, cache };
    this.entries.set(document.uri, entry);
    return file;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}
