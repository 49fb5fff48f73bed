/**
 * `okr report --format html` and the preview's tracking view in a real browser: the report opens offline
 * under its CSP, shows every objective's table with status pills and a drawn burn-up chart per key
 * result. Both are screenshotted (test-output/, or OKR_SCREENSHOT_DIR: `npm run screenshots` writes the
 * README's pictures in docs/images/).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Browser, OUTPUT, ROOT } from './harness';

/** What the page functions below use of the browser's globals (the tests compile without the DOM library). */
declare const window: { getComputedStyle(e: unknown): { getPropertyValue(name: string): string } };
type Node = { closest(s: string): Node | null; previousElementSibling: Node | null; getTotalLength?(): number };

const SHOTS = process.env.OKR_SCREENSHOT_DIR ? path.resolve(ROOT, process.env.OKR_SCREENSHOT_DIR) : OUTPUT;
const AT = '2026-02-20';

let browser: Browser;
before(async () => {
  browser = await Browser.launch();
  mkdirSync(SHOTS, { recursive: true });
});
after(async () => {
  await browser.close();
});

const cli = (...args: string[]) =>
  execFileSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), ...args], { cwd: ROOT });

test('the HTML report opens offline, breaks no CSP rule, and draws a chart per key result', async () => {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'okr-report-')), 'report.html');
  cli('report', '--format', 'html', '--at', AT, '--since', '2026-02-06', '-o', out, 'examples/security.okr.yaml');
  const page = await browser.context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('request', (r) => !r.url().startsWith('file:') && problems.push(r.url()));
  await page.goto(pathToFileURL(out).href);
  await page.locator('h1').waitFor();
  assert.equal(await page.locator('h1').innerText(), 'OKR status on 2026-02-20');
  assert.equal(await page.locator('section').count(), 6);
  const row = page.locator('tr', { hasText: 'SEC-1.1' });
  assert.match(await row.innerText(), /38%\s+57%\s+behind\s+0\.5\s+\+10 pts/);
  // The stylesheet applied (its nonce matched): the status pill is coloured, not the text colour.
  const [pill, text] = await row.locator('.status').evaluate((el) => {
    // No named functions in here: tsx would wrap them in a helper (__name) the page does not have.
    const text = (el as unknown as Node).closest('td')!.previousElementSibling!;
    return [
      window.getComputedStyle(el).getPropertyValue('color'),
      window.getComputedStyle(text).getPropertyValue('color'),
    ];
  });
  assert.notEqual(pill, text);
  // Every key result with a period has its chart, drawn with a size and a line through its check-ins.
  const charts = page.locator('svg.burnup');
  assert.equal(await charts.count(), await page.locator('tbody tr').count());
  const box = await row.locator('svg.burnup').boundingBox();
  assert.ok(box && box.width === 180 && box.height === 44, JSON.stringify(box));
  const stroke = await row
    .locator('.burnup-actual')
    .evaluate((el) => [
      window.getComputedStyle(el).getPropertyValue('stroke'),
      (el as unknown as Node).getTotalLength!(),
    ]);
  assert.notEqual(stroke[0], 'none');
  assert.ok(Number(stroke[1]) > 50, `the line is drawn: ${stroke[1]}`);
  await page.setViewportSize({ width: 1100, height: 760 });
  await page.screenshot({ path: path.join(SHOTS, 'report.png') });
  assert.deepEqual(problems, []);
  await page.close();
});

test("the preview's tracking view (the HTML export at a date): status pills and burn-up charts", async () => {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'okr-tree-')), 'tree.html');
  cli('tree', '--format', 'html', '--at', AT, '-o', out, 'examples');
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(pathToFileURL(out).href);
  const node = page.locator('[data-id="SEC-1"]').first();
  await node.waitFor();
  assert.match(await node.innerText(), /on track/);
  // SEC-1 sits under CO-2, collapsed: open it with the keyboard, as a user would.
  await node.focus();
  await page.keyboard.press('ArrowRight');
  const charts = node.locator('svg.burnup');
  await charts.first().waitFor();
  assert.equal(await charts.count(), 3);
  assert.match((await charts.first().getAttribute('aria-label')) ?? '', /^Burn-up of SEC-1\.1: 4 check-ins/);
  await page.setViewportSize({ width: 1100, height: 760 });
  await node.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: path.join(SHOTS, 'preview-tracking.png') });
  assert.deepEqual(errors, []);
  await page.close();
});
