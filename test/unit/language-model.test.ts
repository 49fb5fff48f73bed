/** The language models as shipped: reproducible from the corpus, data rebuilt exactly, bundled whole. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { loadSet } from '../../scripts/language/corpus';
import { groupFolds } from '../../scripts/language/logistic';
import { serialise, train, WEIGHTS_FILE } from '../../scripts/language/train';
import { sentenceFeatures } from '../../server/src/service/language/features';
import { judgeKeyResult, judgeObjective } from '../../server/src/service/language/judge';
import { MODEL_NAMES, scoreAll, weights } from '../../server/src/service/language/model';
import { defaultWords } from '../../server/src/service/language/words';

const ROOT = path.join(__dirname, '..', '..');

test('the training script reproduces the shipped weights exactly', () => {
  const { weights } = train(loadSet('train'));
  assert.equal(serialise(weights), readFileSync(WEIGHTS_FILE, 'utf8'), 'run `npm run train` and commit weights.json');
});

test('the training script never reads the blind set', () => {
  const source = readFileSync(path.join(ROOT, 'scripts', 'language', 'train.ts'), 'utf8');
  assert.ok(!/loadSet\('blind'\)/.test(source));
  assert.match(source, /loadSet\('train'\)/);
});

test('lexicon.json is what scripts/build-lexicon.mjs builds from its packages', () => {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build-lexicon.mjs'), '--check'], {
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
});

test('cross-validation folds never split an organisation', () => {
  const items = loadSet('train');
  const folds = groupFolds(
    items.map((i) => ({ group: i.org })),
    5,
  );
  const foldOf = new Map<string, number>();
  items.forEach((item, k) => {
    const seen = foldOf.get(item.org);
    assert.ok(seen === undefined || seen === folds[k], item.org);
    foldOf.set(item.org, folds[k]);
  });
  const sizes = [0, 1, 2, 3, 4].map((f) => folds.filter((x) => x === f).length);
  assert.ok(Math.max(...sizes) < 2 * Math.min(...sizes), `fold sizes ${sizes}`);
});

test("one pass scores the three models exactly as each model's own weights do", () => {
  for (const item of loadSet('train')) {
    const features = sentenceFeatures(item.text);
    const scores = scoreAll(features);
    MODEL_NAMES.forEach((name, m) => {
      const model = weights.models[name];
      let z = model.bias;
      const pushed: string[] = [];
      for (const f of features) {
        const w = model.weights[f.name];
        if (w === undefined) continue;
        z += w * f.value;
        if (w * f.value > 0) pushed.push(`${f.name}=${w * f.value}`);
      }
      assert.equal(scores[m].probability, 1 / (1 + Math.exp(-z)), `${name}: ${item.text}`);
      assert.deepEqual(
        scores[m].pushes.map((p) => `${p.feature.name}=${p.weight}`),
        pushed,
        `${name}: ${item.text}`,
      );
    });
  }
});

test('features are finite, the same every time, and read at most 64 words', () => {
  const long = 'Improve '.repeat(5000) + 'security';
  for (const text of [
    '',
    '   ',
    'Improve security',
    "Sourcegraph's customers — 100% of them — trust us",
    long,
    '🙂 ✓ ×',
    'SSO',
  ]) {
    const a = sentenceFeatures(text);
    assert.deepEqual(sentenceFeatures(text), a);
    for (const f of a) assert.ok(Number.isFinite(f.value), `${f.name} = ${f.value}`);
  }
  const started = performance.now();
  judgeObjective(long, 'balanced', defaultWords);
  judgeKeyResult(long, 'balanced', defaultWords);
  assert.ok(performance.now() - started < 1000);
});

test('the bundles load nothing at run time but Node built-ins and vscode', () => {
  const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'vscode']);
  const dist = path.join(ROOT, 'dist');
  for (const file of readdirSync(dist).filter((f) => f.endsWith('.js'))) {
    const text = readFileSync(path.join(dist, file), 'utf8');
    // ajv's code generator names its runtime helpers in strings for standalone code; they are not loaded.
    const required = [...text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)]
      .map((m) => m[1])
      .filter((r) => !r.startsWith('ajv/dist/runtime/'));
    assert.deepEqual(
      required.filter((r) => !builtins.has(r) && !r.startsWith('./') && !r.startsWith('../')),
      [],
      `${file} requires packages that are not bundled`,
    );
    // A require made at run time (`createRequire(__filename)("compromise/three")`, as esbuild writes it)
    // loads what esbuild could not follow, so nothing is bundled for it.
    assert.ok(!text.includes('createRequire'), `${file} builds a require at run time`);
  }
});

test("each rule's page explains every reason it can give, and the quick-fix opens that section", async () => {
  const { REASON_CODES } = await import('../../server/src/service/language/judge');
  for (const [rule, codes] of Object.entries(REASON_CODES)) {
    const page = readFileSync(path.join(ROOT, 'docs', 'rules', `${rule}.md`), 'utf8');
    for (const code of new Set(codes)) {
      assert.ok(
        page.includes(`### ${code}\n`) || new RegExp(`\\|\\s*\`${code}\`\\s*\\|`).test(page),
        `${rule}.md explains ${code}`,
      );
    }
  }
  const { codeActions, diagnosticsOf, parseOkr, defaultSettings, Workspace } = await import('../../server/src/service');
  const { TextDocument } = await import('vscode-languageserver-textdocument');
  const text = 'objectives:\n  - id: A\n    title: Improve security\n';
  const doc = TextDocument.create('file:///a.okr.yaml', 'okr', 1, text);
  const file = parseOkr(text);
  const ws = new Workspace([{ uri: doc.uri, model: file.model }]);
  const diagnostics = diagnosticsOf(file, defaultSettings, { uri: doc.uri, workspace: ws });
  const vague = diagnostics.find((d) => d.code === 'vague-objective')!;
  const [action] = codeActions(doc, file, [vague], ws, defaultSettings, { snippets: false }).filter(
    (a) => a.title === 'Show how to write an objective',
  );
  const first = (vague.data as { reasons: { code: string }[] }).reasons[0].code;
  assert.match(String(action.command!.arguments![0]), new RegExp(`/docs/rules/vague-objective\\.md#${first}$`));
});
