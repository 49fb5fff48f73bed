/**
 * The typed model of one OKR file that every feature reads.
 *
 * Items (objectives, tenets, people, initiatives, top-level entries) are parsed from their own slice
 * of the text and cached by content, so every range inside an item is relative to the first line of
 * its slice: `Located.line` says where that slice starts now. Use `absolute()` to place a range.
 */
import type { Document, Node, Pair } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import type { Positions } from './parse/positions';

/** A value read from the file with where it was written. */
export interface Field<T> {
  readonly value: T;
  /** The value's range (an empty range after the colon when the value is empty). */
  readonly range: Range;
  /** The key's range. */
  readonly keyRange: Range;
}

export interface KeyResult {
  readonly kind: 'keyResult';
  readonly range: Range;
  readonly id?: Field<string>;
  readonly title?: Field<string>;
  readonly metric?: Field<string>;
  readonly baseline?: Field<number>;
  readonly target?: Field<number>;
  readonly current?: Field<number>;
  readonly unit?: Field<string>;
  readonly owner?: Field<string>;
  readonly confidence?: Field<number>;
  readonly weight?: Field<number>;
  readonly due?: Field<string>;
  readonly done?: Field<boolean>;
  /** `checkins:` as written (order kept; rules report dates out of order). */
  readonly checkins: readonly Checkin[];
  /** The `checkins:` key, when written. */
  readonly checkinsKey?: Range;
}

/** One check-in: a date and the value then (`done` for a milestone), with the owner's confidence. */
export interface Checkin {
  readonly range: Range;
  readonly date?: Field<string>;
  readonly value?: Field<number>;
  readonly done?: Field<boolean>;
  readonly confidence?: Field<number>;
  readonly note?: Field<string>;
}

export interface Initiative {
  readonly kind: 'initiative';
  readonly range: Range;
  readonly title?: Field<string>;
  readonly owner?: Field<string>;
  readonly status?: Field<string>;
  /** Objective or key-result ids (top-level initiatives only). */
  readonly serves: readonly Field<string>[];
}

export interface Objective {
  readonly kind: 'objective';
  readonly range: Range;
  readonly id?: Field<string>;
  readonly title?: Field<string>;
  readonly description?: Field<string>;
  readonly tenet?: Field<string>;
  readonly owner?: Field<string>;
  readonly alignsTo: readonly Field<string>[];
  readonly type?: Field<string>;
  readonly keyResults: readonly KeyResult[];
  readonly initiatives: readonly Initiative[];
}

export interface Tenet {
  readonly kind: 'tenet';
  readonly range: Range;
  readonly id?: Field<string>;
  readonly title?: Field<string>;
  readonly description?: Field<string>;
  readonly risk?: Field<string>;
}

export interface Person {
  readonly kind: 'person';
  readonly range: Range;
  readonly id?: Field<string>;
  readonly name?: Field<string>;
}

/** A top-level scalar or mapping entry such as `period:` or `team:`. */
export interface Entry {
  readonly kind: 'entry';
  readonly range: Range;
  readonly key: Field<string>;
  readonly value: unknown;
}

export type Item = Objective | Tenet | Person | Initiative | Entry;

/** The sections a file may hold, in the schema's words. */
export type SectionName = 'tenets' | 'people' | 'objectives' | 'initiatives';

/** A parsed piece of text: the whole file, or one slice of it (cached by content). */
export interface ParsedText {
  readonly text: string;
  readonly doc: Document.Parsed;
  readonly positions: Positions;
}

/** An item together with where its slice starts in the current text. */
export interface Located<T extends Item = Item> {
  readonly item: T;
  /** 0-based line where the item's slice starts; ranges inside `item` are relative to it. */
  readonly line: number;
  /** Offset where the item's slice starts; offsets inside `node` are relative to it. */
  readonly offset: number;
  /** The yaml node the item was read from (a pair for entries), inside `parsed.doc`. */
  readonly node: Node | Pair | null;
  readonly parsed: ParsedText;
}

export interface OkrFileModel {
  readonly period?: Located<Entry>;
  readonly team?: Located<Entry>;
  readonly entries: readonly Located<Entry>[];
  readonly tenets: readonly Located<Tenet>[];
  readonly people: readonly Located<Person>[];
  readonly objectives: readonly Located<Objective>[];
  readonly initiatives: readonly Located<Initiative>[];
}

/** Places a slice-relative range in the document. */
export function absolute(loc: { readonly line: number }, range: Range): Range {
  if (loc.line === 0) return range;
  return {
    start: { line: range.start.line + loc.line, character: range.start.character },
    end: { line: range.end.line + loc.line, character: range.end.character },
  };
}
