/**
 * The preview in a real browser: the page built by `previewHtml` with the real bundle
 * (dist/media/webview.js, so `npm run build` first) and media/preview.css inlined, a test theme of
 * --vscode-* variables, and a stand-in for VS Code's `acquireVsCodeApi` that records what the page
 * posts and keeps its state. Headless Debian chromium through playwright-core.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type {
  AlignmentTree,
  DiagnosticCounts,
  FromWebview,
  PreviewState,
  ToWebview,
  TreeObjective,
} from '../../shared/protocol';
import { previewHtml } from '../../shared/previewHtml';
import { diagnosticCounts } from '../../shared/counts';
import { CHROMIUM, CHROMIUM_ARGS } from '../../scripts/chromium.mjs';
import { alignmentTree, defaultSettings, diagnosticsOf, parseOkr, Workspace } from '../../server/src/service';
import { DEFAULT_TRACKING } from '../../server/src/service/pace';

export const ROOT = path.join(__dirname, '..', '..');
export const EXAMPLES = path.join(ROOT, 'examples');
export const OUTPUT = path.join(ROOT, 'test-output');
const BUNDLE = path.join(ROOT, 'dist', 'media', 'webview.js');

// ---- What the functions that run in the page may touch (this tsconfig has no DOM lib). ----

export interface PageElement {
  readonly textContent: string | null;
  readonly className: string;
  readonly tagName: string;
  readonly classList: { contains(name: string): boolean };
  readonly dataset: Record<string, string | undefined>;
  readonly children: ArrayLike<PageElement>;
  readonly parentElement: PageElement | null;
  readonly scrollHeight: number;
  readonly tabIndex: number;
  scrollTop: number;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
  closest(selector: string): PageElement | null;
  contains(other: PageElement | null): boolean;
  getBoundingClientRect(): { top: number; bottom: number; height: number };
}

export interface PageDocument {
  readonly activeElement: PageElement | null;
  readonly documentElement: PageElement;
  readonly body: PageElement;
  readonly title: string;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
  getElementById(id: string): PageElement | null;
}

export interface PageWindow {
  __posted: FromWebview[];
  __state: PreviewState | undefined;
  /** Calls of alert/confirm/prompt and errors: none may happen. */
  __alerts: unknown[];
  /** Content-Security-Policy violations reported in the page. */
  __violations: string[];
  __remember: Map<string, PageElement>;
  readonly scrollY: number;
  readonly innerHeight: number;
  scrollTo(x: number, y: number): void;
  getComputedStyle(e: PageElement): { getPropertyValue(name: string): string };
  postMessage(message: unknown, targetOrigin: string): void;
  dispatchEvent(event: unknown): boolean;
  readonly MessageEvent: new (type: string, init: { data: unknown }) => unknown;
}

// ---- Themes: the --vscode-* variables VS Code defines (Dark Modern, Light Modern), and its body style. ----

const COMMON_THEME = `
html { --vscode-font-family: system-ui, "Ubuntu", "Droid Sans", sans-serif; --vscode-font-size: 13px;
  --vscode-font-weight: normal; --vscode-editor-font-family: "Droid Sans Mono", "DejaVu Sans Mono", monospace; }
body { margin: 0; padding: 0 20px; }`;

export const THEMES = {
  light: `${COMMON_THEME}
html { color-scheme: light;
  --vscode-foreground: #3b3b3b; --vscode-descriptionForeground: #616161; --vscode-icon-foreground: #3b3b3b;
  --vscode-editor-background: #ffffff; --vscode-editor-foreground: #3b3b3b; --vscode-focusBorder: #005fb8;
  --vscode-panel-border: #e5e5e5; --vscode-textLink-foreground: #005fb8;
  --vscode-list-hoverBackground: #f2f2f2; --vscode-list-activeSelectionBackground: #e8e8e8;
  --vscode-list-activeSelectionForeground: #000000; --vscode-list-inactiveSelectionBackground: #e4e6f1;
  --vscode-button-background: #005fb8; --vscode-button-foreground: #ffffff; --vscode-button-hoverBackground: #0258a8;
  --vscode-button-secondaryBackground: #e5e5e5; --vscode-button-secondaryForeground: #3b3b3b;
  --vscode-button-secondaryHoverBackground: #cccccc; --vscode-dropdown-background: #ffffff;
  --vscode-dropdown-foreground: #3b3b3b; --vscode-dropdown-border: #cecece; --vscode-input-background: #ffffff;
  --vscode-input-foreground: #3b3b3b; --vscode-input-border: #cecece; --vscode-input-placeholderForeground: #767676;
  --vscode-badge-background: #cccccc; --vscode-badge-foreground: #3b3b3b;
  --vscode-editorError-foreground: #e51400; --vscode-editorWarning-foreground: #bf8803;
  --vscode-errorForeground: #f85149; --vscode-charts-red: #e51400; --vscode-charts-yellow: #bf8803;
  --vscode-charts-green: #388a34; --vscode-charts-blue: #1a85ff; --vscode-charts-orange: #d18616;
  --vscode-charts-purple: #652d90; }`,
  dark: `${COMMON_THEME}
html { color-scheme: dark;
  --vscode-foreground: #cccccc; --vscode-descriptionForeground: #9d9d9d; --vscode-icon-foreground: #cccccc;
  --vscode-editor-background: #1f1f1f; --vscode-editor-foreground: #cccccc; --vscode-focusBorder: #0078d4;
  --vscode-panel-border: #2b2b2b; --vscode-textLink-foreground: #4daafc;
  --vscode-list-hoverBackground: #2a2d2e; --vscode-list-activeSelectionBackground: #04395e;
  --vscode-list-activeSelectionForeground: #ffffff; --vscode-list-inactiveSelectionBackground: #37373d;
  --vscode-button-background: #0078d4; --vscode-button-foreground: #ffffff; --vscode-button-hoverBackground: #026ec1;
  --vscode-button-secondaryBackground: #313131; --vscode-button-secondaryForeground: #cccccc;
  --vscode-button-secondaryHoverBackground: #3c3c3c; --vscode-dropdown-background: #313131;
  --vscode-dropdown-foreground: #cccccc; --vscode-dropdown-border: #3c3c3c; --vscode-input-background: #313131;
  --vscode-input-foreground: #cccccc; --vscode-input-border: #3c3c3c; --vscode-input-placeholderForeground: #989898;
  --vscode-badge-background: #616161; --vscode-badge-foreground: #f8f8f8;
  --vscode-editorError-foreground: #f14c4c; --vscode-editorWarning-foreground: #cca700;
  --vscode-errorForeground: #f85149; --vscode-charts-red: #f14c4c; --vscode-charts-yellow: #cca700;
  --vscode-charts-green: #89d185; --vscode-charts-blue: #3794ff; --vscode-charts-orange: #d18616;
  --vscode-charts-purple: #b180d7; }`,
  // High contrast: no list backgrounds, borders instead (contrastBorder, contrastActiveBorder).
  'high-contrast': `${COMMON_THEME}
html { color-scheme: dark;
  --vscode-foreground: #ffffff; --vscode-descriptionForeground: #ffffffcc; --vscode-icon-foreground: #ffffff;
  --vscode-editor-background: #000000; --vscode-editor-foreground: #ffffff; --vscode-focusBorder: #f38518;
  --vscode-contrastBorder: #6fc3df; --vscode-contrastActiveBorder: #f38518;
  --vscode-panel-border: #6fc3df; --vscode-textLink-foreground: #21a6ff;
  --vscode-button-background: #000000; --vscode-button-foreground: #ffffff; --vscode-button-border: #6fc3df;
  --vscode-button-secondaryBackground: #000000; --vscode-button-secondaryForeground: #ffffff;
  --vscode-dropdown-background: #000000; --vscode-dropdown-foreground: #ffffff; --vscode-dropdown-border: #6fc3df;
  --vscode-input-background: #000000; --vscode-input-foreground: #ffffff; --vscode-input-border: #6fc3df;
  --vscode-badge-background: #000000; --vscode-badge-foreground: #ffffff;
  --vscode-editorError-foreground: #ff3232; --vscode-editorWarning-foreground: #ffd700;
  --vscode-errorForeground: #f48771; --vscode-charts-red: #f48771; --vscode-charts-yellow: #ffd700;
  --vscode-charts-green: #89d185; --vscode-charts-blue: #75beff; --vscode-charts-orange: #ff9d00;
  --vscode-charts-purple: #b180d7; }`,
} as const;

export type ThemeName = keyof typeof THEMES;

// ---- The data: the examples through the engine, as the server would answer okr/alignmentTree. ----

export interface Examples {
  readonly tree: AlignmentTree;
  readonly counts: DiagnosticCounts;
}

let examples: Examples | undefined;

/** The tree of /examples and the diagnostics counts per objective (errors and warnings in its range). */
export function examplesTree(): Examples {
  if (examples) return examples;
  const files = readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.okr.yaml'))
    .sort()
    .map((f) => {
      const text = readFileSync(path.join(EXAMPLES, f), 'utf8');
      return { uri: pathToFileURL(path.join(EXAMPLES, f)).href, parsed: parseOkr(text) };
    });
  const workspace = new Workspace(files.map((f) => ({ uri: f.uri, model: f.parsed.model })));
  const tree = alignmentTree(workspace);
  const byFile = new Map(
    files.map((f) => [f.uri, diagnosticsOf(f.parsed, defaultSettings, { uri: f.uri, workspace })]),
  );
  const counts = diagnosticCounts(
    tree,
    (file) => byFile.get(file) ?? [],
    (d) => (d.severity === 1 ? 'error' : d.severity === 2 ? 'warning' : undefined),
  );
  examples = { tree, counts };
  return examples;
}

/**
 * The tree of a workspace given as text (`{ 'name.okr.yaml': text }`) with statuses, check-ins and
 * spans judged at `asOf`, as the server answers okr/alignmentTree with `okr.asOf` set.
 */
export function trackedTree(files: Readonly<Record<string, string>>, asOf: string): AlignmentTree {
  const parsed = Object.entries(files).map(([name, text]) => ({
    uri: `file:///tracked/${name}`,
    model: parseOkr(text).model,
  }));
  return alignmentTree(new Workspace(parsed, { ...DEFAULT_TRACKING, asOf }));
}

/**
 * A generated workspace of `count` objectives: `roots` company objectives, the rest aligned under
 * them in turn, three key results each, three tenets. Ids are `G-<n>`.
 */
export function generatedTree(count: number, roots = 40): AlignmentTree {
  const file = 'file:///generated/big.okr.yaml';
  const owners = ['ana', 'ben', 'chen', 'dev', 'eli', 'fay'];
  const tenets = ['t-one', 't-two', 't-three'];
  const objectives: TreeObjective[] = [];
  const line = (i: number) => i * 20;
  for (let i = 0; i < count; i++) {
    const parent = i < roots ? undefined : `G-${i % roots}`;
    const progress = ((i * 37) % 101) / 100;
    const band = progress < 0.4 ? 'red' : progress < 0.7 ? 'yellow' : 'green';
    objectives.push({
      id: `G-${i}`,
      title: `Generated objective number ${i} for the scale test`,
      owner: owners[i % owners.length],
      tenet: tenets[i % tenets.length],
      type: i % 4 === 0 ? 'committed' : 'aspirational',
      team: `team-${i % 7}`,
      progress,
      rolledUp: progress,
      score: band,
      file,
      range: { start: { line: line(i), character: 4 }, end: { line: line(i + 1), character: 0 } },
      keyResults: [0, 1, 2].map((k) => ({
        id: `G-${i}.${k + 1}`,
        title: `Key result ${k + 1} of objective ${i}`,
        owner: owners[(i + k) % owners.length],
        progress,
        score: band,
        baseline: 0,
        target: 100,
        current: Math.round(progress * 100),
        range: { start: { line: line(i) + 5 + k * 4, character: 6 }, end: { line: line(i) + 9 + k * 4, character: 0 } },
      })),
      parents: parent ? [parent] : [],
      children: [],
    });
  }
  const byId = new Map(objectives.map((o) => [o.id, o]));
  for (const o of objectives) for (const p of o.parents) (byId.get(p)!.children as string[]).push(o.id);
  return {
    tenets: tenets.map((id, i) => ({
      id,
      title: `Tenet ${id}`,
      risk: i === 2 ? 'perceived' : 'actual',
      file,
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 10 } },
    })),
    objectives,
    edges: objectives.flatMap((o) => o.parents.map((parent) => ({ child: o.id, parent }))),
    roots: objectives.filter((o) => o.parents.length === 0).map((o) => o.id),
  };
}

// ---- The page. ----

let bundle: string | undefined;

export interface PageOptions {
  readonly theme?: ThemeName;
  /** Data in the page itself, as the static export carries it. */
  readonly initial?: { readonly tree: AlignmentTree; readonly counts: DiagnosticCounts; readonly title?: string };
  readonly title?: string;
  readonly nonce?: string;
}

/** The page as the static export builds it: the real bundle and stylesheet inlined under the CSP. */
export function pageHtml(o: PageOptions = {}): string {
  bundle ??= readFileSync(BUNDLE, 'utf8');
  return previewHtml({
    nonce: o.nonce ?? 'dGVzdC1ub25jZS0xMjM0NTY=',
    assets: {
      kind: 'inline',
      script: bundle,
      style: readFileSync(path.join(ROOT, 'media', 'preview.css'), 'utf8'),
      theme: THEMES[o.theme ?? 'light'],
    },
    initial: o.initial,
    title: o.title,
  });
}

/** The stand-in for VS Code's webview API, run in the page before its own scripts. */
function installVsCodeApi(initialState: PreviewState | undefined): void {
  const w = window as unknown as PageWindow & Record<string, unknown>;
  w.__posted = [];
  w.__state = initialState;
  w.__alerts = [];
  w.__violations = [];
  w.__remember = new Map();
  for (const name of ['alert', 'confirm', 'prompt']) {
    w[name] = (...args: unknown[]) => {
      w.__alerts.push([name, ...args]);
    };
  }
  (w as unknown as { onerror: unknown }).onerror = (...args: unknown[]) => {
    w.__alerts.push(['onerror', String(args[0])]);
  };
  (
    document as unknown as { addEventListener(t: string, f: (e: { violatedDirective: string }) => void): void }
  ).addEventListener('securitypolicyviolation', (e) => w.__violations.push(e.violatedDirective));
  let acquired = false;
  w.acquireVsCodeApi = () => {
    if (acquired) throw new Error('acquireVsCodeApi can only be called once');
    acquired = true;
    return {
      postMessage: (message: FromWebview) => w.__posted.push(JSON.parse(JSON.stringify(message)) as FromWebview),
      getState: () => w.__state,
      setState: (state: PreviewState) => {
        w.__state = JSON.parse(JSON.stringify(state)) as PreviewState;
      },
    };
  };
}
// The function above runs in the page: it names the page's globals.
declare const window: unknown;
declare const document: unknown;

export class Browser {
  private constructor(
    readonly context: BrowserContext,
    private readonly dir: string,
  ) {}

  static async launch(): Promise<Browser> {
    const dir = mkdtempSync(path.join(tmpdir(), 'okr-preview-'));
    const context = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: [...CHROMIUM_ARGS],
      viewport: { width: 1280, height: 800 },
      offline: true,
    });
    return new Browser(context, dir);
  }

  /**
   * Opens the preview in a new page: written to a file and loaded from it (as the export is), with
   * the VS Code stand-in and this saved state; waits until the page has posted `ready`.
   */
  async open(o: PageOptions & { readonly state?: PreviewState; readonly vscode?: boolean } = {}): Promise<Page> {
    const page = await this.context.newPage();
    page.on('dialog', (d) => {
      void page.evaluate((m) => (window as PageWindow).__alerts.push(['dialog', m]), d.message());
      void d.dismiss();
    });
    // tsx compiles these tests with esbuild's keepNames, whose `__name` helper can end up in the
    // functions that Playwright sends to the page: give the page one too.
    await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    await page.addInitScript(installVsCodeApi, o.state);
    if (o.vscode === false)
      await page.addInitScript(() => delete (window as { acquireVsCodeApi?: unknown }).acquireVsCodeApi);
    const file = path.join(this.dir, `page-${Math.random().toString(36).slice(2)}.html`);
    writeFileSync(file, pageHtml(o));
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('.toolbar');
    if (o.vscode !== false)
      await page.waitForFunction(() => (window as PageWindow).__posted.some((m) => m.type === 'ready'));
    return page;
  }

  async close(): Promise<void> {
    await this.context.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Delivers a host message the way VS Code does (a `message` event), at once; returns the ms it took. */
export async function send(page: Page, message: ToWebview): Promise<number> {
  return page.evaluate((m) => {
    const w = window as PageWindow;
    const d = document as PageDocument;
    const start = performance.now();
    w.dispatchEvent(new w.MessageEvent('message', { data: m }));
    // Style and layout count as part of the render.
    void d.body.getBoundingClientRect().height;
    return performance.now() - start;
  }, message);
}

/** The messages the page has posted to the host so far. */
export function posted(page: Page): Promise<FromWebview[]> {
  return page.evaluate(() => (window as PageWindow).__posted);
}

/** The state the page last saved with `setState`. */
export function savedState(page: Page): Promise<PreviewState | undefined> {
  return page.evaluate(() => (window as PageWindow).__state);
}

export function update(version: number, data: Examples | AlignmentTree, activeFile?: string): ToWebview {
  const tree = 'objectives' in data ? data : data.tree;
  const counts = 'objectives' in data ? {} : data.counts;
  return { type: 'update', version, tree, counts, activeFile };
}

/** Percent as the preview writes it. */
export function percent(progress: number | undefined): string {
  return progress === undefined ? '–' : `${Math.round(progress * 100)}%`;
}
