import type { LineCounter } from 'yaml';
import type { Position, Range } from 'vscode-languageserver-types';

/** Maps offsets in a parsed text to 0-based LSP positions (UTF-16, like yaml's offsets). */
export class Positions {
  constructor(private readonly lc: LineCounter) {}

  at(offset: number): Position {
    const { line, col } = this.lc.linePos(offset);
    return { line: line - 1, character: col - 1 };
  }

  range(start: number, end: number): Range {
    return { start: this.at(start), end: this.at(Math.max(start, end)) };
  }
}
