import type { Position, Range } from 'vscode-languageserver-types';

/**
 * Maps offsets in a parsed text to 0-based LSP positions (UTF-16, like yaml's offsets). Lines end as
 * LSP says, at \r\n, \n or a lone \r (yaml's LineCounter counts only \n), and a position never lies
 * past the end of its line or of the text.
 */
export class Positions {
  private starts: number[] | undefined;
  private ends: number[] | undefined;

  constructor(private readonly text: string) {}

  at(offset: number): Position {
    this.starts ??= this.scan();
    const starts = this.starts;
    const at = Math.max(0, Math.min(Number.isFinite(offset) ? offset : 0, this.text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: Math.min(at, this.ends![lo]) - starts[lo] };
  }

  range(start: number, end: number): Range {
    return shared(this.at(start), this.at(Math.max(start, end)));
  }

  private scan(): number[] {
    const t = this.text;
    const starts = [0];
    const ends: number[] = [];
    for (let i = t.indexOf('\n'), r = t.indexOf('\r'); ;) {
      // The next line break: \r\n, \r or \n, whichever comes first.
      if (i === -1 && r === -1) break;
      let end: number;
      let next: number;
      if (r !== -1 && (i === -1 || r < i)) {
        end = r;
        next = t.charCodeAt(r + 1) === 10 ? r + 2 : r + 1;
      } else {
        end = i;
        next = i + 1;
      }
      ends.push(end);
      starts.push(next);
      if (i !== -1 && i < next) i = t.indexOf('\n', next);
      if (r !== -1 && r < next) r = t.indexOf('\r', next);
    }
    ends.push(t.length);
    this.ends = ends;
    return starts;
  }
}

/**
 * Ranges are shared: an item's ranges are relative to its slice, so the same few hundred small ranges
 * recur in every file, and a workspace of thousands of files would otherwise hold millions of copies.
 * They are frozen (nothing may change a range in place); large ones (a whole-file parse) are not shared.
 */
const sharedRanges = new Map<number, Range>();
const MAX_SHARED = 1 << 19;

function shared(start: Position, end: Position): Range {
  if (start.line >= 4096 || end.line >= 4096 || start.character >= 4096 || end.character >= 4096) return { start, end };
  // 12 bits each: exact as a double (48 bits).
  const key = ((start.line * 4096 + start.character) * 4096 + end.line) * 4096 + end.character;
  let r = sharedRanges.get(key);
  if (!r) {
    r = Object.freeze({ start: Object.freeze(start), end: Object.freeze(end) });
    if (sharedRanges.size < MAX_SHARED) sharedRanges.set(key, r);
  }
  return r;
}

/** Whether a range came from the shared ranges above (frozen, so it can be shared in turn); large ones did not. */
export function isSharedRange(r: unknown): r is Range {
  return typeof r === 'object' && r !== null && Object.isFrozen(r);
}
