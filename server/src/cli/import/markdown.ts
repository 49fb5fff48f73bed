/**
 * A handbook page (GitLab, Sourcegraph, PostHog publish their OKRs this way): objectives as headings, or
 * as top-level bullets; key results as the bullets under them. docs/import.md has the rules; in short:
 *
 * - Prefixes decide when there are any: "Objective 1:", "O1:", "Goal:" make an objective; "KR1:",
 *   "KR 1.", "Key result:", "CEO KR:" a key result. They are stripped from the titles.
 * - A list whose items have no prefix is a list of objectives when every item has bullets under it
 *   (those are its key results); otherwise its items are key results of the heading above it.
 * - That heading is the nearest one that is not a section title ("Key results", "Q3 2023 objectives",
 *   "Engineering OKRs FY24-Q1"). Headings become objectives at one level only: the level most lists of
 *   key results sit under (the deeper one on a tie), so a page title or a "Risks" sub-heading does not;
 *   a heading with an objective prefix is one at any level. Bullets under any other heading are reported.
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import { measureInTitle, type TitleMeasure } from '../../service/language/measure';
import {
  writeOkr,
  type Draft,
  type DraftKeyResult,
  type DraftObjective,
  type ImportOptions,
  type ImportResult,
  type Problem,
} from './draft';
import { oneLine, readPeriod } from './values';

type Root = ReturnType<typeof fromMarkdown>;
type Node = Root | Root['children'][number];
type List = Extract<Node, { type: 'list' }>;
type ListItem = Extract<Node, { type: 'listItem' }>;

const OBJECTIVE_PREFIX =
  /^(?:(?:objective|goal)(?:\s*#?\d+(?:\.\d+)*)?|O\d+(?:\.\d+)*)\s*(?:[:.)]|[-\u2013\u2014](?=\s))\s*/i;
const KR_PREFIX =
  /^(?:[A-Z][\w&/-]*\s+){0,2}(?:KR|Kr|kr|[Kk]ey [Rr]esults?)\s*(?:#?\d+(?:\.\d+)*)?\s*(?:[:.)]|[-\u2013\u2014](?=\s))\s*/;
const NUMBERING = /^\d+(?:\.\d+)*[.)]\s+/;
const CHECKBOX = /^\[([ xX])\]\s+/;
const PERIOD_WORDS = /\b(?:FY\s?\d{2,4}|CY\s?\d{2,4}|\d{4}|[QH][1-4])\b/gi;
const OKR_WORDS = /\b(?:okrs?|objectives?|key results?|krs?|goals?|results|and|for|of|the|our)\b|&/gi;
const PERIOD_IN_TEXT = /\b(?:FY\s?\d{2,4}(?:[-\s]?[QH]\d)?|[QH]\d[-\s/]?(?:FY\s?)?\d{2,4}|\d{4}[-\s]?[QH]\d)\b/gi;

/** A heading, or a paragraph that starts with an objective prefix ("**Objective:** …"), in the outline. */
interface Entry {
  readonly depth: number;
  readonly title: string;
  readonly line: number;
  /** It has an objective prefix. */
  readonly explicit: boolean;
  /** A section title: the page's or a period's OKRs, "Key results". Never an objective. */
  readonly section: boolean;
  readonly notes: string[];
}

type Event = { heading: Entry } | { list: List; nested: boolean; owner?: Entry } | { paragraph: string; owner?: Entry };

/** A node's text, inline markup dropped; runs of whitespace as one space. */
function textOf(node: Node): string {
  const raw = (n: Node): string =>
    n.type === 'text'
      ? n.value
      : n.type === 'inlineCode'
        ? `\`${n.value}\``
        : n.type === 'break'
          ? ' '
          : 'children' in n
            ? (n.children as Node[]).map(raw).join('')
            : '';
  return oneLine(raw(node));
}

const lineOf = (node: Node) => node.position?.start.line ?? 1;

/** The text without its prefix (the text itself when nothing else is left: "Objective:" alone is a label). */
const strip = (text: string, prefix: RegExp) => text.replace(prefix, '').trim() || text;

/** Every paragraph of a list or item, one line each (the notes of what holds them). */
function linesOf(node: Node): string[] {
  if (node.type === 'list' || node.type === 'listItem') return node.children.flatMap(linesOf);
  const text = textOf(node);
  return text ? [text] : [];
}

export function isSection(title: string): boolean {
  if (/\bOKRs?\b/i.test(title)) return true;
  return !/[\p{L}\p{N}]/u.test(title.replace(PERIOD_WORDS, ' ').replace(OKR_WORDS, ' '));
}

function entryOf(raw: string, depth: number, line: number): Entry {
  const text = raw.replace(NUMBERING, '');
  const explicit = OBJECTIVE_PREFIX.test(text) && strip(text, OBJECTIVE_PREFIX) !== text;
  const { title, notes } = withoutNote(explicit ? strip(text, OBJECTIVE_PREFIX) : text);
  return { depth, title, line, explicit, section: !explicit && isSection(text), notes };
}

const sameMeasure = (a: TitleMeasure | undefined, b: TitleMeasure | undefined) =>
  a?.baseline === b?.baseline && a?.target === b?.target && a?.unit === b?.unit;

/**
 * A trailing progress note, "=> 78%", "→ 78%", "-> 78%", "(78%)", or GitLab's "=> 18 hired, 90%": out of
 * the title, into the notes ("Progress: 78%"); a bare percentage is also the share of progress. An arrow
 * that is part of the title's measure ("from 40% → 85%") is not a note.
 */
function withoutNote(text: string): { title: string; notes: string[]; progress?: number } {
  const patterns = [
    /\s*(?:=>|\u21d2|\u2192|->)\s*(~?(\d+(?:\.\d+)?)\s*%)$/u,
    /\s*\(\s*(~?(\d+(?:\.\d+)?)\s*%)\s*\)$/,
    /\s*=>\s*((?:(?!=>).)+)$/,
  ];
  for (const re of patterns) {
    const m = re.exec(text);
    if (!m || m.index === 0) continue;
    const title = text.slice(0, m.index).trim();
    if (!sameMeasure(measureInTitle(text), measureInTitle(title))) continue;
    const progress = m[2] === undefined ? undefined : Number(m[2]) / 100;
    return { title, notes: [`Progress: ${m[1].trim()}`], ...(progress === undefined ? {} : { progress }) };
  }
  return { title: text, notes: [] };
}

function keyResultOf(item: ListItem): DraftKeyResult | undefined {
  const [first, ...rest] = item.children;
  if (!first) return undefined;
  let text = textOf(first);
  const box = CHECKBOX.exec(text);
  if (box) text = text.slice(box[0].length);
  const { title, notes, progress } = withoutNote(strip(text, KR_PREFIX));
  return {
    title,
    ...(box ? { done: box[1] !== ' ' } : {}),
    ...(progress === undefined ? {} : { progress }),
    notes: [...notes, ...rest.flatMap(linesOf)],
  };
}

const itemTitle = (item: ListItem) => (item.children[0] ? textOf(item.children[0]) : '');

/** The bullets under a bullet that is only a label ("Key results:"): they are read in its place. */
function labelled(item: ListItem): ListItem[] | undefined {
  const lists = item.children.filter((c): c is List => c.type === 'list');
  return lists.length && isSection(itemTitle(item)) ? lists.flatMap((l) => l.children) : undefined;
}

/** A list of labels only ("- Objectives:" over the real bullets) is the bullets under them. */
const unwrap = (list: List): List =>
  list.children.length && list.children.every(labelled)
    ? unwrap({ ...list, children: list.children.flatMap((i) => labelled(i)!) })
    : list;

/** Whether a list holds objectives (with key results under them) rather than key results. */
function isNested(list: List, owner: Entry | undefined): boolean {
  const items = list.children.filter((i) => !labelled(i));
  const titles = items.map(itemTitle);
  if (titles.some((t) => OBJECTIVE_PREFIX.test(t))) return true;
  if (titles.some((t) => KR_PREFIX.test(t)) || owner?.explicit) return false;
  return items.length > 0 && items.every((item) => item.children.some((c) => c.type === 'list'));
}

export function importMarkdown(text: string, name?: string, options: ImportOptions = {}): ImportResult {
  const root = fromMarkdown(text);
  const problems: Problem[] = [];
  const events: Event[] = [];
  const stack: Entry[] = [];
  const ownerOf = () => [...stack].reverse().find((e) => !e.section);
  for (const node of root.children) {
    // "**Objective:** …" in a paragraph: an objective, as a heading would be (plain prose is not).
    const isObjectiveParagraph =
      node.type === 'paragraph' && node.children[0]?.type === 'strong' && OBJECTIVE_PREFIX.test(textOf(node));
    if (node.type === 'heading' || isObjectiveParagraph) {
      // An objective paragraph sits below every heading, until the next heading or objective paragraph.
      const depth = node.type === 'heading' ? node.depth : 7;
      while (stack.length && stack[stack.length - 1].depth >= depth) stack.pop();
      const entry = entryOf(textOf(node), depth, lineOf(node));
      stack.push(entry);
      events.push({ heading: entry });
    } else if (node.type === 'list') {
      const owner = ownerOf();
      const list = unwrap(node);
      events.push({ list, nested: isNested(list, owner), owner });
    } else if (node.type === 'paragraph' && /^\|.*\|\s*\n\s*\|?\s*:?-{3}/.test(sourceOf(text, node))) {
      problems.push({
        line: lineOf(node),
        message: 'a table is not read: write its rows as bullets, or import it as CSV',
      });
    } else if (node.type === 'paragraph' && !isSection(textOf(node))) {
      events.push({ paragraph: textOf(node), owner: ownerOf() });
    }
  }
  // A page that marks its objectives ("Objective 1: …") marks them all: other headings are not objectives.
  const marked = events.some((e) =>
    'heading' in e
      ? e.heading.explicit
      : 'list' in e && e.list.children.some((i) => OBJECTIVE_PREFIX.test(itemTitle(i))),
  );

  // The objectives' heading level: the one most lists of key results sit under (the deeper on a tie).
  const votes = new Map<number, number>();
  const owners = new Set<Entry>();
  for (const e of events)
    if ('list' in e && !e.nested && e.owner) {
      votes.set(e.owner.depth, (votes.get(e.owner.depth) ?? 0) + 1);
      owners.add(e.owner);
    }
  const level = [...votes].reduce<[number, number]>(
    (a, b) => (b[1] > a[1] || (b[1] === a[1] && b[0] > a[0]) ? b : a),
    [0, 0],
  )[0];

  const draft: Draft = { team: options.team, period: options.period, objectives: [] };
  const objectives = new Map<Entry, DraftObjective>();
  const objectiveOf = (title: string, notes: string[]): DraftObjective => {
    const o: DraftObjective = { title, notes, keyResults: [] };
    draft.objectives.push(o);
    return o;
  };
  const outside = (item: ListItem, owner: Entry | undefined) => {
    const where = owner ? ` (the heading above it, "${owner.title}" at line ${owner.line}, is not one)` : '';
    problems.push({
      line: lineOf(item),
      message: `the bullet "${itemTitle(item)}" is not under an objective${where}: not imported`,
    });
  };
  const addKeyResult = (o: DraftObjective | undefined, item: ListItem, owner: Entry | undefined): void => {
    const inner = labelled(item);
    if (inner) return inner.forEach((k) => addKeyResult(o, k, owner));
    const kr = keyResultOf(item);
    if (!kr) return;
    if (o) o.keyResults.push(kr);
    else outside(item, owner);
  };
  const periods: { period: string; line: number }[] = [];

  for (const e of events) {
    if ('heading' in e) {
      const h = e.heading;
      if (h.explicit || (!marked && h.depth === level && owners.has(h)))
        objectives.set(h, objectiveOf(h.title, h.notes));
      else
        for (const p of h.title.match(PERIOD_IN_TEXT) ?? []) {
          const period = readPeriod(p.replace(/FY\s/i, 'FY'));
          if (period && !periods.some((x) => x.period === period)) periods.push({ period, line: h.line });
        }
      continue;
    }
    const above = e.owner && objectives.get(e.owner);
    if ('paragraph' in e) {
      // Prose under an objective's heading says why: its description.
      if (above) above.description = above.description ? `${above.description}\n${e.paragraph}` : e.paragraph;
      continue;
    }
    if (!e.nested) {
      for (const item of e.list.children) addKeyResult(above, item, e.owner);
      continue;
    }
    let last: DraftObjective | undefined;
    for (const item of e.list.children) {
      const title = itemTitle(item);
      if (!title) continue;
      if (labelled(item) || (KR_PREFIX.test(title) && !OBJECTIVE_PREFIX.test(title))) {
        addKeyResult(last ?? above, item, e.owner);
        continue;
      }
      const { title: objectiveTitle, notes } = withoutNote(strip(title, OBJECTIVE_PREFIX));
      last = objectiveOf(objectiveTitle, notes);
      for (const child of item.children.slice(1)) {
        if (child.type !== 'list') {
          const prose = linesOf(child).join('\n');
          if (prose) last.description = last.description ? `${last.description}\n${prose}` : prose;
          continue;
        }
        for (const kr of child.children) addKeyResult(last, kr, e.owner);
      }
    }
  }

  if (draft.period === undefined && periods.length === 1) draft.period = periods[0].period;
  else if (draft.period === undefined && periods.length > 1)
    problems.push({
      line: periods[1].line,
      message: `the page names several periods (${periods.map((p) => `${p.period} at line ${p.line}`).join(', ')}): no period set (one file holds one period; pass --period, or import each part on its own)`,
    });
  problems.sort((a, b) => a.line - b.line);
  return { yaml: writeOkr(draft, name), problems };
}

function sourceOf(text: string, node: Node): string {
  const { start, end } = node.position ?? {};
  return start?.offset === undefined || end?.offset === undefined ? '' : text.slice(start.offset, end.offset);
}
