/**
 * A fast path for the plain block YAML that OKR files are mostly written in: block mappings and
 * sequences, one-line plain or simply quoted scalars, blank lines and comments. It builds the same
 * nodes, with the same ranges, as the `yaml` package's `parseDocument` (whose lexer, parser and
 * composer cost about 1 s per MB), and gives up (`undefined`) on anything else — flow collections,
 * multi-line or escaped scalars, anchors, tags, tabs, odd indentation, duplicate keys, comments that
 * would attach to a collection's end — so the caller parses those with `yaml`. A differential test
 * holds it to `yaml`'s output.
 */
import { Document, Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';

/** Thrown inside the parser to give up; never escapes it. */
class Unsupported extends Error {}

const fail = (): never => {
  throw new Unsupported();
};

const MAX_DEPTH = 32;
const KEY = /[A-Za-z_][A-Za-z0-9_-]*/y;
/** Characters a plain scalar may not start with (besides `-?:` followed by a space, and quotes). */
const INDICATOR = new Set([...',[]{}#&*!|>%@`']);
const NOT_A_STRING_KEY = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE|~)$/;

/** The scalar tags of `yaml`'s default (core) schema, tried in its order, as its composer does. */
const template = new Document();
const scalarTags = template.schema.tags.filter(
  (t) => t.default === true && 'test' in t && t.test instanceof RegExp && typeof t.resolve === 'function',
) as { test: RegExp; resolve: (s: string, onError: (m: string) => void, o: unknown) => unknown }[];

export function fastParse(text: string): Document.Parsed | undefined {
  if (text.length === 0 || text.charCodeAt(0) === 0xfeff || text.includes('\t')) return undefined;
  try {
    return new Reader(text).read();
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

class Reader {
  /** Per line: start offset, content start (-1 when blank), end (before the break), next line's start. */
  private readonly starts: number[] = [];
  private readonly contents: number[] = [];
  private readonly ends: number[] = [];
  private readonly nexts: number[] = [];
  private readonly comment: boolean[] = [];
  private line = 0;
  private depth = 0;

  constructor(private readonly text: string) {
    const n = text.length;
    let offset = 0;
    for (;;) {
      let nl = text.indexOf('\n', offset);
      if (nl === -1) nl = n;
      let end = nl;
      if (end > offset && text.charCodeAt(end - 1) === 13) end--;
      let i = offset;
      while (i < end && text.charCodeAt(i) === 32) i++;
      const blank = i === end;
      const isComment = !blank && text.charCodeAt(i) === 35;
      this.starts.push(offset);
      this.contents.push(blank ? -1 : i);
      this.ends.push(end);
      this.nexts.push(Math.min(nl + 1, n));
      this.comment.push(isComment);
      if (nl >= n) break;
      offset = nl + 1;
    }
    const cr = text.indexOf('\r');
    if (cr !== -1 && text.replace(/\r\n/g, '').includes('\r')) fail();
  }

  read(): Document.Parsed {
    const first = this.nextContent(0);
    if (first === -1) fail();
    this.line = first;
    const indent = this.indentOf(first);
    const root = this.collection(indent, this.contents[first]);
    if (this.nextContent(this.line + 1) !== -1) fail(); // something less indented than the root
    if (this.commentBetween(this.line + 1, -1)) fail(); // `yaml` attaches trailing comments to ranges
    const doc = new Document() as unknown as Document.Parsed;
    doc.contents = root as never;
    (doc as { range: [number, number, number] }).range = [0, this.text.length, this.text.length];
    return doc;
  }

  private indentOf(line: number): number {
    return this.contents[line] - this.starts[line];
  }

  /**
   * The next line from `line` on with content, or -1. Comment lines on the way must not be more
   * indented than that line (`yaml` would attach them to the end of the collection before).
   */
  private nextContent(line: number): number {
    let comment = -1;
    for (let l = line; l < this.starts.length; l++) {
      if (this.contents[l] === -1) continue;
      if (this.comment[l]) {
        comment = Math.max(comment, this.indentOf(l));
        continue;
      }
      if (comment > this.indentOf(l)) fail();
      return l;
    }
    return -1;
  }

  /** Whether a comment line lies between `from` and `to` (exclusive; `to` -1: the end). */
  private commentBetween(from: number, to: number): boolean {
    for (let l = from; l < (to === -1 ? this.starts.length : to); l++) if (this.comment[l]) return true;
    return false;
  }

  /** A block collection whose first entry starts at `at` on the current line, at column `indent`. */
  private collection(indent: number, at: number): YAMLMap | YAMLSeq {
    // An OKR file nests about 6 levels; deeper is left to `yaml` (and its depth guard).
    if (++this.depth > MAX_DEPTH) fail();
    const node = this.isDash(this.line, at) ? this.sequence(indent, at) : this.mapping(indent, at);
    this.depth--;
    return node;
  }

  /** Whether `at` on `line` is a sequence entry's `-` (followed by a space or the end of the line). */
  private isDash(line: number, at = this.contents[line]): boolean {
    if (this.text.charCodeAt(at) !== 45) return false;
    return at + 1 >= this.ends[line] || this.text.charCodeAt(at + 1) === 32;
  }

  private sequence(indent: number, at: number): YAMLSeq {
    const seq = new YAMLSeq();
    const start = at;
    let end = at;
    for (;;) {
      // `- ` then an item on the same line: a mapping or a scalar.
      let i = at + 1;
      while (i < this.ends[this.line] && this.text.charCodeAt(i) === 32) i++;
      if (i >= this.ends[this.line] || i === at + 1) fail(); // `-` alone: an item on the next lines
      KEY.lastIndex = i;
      const key = KEY.exec(this.text);
      const isKey = key && this.isColonAfter(i + key[0].length);
      const item: Node = isKey ? this.mapping(i - this.starts[this.line], i) : this.scalarLine(i);
      seq.items.push(item);
      end = item.range![2];
      const next = this.nextContent(this.line + 1);
      if (next === -1) break;
      const nextIndent = this.indentOf(next);
      if (nextIndent < indent) break;
      if (nextIndent > indent || !this.isDash(next)) fail();
      this.line = next;
      at = this.contents[next];
    }
    seq.range = [start, end, end];
    return seq;
  }

  /** Whether `at` is `:` followed by a space or the end of the line. */
  private isColonAfter(at: number): boolean {
    if (this.text.charCodeAt(at) !== 58) return false;
    return at + 1 >= this.ends[this.line] || this.text.charCodeAt(at + 1) === 32;
  }

  private mapping(indent: number, at: number): YAMLMap {
    const map = new YAMLMap();
    const start = at;
    const seen = new Set<string>();
    let end = at;
    for (;;) {
      KEY.lastIndex = at;
      const m = KEY.exec(this.text);
      if (!m || !this.isColonAfter(at + m[0].length) || NOT_A_STRING_KEY.test(m[0]) || seen.has(m[0])) fail();
      const name = m![0];
      seen.add(name);
      const keyEnd = at + name.length;
      const key = new Scalar(name);
      key.range = [at, keyEnd, keyEnd];
      key.source = name;
      key.type = 'PLAIN';
      let v = keyEnd + 1;
      const lineEnd = this.ends[this.line];
      while (v < lineEnd && this.text.charCodeAt(v) === 32) v++;
      let value: Node;
      if (v < lineEnd) {
        value = this.scalarLine(v);
      } else {
        if (v !== keyEnd + 1) fail(); // trailing spaces after an empty value
        const next = this.nextContent(this.line + 1);
        if (next !== -1 && this.indentOf(next) > indent) {
          this.line = next;
          value = this.collection(this.indentOf(next), this.contents[next]);
        } else {
          if (next !== -1 && this.indentOf(next) === indent && this.isDash(next)) fail(); // `key:` then `- …` at its column
          if (this.commentBetween(this.line + 1, next)) fail(); // it would end the empty value
          const empty = new Scalar(null);
          empty.range = [keyEnd + 1, keyEnd + 1, keyEnd + 1];
          empty.source = '';
          empty.type = 'PLAIN';
          value = empty;
        }
      }
      map.items.push(new Pair(key, value));
      end = value.range![2];
      const next = this.nextContent(this.line + 1);
      if (next === -1) break;
      const nextIndent = this.indentOf(next);
      if (nextIndent < indent) break;
      if (nextIndent > indent) fail(); // a scalar continued on the next line, or bad indentation
      this.line = next;
      at = this.contents[next];
    }
    map.range = [start, end, end];
    return map;
  }

  /** A scalar from `at` to the end of the current line (an optional ` # comment` after it). */
  private scalarLine(at: number): Scalar {
    const text = this.text;
    const lineEnd = this.ends[this.line];
    const c = text.charAt(at);
    let scalar: Scalar;
    let source: string;
    let type: Scalar.Type;
    let valueEnd: number;
    if (c === '"' || c === "'") {
      const close = text.indexOf(c, at + 1);
      if (close === -1 || close >= lineEnd) fail();
      source = text.slice(at + 1, close);
      if ((c === '"' && source.includes('\\')) || (c === "'" && text.charAt(close + 1) === "'")) fail();
      scalar = new Scalar(source);
      type = c === '"' ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE';
      valueEnd = close + 1;
      let i = valueEnd;
      while (i < lineEnd && text.charCodeAt(i) === 32) i++;
      if (i < lineEnd && (text.charCodeAt(i) !== 35 || i === valueEnd)) fail();
    } else {
      const next = text.charAt(at + 1);
      const spaceAfter = at + 1 >= lineEnd || next === ' ';
      if (INDICATOR.has(c) || ('-?:'.includes(c) && spaceAfter)) fail();
      // The value ends at ` #` (a comment) or the end of the line, without trailing spaces; `: ` in it
      // would make it a key.
      let end = lineEnd;
      for (let i = at + 1; i < lineEnd; i++) {
        const ch = text.charCodeAt(i);
        if (ch === 35 /* # */ && text.charCodeAt(i - 1) === 32) {
          end = i;
          break;
        }
        if (ch === 58 /* : */ && (i + 1 === lineEnd || text.charCodeAt(i + 1) === 32)) fail();
      }
      while (end > at && text.charCodeAt(end - 1) === 32) end--;
      source = text.slice(at, end);
      scalar = resolvePlain(source);
      type = 'PLAIN';
      valueEnd = end;
    }
    scalar.range = [at, valueEnd, this.nexts[this.line]];
    scalar.source = source;
    scalar.type = type;
    return scalar;
  }
}

/** A plain scalar by the core schema's tags, in `yaml`'s order (a string when none match). */
function resolvePlain(source: string): Scalar {
  for (const tag of scalarTags) {
    if (!tag.test.test(source)) continue;
    const value = tag.resolve(source, fail, template.options);
    // Floats come back as scalars (they keep their number of fraction digits).
    return value instanceof Scalar ? value : new Scalar(value);
  }
  return new Scalar(source);
}
