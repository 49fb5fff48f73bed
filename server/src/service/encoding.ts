/**
 * Bytes read from disk → text. A file that is not valid UTF-8 is still read (each bad byte becomes
 * U+FFFD, as an editor shows it), and gets one `file-encoding` finding at the first bad byte, so that a
 * Latin-1 or UTF-16 file is not checked silently with replacement characters in it.
 */
import type { Finding } from './findings';
import { Positions } from './parse/positions';

export interface Decoded {
  readonly text: string;
  /** At the first byte that is not part of a UTF-8 character, when there is one. */
  readonly finding?: Finding;
}

const decoder = new TextDecoder('utf-8');
const strict = new TextDecoder('utf-8', { fatal: true });

export function decodeUtf8(bytes: Uint8Array): Decoded {
  try {
    return { text: strict.decode(bytes) };
  } catch {
    // Not valid UTF-8: find where, and say so.
  }
  const text = decoder.decode(bytes);
  const invalid = invalidUtf8(bytes);
  if (invalid.length === 0) return { text };
  const first = invalid[0];
  // The position of the first bad byte in the decoded text: the valid bytes before it, decoded.
  const before = decoder.decode(bytes.subarray(0, first));
  const at = new Positions(before).at(before.length);
  const utf16 =
    (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)
      ? ' (it looks like UTF-16)'
      : '';
  const more = invalid.length > 1 ? ` (${invalid.length} bad bytes in all)` : '';
  const hex = bytes[first].toString(16).toUpperCase().padStart(2, '0');
  return {
    text,
    finding: {
      code: 'file-encoding',
      message:
        `This file is not valid UTF-8${utf16}: byte 0x${hex} at line ${at.line + 1}, column ${at.character + 1}${more} ` +
        'cannot be read, and shows as \uFFFD. Save the file as UTF-8.',
      range: { start: at, end: { line: at.line, character: at.character + 1 } },
    },
  };
}

/** Offsets of the bytes where an ill-formed UTF-8 sequence starts (Unicode, table 3-7). */
export function invalidUtf8(bytes: Uint8Array): number[] {
  const out: number[] = [];
  const n = bytes.length;
  const cont = (i: number, lo = 0x80, hi = 0xbf) => i < n && bytes[i] >= lo && bytes[i] <= hi;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    let len = 0;
    if (b < 0x80) len = 1;
    else if (b >= 0xc2 && b <= 0xdf) len = cont(i + 1) ? 2 : 0;
    else if (b === 0xe0) len = cont(i + 1, 0xa0) && cont(i + 2) ? 3 : 0;
    else if ((b >= 0xe1 && b <= 0xec) || b === 0xee || b === 0xef) len = cont(i + 1) && cont(i + 2) ? 3 : 0;
    else if (b === 0xed) len = cont(i + 1, 0x80, 0x9f) && cont(i + 2) ? 3 : 0;
    else if (b === 0xf0) len = cont(i + 1, 0x90) && cont(i + 2) && cont(i + 3) ? 4 : 0;
    else if (b >= 0xf1 && b <= 0xf3) len = cont(i + 1) && cont(i + 2) && cont(i + 3) ? 4 : 0;
    else if (b === 0xf4) len = cont(i + 1, 0x80, 0x8f) && cont(i + 2) && cont(i + 3) ? 4 : 0;
    if (len === 0) {
      out.push(i);
      i++;
    } else i += len;
  }
  return out;
}
