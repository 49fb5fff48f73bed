/** Text by lines, for edits that touch only what they must: indentation, line ends, insert positions. */
import type { Position, Range } from 'vscode-languageserver-types';

export class Lines {
  readonly lines: string[];
  /** The file's line ending, kept for every inserted line. */
  readonly eol: string;

  constructor(readonly text: string) {
    this.eol = /\r\n/.test(text) ? '\r\n' : '\n';
    this.lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  }

  get count(): number {
    return this.lines.length;
  }

  at(line: number): string {
    return this.lines[line] ?? '';
  }

  indent(line: number): number {
    return /^ */.exec(this.at(line))![0].length;
  }

  isBlank(line: number): boolean {
    return /^\s*(#.*)?$/.test(this.at(line));
  }

  /** The end of a line (before its line break). */
  end(line: number): Position {
    return { line, character: this.at(line).length };
  }

  /** The last line that belongs to a block starting at `first`: deeper than `indent`, or blank. */
  blockEnd(first: number, indent: number): number {
    let last = first;
    for (let l = first + 1; l < this.count; l++) {
      if (this.isBlank(l)) continue;
      if (this.indent(l) <= indent) break;
      last = l;
    }
    return last;
  }
}

/**
 * A one-line scalar's range without its quotes (`"CO-2"` → `CO-2`), or the range itself for a plain
 * scalar; undefined for anything an edit of the value alone could break (flow collections, several lines).
 */
export function unquotedRange(lines: Lines, range: Range): Range | undefined {
  if (range.start.line !== range.end.line) return undefined;
  const raw = lines.at(range.start.line).slice(range.start.character, range.end.character);
  const q = raw[0];
  if ((q === '"' || q === "'") && raw.length >= 2 && raw.endsWith(q)) {
    return {
      start: { line: range.start.line, character: range.start.character + 1 },
      end: { line: range.end.line, character: range.end.character - 1 },
    };
  }
  return /^[^\s"'[\]{},#]+(?: [^\s#]+)*$/.test(raw) ? range : undefined;
}

/** The text a one-line range covers. */
export function textIn(lines: Lines, range: Range): string {
  return lines.at(range.start.line).slice(range.start.character, range.end.character);
}
