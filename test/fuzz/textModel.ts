/**
 * The fuzz test's own copy of a document, kept without vscode-languageserver-textdocument (which the
 * server uses), so the two cannot share a bug. Positions follow LSP: lines end at \r\n, \n or \r; a
 * character past the end of its line means the end of the line; a line past the last means the end of
 * the text; a range whose end is before its start is taken the other way round.
 */
import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';

export class TextModel {
  private starts: number[] | undefined;

  constructor(private content: string) {}

  get text(): string {
    return this.content;
  }

  /** Offsets where each line starts. */
  lineStarts(): number[] {
    if (!this.starts) {
      const starts = [0];
      const t = this.content;
      for (let i = 0; i < t.length; i++) {
        const c = t.charCodeAt(i);
        if (c === 13) {
          if (t.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        } else if (c === 10) starts.push(i + 1);
      }
      this.starts = starts;
    }
    return this.starts;
  }

  get lineCount(): number {
    return this.lineStarts().length;
  }

  /** A line's length without its line break. */
  lineLength(line: number): number {
    const starts = this.lineStarts();
    const start = starts[line];
    let end = line + 1 < starts.length ? starts[line + 1] : this.content.length;
    if (end > start && this.content.charCodeAt(end - 1) === 10) end--;
    if (end > start && this.content.charCodeAt(end - 1) === 13) end--;
    return end - start;
  }

  offsetAt(p: Position): number {
    const starts = this.lineStarts();
    if (p.line >= starts.length) return this.content.length;
    if (p.line < 0) return 0;
    return starts[p.line] + Math.max(0, Math.min(p.character, this.lineLength(p.line)));
  }

  apply(changes: readonly TextDocumentContentChangeEvent[]): void {
    for (const change of changes) {
      if (!('range' in change)) {
        this.content = change.text;
      } else {
        let a = this.offsetAt(change.range.start);
        let b = this.offsetAt(change.range.end);
        if (b < a) [a, b] = [b, a];
        this.content = this.content.slice(0, a) + change.text + this.content.slice(b);
      }
      this.starts = undefined;
    }
  }

  /** Why a range does not lie inside this text, or undefined when it does. */
  outside(range: Range): string | undefined {
    const { start, end } = range;
    for (const [name, p] of [
      ['start', start],
      ['end', end],
    ] as const) {
      if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0)
        return `${name} ${JSON.stringify(p)} is not a position`;
      if (p.line >= this.lineCount) return `${name} line ${p.line} >= line count ${this.lineCount}`;
      const length = this.lineLength(p.line);
      if (p.character > length) return `${name} ${p.line}:${p.character} is past the line's length ${length}`;
    }
    if (start.line > end.line || (start.line === end.line && start.character > end.character))
      return `start ${start.line}:${start.character} is after end ${end.line}:${end.character}`;
    return undefined;
  }
}
