import type { TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { parseOkr, SliceCache, type ParsedFile } from './parse/parseFile';
import type { OkrSettings } from './settings';

interface Entry {
  version: number;
  maxFileSize: number;
  file: ParsedFile;
  cache: SliceCache;
  /** Where the text changed since `file` was parsed; `null` after a change of the whole text. */
  span?: { first: number; tail: number } | null;
}

/**
 * The latest parse of each open document, and what makes the next parse cheap: the slice cache, and
 * the span the editor changed since (told by `willChange`), so only the slices around it are re-read.
 * Every feature (diagnostics, hover, symbols) asks here, so a version is parsed once.
 */
export class ParsedDocuments {
  private readonly entries = new Map<string, Entry>();

  /** Call before `change` is applied to `document`: narrows the next parse to the changed span. */
  willChange(document: TextDocument, change: TextDocumentContentChangeEvent): void {
    const entry = this.entries.get(document.uri);
    if (!entry || entry.span === null) return;
    if (!('range' in change)) {
      entry.span = null;
      return;
    }
    const length = document.getText().length;
    // A range may come reversed (end before start): the text between the two is what changes.
    const a = document.offsetAt(change.range.start);
    const b = document.offsetAt(change.range.end);
    const start = Math.min(a, b);
    const end = Math.max(a, b);
    const tail = length - end;
    const was = entry.span;
    entry.span = was ? { first: Math.min(was.first, start), tail: Math.min(was.tail, tail) } : { first: start, tail };
  }

  get(document: TextDocument, settings: Pick<OkrSettings, 'maxFileSize'>): ParsedFile {
    const entry = this.entries.get(document.uri);
    if (entry && entry.version === document.version && entry.maxFileSize === settings.maxFileSize) return entry.file;
    const cache = entry?.cache ?? new SliceCache();
    // Narrowed to the changed span only when it is known and the previous parse used the same limit.
    const previous =
      entry?.span && entry.maxFileSize === settings.maxFileSize ? { file: entry.file, span: entry.span } : undefined;
    const file = parseOkr(document.getText(), cache, { maxFileSize: settings.maxFileSize }, previous);
    this.entries.set(document.uri, { version: document.version, maxFileSize: settings.maxFileSize, file, cache });
    return file;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}
