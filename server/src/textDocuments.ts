/**
 * The editor's documents, as `TextDocuments` keeps them, with each incremental change's range first
 * clamped to the document. vscode-languageserver-textdocument (1.0.16) applies a range that lies past the
 * last line to the text correctly but not to its table of line offsets, which then holds holes: every
 * later edit lands at the wrong offset and the server's copy silently stops matching the editor's.
 * LSP says a position past the end of a line means the end of that line; past the last line, we take
 * the end of the text.
 *
 * `willChange` hears each (clamped) change just before it is applied: the parse cache uses it to
 * re-read only around the changes.
 */
import type { TextDocumentContentChangeEvent, TextDocumentsConfiguration } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';

export function clampedTextDocument(
  willChange?: (document: TextDocument, change: TextDocumentContentChangeEvent) => void,
): TextDocumentsConfiguration<TextDocument> {
  return {
    create: (uri, languageId, version, content) => TextDocument.create(uri, languageId, version, content),
    update(document, changes, version) {
      // One change at a time: each range refers to the text as the changes before it left it.
      for (const change of changes) {
        const clamped = clamp(document, change);
        willChange?.(document, clamped);
        document = TextDocument.update(document, [clamped], version);
      }
      return TextDocument.update(document, [], version);
    },
  };
}

function clamp(document: TextDocument, change: TextDocumentContentChangeEvent): TextDocumentContentChangeEvent {
  // A change without its text (a broken client) would throw in the library and leave the document
  // stuck at its last version: an edit with no text deletes its range, and a whole-text one changes nothing.
  if (typeof (change as { text?: unknown }).text !== 'string') {
    if (!('range' in change) || !change.range) return { text: document.getText() };
    change = { ...change, text: '' };
  }
  if (!('range' in change) || !change.range) return change;
  const inside = (p: Position) => document.positionAt(document.offsetAt(p));
  return { ...change, range: { start: inside(change.range.start), end: inside(change.range.end) } };
}
