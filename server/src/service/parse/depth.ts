/**
 * A guard against deep nesting. yaml composes nodes recursively; past several hundred levels ([[[[…,
 * {a: {a: …, or `- - - …`) it runs out of stack, and a stack overflow that lands while V8 compiles a
 * regular expression kills the process (a fatal "RegExpCompiler Allocation failed", not a catchable
 * error). So a text nested deeper than MAX_DEPTH is not handed to yaml at all.
 *
 * The count is a cheap, generous over-estimate, one pass over the characters: block levels from the
 * stack of indentations and `- ` / `? ` at the start of a line, keys on one line (`a: b: c: …`), plus
 * open flow brackets, skipping comments and single-line quoted scalars. An OKR file needs about 6 levels.
 */
import { parseDocument, YAMLParseError, type Document } from 'yaml';

export const MAX_DEPTH = 100;

export const TOO_DEEP_MESSAGE = `Nested more than ${MAX_DEPTH} levels deep (brackets, braces, indentation or keys on one line): okr-lens does not read such YAML. An OKR file needs fewer than 10.`;

const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;

/** The offset where nesting first goes deeper than `max`, or undefined. */
export function tooDeepAt(text: string, max = MAX_DEPTH): number | undefined {
  const n = text.length;
  const indents: number[] = [];
  let flow = 0;
  let i = 0;
  while (i < n) {
    // The start of a line: its indentation.
    const lineStart = i;
    while (i < n && text.charCodeAt(i) === SPACE) i++;
    const first = text.charCodeAt(i);
    if (i >= n) break;
    if (first === LF || first === CR || first === 35 /* # */) {
      while (i < n && text.charCodeAt(i) !== LF && text.charCodeAt(i) !== CR) i++;
      i++;
      continue;
    }
    let depth = flow;
    if (flow === 0) {
      const col = i - lineStart;
      while (indents.length > 0 && indents[indents.length - 1] > col) indents.pop();
      if (indents.length === 0 || indents[indents.length - 1] < col) indents.push(col);
      depth = indents.length;
      if (depth > max) return i;
      // `- - - x` and `? ` nest on one line.
      while (
        i + 1 < n &&
        (text.charCodeAt(i) === 45 /* - */ || text.charCodeAt(i) === 63) /* ? */ &&
        (text.charCodeAt(i + 1) === SPACE || text.charCodeAt(i + 1) === TAB)
      ) {
        if (++depth > max) return i;
        i += 2;
        while (i < n && (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB)) i++;
      }
    } else depth += indents.length;
    // The rest of the line.
    let prev = SPACE;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === LF || c === CR) break;
      const boundary = prev === SPACE || prev === TAB || prev === 91 || prev === 123 || prev === 44;
      if (c === 91 /* [ */ || c === 123 /* { */) {
        flow++;
        if (++depth > max) return i;
      } else if (c === 93 /* ] */ || c === 125 /* } */) {
        if (flow > 0) {
          flow--;
          depth--;
        }
      } else if (
        c === 58 /* : */ &&
        flow === 0 &&
        (i + 1 >= n || [SPACE, TAB, LF, CR].includes(text.charCodeAt(i + 1)))
      ) {
        // `a: b: c: …` on one line: each key opens a mapping inside the last (yaml recurses on it).
        if (++depth > max) return i;
      } else if (c === 35 /* # */ && (prev === SPACE || prev === TAB)) {
        while (i < n && text.charCodeAt(i) !== LF && text.charCodeAt(i) !== CR) i++;
        break;
      } else if ((c === 34 /* " */ || c === 39) /* ' */ && boundary) {
        // A quoted scalar: skip to its closing quote on this line (a \" does not close a "…").
        let j = i + 1;
        while (j < n) {
          const d = text.charCodeAt(j);
          if (d === LF || d === CR) break;
          if (d === 92 /* \ */ && c === 34) j++;
          else if (d === c) break;
          j++;
        }
        i = j;
      }
      prev = c;
      i++;
    }
    i++;
    if (text.charCodeAt(i - 1) === CR && text.charCodeAt(i) === LF) i++;
  }
  return undefined;
}

/** `yaml`'s parse of a text, unless it nests too deep: then an empty document with one error at the spot. */
export function parseGuarded(text: string): Document.Parsed {
  const deep = tooDeepAt(text);
  const doc = parseDocument(deep === undefined ? text : '', {
    prettyErrors: false,
    uniqueKeys: true,
    logLevel: 'error',
  });
  if (deep !== undefined)
    doc.errors.push(new YAMLParseError([deep, deep + 1], 'RESOURCE_EXHAUSTION', TOO_DEEP_MESSAGE));
  return doc;
}
