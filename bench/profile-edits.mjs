// Profiles 28 one-line edits on a 1,000-objective file: node esbuild.mjs --dev && node bench/profile-edits.mjs
// writes a .cpuprofile to out/prof (open it in Chrome DevTools) and prints each edit-to-diagnostics time.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
const { generate } = await import('./gen.mjs');
const child = spawn(
  process.execPath,
  ['--cpu-prof', '--cpu-prof-dir=/work/main/out/prof', '/work/main/dist/server.js', '--stdio'],
  { stdio: 'pipe' },
);
const c = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
let waiter;
c.onNotification('textDocument/publishDiagnostics', (p) => waiter?.(p));
c.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
c.listen();
await c.sendRequest('initialize', {
  processId: null,
  rootUri: null,
  capabilities: { workspace: { configuration: true } },
});
await c.sendNotification('initialized', {});
const text = generate(1000);
const lines = text.split('\n');
const mid = lines.findIndex((l, i) => i >= lines.length / 2 && l.startsWith('    title: '));
// As the benchmark does: three cold opens of the same text first (OKR_PROFILE_COLD=3).
for (let i = 0; i < Number(process.env.OKR_PROFILE_COLD ?? 0); i++) {
  const cold = `file:///tmp/cold-${i}.okr.yaml`;
  const opened = new Promise((r) => (waiter = (x) => x.uri === cold && r(x)));
  await c.sendNotification('textDocument/didOpen', {
    textDocument: { uri: cold, languageId: 'yaml', version: 1, text },
  });
  await opened;
  await c.sendNotification('textDocument/didClose', { textDocument: { uri: cold } });
}
const uri = 'file:///tmp/p.okr.yaml';
let p = new Promise((r) => (waiter = r));
await c.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'okr', version: 1, text } });
await p;
const times = [];
for (let v = 2; v < 30; v++) {
  p = new Promise((r) => (waiter = (x) => x.version === v && r(x)));
  const t = performance.now();
  await c.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: v },
    contentChanges: [{ range: { start: { line: mid, character: 11 }, end: { line: mid, character: 11 } }, text: 'x' }],
  });
  await p;
  times.push(performance.now() - t);
}
console.log(times.map((t) => t.toFixed(0)).join(' '));
await c.sendRequest('shutdown');
await c.sendNotification('exit');
await new Promise((r) => child.on('exit', r));
