/**
 * Tracking in the preview, in headless Chromium: a status pill per node, the status filter, and a
 * burn-up chart per key result (shared/burnup.ts), in the webview and in the HTML export. The tree comes
 * from the engine at a fixed date (2026-02-14: day 45 of the 90 days of 2026-Q1, 50% expected), so
 * every status and number below is worked out by hand. Run `npm run build` first.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import type { AlignmentTree, PreviewState, TreeCheckin, TreeKeyResult, TreeObjective } from '../../shared/protocol';
import { burnUpLabel, burnUpSvg } from '../../shared/burnup';
import {
  Browser,
  generatedTree,
  OUTPUT,
  ROOT,
  savedState,
  send,
  trackedTree,
  update,
  type PageDocument,
  type PageElement,
  type PageWindow,
} from './harness';

// The functions passed to page.evaluate run in the page, where these are the browser's globals.
declare const window: PageWindow;
declare const document: PageDocument;

/** The objective with one more check-in on its first key result. */
function withCheckin(o: TreeObjective, checkin: TreeCheckin): TreeObjective {
  return {
    ...o,
    keyResults: o.keyResults.map((k, i) => (i === 0 ? { ...k, checkins: [...(k.checkins ?? []), checkin] } : k)),
  };
}

const AS_OF = '2026-02-14';

/** Three files: this quarter's (every status), last quarter's (ended: scores, a missed commitment), one without a period. */
const FILES = {
  'product.okr.yaml': `period: 2026-Q1
team: product
objectives:
  - id: TR-1
    title: Ship the tracking preview to every team this quarter
    owner: ana
    key_results:
      - id: TR-1.1
        title: Raise weekly active teams from 0 to 100
        baseline: 0
        target: 100
        checkins:
          - { date: 2026-01-15, value: 10, confidence: 0.8 }
          - { date: 2026-02-01, value: 20, confidence: 0.7 }
          - { date: 2026-02-12, value: 25, confidence: 0.7, note: "slower than planned" }
      - id: TR-1.2
        title: Cut the median load time from 800 to 200 ms
        baseline: 800
        target: 200
        unit: ms
        checkins:
          - { date: 2026-01-20, value: 600 }
          - { date: 2026-02-10, value: 500 }
  - id: TR-2
    title: Publish the tracking format so that every team can write check-ins
    owner: ben
    aligns_to: TR-1
    key_results:
      - id: TR-2.1
        title: Tracking format documented and reviewed by two teams
        done: true
        checkins:
          - { date: 2026-02-05, done: true }
  - id: TR-3
    title: Bring the mobile teams onto the tracking preview
    owner: chen
    aligns_to: TR-1
    key_results:
      - id: TR-3.1
        title: Raise mobile teams tracking weekly from 0 to 10
        baseline: 0
        target: 10
  - id: TR-4
    title: Make the status meeting take minutes instead of an hour
    owner: ana
    aligns_to: TR-1
    key_results:
      - id: TR-4.1
        title: Cut the status meeting from 50 to 0 minutes of reading out numbers
        baseline: 50
        target: 0
        checkins:
          - { date: 2026-02-02, value: 20, confidence: 0.3 }
`,
  'q4.okr.yaml': `period: 2025-Q4
team: platform
objectives:
  - id: OLD-1
    title: Move every service onto the new deploy pipeline
    owner: dev
    type: committed
    key_results:
      - id: OLD-1.1
        title: Raise services on the new pipeline from 0 to 10
        baseline: 0
        target: 10
        current: 7
        checkins:
          - { date: 2025-11-14, value: 4 }
          - { date: 2025-12-19, value: 7 }
  - id: OLD-2
    title: Make deploys boring enough to do on a Friday
    owner: dev
    key_results:
      - id: OLD-2.1
        title: Raise deploys per week from 0 to 20
        baseline: 0
        target: 20
        current: 12
`,
  'undated.okr.yaml': `objectives:
  - id: NP-1
    title: Keep the lights on for the internal wiki
    owner: eli
    key_results:
      - id: NP-1.1
        title: Raise wiki uptime from 90 to 100 percent
        baseline: 90
        target: 100
        current: 95
`,
};

/** What each node's pill says, and its tooltip; null: no pill. By hand from the check-ins above. */
const PILLS: Record<string, readonly [string, string] | null> = {
  'TR-1': ['behind', 'behind: 38% of 50% expected'],
  'TR-1#0': ['behind', 'behind: 25% of 50% expected'],
  'TR-1#1': ['on track', 'on track: 50% of 50% expected'],
  'TR-2': ['done', 'done'],
  'TR-2#0': ['done', 'done'],
  'TR-3': ['not started', 'not started'],
  'TR-3#0': ['not started', 'not started'],
  'TR-4': ['at risk', 'at risk: 60% of 50% expected'],
  'TR-4#0': ['at risk', 'at risk: 60% of 50% expected'],
  'OLD-1': [
    'behind · score 0.7 · missed',
    'behind: 70% of 100% expected; the period is over: score 0.7, a commitment missed',
  ],
  'OLD-1#0': [
    'behind · score 0.7 · missed',
    'behind: 70% of 100% expected; the period is over: score 0.7, a commitment missed',
  ],
  'OLD-2': ['behind · score 0.6', 'behind: 60% of 100% expected; the period is over: score 0.6'],
  'OLD-2#0': ['behind · score 0.6', 'behind: 60% of 100% expected; the period is over: score 0.6'],
  'NP-1': null,
  'NP-1#0': null,
};

/** The light test theme's charts colours (harness THEMES.light), as computed styles. */
const RED = 'rgb(229, 20, 0)';
const GREEN = 'rgb(56, 138, 52)';
const BLUE = 'rgb(26, 133, 255)';
const ORANGE = 'rgb(209, 134, 22)';
const GREY = 'rgb(97, 97, 97)';

const EVERYTHING_OPEN: PreviewState = { view: 'alignment', filters: {}, collapsed: [], scrollTop: 0 };

let browser: Browser;
let tree: AlignmentTree;

before(async () => {
  tree = trackedTree(FILES, AS_OF);
  browser = await Browser.launch();
});

after(async () => {
  await browser?.close();
});

function keyResult(id: string): TreeKeyResult {
  const kr = tree.objectives.flatMap((o) => o.keyResults).find((k) => k.id === id);
  assert.ok(kr, `key result ${id}`);
  return kr;
}

async function openTracked(state: PreviewState | undefined = EVERYTHING_OPEN, data = tree): Promise<Page> {
  const page = await browser.open({ state });
  await send(page, update(1, data));
  await page.waitForSelector('[role="treeitem"]');
  return page;
}

/** Every rendered node (first occurrence of each data-id): its pill, status classes, colour and label. */
function nodes(page: Page) {
  return page.evaluate(() => {
    const seen = new Map<
      string,
      {
        pill: string | null;
        title: string | null;
        status: string[];
        colour: string | null;
        label: string | null;
        meta: string | null;
      }
    >();
    for (const li of [...(document.querySelectorAll('[data-id]') as unknown as PageElement[])]) {
      const id = li.dataset.id!;
      if (seen.has(id)) continue;
      const pill = li.querySelector(':scope > .row .badge.status');
      const visible = pill && !pill.closest('[hidden]');
      seen.set(id, {
        pill: visible ? pill.textContent : null,
        title: visible ? pill.getAttribute('title') : null,
        status: li.className.split(' ').filter((c) => c.startsWith('status-')),
        colour: visible ? window.getComputedStyle(pill).getPropertyValue('color') : null,
        label: li.getAttribute('aria-label'),
        meta: li.querySelector(':scope > .row .meta')?.textContent ?? null,
      });
    }
    return Object.fromEntries(seen);
  });
}

/** The objectives shown, with `(context)` for those shown only for a match below. */
function visible(page: Page) {
  return page.evaluate(() =>
    [...(document.querySelectorAll('.objective') as unknown as PageElement[])].map(
      (e) => `${e.dataset.id}${e.classList.contains('context') ? ' (context)' : ''}`,
    ),
  );
}

/** The key results shown, with `(context)` for those without the status filtered for. */
function visibleKeyResults(page: Page) {
  return page.evaluate(() =>
    [...(document.querySelectorAll('.kr') as unknown as PageElement[])].map(
      (e) => `${e.dataset.id}${e.classList.contains('context') ? ' (context)' : ''}`,
    ),
  );
}

/** Each rendered chart: its key result's row, label, title, path, points, today marker and styles. */
function charts(page: Page) {
  return page.evaluate(() =>
    [...(document.querySelectorAll('svg.burnup') as unknown as PageElement[])].map((svg) => {
      const style = (selector: string, property: string) => {
        const e = svg.querySelector(selector);
        return e ? window.getComputedStyle(e).getPropertyValue(property) : null;
      };
      return {
        id: svg.closest('[role="treeitem"]')?.dataset.id,
        label: svg.getAttribute('aria-label'),
        role: svg.getAttribute('role'),
        title: svg.querySelector(':scope > title')?.textContent ?? null,
        path: svg.querySelector('path.burnup-actual')?.getAttribute('d') ?? null,
        points: svg.querySelectorAll('circle.burnup-point').length,
        pointTitles: [...(svg.querySelectorAll('circle.burnup-point > title') as unknown as PageElement[])].map(
          (t) => t.textContent,
        ),
        today: svg.querySelectorAll('line.burnup-today').length,
        tabIndex: svg.getAttribute('tabindex'),
        actualStroke: style('path.burnup-actual', 'stroke'),
        actualFill: style('path.burnup-actual', 'fill'),
        expectedDash: style('line.burnup-expected', 'stroke-dasharray'),
        expectedStroke: style('line.burnup-expected', 'stroke'),
        tags: [...new Set([...(svg.querySelectorAll('*') as unknown as PageElement[])].map((e) => e.tagName))].sort(),
      };
    }),
  );
}

/** The `d` of the chart's actual line as shared/burnup.ts draws it. */
function expectedPath(kr: TreeKeyResult): string | null {
  const markup = burnUpSvg(kr, { asOf: AS_OF });
  assert.ok(markup, `${kr.id} has a chart`);
  return /<path class="burnup-actual" d="([^"]*)"/.exec(markup)?.[1] ?? null;
}

test('the engine judges the fixture as worked out by hand', () => {
  assert.equal(tree.asOf, AS_OF);
  const statuses = Object.fromEntries(
    tree.objectives.flatMap((o) => [[o.id, o.status], ...o.keyResults.map((k) => [k.id, k.status])]),
  );
  assert.deepEqual(statuses, {
    'TR-1': 'behind',
    'TR-1.1': 'behind',
    'TR-1.2': 'on-track',
    'TR-2': 'done',
    'TR-2.1': 'done',
    'TR-3': 'not-started',
    'TR-3.1': 'not-started',
    'TR-4': 'at-risk',
    'TR-4.1': 'at-risk',
    'OLD-1': 'behind',
    'OLD-1.1': 'behind',
    'OLD-2': 'behind',
    'OLD-2.1': 'behind',
    'NP-1': undefined,
    'NP-1.1': undefined,
  });
  assert.deepEqual(tree.roots, ['TR-1', 'OLD-1', 'OLD-2', 'NP-1']);
});

test('each objective and key result shows its status in words, with its colour; ended periods add the score', async () => {
  const page = await openTracked();
  try {
    const shown = await nodes(page);
    assert.deepEqual(Object.keys(shown).sort(), Object.keys(PILLS).sort(), 'every node rendered');
    for (const [id, want] of Object.entries(PILLS)) {
      assert.deepEqual([shown[id].pill, shown[id].title], want ?? [null, null], `${id} pill`);
    }
    // The colour follows the status (and a missed commitment is red whatever its status)...
    const colours = Object.fromEntries(Object.entries(shown).map(([id, n]) => [id, n.colour]));
    assert.deepEqual(colours, {
      'TR-1': RED,
      'TR-1#0': RED,
      'TR-1#1': GREEN,
      'TR-2': BLUE,
      'TR-2#0': BLUE,
      'TR-3': GREY,
      'TR-3#0': GREY,
      'TR-4': ORANGE,
      'TR-4#0': ORANGE,
      'OLD-1': RED,
      'OLD-1#0': RED,
      'OLD-2': RED,
      'OLD-2#0': RED,
      'NP-1': null,
      'NP-1#0': null,
    });
    // ... from one class on the node, which the chart uses too; none without a status.
    assert.deepEqual(shown['TR-1#1'].status, ['status-on-track']);
    assert.deepEqual(shown['TR-3'].status, ['status-not-started']);
    assert.deepEqual(shown['NP-1'].status, []);
    assert.deepEqual(shown['NP-1#0'].status, []);
    // Screen readers hear it in the row's label.
    assert.match(shown['TR-1#0'].label!, /score red\. Status behind: 25% of 50% expected\./);
    assert.match(shown['TR-4'].label!, /Status at risk: 60% of 50% expected\./);
    assert.match(
      shown['OLD-1'].label!,
      /Status behind: 70% of 100% expected; the period is over: score 0\.7, a commitment missed\./,
    );
    assert.doesNotMatch(shown['NP-1'].label!, /Status/);
    // The measure reads the value at the date from the check-ins when `current` is not written.
    assert.equal(shown['TR-1#0'].meta, 'now 25 · target 100  ·  confidence 70%');
    assert.equal(shown['TR-1#1'].meta, 'now 500 · target 200 ms');
    assert.equal(shown['OLD-1#0'].meta, 'now 7 · target 10');
    // A missed commitment is marked as such on the pill.
    assert.equal(await page.locator('[data-id="OLD-1"] > .row .badge.status.missed').count(), 1);
    assert.equal(await page.locator('[data-id="OLD-2"] > .row .badge.status.missed').count(), 0);
    assert.equal(await page.locator('[data-id="OLD-2"] > .row .badge.status.ended').count(), 1);

    // An update that changes a status repaints the pill and the class in place; a check-in after the
    // date (the preview looks back with okr.asOf) is not the value at the date.
    const changed: AlignmentTree = {
      ...tree,
      objectives: tree.objectives.map((o) =>
        o.id === 'TR-3'
          ? { ...o, status: 'on-track', keyResults: o.keyResults.map((k) => ({ ...k, status: 'on-track' as const })) }
          : o.id === 'TR-1'
            ? withCheckin(o, { date: '2026-03-02', value: 90, progress: 0.9 })
            : o,
      ),
    };
    await send(page, update(2, changed));
    const after = await nodes(page);
    assert.equal(after['TR-3'].pill, 'on track');
    assert.deepEqual(after['TR-3'].status, ['status-on-track']);
    assert.equal(after['TR-3#0'].colour, GREEN);
    assert.equal(after['TR-1#0'].meta, 'now 25 · target 100  ·  confidence 70%');
  } finally {
    await page.close();
  }
});

test('the status filter keeps objectives with the status or a key result with it; parents stay as context', async () => {
  const page = await openTracked();
  try {
    const all = await visible(page);
    assert.deepEqual(all, ['TR-1', 'TR-2', 'TR-3', 'TR-4', 'OLD-1', 'OLD-2', 'NP-1']);
    // The options: the statuses in the tree, in the order they apply.
    assert.deepEqual(await page.locator('#filter-status option').allTextContents(), [
      'All statuses',
      'done',
      'not started',
      'at risk',
      'behind',
      'on track',
    ]);
    assert.ok(await page.locator('.status-filter').isVisible());

    await page.selectOption('#filter-status', 'done');
    assert.deepEqual(await visible(page), ['TR-1 (context)', 'TR-2']);
    assert.deepEqual(await visibleKeyResults(page), ['TR-2#0']);
    await page.selectOption('#filter-status', 'at-risk');
    assert.deepEqual(await visible(page), ['TR-1 (context)', 'TR-4']);
    assert.deepEqual(await visibleKeyResults(page), ['TR-4#0']);
    // TR-1 is on track through TR-1.2 only: all its key results show, TR-1.1 dimmed as context.
    await page.selectOption('#filter-status', 'on-track');
    assert.deepEqual(await visible(page), ['TR-1']);
    assert.deepEqual(await visibleKeyResults(page), ['TR-1#0 (context)', 'TR-1#1']);
    assert.match(
      (await page.getAttribute('[data-id="TR-1#0"]', 'aria-label'))!,
      /does not have the status filtered for/,
    );
    await page.selectOption('#filter-status', 'behind');
    assert.deepEqual(await visible(page), ['TR-1', 'OLD-1', 'OLD-2']);
    assert.deepEqual(await visibleKeyResults(page), ['TR-1#0', 'TR-1#1 (context)', 'OLD-1#0', 'OLD-2#0']);
    // With the other filters: both must pass.
    await page.selectOption('#filter-team', 'platform');
    assert.deepEqual(await visible(page), ['OLD-1', 'OLD-2']);
    await page.selectOption('#filter-team', '');
    await page.selectOption('#filter-owner', 'ana');
    assert.deepEqual(await visible(page), ['TR-1']);
    await page.selectOption('#filter-status', 'done');
    assert.deepEqual(await visible(page), []);
    assert.equal(await page.locator('.message').textContent(), 'Nothing matches these filters.');
    await page.selectOption('#filter-owner', '');
    // The tenet view filters the same way (no tenets here: the unassigned group).
    await page.click('button[data-view="tenet"]');
    assert.deepEqual(await visible(page), ['TR-2']);
    await page.click('button[data-view="alignment"]');

    await page.selectOption('#filter-status', 'not-started');
    assert.deepEqual((await savedState(page))?.filters, { status: 'not-started' });
    assert.ok(await page.locator('.clear').isVisible());
    await page.click('.clear');
    assert.deepEqual(await visible(page), all);
    assert.equal(await page.inputValue('#filter-status'), '');
    assert.deepEqual((await savedState(page))?.filters, {});
  } finally {
    await page.close();
  }
});

test('the status filter survives a restore; a saved status that is no status is dropped', async () => {
  const page = await openTracked();
  let state: PreviewState | undefined;
  try {
    await page.selectOption('#filter-status', 'at-risk');
    state = await savedState(page);
  } finally {
    await page.close();
  }
  assert.deepEqual(state?.filters, { status: 'at-risk' });
  const restored = await openTracked(state);
  try {
    assert.equal(await restored.inputValue('#filter-status'), 'at-risk');
    assert.deepEqual(await visible(restored), ['TR-1 (context)', 'TR-4']);
  } finally {
    await restored.close();
  }
  // A state from another version (or hand-edited): the filter is ignored, not "nothing matches".
  const odd = await openTracked({ ...EVERYTHING_OPEN, filters: { status: 'late' as never } });
  try {
    assert.equal(await odd.inputValue('#filter-status'), '');
    assert.equal((await visible(odd)).length, 7);
  } finally {
    await odd.close();
  }
  // A tree without periods has no statuses: no status filter to offer.
  const untracked = await openTracked(undefined, generatedTree(10, 2));
  try {
    assert.equal(await untracked.locator('.status-filter').isVisible(), false);
  } finally {
    await untracked.close();
  }
});

test('each key result with a span has its burn-up: the check-ins against the expected line, labelled and themed', async () => {
  const page = await openTracked();
  try {
    const shown = await charts(page);
    // One per key result with a span (every one but NP-1.1, whose file has no period), in tree order.
    assert.deepEqual(
      shown.map((c) => c.id),
      ['TR-1#0', 'TR-1#1', 'TR-2#0', 'TR-3#0', 'TR-4#0', 'OLD-1#0', 'OLD-2#0'],
    );
    assert.equal(await page.locator('[data-id="NP-1#0"] .chart:not([hidden])').count(), 0);
    assert.equal(await page.locator('[data-id="NP-1#0"].has-chart').count(), 0);
    const byId = Object.fromEntries(shown.map((c) => [c.id!, c]));

    // TR-1.1: the start and its three check-ins, today marked, its own words as the accessible name.
    const tr11 = byId['TR-1#0'];
    assert.equal(tr11.role, 'img');
    assert.equal(tr11.label, 'Burn-up of TR-1.1: 3 check-ins, the latest 25% on 2026-02-12; 50% expected');
    assert.equal(tr11.title, tr11.label);
    assert.equal(tr11.path, expectedPath(keyResult('TR-1.1')));
    assert.equal(tr11.path!.match(/[ML]/g)!.join(''), 'MLLL');
    assert.ok(tr11.path!.startsWith('M4.0 44.0 '), tr11.path!);
    assert.equal(tr11.points, 3);
    assert.deepEqual(tr11.pointTitles, [
      '2026-01-15: 10% (10), confidence 0.8',
      '2026-02-01: 20% (20), confidence 0.7',
      '2026-02-12: 25% (25), confidence 0.7, slower than planned',
    ]);
    assert.equal(tr11.today, 1);
    assert.deepEqual(tr11.tags, ['circle', 'line', 'path', 'rect', 'title']);
    // Themed by classes: the actual line in the status colour, the expected line dashed.
    assert.equal(tr11.actualStroke, RED);
    assert.equal(tr11.actualFill, 'none');
    assert.equal(tr11.expectedDash, '3px, 2px');
    assert.equal(byId['TR-1#1'].actualStroke, GREEN);

    // One point per check-in plus the start, for every chart; none for a key result without check-ins.
    for (const [key, id] of [
      ['TR-1#1', 'TR-1.2'],
      ['TR-2#0', 'TR-2.1'],
      ['TR-4#0', 'TR-4.1'],
      ['OLD-1#0', 'OLD-1.1'],
    ] as const) {
      const kr = keyResult(id);
      assert.equal(byId[key].path!.match(/[ML]/g)!.length, kr.checkins!.length + 1, `${id} points`);
      assert.equal(byId[key].points, kr.checkins!.length);
      assert.equal(byId[key].path, expectedPath(kr));
      assert.equal(byId[key].label, burnUpLabel(kr));
      assert.ok(byId[key].label!.startsWith(`Burn-up of ${id}: `));
    }
    assert.equal(byId['TR-3#0'].path, null);
    assert.equal(byId['TR-3#0'].points, 0);
    assert.equal(byId['TR-3#0'].label, 'Burn-up of TR-3.1: no check-ins; 50% expected');
    // Last quarter's charts: no today marker (2026-02-14 is after the span), no expected share.
    assert.equal(byId['OLD-1#0'].today, 0);
    assert.equal(byId['OLD-1#0'].label, 'Burn-up of OLD-1.1: 2 check-ins, the latest 70% on 2025-12-19');
    // Nothing broke the page's policy, and nothing was said.
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(await page.evaluate(() => window.__alerts), []);
  } finally {
    await page.close();
  }
});

test('the chart of the active key result is one Tab away, and the arrows work from it', async () => {
  const page = await openTracked();
  try {
    const focused = () =>
      page.evaluate(() => {
        const e = document.activeElement;
        return e ? `${e.tagName.toLowerCase()} ${e.closest('[role="treeitem"]')?.dataset.id ?? ''}` : null;
      });
    const tabbable = () =>
      page.evaluate(() =>
        [...(document.querySelectorAll('svg.burnup[tabindex="0"]') as unknown as PageElement[])].map(
          (e) => e.closest('[role="treeitem"]')?.dataset.id,
        ),
      );
    await page.locator('[data-id="TR-1"]').focus();
    assert.deepEqual(await tabbable(), [], 'an objective has no chart');
    await page.keyboard.press('ArrowDown');
    assert.equal(await focused(), 'li TR-1#0');
    // Only the active item's chart is in the tab order: a tree of many key results stays one Tab stop.
    assert.deepEqual(await tabbable(), ['TR-1#0']);
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'svg TR-1#0');
    const outline = await page.evaluate(
      () => window.getComputedStyle(document.activeElement!).getPropertyValue('outline-style') as string,
    );
    assert.equal(outline, 'solid', 'the focused chart shows a focus ring');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focused(), 'li TR-1#0');
    await page.keyboard.press('Tab');
    // From the chart, Down goes to the next item (and its chart becomes the one in the tab order).
    await page.keyboard.press('ArrowDown');
    assert.equal(await focused(), 'li TR-1#1');
    assert.deepEqual(await tabbable(), ['TR-1#1']);
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'svg TR-1#1');
    await page.keyboard.press('ArrowUp');
    assert.equal(await focused(), 'li TR-1#0');
    // The items themselves keep their roving tabindex.
    assert.equal(await page.locator('[role="treeitem"][tabindex="0"]').count(), 1);

    // A render that redraws the active row's chart keeps it in the tab order.
    const moved: AlignmentTree = {
      ...tree,
      objectives: tree.objectives.map((o) =>
        o.id === 'TR-1' ? withCheckin(o, { date: '2026-02-13', value: 30, progress: 0.3 }) : o,
      ),
    };
    await send(page, update(2, moved));
    assert.equal(
      (await page.getAttribute('[data-id="TR-1#0"] svg.burnup path.burnup-actual', 'd'))!.match(/L/g)!.length,
      4,
    );
    assert.deepEqual(await tabbable(), ['TR-1#0']);
    assert.equal(await focused(), 'li TR-1#0');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'svg TR-1#0');
  } finally {
    await page.close();
  }
});

test('chart text stays text: markup in ids and notes is escaped, and no element is made from it', async () => {
  const payload = '<img src=x onerror=alert(1)></title><script>alert(2)</script>';
  const base = tree.objectives.find((o) => o.id === 'TR-1')!;
  const kr: TreeKeyResult = {
    ...base.keyResults[0],
    id: `${payload} id`,
    checkins: base.keyResults[0].checkins!.map((c) => ({ ...c, note: `${payload} note` })),
  };
  const hostile: AlignmentTree = {
    ...tree,
    objectives: [{ ...base, keyResults: [kr], children: [] }],
    edges: [],
    roots: ['TR-1'],
  };
  const page = await openTracked(EVERYTHING_OPEN, hostile);
  try {
    const [chart] = await charts(page);
    assert.equal(chart.label, burnUpLabel(kr));
    assert.ok(chart.label!.includes(payload));
    assert.equal(chart.title, chart.label);
    assert.ok(chart.pointTitles.every((t) => t!.endsWith(`${payload} note`)));
    assert.deepEqual(chart.tags, ['circle', 'line', 'path', 'rect', 'title']);
    assert.equal(await page.locator('#app img, #app script, #app foreignObject').count(), 0);
    assert.equal(await page.locator('#app svg').count(), 1);
    assert.deepEqual(await page.evaluate(() => window.__alerts), []);
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
  } finally {
    await page.close();
  }
});

test('screenshots of the tracked tree: light, dark, high contrast and narrow', async () => {
  mkdirSync(OUTPUT, { recursive: true });
  for (const [theme, width] of [
    ['light', 1280],
    ['dark', 1280],
    ['high-contrast', 1280],
    ['light', 480],
  ] as const) {
    const page = await browser.open({ theme, state: EVERYTHING_OPEN });
    try {
      await page.setViewportSize({ width, height: 900 });
      await send(page, update(1, tree));
      await page.waitForSelector('svg.burnup');
      const name = `tracking-${theme}${width < 640 ? '-narrow' : ''}.png`;
      await page.screenshot({ path: path.join(OUTPUT, name), fullPage: true });
      assert.deepEqual(await page.evaluate(() => window.__violations), []);
    } finally {
      await page.close();
    }
  }
});

test('the HTML export (okr tree --format html --at) shows the status pills and the burn-up charts', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'okr-tracking-export-'));
  for (const [name, text] of Object.entries(FILES)) writeFileSync(path.join(dir, name), text);
  const out = path.join(dir, 'out', 'tree.html');
  execFileSync(
    process.execPath,
    [path.join(ROOT, 'dist', 'cli.js'), 'tree', '--format', 'html', '--at', AS_OF, '-o', out, dir],
    { cwd: dir },
  );
  const html = readFileSync(out, 'utf8');
  assert.ok(html.includes(`"asOf":"${AS_OF}"`), 'the page carries the date it was judged at');

  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  await page.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    (document as unknown as { addEventListener(t: string, f: (e: { violatedDirective: string }) => void): void })
      //
      .addEventListener('securitypolicyviolation', (e) => w.__violations.push(e.violatedDirective));
  });
  try {
    await page.goto(pathToFileURL(out).href);
    await page.waitForSelector('svg.burnup');
    // The same pills as in the webview (the export starts with the default expansion).
    const shown = await nodes(page);
    for (const id of ['TR-1', 'TR-1#0', 'TR-1#1', 'OLD-1', 'OLD-1#0', 'OLD-2', 'NP-1', 'NP-1#0']) {
      assert.deepEqual([shown[id]?.pill ?? null, shown[id]?.title ?? null], PILLS[id] ?? [null, null], id);
    }
    // The export's own theme (static-theme.css, light): behind is its charts-red, the expected line charts-lines.
    assert.equal(shown['TR-1#0'].colour, 'rgb(229, 20, 0)');
    assert.equal(shown['TR-1#1'].colour, 'rgb(56, 138, 52)');
    let exported = await charts(page);
    assert.deepEqual(
      exported.map((c) => c.id),
      ['TR-1#0', 'TR-1#1', 'OLD-1#0', 'OLD-2#0'],
    );
    const tr11 = exported[0];
    assert.equal(tr11.label, 'Burn-up of TR-1.1: 3 check-ins, the latest 25% on 2026-02-12; 50% expected');
    assert.equal(tr11.path, expectedPath(keyResult('TR-1.1')));
    assert.equal(tr11.today, 1);
    assert.equal(tr11.actualStroke, 'rgb(229, 20, 0)');
    assert.equal(tr11.expectedStroke, 'rgba(59, 59, 59, 0.5)');
    assert.equal(tr11.expectedDash, '3px, 2px');
    // Reachable by keyboard there too: a key result, then Tab to its chart.
    await page.locator('[data-id="TR-1#0"]').focus();
    await page.keyboard.press('Tab');
    assert.equal(
      await page.evaluate(
        () => `${document.activeElement?.tagName} ${document.activeElement?.getAttribute('aria-label')}`,
      ),
      `svg ${tr11.label}`,
    );
    // Opening TR-2 (a click toggles in the export) draws its chart.
    await page.click('[data-id="TR-2"] > .row .title');
    exported = await charts(page);
    assert.ok(exported.some((c) => c.id === 'TR-2#0' && c.label === burnUpLabel(keyResult('TR-2.1'))));
    // The status filter works offline too.
    await page.selectOption('#filter-status', 'at-risk');
    assert.deepEqual(await visible(page), ['TR-1 (context)', 'TR-4']);
    assert.deepEqual(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations), []);
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});
