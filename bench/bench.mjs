// `npm run bench`: okr-lens's server against yaml-language-server (same schema, same files), over stdio,
// interleaved in one run. Prints medians (min–max) and ratios; writes out/bench-report.json.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { generate } from './gen.mjs';
import { parseDocument } from 'yaml';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCHEMA = path.join(ROOT, 'schemas', 'okr.schema.json');
const SIZES = (process.env.OKR_BENCH_SIZES ?? '10,100,1000,5000').split(',').filter(Boolean).map(Number);
const REPS = Number(process.env.OKR_BENCH_REPS ?? 7);

class Server {
  constructor(name, command, args) {
    this.name = name;
    this.command = command;
    this.args = args;
  }

  async start(rootUri = null) {
    // OKR_BENCH_NODE_ARGS (e.g. --cpu-prof) applies to okr-lens's server only: for profiling.
    const extra =
      this.name === 'okr-lens' && process.env.OKR_BENCH_NODE_ARGS ? process.env.OKR_BENCH_NODE_ARGS.split(' ') : [];
    this.child = spawn(process.execPath, [...extra, this.command, ...this.args], { stdio: 'pipe' });
    this.child.stderr.on('data', (d) => process.env.OKR_BENCH_STDERR && process.stderr.write(d));
    this.connection = createProtocolConnection(
      new StreamMessageReader(this.child.stdout),
      new StreamMessageWriter(this.child.stdin),
    );
    this.waiters = [];
    this.connection.onNotification('textDocument/publishDiagnostics', (p) => {
      this.onPublish?.(p);
      for (const w of [...this.waiters]) {
        if (w.uri !== p.uri || !w.accept(p)) continue;
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(p);
      }
    });
    this.connection.onNotification('$/progress', (p) => {
      if (p.value?.kind === 'end') this.progressEnd?.();
    });
    this.connection.onRequest('workspace/configuration', (p) =>
      p.items.map((i) =>
        i.section === 'yaml'
          ? {
              validate: true,
              hover: true,
              completion: true,
              schemaStore: { enable: false },
              schemas: { [pathToFileURL(SCHEMA).toString()]: '*.okr.yaml' },
            }
          : i.section === 'okr'
            ? {}
            : null,
      ),
    );
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.listen();
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'bench' }] : null,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } },
        window: { workDoneProgress: true },
        textDocument: { publishDiagnostics: {}, completion: { completionItem: { snippetSupport: true } }, hover: {} },
      },
    });
    await this.connection.sendNotification('initialized', {});
    // yaml-language-server reads its settings when told they changed.
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  }

  diagnostics(uri, accept = () => true) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name}: no diagnostics for ${uri}`)), 120_000);
      this.waiters.push({ uri, accept, resolve: (p) => (clearTimeout(timer), resolve(p)) });
    });
  }

  /** CPU time the server process has used so far, in clock ticks (utime + stime). */
  cpuTicks() {
    const fields = readFileSync(`/proc/${this.child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(fields[11]) + Number(fields[12]);
  }

  /**
   * Waits until the server has used (almost) no CPU for 300 ms (at most 60 s): a server still busy
   * with its last round (its GC, a debounced validation) would take a core from the one being measured.
   */
  async idle() {
    const until = now() + 60_000;
    let last = this.cpuTicks();
    let quiet = 0;
    while (quiet < 3 && now() < until) {
      await new Promise((r) => setTimeout(r, 100));
      const ticks = this.cpuTicks();
      quiet = ticks - last <= 1 ? quiet + 1 : 0;
      last = ticks;
    }
  }

  /** Peak resident memory of the server process (VmHWM), in MB. */
  peakRss() {
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+)/.exec(status)[1]) / 1024;
  }

  async stop() {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // Already gone: kill below.
    }
    this.child.kill();
    this.connection.dispose();
  }
}

const servers = () => [
  new Server('okr-lens', path.join(ROOT, 'dist', 'server.js'), ['--stdio']),
  new Server(
    'yaml-language-server',
    path.join(ROOT, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'),
    ['--stdio'],
  ),
];

const now = () => performance.now();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const stat = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length });

async function measureFile(server, n, dir) {
  const text = generate(n);
  const lines = text.split('\n');
  const r = { cold: [], edit: [], enter: [], completion: [], hover: [] };
  for (let rep = 0; rep < Math.max(3, Math.floor(REPS / 2)); rep++) {
    const uri = pathToFileURL(path.join(dir, `cold-${n}-${rep}.okr.yaml`)).toString();
    const first = server.diagnostics(uri);
    const t = now();
    await server.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version: 1, text },
    });
    await first;
    r.cold.push(now() - t);
    await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }
  const uri = pathToFileURL(path.join(dir, `edit-${n}.okr.yaml`)).toString();
  const opened = server.diagnostics(uri);
  await server.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'yaml', version: 1, text },
  });
  await opened;
  // One-line edits in the middle of the file: a title changes.
  const mid = lines.findIndex((l, i) => i >= lines.length / 2 && l.startsWith('    title: '));
  // The first WARMUP edits are not measured (both servers warm their JIT on them alike).
  const WARMUP = 3;
  for (let rep = 0; rep < REPS + WARMUP; rep++) {
    const version = rep + 2;
    const published = server.diagnostics(uri, (p) => p.version === undefined || p.version === version);
    const t = now();
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [
        { range: { start: { line: mid, character: 11 }, end: { line: mid, character: 11 } }, text: 'x' },
      ],
    });
    await published;
    if (rep >= WARMUP) r.edit.push(now() - t);
  }
  const typeLine = lines.findIndex((l, i) => i >= mid && l.startsWith('    type: '));
  for (let rep = 0; rep < REPS; rep++) {
    let t = now();
    await server.connection.sendRequest('textDocument/completion', {
      textDocument: { uri },
      position: { line: typeLine, character: 10 },
    });
    r.completion.push(now() - t);
    t = now();
    await server.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: typeLine, character: 6 },
    });
    r.hover.push(now() - t);
  }
  // Enter at the end of that title (last: the lines move): a new line, so everything after it moves down.
  for (let rep = 0; rep < REPS + WARMUP; rep++) {
    const version = REPS + WARMUP + rep + 2;
    const end = lines[mid].length + REPS + WARMUP; // the title, with the edits' x's
    const published = server.diagnostics(uri, (p) => p.version === undefined || p.version === version);
    const t = now();
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [
        { range: { start: { line: mid, character: end }, end: { line: mid, character: end } }, text: '\n' },
      ],
    });
    await published;
    if (rep >= WARMUP) r.enter.push(now() - t);
  }
  // Closed, so the next round measures one file again (not two copies whose every id is a duplicate).
  await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  return r;
}

/** The floor for indexing: the `yaml` package reading and parsing the same files, in this process. */
function yamlFloor(ws, count) {
  const t = now();
  for (let f = 0; f < count; f++) parseDocument(readFileSync(path.join(ws, `team-${f}.okr.yaml`), 'utf8'));
  return now() - t;
}

async function workspaceBench(dir, count) {
  // `count` files of 5 objectives, each file's objectives aligned to an objective of file 0.
  const ws = path.join(dir, `ws-${count}`);
  mkdirSync(ws, { recursive: true });
  const generated = now();
  for (let f = 0; f < count; f++) {
    let text = generate(5, `F${f}`);
    if (f > 0) text = text.replace(/(\n {4}type: aspirational\n)/g, `\n    aligns_to: F0-${f % 5}$1`);
    writeFileSync(path.join(ws, `team-${f}.okr.yaml`), text);
  }
  const generation = now() - generated;
  const server = servers()[0];
  const uriOf = (f) => pathToFileURL(path.join(ws, `team-${f}.okr.yaml`)).toString();
  // Every file checked: the indexing progress ends once the first workspace pass has checked them all.
  const done = new Promise((r) => (server.progressEnd = r));
  // Every parent exists: any cross-file problem published before the edits below is a false one.
  let falsePublishes = 0;
  server.onPublish = (p) => {
    if (p.diagnostics.some((d) => /^(?:unknown-|alignment-cycle|duplicate-id)/.test(d.code))) falsePublishes++;
  };
  const t = now();
  await server.start(pathToFileURL(ws).toString());
  // A file opened at once, as an editor restoring its tabs does: its diagnostics must come in full.
  const childUri = uriOf(1);
  const childText = readFileSync(path.join(ws, 'team-1.okr.yaml'), 'utf8');
  const childShown = server.diagnostics(childUri);
  await server.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri: childUri, languageId: 'okr', version: 1, text: childText },
  });
  await Promise.all([done, childShown]);
  const indexing = now() - t;
  server.onPublish = undefined;
  // Rename F0-1 in the editor: every file aligned to it (one in five) gets unknown-parent, then loses it.
  const parentUri = uriOf(0);
  const parentText = readFileSync(path.join(ws, 'team-0.okr.yaml'), 'utf8');
  const opened = server.diagnostics(parentUri);
  await server.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri: parentUri, languageId: 'okr', version: 1, text: parentText },
  });
  await opened;
  const affected = [];
  for (let f = 1; f < count; f++) if (f % 5 === 1) affected.push(uriOf(f));
  const crossFile = [];
  const reps = count > 2000 ? 5 : REPS;
  for (let rep = 0; rep < reps; rep++) {
    const broken = rep % 2 === 0;
    const all = Promise.all(
      affected.map((uri) =>
        server.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'unknown-parent') === broken),
      ),
    );
    const t0 = now();
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: parentUri, version: rep + 2 },
      contentChanges: [{ text: broken ? parentText.replace('id: F0-1\n', 'id: F0-1x\n') : parentText }],
    });
    await all;
    crossFile.push(now() - t0);
  }
  const rss = server.peakRss();
  await server.stop();
  const floor = yamlFloor(ws, count);
  return {
    files: count,
    generation,
    indexing,
    floor,
    falsePublishes,
    crossFile: stat(crossFile),
    affected: affected.length,
    rss,
  };
}

const fmt = (s) => `${s.median.toFixed(1)} (${s.min.toFixed(1)}–${s.max.toFixed(1)})`;

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), 'okr-bench-'));
  const report = { date: new Date().toISOString(), node: process.version, sizes: {}, workspaces: undefined };
  try {
    for (const n of SIZES) {
      const [ours, peer] = servers();
      await Promise.all([ours.start(), peer.start()]);
      const results = {
        ours: { cold: [], edit: [], enter: [], completion: [], hover: [] },
        peer: { cold: [], edit: [], enter: [], completion: [], hover: [] },
      };
      // Interleaved: one round of each server at a time, so the noisy machine hits both alike.
      for (let round = 0; round < 2; round++) {
        for (const [key, server] of [
          ['ours', ours],
          ['peer', peer],
        ]) {
          await Promise.all([ours.idle(), peer.idle()]);
          const r = await measureFile(server, n, path.join(dir, `${key}-${round}`));
          for (const k of Object.keys(r)) results[key][k].push(...r[k]);
        }
      }
      // The baseline for cold opens: the `yaml` package's own parse of the same text (warm, in this process).
      const text = generate(n);
      const yamlParse = [];
      for (let i = 0; i < 3; i++) {
        const t = now();
        parseDocument(text);
        yamlParse.push(now() - t);
      }
      report.sizes[n] = {
        bytes: text.length,
        yamlParse: stat(yamlParse),
        ours: Object.fromEntries(Object.entries(results.ours).map(([k, v]) => [k, stat(v)])),
        peer: Object.fromEntries(Object.entries(results.peer).map(([k, v]) => [k, stat(v)])),
        rss: { ours: ours.peakRss(), peer: peer.peakRss() },
      };
      await Promise.all([ours.stop(), peer.stop()]);
      const s = report.sizes[n];
      console.log(
        `\n${n} objectives (${(s.bytes / 1e6).toFixed(2)} MB)          okr-lens ms            yaml-language-server ms   ratio`,
      );
      for (const k of ['cold', 'edit', 'enter', 'completion', 'hover']) {
        console.log(
          `  ${k.padEnd(12)} ${fmt(s.ours[k]).padEnd(24)} ${fmt(s.peer[k]).padEnd(24)} ${(s.peer[k].median / s.ours[k].median).toFixed(1)}x`,
        );
      }
      console.log(
        `  ${'yaml parse'.padEnd(12)} ${fmt(s.yamlParse).padEnd(24)} ${''.padEnd(24)} cold ÷ yaml parse: ${(s.ours.cold.median / s.yamlParse.median).toFixed(2)}`,
      );
      console.log(
        `  ${'peak RSS'.padEnd(12)} ${`${s.rss.ours.toFixed(0)} MB`.padEnd(24)} ${`${s.rss.peer.toFixed(0)} MB`.padEnd(24)} ${(s.rss.peer / s.rss.ours).toFixed(1)}x`,
      );
    }
    if (!process.env.OKR_BENCH_SKIP_WORKSPACE) {
      report.workspaces = [];
      for (const count of (process.env.OKR_BENCH_WORKSPACES ?? '1000,10000').split(',').filter(Boolean).map(Number)) {
        const w = await workspaceBench(dir, count);
        report.workspaces.push(w);
        console.log(
          `\nworkspace of ${count.toLocaleString('en')} files (5 objectives each, generated in ${(w.generation / 1000).toFixed(1)} s):` +
            `\n  start → every file's diagnostics (and the file opened first): ${(w.indexing / 1000).toFixed(2)} s; ` +
            `yaml reading and parsing them: ${(w.floor / 1000).toFixed(2)} s; ratio ${(w.indexing / w.floor).toFixed(2)}` +
            `\n  false cross-file publishes while indexing: ${w.falsePublishes}` +
            `\n  aligns_to edit → all ${w.affected} affected files' diagnostics: ${fmt(w.crossFile)} ms` +
            `\n  peak RSS ${w.rss.toFixed(0)} MB`,
        );
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(path.join(ROOT, 'out'), { recursive: true });
  writeFileSync(path.join(ROOT, 'out', 'bench-report.json'), JSON.stringify(report, null, 2));
  console.log('\nwrote out/bench-report.json');
}

await main();
