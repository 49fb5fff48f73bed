/**
 * The browser server (dist/browser/server.js) in a real Web Worker in headless Chromium, served from a
 * local HTTP server, driven over the worker's postMessage with plain JSON-RPC messages, the way VS Code's
 * web worker extension host talks to it. The workspace is examples/ under a virtual file system's URIs
 * (`vscode-vfs://github/…`, as github.dev names a repository's files); the test answers the server's
 * okr/fs/* requests from the files on disk, as the web extension answers them from `workspace.fs`.
 * Its diagnostics must be exactly the Node server's (dist/server.js over stdio) for every example.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { Browser, EXAMPLES, ROOT } from './harness';
import { startServer } from '../lsp/client';
import { FS_FIND_REQUEST, FS_READ_REQUEST, FS_STAT_REQUEST } from '../../shared/protocol';

const WORKER = path.join(ROOT, 'dist', 'browser', 'server.js');
const ROOT_URI = 'vscode-vfs://github/okr-lens/examples';
const FILE_ROOT = pathToFileURL(EXAMPLES).href;
const AS_OF = '2026-02-20';
const CONFIGURATION = { asOf: AS_OF };

/** The page's globals the functions below touch (this tsconfig has no DOM library). */
declare const window: {
  __worker: { postMessage(m: unknown): void; onmessage: ((e: { data: unknown }) => void) | null; onerror: unknown };
  __fromWorker(m: unknown): void;
  __workerError(m: string): void;
};
declare const Worker: new (url: string) => typeof window.__worker;

let browser: Browser;
let http: Server;
let base = '';

before(async () => {
  browser = await Browser.launch();
  http = createServer((req, res) => {
    if (req.url === '/server.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(readFileSync(WORKER));
    } else if (req.url === '/closing.js') {
      // The server, with the Worker's close() told to the page first (a Worker has no close event).
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(
        'const close = self.close.bind(self);\n' +
          "self.close = () => { self.postMessage({ closed: 'by the server' }); close(); };\n" +
          "importScripts('/server.js');\n",
      );
    } else {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>okr-lens worker</title>');
    }
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const address = http.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  // The harness's pages are offline; these talk to the local server, and nothing else.
  await browser.context.setOffline(false);
  await browser.context.route('**/*', (route) =>
    route.request().url().startsWith(`${base}/`) ? route.continue() : route.abort(),
  );
});
after(async () => {
  await browser.close();
  await new Promise((resolve) => http.close(resolve));
});

/** examples/<rel> for a URI under ROOT_URI; undefined for anything else. */
function onDisk(uri: string): string | undefined {
  if (!uri.startsWith(`${ROOT_URI}/`) && uri !== ROOT_URI) return undefined;
  const rel = decodeURIComponent(uri.slice(ROOT_URI.length + 1));
  const file = path.join(EXAMPLES, rel);
  return file.startsWith(EXAMPLES) ? file : undefined;
}

function okrFilesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.okr\.ya?ml$/.test(f))
    .sort()
    .map((f) => `${ROOT_URI}/${f.split(path.sep).join('/')}`);
}

/** A JSON-RPC peer over the page's Worker: requests, notifications, and answers to the server's requests. */
class WorkerClient {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  readonly notifications: { method: string; params: unknown }[] = [];
  private readonly listeners: ((method: string, params: unknown) => void)[] = [];
  /** The server's requests, by method (okr/fs/* included), as the test saw them. */
  readonly asked: string[] = [];
  readonly errors: string[] = [];

  private constructor(private readonly page: Page) {
    this.closed = new Promise((resolve) => (this.markClosed = resolve));
  }

  /** Set once the Worker has closed itself. */
  closed: Promise<void>;
  private markClosed!: () => void;

  static async start(page: Page, script = '/server.js'): Promise<WorkerClient> {
    const client = new WorkerClient(page);
    page.on('pageerror', (e) => client.errors.push(String(e)));
    await page.exposeFunction('__fromWorker', (m: unknown) => client.receive(m as Message));
    await page.exposeFunction('__workerError', (m: string) => client.errors.push(m));
    await page.goto(`${base}/`);
    await page.evaluate((url) => {
      window.__worker = new Worker(url);
      window.__worker.onmessage = (e) => window.__fromWorker(e.data);
      window.__worker.onerror = (e: { message?: string }) => window.__workerError(String(e.message ?? e));
    }, script);
    return client;
  }

  private post(message: object): Promise<void> {
    return this.page.evaluate((m) => window.__worker.postMessage(m), { jsonrpc: '2.0', ...message });
  }

  request<T>(method: string, params: unknown): Promise<T> {
    const id = this.nextId++;
    const answer = new Promise<T>((resolve, reject) =>
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject }),
    );
    void this.post({ id, method, params });
    return answer;
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.post({ method, params });
  }

  onNotification(listener: (method: string, params: unknown) => void): void {
    this.listeners.push(listener);
  }

  /** Resolves with the first notification of `method` whose params satisfy `accept` (past ones too). */
  next<T>(method: string, accept: (p: T) => boolean = () => true, ms = 20_000): Promise<T> {
    const seen = this.notifications.find((n) => n.method === method && accept(n.params as T));
    if (seen) return Promise.resolve(seen.params as T);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${method} within ${ms} ms`)), ms);
      this.listeners.push((m, p) => {
        if (m === method && accept(p as T)) {
          clearTimeout(timer);
          resolve(p as T);
        }
      });
    });
  }

  private receive(m: Message): void {
    if ('closed' in m) this.markClosed();
    else if (m.method === undefined) {
      const waiting = this.pending.get(m.id as number);
      this.pending.delete(m.id as number);
      if (m.error) waiting?.reject(new Error(`${m.error.code}: ${m.error.message}`));
      else waiting?.resolve(m.result);
    } else if (m.id !== undefined) {
      this.asked.push(m.method);
      const result = this.answer(m.method, m.params);
      void this.post({ id: m.id, result });
    } else {
      this.notifications.push({ method: m.method, params: m.params });
      for (const l of this.listeners) l(m.method, m.params);
    }
  }

  /** What the web extension answers (client/src/fileRequests.ts), from examples/ on disk. */
  private answer(method: string, params: unknown): unknown {
    const { uri, items } = (params ?? {}) as { uri?: string; items?: unknown[] };
    const file = uri === undefined ? undefined : onDisk(uri);
    const missing = { error: 'ENOENT', message: `${uri} not found` };
    switch (method) {
      case 'workspace/configuration':
        return (items ?? []).map(() => CONFIGURATION);
      case FS_STAT_REQUEST: {
        const s = file ? statSync(file, { throwIfNoEntry: false }) : undefined;
        if (!s) return missing;
        return { type: s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other', size: s.size, symlink: false };
      }
      case FS_READ_REQUEST:
        return file && statSync(file, { throwIfNoEntry: false })?.isFile()
          ? { base64: readFileSync(file).toString('base64') }
          : missing;
      case FS_FIND_REQUEST:
        return file ? { uris: okrFilesUnder(file) } : missing;
      default: // client/registerCapability, window/workDoneProgress/create
        return null;
    }
  }
}

type Message = {
  closed?: string;
  id?: number | string;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
};

/** Every file's last published diagnostics, keyed by the file's path under examples/. */
function latestByFile(published: readonly PublishDiagnosticsParams[], root: string): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>();
  for (const p of published) out.set(decodeURIComponent(p.uri.slice(root.length + 1)), p.diagnostics);
  return new Map([...out].sort(([a], [b]) => a.localeCompare(b)));
}

const brief = (d: Diagnostic) =>
  `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;

/** Starts the worker server on examples/ and waits until its first scan and check are done. */
async function startWorker(script?: string): Promise<WorkerClient> {
  const page = await browser.context.newPage();
  const client = await WorkerClient.start(page, script);
  const init = await client.request<{ capabilities: Record<string, unknown>; serverInfo: { name: string } }>(
    'initialize',
    {
      processId: null,
      rootUri: ROOT_URI,
      workspaceFolders: [{ uri: ROOT_URI, name: 'examples' }],
      capabilities: { workspace: { configuration: true }, window: { workDoneProgress: true } },
    },
  );
  assert.equal(init.serverInfo.name, 'okr-lens');
  assert.ok(init.capabilities.completionProvider && init.capabilities.codeActionProvider);
  await client.notify('initialized', {});
  await client.next<{ value: { kind: string } }>('$/progress', (p) => p.value.kind === 'end');
  return client;
}

test('the browser server in a Worker publishes exactly the Node server’s diagnostics for the examples', async () => {
  const worker = await startWorker();
  const fromWorker = worker.notifications
    .filter((n) => n.method === 'textDocument/publishDiagnostics')
    .map((n) => n.params as PublishDiagnosticsParams);

  const nodePublished: PublishDiagnosticsParams[] = [];
  let indexed!: () => void;
  const done = new Promise<void>((resolve) => (indexed = resolve));
  const node = await startServer(undefined, CONFIGURATION, FILE_ROOT, (kind) => kind === 'end' && indexed());
  node.onDiagnostics((p) => nodePublished.push(p));
  try {
    await done;
    const expected = latestByFile(nodePublished, FILE_ROOT);
    const actual = latestByFile(fromWorker, ROOT_URI);
    // Every example was found through okr/fs/findOkrFiles and read through okr/fs/readFile.
    assert.deepEqual([...actual.keys()], [...expected.keys()]);
    assert.ok(expected.size >= 4, `examples checked: ${[...expected.keys()].join(', ')}`);
    assert.ok(worker.asked.includes(FS_FIND_REQUEST) && worker.asked.includes(FS_READ_REQUEST), worker.asked.join());
    for (const [file, diagnostics] of expected) {
      // Messages, ranges, codes, severities and data: all the same (a URI in `data` is the file's own).
      const rebased = JSON.parse(JSON.stringify(diagnostics).split(FILE_ROOT).join(ROOT_URI));
      // (A structured clone keeps a property set to undefined, which JSON drops: compare as JSON.)
      assert.deepEqual(JSON.parse(JSON.stringify(actual.get(file))), rebased, file);
    }
    assert.ok(
      [...expected.values()].some((ds) => ds.some((d) => d.code === 'vague-objective')),
      'the language rules ran',
    );
    assert.deepEqual(worker.errors, []);
  } finally {
    await node.stop();
  }
});

test('in the Worker: an open document gets exact ranges, completion, and a quick-fix that edits only `titel`', async () => {
  const worker = await startWorker();
  const uri = `${ROOT_URI}/mistakes.okr.yaml`;
  const text = readFileSync(path.join(EXAMPLES, 'mistakes.okr.yaml'), 'utf8');
  const published = worker.next<PublishDiagnosticsParams>(
    'textDocument/publishDiagnostics',
    (p) => p.uri === uri && (p as { version?: number }).version === 1,
  );
  await worker.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'okr', version: 1, text } });
  const { diagnostics } = await published;
  const shown = diagnostics.map(brief);
  // examples/mistakes.okr.yaml, 0-based (the e2e suite and `okr lint --format json examples` agree).
  for (const d of [
    'schema 33:8-33:13', // `titel:` in IT-2.1
    'schema 30:8-30:10', // IT-2.1 has no `title`
    'schema 45:18-45:24', // baseline: thirty
    'duplicate-id 56:8-56:12', // the second `id: IT-2`
    'confidence-range 51:20-51:23', // confidence: 1.5
    'vague-objective 10:11-10:27', // title: Improve security
  ])
    assert.ok(shown.includes(d), `${d} in ${shown.join(', ')}`);

  // Completion of `aligns_to: ` in security.okr.yaml offers the workspace's objectives: company.okr.yaml's
  // (never opened: read through okr/fs/*) among them.
  const security = `${ROOT_URI}/security.okr.yaml`;
  const securityText = readFileSync(path.join(EXAMPLES, 'security.okr.yaml'), 'utf8');
  const lines = securityText.split('\n');
  const at = lines.findIndex((l) => /^\s+aligns_to: /.test(l));
  assert.ok(at >= 0, 'an aligns_to line in security.okr.yaml');
  await worker.notify('textDocument/didOpen', {
    textDocument: { uri: security, languageId: 'okr', version: 1, text: securityText },
  });
  const character = lines[at].indexOf('aligns_to: ') + 'aligns_to: '.length;
  const list = await worker.request<{ items: { label: string }[] } | { label: string }[]>('textDocument/completion', {
    textDocument: { uri: security },
    position: { line: at, character },
  });
  const labels = (Array.isArray(list) ? list : list.items).map((i) => i.label);
  for (const id of ['CO-1', 'CO-2', 'APPSEC-1']) assert.ok(labels.includes(id), `${id} in ${labels.join(', ')}`);

  // The quick-fix for `titel`, resolved: one edit, on those five characters.
  const titel = diagnostics.find((d) => brief(d) === 'schema 33:8-33:13')!;
  const actions = await worker.request<{ title: string; edit?: unknown; data?: unknown }[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: titel.range,
    context: { diagnostics: [titel], only: ['quickfix'] },
  });
  const fix = actions.find((a) => a.title === 'Rename `titel` to `title`');
  assert.ok(fix, actions.map((a) => a.title).join(' | '));
  const resolved = fix.edit ? fix : await worker.request<typeof fix>('codeAction/resolve', fix);
  const edit = resolved.edit as { changes?: Record<string, unknown[]>; documentChanges?: unknown[] };
  const edits = edit.changes?.[uri] ?? (edit.documentChanges as { edits: unknown[] }[] | undefined)?.[0]?.edits;
  assert.deepEqual(edits, [{ range: titel.range, newText: 'title' }]);
  assert.deepEqual(worker.errors, []);
});

test('in the Worker: `shutdown` then `exit` closes the Worker, as `exit` ends the Node server', async () => {
  const worker = await startWorker('/closing.js');
  assert.equal(await worker.request('shutdown', null), null);
  await worker.notify('exit', null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    worker.closed,
    new Promise(
      (_, reject) => (timer = setTimeout(() => reject(new Error('the Worker did not close in 20 s')), 20_000)),
    ),
  ]).finally(() => clearTimeout(timer));
  assert.deepEqual(worker.errors, []);
});
