/**
 * The preview in headless Chromium: the real bundle (run `npm run build` first), the examples' tree
 * from the engine, and a stand-in for VS Code's webview API. Screenshots go to test-output/.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { AlignmentTree, TreeObjective } from '../../shared/protocol';
import {
  Browser,
  examplesTree,
  generatedTree,
  OUTPUT,
  pageHtml,
  percent,
  posted,
  savedState,
  send,
  update,
  type PageDocument,
  type PageElement,
  type PageWindow,
} from './harness';

// The functions passed to page.evaluate run in the page, where these are the browser's globals.
declare const window: PageWindow;
declare const document: PageDocument;

let browser: Browser;

before(async () => {
  browser = await Browser.launch();
});

after(async () => {
  await browser?.close();
});

const XSS = '<img src=x onerror=alert(1)>';

function objective(tree: AlignmentTree, id: string): TreeObjective {
  const o = tree.objectives.find((x) => x.id === id);
  assert.ok(o, `objective ${id} in the examples`);
  return o;
}

/** A copy of the tree with some objectives changed. */
function withChanges(tree: AlignmentTree, change: (o: TreeObjective) => TreeObjective): AlignmentTree {
  return { ...tree, objectives: tree.objectives.map(change) };
}

async function openExamples(options: Parameters<Browser['open']>[0] = {}): Promise<Page> {
  const page = await browser.open(options);
  await send(page, update(1, examplesTree(), examplesTree().tree.objectives[0].file));
  await page.waitForSelector('[role="treeitem"]');
  return page;
}

/** What a node shows: text of its parts, read in the page. */
async function shown(page: Page, dataId: string) {
  return page.evaluate((id) => {
    const items = [...(document.querySelectorAll(`[data-id="${id}"]`) as unknown as PageElement[])];
    return items.map((li) => {
      const text = (selector: string) => {
        const e = li.querySelector(`:scope > .row ${selector}`);
        return e && !e.closest('[hidden]') ? e.textContent : null;
      };
      return {
        title: text('.title'),
        code: text('.code'),
        meta: text('.meta'),
        percent: text('.percent'),
        rolled: text('.rolled'),
        type: text('.type'),
        errors: text('.errors'),
        warnings: text('.warnings'),
        why: li.querySelector(':scope > .row .warnings')?.getAttribute('title') ?? null,
        expanded: li.getAttribute('aria-expanded'),
        label: li.getAttribute('aria-label'),
        className: li.className,
      };
    });
  }, dataId);
}

async function activeId(page: Page): Promise<string | undefined> {
  return page.evaluate(() => document.activeElement?.dataset.id);
}

test('the examples render with the progress numbers of the tree', async () => {
  const { tree, counts } = examplesTree();
  // The examples' vague objective carries its reasons (so the test below can fail).
  assert.ok(
    Object.values(counts).some((c) => c.why?.some((w) => w.startsWith('Vague: '))),
    JSON.stringify(counts),
  );
  // A saved state with nothing collapsed: every objective and key result is in the DOM.
  const page = await openExamples({ state: { view: 'alignment', filters: {}, collapsed: [], scrollTop: 0 } });
  try {
    const unique = tree.objectives.filter((o, i, all) => all.findIndex((x) => x.id === o.id) === i);
    for (const o of unique) {
      const nodes = await shown(page, o.id);
      // APPSEC-3 aligns to CO-2 and to SEC-2: it appears under each.
      assert.equal(nodes.length, o.parents.length || 1, `${o.id} appears under each parent`);
      for (const n of nodes) {
        assert.equal(n.title, o.title);
        assert.equal(n.code, o.id);
        assert.equal(n.percent, percent(o.progress), `${o.id} progress`);
        assert.equal(n.rolled, o.children.length ? `rolled up ${percent(o.rolledUp)}` : null, `${o.id} rolled up`);
        assert.ok(n.meta!.startsWith(`@${o.owner}`), `${o.id} owner`);
        assert.equal(n.type, o.type);
        assert.equal(n.expanded, 'true');
        assert.ok(n.className.includes(`score-${o.score ?? 'none'}`), `${o.id} score band ${o.score}`);
        assert.match(n.label!, new RegExp(`${percent(o.progress)} progress.*score ${o.score ?? 'none'}`));
        const c = counts[o.id];
        assert.equal(n.errors, c?.errors ? `${c.errors} error${c.errors === 1 ? '' : 's'}` : null, `${o.id} errors`);
        assert.equal(n.warnings, c?.warnings ? `${c.warnings} warning${c.warnings === 1 ? '' : 's'}` : null);
        // Why the language rules warned: on the badge and in the row's label.
        assert.equal(n.why, c?.why?.length ? c.why.join('\n') : null, `${o.id} why`);
        for (const why of c?.why ?? []) assert.ok(n.label!.includes(why), `${o.id} label names ${why}`);
      }
      for (const [i, kr] of o.keyResults.entries()) {
        const krs = await shown(page, `${o.id}#${i}`);
        assert.equal(krs.length, nodes.length, `${o.id}#${i} under each occurrence`);
        assert.equal(krs[0].title, kr.title);
        assert.equal(krs[0].percent, percent(kr.progress), `${o.id}#${i} progress`);
        assert.ok(krs[0].className.includes(`score-${kr.score ?? 'none'}`));
      }
    }
    assert.ok(Object.keys(counts).length > 0, 'the examples have diagnostics to badge');
    const krCount = unique.reduce((n, o) => n + o.keyResults.length, 0);
    assert.equal(
      await page.locator('.summary').textContent(),
      `appsec.okr.yaml · ${unique.length} objectives · ${krCount} key results · ${tree.tenets.length} tenets`,
    );
  } finally {
    await page.close();
  }
});

test('by default the top-level objectives are open and everything below starts collapsed', async () => {
  const { tree } = examplesTree();
  const page = await openExamples();
  try {
    const rendered = await page.evaluate(() =>
      [...(document.querySelectorAll('.objective') as unknown as PageElement[])].map(
        (e) => `${e.dataset.id} ${e.getAttribute('aria-expanded')}`,
      ),
    );
    const expected = tree.roots.flatMap((r) => [
      `${r} true`,
      ...objective(tree, r).children.map((c) => `${c} ${objective(tree, c).keyResults.length ? 'false' : 'null'}`),
    ]);
    assert.deepEqual(rendered, expected);
    // Collapsed subtrees are not in the DOM at all.
    assert.equal(await page.locator('[data-id="SEC-1#0"]').count(), 0);
    assert.equal(await page.locator('[data-id="APPSEC-2"]').count(), 0);
    assert.equal(await page.locator('[data-id="CO-1#0"]').count(), 1);
  } finally {
    await page.close();
  }
});

test('screenshots of the examples in the light and dark themes', async () => {
  mkdirSync(OUTPUT, { recursive: true });
  for (const theme of ['light', 'dark', 'high-contrast'] as const) {
    const page = await browser.open({ theme });
    try {
      await page.setViewportSize({ width: 1280, height: 900 });
      await send(page, update(1, examplesTree(), examplesTree().tree.objectives[0].file));
      await page.waitForSelector('[data-id="CO-1"]');
      await page.screenshot({ path: path.join(OUTPUT, `preview-${theme}.png`), fullPage: true });
    } finally {
      await page.close();
    }
  }
  // A narrow panel (the preview beside the editor), one node expanded and focused.
  const narrow = await browser.open({ theme: 'light' });
  try {
    await narrow.setViewportSize({ width: 480, height: 900 });
    await send(narrow, update(1, examplesTree()));
    await narrow.click('[data-id="SEC-1"] > .row > .twisty');
    await narrow.screenshot({ path: path.join(OUTPUT, 'preview-narrow-light.png'), fullPage: true });
  } finally {
    await narrow.close();
  }
  // The tenet view too, for a look at gaps and risk.
  const page = await browser.open({ theme: 'dark' });
  try {
    const { tree, counts } = examplesTree();
    const gap = { ...tree.tenets[0], id: 'keep-the-lights-on', title: 'Keep the Lights On', risk: 'actual' };
    await send(page, update(1, { tree: { ...tree, tenets: [...tree.tenets, gap] }, counts }));
    await page.click('button[data-view="tenet"]');
    await page.waitForSelector('.tenet');
    await page.screenshot({ path: path.join(OUTPUT, 'preview-tenets-dark.png'), fullPage: true });
  } finally {
    await page.close();
  }
});

test('clicking a node posts a reveal with its file and line; the twisty toggles instead', async () => {
  const { tree } = examplesTree();
  const page = await openExamples();
  try {
    const sec1 = objective(tree, 'SEC-1');
    await page.click('[data-id="SEC-1"] > .row .title');
    assert.deepEqual((await posted(page)).at(-1), { type: 'reveal', file: sec1.file, line: sec1.range.start.line });
    assert.equal(await page.getAttribute('[data-id="SEC-1"]', 'aria-expanded'), 'false', 'a click does not toggle');
    const before = (await posted(page)).length;
    await page.click('[data-id="SEC-1"] > .row > .twisty');
    assert.equal(await page.getAttribute('[data-id="SEC-1"]', 'aria-expanded'), 'true');
    assert.equal((await posted(page)).length, before, 'toggling posts nothing');
    await page.click('[data-id="SEC-1#2"] > .row .title');
    assert.deepEqual((await posted(page)).at(-1), {
      type: 'reveal',
      file: sec1.file,
      line: sec1.keyResults[2].range.start.line,
    });
    await page.click('[data-id="SEC-1"] > .row > .twisty');
    assert.equal(await page.getAttribute('[data-id="SEC-1"]', 'aria-expanded'), 'false');
    assert.equal(await page.locator('[data-id="SEC-1#0"]').count(), 0);
  } finally {
    await page.close();
  }
});

test('filters by owner, team, tenet and text; context ancestors stay visible', async () => {
  const { tree } = examplesTree();
  const page = await openExamples();
  try {
    const visible = () =>
      page.evaluate(() =>
        [...(document.querySelectorAll('.objective') as unknown as PageElement[])].map(
          (e) => `${e.dataset.id}${e.classList.contains('context') ? ' (context)' : ''}`,
        ),
      );
    const unfiltered = await visible();
    await page.selectOption('#filter-owner', 'alice');
    // APPSEC-1 is under SEC-2, collapsed by default: its ancestors open as context.
    assert.deepEqual(await visible(), ['CO-2 (context)', 'SEC-2 (context)', 'APPSEC-1']);
    await page.selectOption('#filter-owner', '');
    await page.fill('#filter-text', 'PHISH');
    assert.deepEqual(await visible(), ['CO-3 (context)', 'SEC-4']);
    await page.fill('#filter-text', 'sec-5');
    assert.deepEqual(await visible(), ['CO-1 (context)', 'SEC-5']);
    await page.fill('#filter-text', '');
    await page.selectOption('#filter-team', 'it');
    assert.deepEqual(await visible(), ['IT-1', 'IT-2']);
    await page.selectOption('#filter-team', '');
    await page.selectOption('#filter-tenet', 'assure-the-customer');
    const assured = await visible();
    const serving = tree.objectives.filter((o) => o.tenet === 'assure-the-customer').map((o) => o.id);
    assert.ok(serving.length > 0);
    assert.deepEqual(assured.filter((v) => !v.endsWith('(context)')).sort(), [...new Set(serving)].sort());
    await page.fill('#filter-text', 'nothing matches this');
    assert.deepEqual(await visible(), []);
    assert.equal(await page.locator('.message').textContent(), 'Nothing matches these filters.');
    await page.click('.clear');
    assert.deepEqual(await visible(), unfiltered);
    assert.deepEqual((await savedState(page))?.filters, {});
  } finally {
    await page.close();
  }
});

test('keyboard: arrows move, Right expands and enters, Left collapses and leaves, Enter reveals', async () => {
  const { tree } = examplesTree();
  const page = await openExamples();
  try {
    await page.locator('[data-id="CO-1"]').focus();
    await page.keyboard.press('ArrowDown');
    assert.equal(await activeId(page), 'CO-1#0');
    await page.keyboard.press('ArrowUp');
    assert.equal(await activeId(page), 'CO-1');
    await page.keyboard.press('End');
    const last = await activeId(page);
    assert.match(last!, /^IT-2/);
    await page.keyboard.press('Home');
    assert.equal(await activeId(page), 'CO-1');
    // Only the active item is in the tab order.
    assert.equal(await page.locator('[role="treeitem"][tabindex="0"]').count(), 1);
    assert.equal(await page.getAttribute('[role="treeitem"][tabindex="0"]', 'data-id'), 'CO-1');

    await page.locator('[data-id="SEC-1"]').focus();
    assert.equal(await page.getAttribute('[data-id="SEC-1"]', 'aria-expanded'), 'false');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.getAttribute('[data-id="SEC-1"]', 'aria-expanded'), 'true');
    assert.equal(await activeId(page), 'SEC-1');
    await page.keyboard.press('ArrowRight');
    assert.equal(await activeId(page), 'SEC-1#0');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await activeId(page), 'SEC-1');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await page.getAttribute('[data-id="SEC-1"]', 'aria-expanded'), 'false');
    assert.equal(await page.locator('[data-id="SEC-1#0"]').count(), 0);
    await page.keyboard.press('ArrowLeft');
    assert.equal(await activeId(page), 'CO-2');
    await page.keyboard.press('Enter');
    const co2 = objective(tree, 'CO-2');
    assert.deepEqual((await posted(page)).at(-1), { type: 'reveal', file: co2.file, line: co2.range.start.line });
    await page.keyboard.press('ArrowLeft');
    assert.equal(await page.getAttribute('[data-id="CO-2"]', 'aria-expanded'), 'false');
    assert.equal((await savedState(page))?.collapsed.includes('CO-2'), true);

    const roles = await page.evaluate(() => ({
      tree: document.querySelectorAll('[role="tree"]').length,
      groups: document.querySelectorAll('[role="tree"] [role="group"]').length,
      labelled: [...(document.querySelectorAll('[role="treeitem"]') as unknown as PageElement[])].every((e) =>
        e.getAttribute('aria-label'),
      ),
    }));
    assert.deepEqual(roles.tree, 1);
    assert.ok(roles.groups > 0);
    assert.ok(roles.labelled, 'every tree item has a screen-reader label');
  } finally {
    await page.close();
  }
});

test('an update patches the DOM: same elements, same scroll, same expansion, focus kept', async () => {
  const examples = examplesTree();
  const page = await openExamples();
  try {
    await page.setViewportSize({ width: 1100, height: 420 });
    // Expand a node that starts collapsed, focus another, and scroll.
    await page.click('[data-id="SEC-1"] > .row > .twisty');
    await page.locator('[data-id="SEC-3"]').focus();
    await page.evaluate(() => window.scrollTo(0, 300));
    await page.waitForFunction(() => window.__state?.scrollTop === 300);
    await page.evaluate(() => {
      window.__remember.set('SEC-3', document.querySelector('[data-id="SEC-3"]')!);
      window.__remember.set('CO-1', document.querySelector('[data-id="CO-1"]')!);
      window.__remember.set('app', document.querySelector('.tree')!);
    });

    const changed = withChanges(examples.tree, (o) =>
      o.id === 'SEC-3' ? { ...o, title: 'Catch intruders in minutes, not days', progress: 0.95, score: 'green' } : o,
    );
    const added: TreeObjective = { ...objective(examples.tree, 'IT-1'), id: 'IT-9', title: 'A new objective' };
    const next = { ...changed, objectives: [...changed.objectives, added], roots: [...changed.roots, 'IT-9'] };
    // As VS Code delivers it: a posted message, handled asynchronously.
    await page.evaluate((m) => window.postMessage(m, '*'), update(2, { tree: next, counts: examples.counts }));
    await page.waitForFunction(() => document.querySelector('[data-id="IT-9"]') !== null);

    const after = await page.evaluate(() => ({
      same: window.__remember.get('SEC-3') === document.querySelector('[data-id="SEC-3"]'),
      sameRoot: window.__remember.get('CO-1') === document.querySelector('[data-id="CO-1"]'),
      sameTree: window.__remember.get('app') === document.querySelector('.tree'),
      scrollTop: (document.documentElement as unknown as { scrollTop: number }).scrollTop,
      focused: document.activeElement?.dataset.id,
    }));
    assert.deepEqual(after, { same: true, sameRoot: true, sameTree: true, scrollTop: 300, focused: 'SEC-3' });
    const [sec3] = await shown(page, 'SEC-3');
    assert.equal(sec3.title, 'Catch intruders in minutes, not days');
    assert.equal(sec3.percent, '95%');
    assert.ok(sec3.className.includes('score-green'));
    assert.equal(await page.getAttribute('[data-id="SEC-1"]', 'aria-expanded'), 'true', 'still expanded');
    assert.equal(await page.getAttribute('[data-id="CO-1"]', 'aria-expanded'), 'true');
    assert.equal(await page.getAttribute('[data-id="SEC-2"]', 'aria-expanded'), 'false', 'still collapsed');

    // Removing an objective removes its element and nothing else.
    const removed = { ...next, objectives: next.objectives.filter((o) => o.id !== 'IT-9'), roots: changed.roots };
    await send(page, update(3, { tree: removed, counts: examples.counts }));
    assert.equal(await page.locator('[data-id="IT-9"]').count(), 0);
    assert.ok(
      await page.evaluate(() => window.__remember.get('SEC-3') === document.querySelector('[data-id="SEC-3"]')),
    );
  } finally {
    await page.close();
  }
});

test('objectives that appear in an update start with the default expansion', async () => {
  const { tree, counts } = examplesTree();
  const page = await openExamples();
  try {
    // A new objective under CO-3 (depth 1, with key results) starts collapsed; a new root starts open.
    const child: TreeObjective = { ...objective(tree, 'SEC-3'), id: 'SEC-9', parents: ['CO-3'] };
    const root: TreeObjective = { ...objective(tree, 'IT-1'), id: 'IT-9' };
    const grown: AlignmentTree = {
      ...tree,
      objectives: [
        ...tree.objectives.map((o) => (o.id === 'CO-3' ? { ...o, children: [...o.children, 'SEC-9'] } : o)),
        child,
        root,
      ],
      roots: [...tree.roots, 'IT-9'],
    };
    await send(page, update(2, { tree: grown, counts }));
    assert.equal(await page.getAttribute('[data-id="SEC-9"]', 'aria-expanded'), 'false');
    assert.equal(await page.getAttribute('[data-id="IT-9"]', 'aria-expanded'), 'true');
    // The user's choices stay: CO-1 collapsed, SEC-1 expanded, through updates.
    await page.click('[data-id="CO-1"] > .row > .twisty');
    await page.click('[data-id="SEC-1"] > .row > .twisty');
    await send(page, update(3, { tree: grown, counts }));
    assert.equal(await page.getAttribute('[data-id="CO-1"]', 'aria-expanded'), 'false');
    assert.equal(await page.getAttribute('[data-id="SEC-1"]', 'aria-expanded'), 'true');
    const collapsed = (await savedState(page))?.collapsed ?? [];
    assert.deepEqual(
      ['CO-1', 'SEC-1', 'SEC-9'].map((id) => collapsed.includes(id)),
      [true, false, true],
    );
  } finally {
    await page.close();
  }
});

test('an update older than the one shown is ignored', async () => {
  const examples = examplesTree();
  const page = await browser.open();
  try {
    const titled = (title: string) => ({
      tree: withChanges(examples.tree, (o) => (o.id === 'CO-1' ? { ...o, title } : o)),
      counts: examples.counts,
    });
    await send(page, update(5, titled('Version five')));
    assert.equal((await shown(page, 'CO-1'))[0].title, 'Version five');
    await send(page, update(4, titled('Version four')));
    assert.equal((await shown(page, 'CO-1'))[0].title, 'Version five');
    await send(page, update(6, titled('Version six')));
    assert.equal((await shown(page, 'CO-1'))[0].title, 'Version six');
  } finally {
    await page.close();
  }
});

test('OKR text is rendered as text: the XSS payload shows as characters and no script runs', async () => {
  const examples = examplesTree();
  const tree: AlignmentTree = {
    ...examples.tree,
    tenets: examples.tree.tenets.map((t, i) => (i === 0 ? { ...t, title: XSS, description: XSS } : t)),
    objectives: examples.tree.objectives.map((o) =>
      o.id === 'CO-1'
        ? {
            ...o,
            title: XSS,
            owner: XSS,
            team: XSS,
            keyResults: o.keyResults.map((kr, i) => (i === 0 ? { ...kr, title: XSS, owner: XSS, unit: XSS } : kr)),
          }
        : o,
    ),
  };
  const check = async (page: Page) => {
    const [co1] = await shown(page, 'CO-1');
    assert.equal(co1.title, XSS);
    assert.ok(co1.meta!.startsWith(`@${XSS}  ·  ${XSS}`), 'owner and team');
    assert.ok(co1.label!.includes(XSS));
    const [kr] = await shown(page, 'CO-1#0');
    assert.equal(kr.title, XSS);
    assert.ok(kr.meta!.startsWith(`@${XSS}`));
    assert.equal(await page.locator('#app img').count(), 0, 'no element was made from OKR text');
    await page.click('button[data-view="tenet"]');
    assert.equal(await page.locator(`.tenet[data-tenet="${tree.tenets[0].id}"] > .row .title`).textContent(), XSS);
    assert.equal(await page.locator('#app img').count(), 0);
    assert.ok((await page.locator('#filter-owner option').allTextContents()).includes(XSS));
    assert.deepEqual(await page.evaluate(() => window.__alerts), [], 'no alert, dialog or error');
    assert.deepEqual(await page.evaluate(() => window.__violations), [], 'no CSP violation');
  };
  // Through a message (VS Code) ...
  const page = await browser.open();
  try {
    await send(page, update(1, { tree, counts: {} }));
    await check(page);
  } finally {
    await page.close();
  }
  // ... and through the data the static export carries in the page, with no VS Code at all.
  const exported = await browser.open({ vscode: false, initial: { tree, counts: {}, title: XSS }, title: XSS });
  try {
    await exported.waitForSelector('[data-id="CO-1"]');
    assert.equal(await exported.locator('.heading').textContent(), XSS);
    await check(exported);
  } finally {
    await exported.close();
  }
});

/** Payloads for every string field: markup, script breakouts, URLs, template syntax, odd characters. */
const PAYLOADS = [
  '<img src=x onerror=alert(1)>',
  '</script><script>alert(2)</script>',
  'javascript:alert(3)',
  '"><svg onload=alert(4)>',
  '${alert(5)}',
  "{{constructor.constructor('alert(6)')()}}",
  `'><iframe srcdoc="<script>alert(7)</script>">`,
  '<style>*{display:none}</style><b onmouseover=alert(8)>b</b>',
  '<!-- \u2028\u2029 ]]> &amp; &lt; \u202Eevil',
  '<a href="javascript:alert(9)">x</a><object data=x></object>',
];

test('every string field of the tree gets XSS payloads: shown verbatim, nothing runs, no element made', async () => {
  // Each field its own payload (and its name), so a field shown in the wrong place would show too.
  let n = 0;
  const p = (field: string) => `${PAYLOADS[n++ % PAYLOADS.length]} ${field}`;
  const file = p('file');
  const range = { start: { line: 3, character: 0 }, end: { line: 9, character: 0 } };
  const tenet = {
    id: p('tenet.id'),
    title: p('tenet.title'),
    description: p('tenet.description'),
    risk: p('tenet.risk'),
    file,
    range,
  };
  const gap = { id: p('gap.id'), file, range };
  const kr = {
    id: p('kr.id'),
    title: p('kr.title'),
    owner: p('kr.owner'),
    unit: p('kr.unit'),
    baseline: 0,
    target: 10,
    current: 5,
    progress: 0.5,
    score: 'yellow' as const,
    confidence: 0.5,
    range,
  };
  const a: TreeObjective = {
    id: p('a.id'),
    title: p('a.title'),
    owner: p('a.owner'),
    tenet: tenet.id,
    type: 'committed',
    team: p('a.team'),
    progress: 0.5,
    rolledUp: 0.5,
    score: 'yellow',
    file,
    range,
    keyResults: [kr],
    parents: [],
    children: [],
  };
  const b: TreeObjective = {
    ...a,
    id: p('b.id'),
    title: p('b.title'),
    owner: p('b.owner'),
    tenet: p('b.tenet (names no tenet)'),
    team: p('b.team'),
    keyResults: [],
    parents: [a.id],
  };
  const tree: AlignmentTree = {
    tenets: [tenet, gap],
    objectives: [{ ...a, children: [b.id] }, b],
    edges: [{ child: b.id, parent: a.id }],
    roots: [a.id],
  };
  const counts = { [a.id]: { errors: 1, warnings: 2 } };
  const title = p('export title');

  const check = async (page: Page) => {
    // Rows found by comparing dataset values (no selector built from the payloads).
    const row = (attr: 'id' | 'tenet', value: string) =>
      page.evaluate(
        ([attr, value]) => {
          const li = [...(document.querySelectorAll(`[data-${attr}]`) as unknown as PageElement[])].find(
            (e) => e.dataset[attr] === value,
          );
          const text = (selector: string) => li?.querySelector(`:scope > .row ${selector}`)?.textContent ?? null;
          return li
            ? {
                code: text('.code'),
                title: text('.title'),
                meta: text('.meta'),
                risk: text('.risk'),
                label: li.getAttribute('aria-label'),
              }
            : undefined;
        },
        [attr, value] as const,
      );
    const shownA = await row('id', a.id);
    assert.equal(shownA?.code, a.id);
    assert.equal(shownA?.title, a.title);
    assert.equal(shownA?.meta, `@${a.owner}  ·  ${a.team}  ·  ◆ ${tenet.title}`);
    assert.ok(shownA?.label?.includes(`Objective ${a.id}: ${a.title}.`));
    const shownKr = await row('id', `${a.id}#0`);
    assert.equal(shownKr?.code, kr.id);
    assert.equal(shownKr?.title, kr.title);
    assert.ok(shownKr?.meta?.startsWith(`@${kr.owner}  ·  `), shownKr?.meta ?? '');
    assert.ok(shownKr?.meta?.includes(kr.unit), 'the unit, verbatim');
    // B sits under A (top-level objectives start open), with its own fields and its tenet as text.
    const shownB = await row('id', b.id);
    assert.equal(shownB?.title, b.title);
    assert.equal(shownB?.meta, `@${b.owner}  ·  ${b.team}  ·  ◆ ${b.tenet}`);
    // The filters list the owners, teams and tenets as options, verbatim.
    const options = await page
      .locator('#filter-owner option, #filter-team option, #filter-tenet option')
      .allTextContents();
    for (const v of [a.owner, b.owner, a.team, b.team, tenet.title]) assert.ok(options.includes(v!), v);
    // The tenet view: title, description, risk, and the gap row for the tenet nothing serves.
    await page.click('button[data-view="tenet"]');
    const shownTenet = await row('tenet', tenet.id);
    assert.equal(shownTenet?.code, tenet.id);
    assert.equal(shownTenet?.title, tenet.title);
    assert.equal(shownTenet?.meta, tenet.description);
    assert.equal(shownTenet?.risk, `${tenet.risk} risk`);
    assert.ok((await row('tenet', gap.id))?.label?.includes(gap.id));
    // Filtering by text with a payload: matched as text.
    await page.fill('#filter-text', PAYLOADS[1]);
    await page.click('button[data-view="alignment"]');
    assert.ok(await row('id', a.id), 'a.title contains the text');
    await page.fill('#filter-text', '');
    // Nothing was made of the text, nothing ran, and the policy was never violated.
    const made = await page
      .locator('#app img, #app svg, #app iframe, #app script, #app style, #app object, #app b, #app a')
      .count();
    assert.equal(made, 0, 'no element made from OKR text');
    assert.deepEqual(await page.evaluate(() => window.__alerts), [], 'no alert, dialog or error');
    assert.deepEqual(await page.evaluate(() => window.__violations), [], 'no CSP violation');
  };

  // Through a message (VS Code), with a saved state whose filters and file hold payloads too ...
  const state = {
    view: 'alignment' as const,
    filters: { owner: p('state.owner'), team: p('state.team'), tenet: p('state.tenet'), text: p('state.text') },
    collapsed: [a.id],
    scrollTop: 0,
    file: p('state.file'),
  };
  const restored = await browser.open({ state });
  try {
    await send(restored, update(1, { tree, counts }, file));
    assert.equal(await restored.inputValue('#filter-text'), state.filters.text);
    assert.deepEqual(await restored.evaluate(() => window.__alerts), []);
  } finally {
    await restored.close();
  }
  const page = await browser.open();
  try {
    await send(page, update(1, { tree, counts }, file));
    await page.waitForSelector('[role="treeitem"]');
    await check(page);
    // A click reveals the payload file as data, untouched.
    await page.click('button[data-view="alignment"]');
    await page.locator('[role="treeitem"] > .row .title').first().click();
    assert.deepEqual((await posted(page)).filter((m) => m.type === 'reveal').at(-1), { type: 'reveal', file, line: 3 });
  } finally {
    await page.close();
  }
  // ... and embedded in the page of the static export (the JSON sits in a <script> element).
  const html = pageHtml({ initial: { tree, counts, title }, title });
  assert.doesNotMatch(html.slice(html.indexOf('id="okr-initial"')), /<\/script><script>alert/);
  const exported = await browser.open({ vscode: false, initial: { tree, counts, title }, title });
  try {
    await exported.waitForSelector('[role="treeitem"]');
    assert.equal(await exported.title(), title);
    assert.equal(await exported.locator('.heading').textContent(), title);
    await check(exported);
  } finally {
    await exported.close();
  }
});

test('the page has a strict Content-Security-Policy: nonce scripts only, no unsafe-inline or unsafe-eval', async () => {
  const html = pageHtml({ nonce: 'abc123' });
  assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handler in the page');
  const page = await openExamples();
  try {
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    assert.ok(csp, 'a CSP meta tag');
    const directives = new Map(
      csp.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    assert.deepEqual(directives.get('default-src'), ["'none'"]);
    const scriptSrc = directives.get('script-src');
    assert.ok(scriptSrc && scriptSrc.length > 0);
    assert.ok(scriptSrc.every((s) => s.startsWith("'nonce-")));
    assert.ok(!csp.includes('unsafe-inline') && !csp.includes('unsafe-eval'));
    // The renderer itself stays inside the policy (no inline style attributes, no eval).
    await page.click('button[data-view="tenet"]');
    await page.click('button[data-view="alignment"]');
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(await page.evaluate(() => window.__alerts), []);
  } finally {
    await page.close();
  }
});

test('2,000 objectives render in under a second', async () => {
  const tree = generatedTree(2000);
  const page = await browser.open();
  let ms: number;
  let patchMs: number;
  let items: { objectives: number; all: number };
  try {
    ms = await send(page, update(1, tree));
    items = await page.evaluate(() => ({
      objectives: document.querySelectorAll('.objective').length,
      all: document.querySelectorAll('[role="treeitem"]').length,
    }));
    // 40 top-level objectives, open, with their key results; the 1,960 below them, collapsed.
    assert.equal(items.objectives, 2000);
    assert.equal(items.all, 2000 + 40 * 3);
    // A patch with new progress everywhere reuses every element.
    const patched = {
      ...tree,
      objectives: tree.objectives.map((o) => ({ ...o, progress: 0.5, score: 'yellow' as const })),
    };
    patchMs = await send(page, update(2, patched));
    assert.equal((await shown(page, 'G-1999'))[0].percent, '50%');
  } finally {
    await page.close();
  }
  // Everything expanded (a saved state with nothing collapsed): 2,000 objectives and 6,000 key results.
  const all = await browser.open({ state: { view: 'alignment', filters: {}, collapsed: [], scrollTop: 0 } });
  let allMs: number;
  try {
    allMs = await send(all, update(1, tree));
    assert.equal(await all.locator('[role="treeitem"]').count(), 8000);
  } finally {
    await all.close();
  }
  console.log(
    `# 2,000 objectives: first render ${ms.toFixed(0)} ms (${items.all} tree items), patch ${patchMs.toFixed(0)} ms; ` +
      `all expanded (8,000 tree items) ${allMs.toFixed(0)} ms`,
  );
  assert.ok(ms < 1000, `first render took ${ms.toFixed(0)} ms`);
  assert.ok(patchMs < 1000, `patch took ${patchMs.toFixed(0)} ms`);
});

test('the tenet view groups objectives by tenet, shows gaps, unassigned objectives and risk', async () => {
  const { tree, counts } = examplesTree();
  const gap = { ...tree.tenets[0], id: 'keep-the-lights-on', title: 'Keep the Lights On', risk: 'perceived' };
  const withGap: AlignmentTree = {
    ...tree,
    tenets: [...tree.tenets, gap],
    objectives: tree.objectives.map((o) => (o.id === 'IT-1' ? { ...o, tenet: 'no-such-tenet' } : o)),
  };
  const page = await browser.open();
  try {
    await send(page, update(1, { tree: withGap, counts }));
    await page.click('button[data-view="tenet"]');
    assert.equal(await page.getAttribute('button[data-view="tenet"]', 'aria-pressed'), 'true');
    const groups = await page.evaluate(() =>
      [...(document.querySelectorAll('.tree > .tenet') as unknown as PageElement[])].map((t) => ({
        tenet: t.dataset.tenet,
        title: t.querySelector(':scope > .row .title')?.textContent,
        risk: t.querySelector(':scope > .row .risk:not([hidden])')?.textContent ?? null,
        objectives: [...(t.querySelectorAll('.objective') as unknown as PageElement[])].map((o) => o.dataset.id),
        gap: t.querySelector('.gap .title')?.textContent ?? null,
      })),
    );
    const expected = (id: string) =>
      tree.objectives
        .filter((o, i, all) => o.tenet === id && o.id !== 'IT-1' && all.findIndex((x) => x.id === o.id) === i)
        .map((o) => o.id);
    assert.deepEqual(groups, [
      ...tree.tenets.map((t) => ({
        tenet: t.id,
        title: t.title,
        risk: `${t.risk} risk`,
        objectives: expected(t.id),
        gap: null,
      })),
      {
        tenet: 'keep-the-lights-on',
        title: 'Keep the Lights On',
        risk: 'perceived risk',
        objectives: [],
        gap: 'No objective serves this tenet',
      },
      { tenet: '', title: 'Unassigned', risk: null, objectives: ['IT-1'], gap: null },
    ]);
    assert.deepEqual(
      tree.tenets.map((t) => t.risk),
      ['actual', 'actual', 'perceived'],
    );
    // A tenet row reveals the tenet's line.
    await page.click('.tenet[data-tenet="assure-the-customer"] > .row .title');
    const t = tree.tenets[2];
    assert.deepEqual((await posted(page)).at(-1), { type: 'reveal', file: t.file, line: t.range.start.line });
  } finally {
    await page.close();
  }
});

test('highlight marks the deepest rendered node whose range holds the line', async () => {
  const { tree } = examplesTree();
  const page = await openExamples();
  try {
    const highlighted = () =>
      page.evaluate(() =>
        [...(document.querySelectorAll('.highlighted') as unknown as PageElement[])].map((e) => e.dataset.id),
      );
    const co1 = objective(tree, 'CO-1');
    await send(page, { type: 'highlight', file: co1.file, line: co1.keyResults[1].range.start.line + 1 });
    assert.deepEqual(await highlighted(), ['CO-1#1']);
    await send(page, { type: 'highlight', file: co1.file, line: co1.range.start.line });
    assert.deepEqual(await highlighted(), ['CO-1']);
    // A key result of a collapsed objective: the objective is the deepest rendered node.
    const sec1 = objective(tree, 'SEC-1');
    await send(page, { type: 'highlight', file: sec1.file, line: sec1.keyResults[0].range.start.line });
    assert.deepEqual(await highlighted(), ['SEC-1']);
    // An objective under a collapsed parent: its nearest rendered ancestor.
    const appsec2 = objective(tree, 'APPSEC-2');
    await send(page, { type: 'highlight', file: appsec2.file, line: appsec2.range.start.line });
    assert.deepEqual(await highlighted(), ['SEC-1']);
    // It stays on through renders: expanding SEC-1 moves the mark to APPSEC-2.
    await page.click('[data-id="SEC-1"] > .row > .twisty');
    assert.deepEqual(await highlighted(), ['APPSEC-2']);
    // An objective under two parents is marked wherever it is rendered.
    const appsec3 = objective(tree, 'APPSEC-3');
    await send(page, { type: 'highlight', file: appsec3.file, line: appsec3.range.start.line });
    assert.deepEqual(await highlighted(), ['APPSEC-3']);
    await page.click('[data-id="SEC-2"] > .row > .twisty');
    assert.deepEqual(await highlighted(), ['APPSEC-3', 'APPSEC-3']);
    // Scrolled into view (below the toolbar) when it is out of sight.
    await page.setViewportSize({ width: 1100, height: 400 });
    await page.evaluate(() => window.scrollTo(0, 0));
    const it2 = objective(tree, 'IT-2');
    await send(page, { type: 'highlight', file: it2.file, line: it2.keyResults[1].range.start.line });
    assert.deepEqual(await highlighted(), ['IT-2#1']);
    const inView = await page.evaluate(() => {
      const r = document.querySelector('.highlighted > .row')!.getBoundingClientRect();
      const toolbar = document.querySelector('.toolbar')!.getBoundingClientRect();
      return r.top >= toolbar.bottom && r.bottom <= window.innerHeight && window.scrollY > 0;
    });
    assert.ok(inView);
    // Nothing for a line outside every objective.
    await send(page, { type: 'highlight', file: it2.file, line: 0 });
    assert.deepEqual(await highlighted(), []);
  } finally {
    await page.close();
  }
});

test('state is saved and restored: view, filters, collapsed nodes and scroll', async () => {
  const page = await openExamples();
  let state;
  try {
    await page.setViewportSize({ width: 1100, height: 420 });
    await page.click('[data-id="CO-1"] > .row > .twisty');
    await page.fill('#filter-text', 'e');
    await page.click('button[data-view="tenet"]');
    await page.click('.tenet[data-tenet="protect-the-company"] > .row > .twisty');
    await page.evaluate(() => window.scrollTo(0, 120));
    await page.waitForFunction(() => window.__state?.scrollTop === 120);
    state = await savedState(page);
  } finally {
    await page.close();
  }
  assert.ok(state);
  assert.equal(state.view, 'tenet');
  assert.deepEqual(state.filters, { text: 'e' });
  assert.ok(state.collapsed.includes('CO-1'));
  assert.ok(state.collapsed.includes('tenet:protect-the-company'));
  assert.equal(state.file, examplesTree().tree.objectives[0].file);

  // A new webview (VS Code restarted) with that state: the host sends the tree again.
  const restored = await browser.open({ state });
  try {
    await restored.setViewportSize({ width: 1100, height: 420 });
    await send(restored, update(1, examplesTree()));
    assert.equal(await restored.getAttribute('button[data-view="tenet"]', 'aria-pressed'), 'true');
    assert.equal(await restored.inputValue('#filter-text'), 'e');
    assert.equal(await restored.getAttribute('.tenet[data-tenet="protect-the-company"]', 'aria-expanded'), 'false');
    assert.equal(await restored.getAttribute('.tenet[data-tenet="secure-the-product"]', 'aria-expanded'), 'true');
    await restored.waitForFunction(() => window.scrollY === 120);
    await restored.click('button[data-view="alignment"]');
    assert.equal(await restored.getAttribute('[data-id="CO-1"]', 'aria-expanded'), 'false');
  } finally {
    await restored.close();
  }
});

test('without VS Code (the static export) the page renders its own data and keeps state in memory', async () => {
  const page = await browser.open({ vscode: false, initial: { ...examplesTree(), title: 'Acme Q1 OKRs' } });
  try {
    await page.waitForSelector('[data-id="CO-1"]');
    assert.equal(await page.locator('.heading').textContent(), 'Acme Q1 OKRs');
    assert.equal(await page.evaluate(() => 'acquireVsCodeApi' in window), false);
    // No editor to reveal in: clicking an objective toggles it.
    await page.click('[data-id="CO-1"] > .row .title');
    assert.equal(await page.getAttribute('[data-id="CO-1"]', 'aria-expanded'), 'false');
    await page.click('button[data-view="tenet"]');
    await page.waitForSelector('.tenet');
    assert.deepEqual(await page.evaluate(() => window.__alerts), []);
  } finally {
    await page.close();
  }
});
