/** `okr tree --format html -o out/tree.html examples`: one file that opens offline and shows the tree. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Browser, ROOT } from './harness';

let browser: Browser;
before(async () => {
  browser = await Browser.launch();
});
after(async () => {
  await browser.close();
});

test('the HTML export opens offline, fetches nothing, and shows the tree with progress and badges', async () => {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'okr-export-')), 'out', 'tree.html');
  execFileSync(
    process.execPath,
    [path.join(ROOT, 'dist', 'cli.js'), 'tree', '--format', 'html', '-o', out, 'examples'],
    { cwd: ROOT },
  );
  const html = readFileSync(out, 'utf8');
  assert.match(
    html,
    /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-[^']+'; script-src 'nonce-[^']+'/,
  );
  assert.ok(!/unsafe-inline|unsafe-eval/.test(html));
  assert.ok(!html.includes('file://'), 'no local paths in a file meant for sharing');

  const page = await browser.context.newPage();
  const requests: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith('file:')) requests.push(r.url());
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(pathToFileURL(out).href);
  const row = page.locator('[data-id="SEC-1"]').first();
  await row.waitFor();
  assert.match(await row.innerText(), /Make account takeover a non-event for our customers[\s\S]*68%/);
  // The badges come from the same diagnostics as okr lint: IT-2 has errors.
  assert.match(await page.locator('[data-id="IT-2"]').first().innerText(), /\d+ errors?/);
  assert.deepEqual(requests, []);
  assert.deepEqual(errors, []);
  await page.close();
});
