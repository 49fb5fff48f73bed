/**
 * Fuzzes the real server over stdio: mutated OKR files opened and edited (incremental edits at random
 * ranges, some past the end), with requests in between. Asserts that the process never exits, that every
 * request is answered, each within RESPONSE_LIMIT_MS, that every published diagnostic lies inside the
 * document as this test knows it, and that the last version of every document gets its diagnostics.
 *
 *   OKR_FUZZ_SECONDS=45      how long to run (default 45; `npm run fuzz`: 600)
 *   OKR_FUZZ_SEED=123        replay a run (the seed is printed at the start and in the figures)
 *   OKR_FUZZ_DUMP=out/dump   write every version of every document there
 *
 * A failure writes the document and the last actions to out/fuzz/.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { allCodes } from '../../server/src/service/rules';
import { ALIGNMENT_TREE_REQUEST } from '../../shared/protocol';
import { editText, loadSeeds, mutatedFile, type Seeds } from '../fuzz/mutate';
import { Prng } from '../fuzz/prng';
import { TextModel } from '../fuzz/textModel';
import { startServer } from './client';

const SECONDS = Number(process.env.OKR_FUZZ_SECONDS ?? (process.env.npm_lifecycle_event === 'fuzz' ? 600 : 45));
const SEED = process.env.OKR_FUZZ_SEED ? Number(process.env.OKR_FUZZ_SEED) >>> 0 : randomInt(0, 2 ** 32);
/** Every response must arrive within this. */
const RESPONSE_LIMIT_MS = 1_000;
/** A request with no response after this is reported as never answered. */
const NO_RESPONSE_MS = 15_000;
/** The diagnostics of a document's last version must arrive within this. */
const DIAGNOSTICS_LIMIT_MS = 20_000;
const OUT = path.join(__dirname, '..', '..', 'out', 'fuzz');
/** OKR_FUZZ_DUMP=folder writes every version of every document there (to replay one input by hand). */
const DUMP = process.env.OKR_FUZZ_DUMP;

interface Doc {
  readonly uri: string;
  /** The text on disk, for files of the workspace folder. */
  readonly disk?: string;
  readonly config: boolean;
  model: TextModel;
  version: number;
  open: boolean;
  /** Text by version, the last few, to check diagnostics published for a version. */
  readonly versions: Map<number, string>;
  /** The text the editor had when it was closed (a workspace pass may still publish for it). */
  closedText?: string;
  published: Diagnostic[];
  publishedVersion: number;
}

interface Figures {
  inputs: number;
  requests: number;
  responses: number;
  errorResponses: Record<string, number>;
  crashes: number;
  slowest: { ms: number; method: string };
  slowestDiagnostics: number;
  publishes: number;
  diagnosticsChecked: number;
}

test(`fuzz the server over stdio for ${SECONDS} s (seed ${SEED})`, { timeout: (SECONDS + 120) * 1000 }, async () => {
  console.log(`fuzz: seed ${SEED} (replay with OKR_FUZZ_SEED=${SEED}), ${SECONDS} s`);
  const r = new Prng(SEED);
  const seeds = loadSeeds();
  const root = mkdtempSync(path.join(tmpdir(), 'okr-fuzz-'));
  cpSync(path.join(__dirname, '..', '..', 'examples'), root, { recursive: true });
  const server = await startServer(undefined, {}, pathToFileURL(root).toString());

  const figures: Figures = {
    inputs: 0,
    requests: 0,
    responses: 0,
    errorResponses: {},
    crashes: 0,
    slowest: { ms: 0, method: '' },
    slowestDiagnostics: 0,
    publishes: 0,
    diagnosticsChecked: 0,
  };
  const problems: string[] = [];
  const trail: string[] = [];
  const act = (s: string) => {
    trail.push(s.length > 300 ? s.slice(0, 300) + '…' : s);
    if (trail.length > 40) trail.shift();
  };
  let exited: string | undefined;
  let stopping = false;
  server.process.once('exit', (code, signal) => {
    if (stopping) return;
    exited = `the server exited (code ${code}, signal ${signal})`;
    figures.crashes++;
  });
  const logged: string[] = [];
  server.connection.onNotification('window/logMessage', (m: { message: string }) => {
    if (/failed|uncaught|unhandled/i.test(m.message)) logged.push(m.message);
  });

  // The documents: four new files, the workspace's own files (on disk) and its okr.config.yaml.
  const docs: Doc[] = [];
  const addDoc = (file: string, disk?: string) =>
    docs.push({
      uri: pathToFileURL(file).toString(),
      disk,
      config: path.basename(file) === 'okr.config.yaml',
      model: new TextModel(''),
      version: 0,
      open: false,
      versions: new Map(),
      published: [],
      publishedVersion: 0,
    });
  for (let i = 0; i < 4; i++) addDoc(path.join(root, 'fuzz', `f${i}.okr.yaml`));
  for (const f of readdirSync(root).sort())
    if (f.endsWith('.yaml')) addDoc(path.join(root, f), readFileSync(path.join(root, f), 'utf8'));
  const byUri = new Map(docs.map((d) => [d.uri, d]));

  let failed: string | undefined;
  const fail = (message: string, doc?: Doc, text?: string) => {
    problems.push(message);
    if (!failed) {
      failed = message;
      mkdirSync(OUT, { recursive: true });
      const base = path.join(OUT, `seed-${SEED}`);
      if (doc) writeFileSync(`${base}.okr.yaml`, text ?? doc.model.text);
      writeFileSync(`${base}.trail.txt`, [`seed ${SEED}`, message, '', ...trail].join('\n'));
    }
  };

  const seenOnce = new Set<string>();
  server.onDiagnostics((p) => {
    figures.publishes++;
    seenOnce.add(p.uri);
    const doc = byUri.get(p.uri);
    if (!doc) return;
    let candidates: string[];
    if (p.version !== undefined && p.version !== null) {
      const text = doc.versions.get(p.version);
      if (text === undefined) return; // an old version no longer kept
      candidates = [text];
      if (p.version >= doc.publishedVersion) {
        doc.publishedVersion = p.version;
        doc.published = p.diagnostics;
      }
    } else {
      // Published for a closed document: its text on disk, or what the editor last had.
      candidates = [doc.disk, doc.closedText].filter((x): x is string => x !== undefined);
      if (candidates.length === 0 && p.diagnostics.length > 0) {
        fail(`${p.diagnostics.length} diagnostics for ${p.uri}, which has no text`);
        return;
      }
    }
    const models = candidates.map((text) => new TextModel(text));
    for (const d of p.diagnostics) {
      figures.diagnosticsChecked++;
      const reasons = models.map((m) => m.outside(d.range));
      if (reasons.every((x) => x !== undefined)) {
        fail(
          `diagnostic ${String(d.code)} "${String(d.message).slice(0, 80)}" of ${p.uri} version ${p.version} ` +
            `lies outside the document: ${reasons[0]}`,
          doc,
          candidates[0],
        );
      }
    }
  });

  /**
   * Sends a notification. Its write completes only once the server reads it, so a server that is busy
   * (not reading its input) shows here: that wait counts like a response time.
   */
  const notify = async (doc: Doc, method: string, params: unknown) => {
    const started = performance.now();
    await server.connection.sendNotification(method, params);
    const ms = performance.now() - started;
    if (ms > figures.slowest.ms) figures.slowest = { ms, method };
    if (ms > RESPONSE_LIMIT_MS) fail(`the server did not read ${method} for ${Math.round(ms)} ms`, doc);
  };

  const remember = (doc: Doc) => {
    if (DUMP) {
      mkdirSync(DUMP, { recursive: true });
      writeFileSync(path.join(DUMP, `${path.basename(doc.uri)}.v${doc.version}`), doc.model.text);
    }
    doc.versions.set(doc.version, doc.model.text);
    doc.versions.delete(doc.version - 64);
    figures.inputs++;
  };

  const open = async (doc: Doc, text: string) => {
    doc.version++;
    doc.model = new TextModel(text);
    doc.open = true;
    remember(doc);
    act(`didOpen ${doc.uri} v${doc.version} (${text.length} chars)`);
    await notify(doc, 'textDocument/didOpen', {
      textDocument: { uri: doc.uri, languageId: doc.config ? 'yaml' : 'okr', version: doc.version, text },
    });
  };

  const close = async (doc: Doc) => {
    doc.open = false;
    doc.closedText = doc.model.text;
    act(`didClose ${doc.uri}`);
    await notify(doc, 'textDocument/didClose', { textDocument: { uri: doc.uri } });
  };

  const change = async (doc: Doc, changes: TextDocumentContentChangeEvent[]) => {
    doc.version++;
    doc.model.apply(changes);
    remember(doc);
    act(`didChange ${doc.uri} v${doc.version} ${JSON.stringify(changes).slice(0, 500)}`);
    await notify(doc, 'textDocument/didChange', {
      textDocument: { uri: doc.uri, version: doc.version },
      contentChanges: changes,
    });
  };

  /** A position inside the document mostly; sometimes past its last line or the end of a line. */
  const position = (doc: Doc): Position => {
    const m = doc.model;
    if (r.chance(0.8)) {
      const line = r.int(0, m.lineCount - 1);
      return { line, character: r.int(0, m.lineLength(line) + 1) };
    }
    return { line: r.int(0, m.lineCount + 100), character: r.int(0, r.chance(0.5) ? 80 : 100_000) };
  };

  const range = (doc: Doc): Range => {
    const start = position(doc);
    const end = r.chance(0.7)
      ? { line: start.line + r.skewed(4), character: r.int(0, 120) }
      : r.chance(0.5)
        ? { ...start }
        : position(doc);
    // Now and then the wrong way round (the document library swaps such a range; so does the test).
    return r.chance(0.05) ? { start: end, end: start } : { start, end };
  };

  const changes = (doc: Doc, s: Seeds): TextDocumentContentChangeEvent[] => {
    if (r.chance(0.05)) return [{ text: mutatedFile(r, s).text }];
    const out: TextDocumentContentChangeEvent[] = [];
    for (let n = r.int(1, 3); n > 0; n--) out.push({ range: range(doc), text: editText(r, s) });
    return out;
  };

  const CODES = allCodes().map((c) => c.id);
  const DATA: unknown[] = [
    undefined,
    null,
    {},
    'text',
    [1, 2],
    { key: 'titel', suggestion: 'title' },
    { suggestion: 'CO-2' },
    { suggestion: 3 },
    { suggestion: '' },
    { missing: 'owner' },
    { missing: '../../x' },
    { id: 'alice' },
    { id: '../../etc/passwd' },
    { keyResult: 0, baseline: 60, target: 21, unit: 'days' },
    { keyResult: 99, baseline: 'x', target: null },
    { keyResult: -1 },
  ];
  const diagnosticsFor = (doc: Doc): Diagnostic[] => {
    const synthetic: Diagnostic[] = [];
    for (let n = r.int(0, 3); n > 0; n--)
      synthetic.push({ range: range(doc), message: 'x', source: 'okr', code: r.pick(CODES), data: r.pick(DATA) });
    const usePublished = r.chance(0.6);
    const pick = r.next();
    if (usePublished && doc.published.length > 0)
      return [doc.published[Math.floor(pick * doc.published.length)], ...synthetic.slice(0, 1)];
    return synthetic;
  };

  const NAMES = ['NEW-1', 'CO-9', '', ' ', '../x', 'a b', '😀', 'x'.repeat(1000), 'SEC-1'];

  /** One request of a random kind, with its (deterministic) parameters. */
  const requestFor = (doc: Doc): { method: string; params: unknown } => {
    const textDocument = { uri: doc.uri };
    const kind = r.int(0, 11);
    switch (kind) {
      case 0:
        return { method: 'textDocument/hover', params: { textDocument, position: position(doc) } };
      case 1:
        return {
          method: 'textDocument/completion',
          params: {
            textDocument,
            position: position(doc),
            context: r.chance(0.5) ? { triggerKind: 1 } : { triggerKind: 2, triggerCharacter: r.pick([' ', ':', '-']) },
          },
        };
      case 2:
        return { method: 'textDocument/documentSymbol', params: { textDocument } };
      case 3: {
        const only = r.pick([undefined, ['quickfix'], ['source.fixAll.okr'], ['source'], ['source.fixAll']]);
        return {
          method: 'textDocument/codeAction',
          params: { textDocument, range: range(doc), context: { diagnostics: diagnosticsFor(doc), only } },
        };
      }
      case 4:
        return { method: 'textDocument/definition', params: { textDocument, position: position(doc) } };
      case 5:
        return {
          method: 'textDocument/references',
          params: { textDocument, position: position(doc), context: { includeDeclaration: r.chance(0.5) } },
        };
      case 6:
        return { method: 'textDocument/prepareRename', params: { textDocument, position: position(doc) } };
      case 7:
        return { method: 'textDocument/codeLens', params: { textDocument } };
      case 8:
        return { method: ALIGNMENT_TREE_REQUEST, params: r.chance(0.7) ? { uri: doc.uri } : {} };
      case 9:
        return {
          method: 'textDocument/rename',
          params: { textDocument, position: position(doc), newName: r.pick(NAMES) },
        };
      case 10:
        return { method: 'workspace/symbol', params: { query: r.pick(['', 'SEC', 'x', '../', '*']) } };
      default:
        return { method: 'textDocument/hover', params: { textDocument, position: position(doc) } };
    }
  };

  /** Sends a request and checks that (and how fast) it is answered. */
  const send = async (doc: Doc, method: string, params: unknown): Promise<unknown> => {
    figures.requests++;
    act(`${method} ${JSON.stringify(params).slice(0, 300)}`);
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const never = new Promise<'none'>((resolve) => (timer = setTimeout(() => resolve('none'), NO_RESPONSE_MS)));
    const answer = server.connection.sendRequest(method, params).then(
      (result) => ({ ok: true as const, result }),
      (error: { code?: number; message?: string }) => ({ ok: false as const, error }),
    );
    const outcome = await Promise.race([answer, never]);
    clearTimeout(timer);
    const ms = performance.now() - started;
    if (outcome === 'none') {
      fail(`${method} got no response within ${NO_RESPONSE_MS} ms`, doc);
      return undefined;
    }
    figures.responses++;
    if (ms > figures.slowest.ms) figures.slowest = { ms, method };
    if (ms > RESPONSE_LIMIT_MS) fail(`${method} took ${Math.round(ms)} ms (limit ${RESPONSE_LIMIT_MS} ms)`, doc);
    if (!outcome.ok) {
      const code = String(outcome.error.code);
      figures.errorResponses[code] = (figures.errorResponses[code] ?? 0) + 1;
      // Rename may refuse (RequestFailed, with a reason); anything else is a handler that threw.
      const refusal = outcome.error.code === -32803 && /rename/i.test(method);
      if (!refusal) fail(`${method} answered error ${code}: ${outcome.error.message}`, doc);
      return undefined;
    }
    return outcome.result;
  };

  const request = async (doc: Doc) => {
    const { method, params } = requestFor(doc);
    const resolvePick = r.next();
    const result = await send(doc, method, params);
    if (method === 'textDocument/codeAction' && Array.isArray(result) && result.length > 0 && resolvePick < 0.5) {
      await send(doc, 'codeAction/resolve', result[Math.floor((resolvePick / 0.5) * result.length)]);
    }
  };

  /** Waits until the diagnostics of the document's current version have been published. */
  const settled = async (doc: Doc) => {
    const started = performance.now();
    const target = doc.version;
    while (doc.publishedVersion < target && !exited) {
      if (performance.now() - started > DIAGNOSTICS_LIMIT_MS) {
        fail(`no diagnostics for ${doc.uri} version ${target} within ${DIAGNOSTICS_LIMIT_MS} ms`, doc);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    figures.slowestDiagnostics = Math.max(figures.slowestDiagnostics, performance.now() - started);
  };

  // Startup is not under the 1 s bound: the first request waits for the workspace scan, and its answer
  // is written after the first workspace pass (which loads the schema and the NLP model). Measured and
  // printed, not asserted; the loop starts once the workspace's own files have their diagnostics.
  const coldStart = performance.now();
  await server.connection.sendRequest('workspace/symbol', { query: '' });
  const coldMs = performance.now() - coldStart;
  const diskDocs = docs.filter((d) => d.disk !== undefined && !d.config);
  while (diskDocs.some((d) => !seenOnce.has(d.uri)) && performance.now() - coldStart < DIAGNOSTICS_LIMIT_MS)
    await new Promise((resolve) => setTimeout(resolve, 5));

  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  let sessions = 0;
  let slowestSession = { ms: 0, what: '' };
  try {
    while (performance.now() < deadline && !failed && !exited) {
      sessions++;
      const sessionStart = performance.now();
      const doc = r.chance(0.05) ? docs.find((d) => d.config)! : r.pick(docs.filter((d) => !d.config));
      const input = doc.config
        ? { text: r.chance(0.5) ? seeds.config : editText(r, seeds), mutators: ['config'] }
        : mutatedFile(r, seeds);
      act(`session ${sessions}: ${input.mutators.join(', ') || 'unchanged seed'}`);
      if (!doc.open) await open(doc, input.text);
      else if (r.chance(0.3)) {
        await close(doc);
        await open(doc, input.text);
      } else await change(doc, [{ text: input.text }]);

      for (let steps = r.int(1, 12); steps > 0 && !failed && !exited; steps--) {
        const roll = r.next();
        if (roll < 0.45) await change(doc, changes(doc, seeds));
        else if (roll < 0.9) {
          const batch = r.int(1, 3);
          const docsFor = Array.from({ length: batch }, () => doc);
          await Promise.all(docsFor.map((d) => request(d)));
        } else await settled(doc);
      }
      await settled(doc);
      if (r.chance(0.3)) await close(doc);
      const sessionMs = performance.now() - sessionStart;
      if (sessionMs > slowestSession.ms) slowestSession = { ms: sessionMs, what: input.mutators.join(', ') };
    }
    const seconds = (performance.now() - started) / 1000;
    if (exited) fail(exited);
    const stderr = server.stderr();
    if (/uncaught|unhandled/i.test(stderr)) fail(`the server logged: ${stderr.slice(0, 2000)}`);
    for (const m of logged.slice(0, 3)) fail(`the server logged a failure: ${m.slice(0, 2000)}`);

    const summary = [
      `fuzz: seed ${SEED}, ${seconds.toFixed(1)} s, ${sessions} sessions` +
        ` (slowest ${(slowestSession.ms / 1000).toFixed(1)} s: ${slowestSession.what})`,
      `fuzz: inputs tried ${figures.inputs}, requests ${figures.requests}, responses ${figures.responses}` +
        ` (errors ${JSON.stringify(figures.errorResponses)}), crashes ${figures.crashes}`,
      `fuzz: slowest response ${figures.slowest.ms.toFixed(1)} ms (${figures.slowest.method}),` +
        ` slowest diagnostics ${figures.slowestDiagnostics.toFixed(1)} ms`,
      `fuzz: ${figures.publishes} diagnostics notifications, ${figures.diagnosticsChecked} ranges checked;` +
        ` first response after start ${coldMs.toFixed(0)} ms (not bounded)`,
    ];
    for (const line of summary) console.log(line);
  } finally {
    stopping = true;
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  }
  assert.deepEqual(problems, [], `replay with OKR_FUZZ_SEED=${SEED}; see out/fuzz/seed-${SEED}.*`);
  assert.equal(figures.crashes, 0);
  assert.equal(figures.responses, figures.requests);
});
