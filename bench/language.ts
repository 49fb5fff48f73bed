// `npm run bench` (first part): what the language analysis costs. Per sentence: what the rules pay for a
// sentence they have not read before (judge.ts readSentence: its features, the three models' scores and
// their reasons), for every training-corpus sentence, median of 5 warm passes. Per workspace: the share
// of the CPU time of checking every file of the benchmark's 1,000-file workspace (parse, schema, every rule, the workspace) that is spent in
// server/src/service/language/, from V8's CPU profiler; once with the benchmark's titles, once with real
// titles from the corpus (so that few titles repeat). Writes out/bench-language.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import * as path from 'node:path';
import { loadSet } from '../scripts/language/corpus';
import { defaultSettings, diagnosticsOf, parseOkr, Workspace } from '../server/src/service';
import { readSentence } from '../server/src/service/language/judge';
// @ts-expect-error: a plain ES module without types
import { generate } from './gen.mjs';

const FILES = 1000;

function workspaceTexts(realTitles: readonly string[] | undefined): string[] {
  const texts: string[] = [];
  let next = 0;
  for (let f = 0; f < FILES; f++) {
    let text: string = generate(5, `F${f}`);
    if (f > 0) text = text.replace(/(\n {4}type: aspirational\n)/g, `\n    aligns_to: F0-${f % 5}$1`);
    if (realTitles)
      text = text.replace(
        /(\n\s+title: ).*/g,
        (_, key) => `${key}${JSON.stringify(realTitles[next++ % realTitles.length])}`,
      );
    texts.push(text);
  }
  return texts;
}

interface ProfileNode {
  id: number;
  callFrame: { url: string };
}

/** CPU time of checking every file, and the part of it in the language analysis. */
async function indexingShare(texts: readonly string[]) {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  const started = process.cpuUsage();
  const files = texts.map((text, i) => ({ uri: `file:///ws/team-${i}.okr.yaml`, file: parseOkr(text) }));
  const workspace = new Workspace(files.map((f) => ({ uri: f.uri, model: f.file.model })));
  for (const f of files) diagnosticsOf(f.file, defaultSettings, { uri: f.uri, workspace });
  const cpu = process.cpuUsage(started);
  const { profile } = (await session.post('Profiler.stop')) as {
    profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  };
  session.disconnect();
  const urlOf = new Map(profile.nodes.map((n) => [n.id, n.callFrame.url]));
  let all = 0;
  let language = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const url = urlOf.get(id) ?? '';
    if (url === '' && i === 0) return;
    all += dt;
    if (url.includes('/service/language/')) language += dt;
  });
  return { cpuMs: (cpu.user + cpu.system) / 1000, languageShare: language / all };
}

function perSentence(): { median: number; p90: number; sentences: number } {
  const items = loadSet('train');
  const analyse = (i: (typeof items)[number]) => readSentence(i.text);
  for (const i of items) analyse(i);
  const times: number[] = [];
  for (let pass = 0; pass < 5; pass++) {
    for (const i of items) {
      const t = process.hrtime.bigint();
      analyse(i);
      times.push(Number(process.hrtime.bigint() - t) / 1000);
    }
  }
  times.sort((a, b) => a - b);
  return { median: times[times.length >> 1], p90: times[Math.floor(times.length * 0.9)], sentences: items.length };
}

async function main() {
  // The workspace first, while the analysis's caches are cold (as in a server that has just started).
  const bench = await indexingShare(workspaceTexts(undefined));
  const titles = loadSet('train').map((i) => i.text);
  const real = await indexingShare(workspaceTexts(titles));
  const sentence = perSentence();
  console.log(
    `language analysis: ${sentence.median.toFixed(1)} µs per sentence (median; p90 ${sentence.p90.toFixed(1)} µs; ` +
      `${sentence.sentences} corpus sentences, warm)  [target <= 50 µs]`,
  );
  console.log(
    `checking the 1,000-file workspace: ${(bench.cpuMs / 1000).toFixed(2)} s of CPU, ${(bench.languageShare * 100).toFixed(1)}% in the language analysis  [target <= 10%]`,
  );
  console.log(
    `  with real corpus titles (few repeat): ${(real.cpuMs / 1000).toFixed(2)} s of CPU, ${(real.languageShare * 100).toFixed(1)}% in the language analysis`,
  );
  const out = path.join(__dirname, '..', 'out');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    path.join(out, 'bench-language.json'),
    JSON.stringify({ sentence, workspace: bench, realTitles: real }, null, 2),
  );
}

void main();
