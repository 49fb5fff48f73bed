/**
 * A measure written into a key result's title: "from 60 days to 21 days", "40% → 85%", "from sixty to
 * twenty-one days".
 */
import type { Direction } from './analyze';
import { withoutNonMeasures } from './analyze';

export interface TitleMeasure {
  readonly baseline: number;
  readonly target: number;
  readonly unit?: string;
  readonly direction: Direction;
}

/** A number written in digits or words ("21", "1,200", "sixty", "twenty-one"). */
export function readNumber(text: string): number | undefined {
  const t = text.trim().replace(/,(?=\d{3}\b)/g, '');
  if (/^-?\d+(?:\.\d+)?$/.test(t)) return Number(t);
  if (!/^[a-z -]+$/i.test(t)) return undefined;
  return wordsToNumber(t.toLowerCase().replace(/-/g, ' '));
}

const UNITS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const SCALES: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9 };

/** "sixty" → 60, "twenty one" → 21, "one hundred and five" → 105, "two thousand" → 2000; else undefined. */
export function wordsToNumber(text: string): number | undefined {
  const words = text.split(/\s+/).filter((w) => w && w !== 'and');
  if (words.length === 0 || words.length > 12) return undefined;
  let total = 0;
  let group = 0;
  let seen = false;
  for (const [i, w] of words.entries()) {
    const unit = UNITS.indexOf(w);
    const ten = TENS.indexOf(w);
    if (unit !== -1) group += unit;
    else if (ten > 1) group += ten * 10;
    else if (w === 'hundred') group = (group || (i === 0 || words[i - 1] === 'a' ? 1 : 0)) * 100;
    else if (w in SCALES) {
      total += (group || 1) * SCALES[w];
      group = 0;
    } else if (w === 'a' && i === 0) continue;
    else return undefined;
    seen = true;
  }
  return seen ? total + group : undefined;
}

const NUM = String.raw`(\d[\d,]*(?:\.\d+)?|(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)\b(?:[- ](?:one|two|three|four|five|six|seven|eight|nine|hundred)\b)*)`;
const UNIT = String.raw`\s*(%|percent\b|[a-zA-Z]+)?`;
const ARROW = String.raw`\s*(?:\u2192|->|=>|\u21d2|to|down to|up to)\s*`;
const FROM_TO = new RegExp(String.raw`\bfrom\s+(?:~|about\s+|around\s+)?${NUM}${UNIT}${ARROW}${NUM}${UNIT}`, 'i');
const ARROW_ONLY = new RegExp(String.raw`${NUM}${UNIT}\s*(?:\u2192|->|=>|\u21d2)\s*${NUM}${UNIT}`, 'i');

/** The baseline and target a title states, if it states both. */
export function measureInTitle(title: string): TitleMeasure | undefined {
  const text = withoutNonMeasures(title);
  const m = FROM_TO.exec(text) ?? ARROW_ONLY.exec(text);
  if (!m) return undefined;
  const baseline = readNumber(m[1]);
  const target = readNumber(m[3]);
  if (baseline === undefined || target === undefined || baseline === target) return undefined;
  const [from, to] = [normaliseUnit(m[2]), normaliseUnit(m[4])];
  // "from 4h to 30min": different units, so the numbers cannot be compared as written.
  if (from && to && from !== to) return undefined;
  const unit = to ?? from;
  return { baseline, target, ...(unit ? { unit } : {}), direction: target < baseline ? 'decrease' : 'increase' };
}

function normaliseUnit(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const u = raw.toLowerCase();
  if (u === '%' || u === 'percent') return '%';
  // A word after the number is a unit only if it reads like one (not "to", "by", "in").
  return /^(?:to|by|in|of|for|and|or|with|within|per|the|a|an)$/.test(u) ? undefined : u;
}
