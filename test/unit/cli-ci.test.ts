/**
 * The CI formats and exit-code options, through the real bundle: `node dist/cli.js` (run `npm run build` first).
 * SARIF is validated against the SARIF 2.1.0 JSON schema vendored in test/fixtures (see SARIF-SCHEMA.md there).
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { allCodes } from '../../server/src/service';
import { escapeData, escapeProperty } from '../../server/src/cli/github';

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const SCHEMA = path.join(ROOT, 'test', 'fixtures', 'sarif-2.1.0-rtm.5.json');
const PLATFORM = 'test/fixtures/ci/platform.okr.yaml'; // errors, warnings, info and a hint
const WEB = 'test/fixtures/ci/web.okr.yaml'; // 2 warnings and a hint, no errors
const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };

function okr(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// The schema is draft-04 (`id`, not `$id`): ajv's draft-04 class, with formats (uri, uri-reference, date-time).
// Not strict: the schema is not ours (it lists required properties inside anyOf branches). unicodeRegExp
// is off because one `pattern` of this schema version (language tags) is not valid with the u flag.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validateSarif = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')));

function sarif(args: string[], cwd = ROOT): { code: number | null; log: Log } {
  const r = okr(['lint', '--format', 'sarif', ...args], cwd);
  assert.equal(r.err, '');
  const log = JSON.parse(r.out) as Log;
  assert.ok(validateSarif(log), JSON.stringify(validateSarif.errors, null, 2));
  return { code: r.code, log };
}

/** `path:line:col-endLine:endCol rule level` per result: what a reader of the SARIF would see. */
function brief(log: Log): string[] {
  return log.runs[0].results!.map((r: Result) => {
    const { artifactLocation, region } = r.locations![0].physicalLocation!;
    const at = `${region!.startLine}:${region!.startColumn}-${region!.endLine}:${region!.endColumn}`;
    return `${artifactLocation!.uri}:${at} ${r.ruleId} ${r.level}`;
  });
}

before(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
});

test('the schema check can fail: a wrong level, a 0 column and a bad URI are each reported', () => {
  const bad = {
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'x' } },
        originalUriBaseIds: { '%SRCROOT%': { uri: 'not a uri' } },
        results: [
          {
            message: { text: 'm' },
            level: 'info',
            locations: [
              { physicalLocation: { artifactLocation: { uri: 'a' }, region: { startLine: 1, startColumn: 0 } } },
            ],
          },
        ],
      },
    ],
  };
  assert.equal(validateSarif(bad), false);
  assert.deepEqual(validateSarif.errors!.map((e) => e.instancePath).sort(), [
    '/runs/0/originalUriBaseIds/%SRCROOT%/uri',
    '/runs/0/results/0/level',
    '/runs/0/results/0/locations/0/physicalLocation/region/startColumn',
  ]);
});

test('--format sarif on examples/: valid SARIF 2.1.0, one run, every rule with its docs link, exit 1 on errors', () => {
  const { code, log } = sarif(['examples']);
  assert.equal(code, 1);
  assert.equal(log.version, '2.1.0');
  assert.equal(log.runs.length, 1);
  const run = log.runs[0];
  const driver = run.tool.driver;
  assert.equal(driver.name, 'okr-lens');
  assert.equal(driver.informationUri, 'https://github.com/okr-lens/okr-lens');
  assert.equal(driver.semanticVersion, version);
  assert.equal(driver.version, version);
  assert.equal(run.columnKind, 'utf16CodeUnits');
  assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: `${pathToFileURL(ROOT).href}/` } });

  const rules = driver.rules!;
  assert.deepEqual(
    rules.map((r: ReportingDescriptor) => r.id),
    allCodes().map((c) => c.id),
  );
  for (const rule of rules) {
    // Each rule's page exists in this repository, at the path its helpUri names.
    assert.match(rule.helpUri!, /^https:\/\/github\.com\/okr-lens\/okr-lens\/blob\/main\/docs\/rules\/[a-z-]+\.md$/);
    const page = rule.helpUri!.replace('https://github.com/okr-lens/okr-lens/blob/main/', '');
    assert.ok(existsSync(path.join(ROOT, page)), page);
    assert.ok(rule.shortDescription!.text.length > 10, rule.id);
    assert.ok(rule.fullDescription!.text.length > 10, rule.id);
  }
  assert.equal(rules.find((r) => r.id === 'schema')!.defaultConfiguration!.level, 'error');
  assert.equal(rules.find((r) => r.id === 'vague-objective')!.defaultConfiguration!.level, 'warning');

  const results = run.results!;
  // As many as `okr lint --format json examples` reports.
  const json = JSON.parse(okr(['lint', '--format', 'json', 'examples']).out) as { files: { diagnostics: unknown[] }[] };
  assert.equal(
    results.length,
    json.files.reduce((n, f) => n + f.diagnostics.length, 0),
  );
  for (const r of results) {
    assert.equal(rules[r.ruleIndex!].id, r.ruleId);
    assert.equal(r.locations![0].physicalLocation!.artifactLocation!.uriBaseId, '%SRCROOT%');
  }
  const lines = brief(log);
  assert.ok(lines.includes('examples/mistakes.okr.yaml:34:9-34:14 schema error'), lines.join('\n'));
  assert.ok(lines.includes('examples/mistakes.okr.yaml:57:9-57:13 duplicate-id error'));
  assert.ok(lines.includes('examples/mistakes.okr.yaml:11:12-11:28 vague-objective warning'));
  assert.ok(lines.includes('examples/mistakes.okr.yaml:43:16-43:95 unstructured-key-result note'));
  const titel = results.find((r) => r.message.text?.startsWith('Unknown field `titel`'))!;
  assert.equal(titel.message.text, 'Unknown field `titel` in key result; did you mean `title`?');
  // Sorted by file, then position; and byte-identical from one run to the next.
  const keys = lines.map((l) =>
    l
      .split(' ')[0]
      .split(/[:-]/)
      .map((p, i) => (i === 0 ? p : +p)),
  );
  const sorted = [...keys].sort((a, b) => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
    return 0;
  });
  assert.deepEqual(keys, sorted);
  assert.equal(okr(['lint', '--format', 'sarif', 'examples']).out, okr(['lint', '--format', 'sarif', 'examples']).out);
});

test('--format sarif on a fixture: levels from severities, 1-based UTF-16 columns, -o writes the file', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'okr-sarif-'));
  const out = path.join(dir, 'okr.sarif');
  const r = okr(['lint', '--format', 'sarif', '-o', out, 'test/fixtures/ci']);
  assert.equal(r.code, 1);
  assert.equal(r.out, '');
  const log = JSON.parse(readFileSync(out, 'utf8')) as Log;
  assert.ok(validateSarif(log), JSON.stringify(validateSarif.errors));
  assert.deepEqual(brief(log), [
    `${PLATFORM}:7:12-7:54 missing-owner warning`,
    `${PLATFORM}:7:12-7:54 missing-tenet note`,
    `${PLATFORM}:9:9-9:11 schema error`,
    `${PLATFORM}:10:9-10:14 schema error`,
    `${PLATFORM}:16:16-16:49 unstructured-key-result note`,
    `${PLATFORM}:18:9-18:15 missing-baseline warning`,
    `${WEB}:7:12-7:67 key-result-count warning`,
    // The title starts with 🚀, two UTF-16 code units: 47 columns for 46 characters.
    `${WEB}:12:16-12:63 unstructured-key-result note`,
    `${WEB}:14:9-14:15 missing-baseline warning`,
  ]);
  const title = readFileSync(path.join(ROOT, WEB), 'utf8').split('\n')[11].slice(15);
  assert.equal(title.length, 63 - 16);
  assert.equal([...title].length, 46);
});

test('a SARIF artifact URI is percent-encoded and resolves, against %SRCROOT%, to the file', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'okr-sarif-'));
  const name = 'a,b:c%d e#1.okr.yaml';
  copyFileSync(path.join(ROOT, WEB), path.join(dir, name));
  const { code, log } = sarif([], dir);
  assert.equal(code, 0);
  const run = log.runs[0];
  const location = run.results![0].locations![0].physicalLocation!.artifactLocation!;
  assert.equal(location.uri, 'a%2Cb%3Ac%25d%20e%231.okr.yaml');
  const base = run.originalUriBaseIds![location.uriBaseId!].uri!;
  assert.equal(fileURLToPath(new URL(location.uri!, base)), path.join(dir, name));
});

test('--format github prints one workflow command per problem, sorted, with notice for info and hint', () => {
  const r = okr(['lint', '--format', 'github', PLATFORM]);
  assert.equal(r.code, 1);
  const f = `file=${PLATFORM}`;
  assert.deepEqual(r.out.trimEnd().split('\n'), [
    `::warning ${f},line=7,col=12,endLine=7,endColumn=54,title=okr(missing-owner)::Who is accountable for this objective? Add \`owner:\`.`,
    `::notice ${f},line=7,col=12,endLine=7,endColumn=54,title=okr(missing-tenet)::Which tenet does this objective serve? Add \`tenet:\`.`,
    `::error ${f},line=9,col=9,endLine=9,endColumn=11,title=okr(schema)::A key result is missing the required field \`title\`.`,
    `::error ${f},line=10,col=9,endLine=10,endColumn=14,title=okr(schema)::Unknown field \`titel\` in key result; did you mean \`title\`?`,
    // `%` in a message is escaped as %25.
    `::notice ${f},line=16,col=16,endLine=16,endColumn=49,title=okr(unstructured-key-result)::The title says 12%25 → 3%25: record it as \`baseline\` and \`target\` so progress can be tracked.`,
    `::warning ${f},line=18,col=9,endLine=18,endColumn=15,title=okr(missing-baseline)::\`PLAT-1.2\` has a target but no baseline: add \`baseline\` (the value at the start of the period) so progress can be computed.`,
  ]);
});

test('--format github escapes properties (%, CR, LF, colon, comma) and data (%, CR, LF)', () => {
  assert.equal(escapeData('50% done\r\nnext: a, b'), '50%25 done%0D%0Anext: a, b');
  assert.equal(escapeProperty('50% done\r\nnext: a, b'), '50%25 done%0D%0Anext%3A a%2C b');
  const dir = mkdtempSync(path.join(tmpdir(), 'okr-gh-'));
  copyFileSync(path.join(ROOT, WEB), path.join(dir, 'a,b:c%d.okr.yaml'));
  const r = okr(['lint', '--format', 'github'], dir);
  assert.equal(r.code, 0);
  assert.match(
    r.out,
    /^::warning file=a%2Cb%3Ac%25d\.okr\.yaml,line=7,col=12,endLine=7,endColumn=67,title=okr\(key-result-count\)::Only 1 key result/m,
  );
});

test('--max-warnings: exit 1 above the limit even without errors; at the limit exit 0; errors still fail', () => {
  const over = okr(['lint', '--max-warnings', '1', WEB]);
  assert.equal(over.code, 1);
  assert.match(over.err, /^okr: too many warnings: 2 \(maximum: 1\)$/m);
  assert.match(over.out, /2 warnings/);
  const at = okr(['lint', '--max-warnings', '2', WEB]);
  assert.equal(at.code, 0);
  assert.equal(at.err, '');
  assert.equal(okr(['lint', '--max-warnings=-1', WEB]).code, 0);
  assert.equal(okr(['lint', WEB]).code, 0, 'warnings alone never fail without --max-warnings');
  const errors = okr(['lint', '--max-warnings', '100', PLATFORM]);
  assert.equal(errors.code, 1);
  assert.equal(errors.err, '', 'the warnings message only when there are no errors (as ESLint)');
});

test('--quiet reports errors only; as ESLint, --max-warnings still counts the hidden warnings', () => {
  const quiet = okr(['lint', '--quiet', PLATFORM]);
  assert.equal(quiet.code, 1);
  assert.deepEqual(
    quiet.out
      .split('\n')
      .filter((l) => l.startsWith(PLATFORM))
      .map((l) => l.split(/ +/).slice(0, 2).join(' ')),
    [`${PLATFORM}:9:9 error`, `${PLATFORM}:10:9 error`],
  );
  const github = okr(['lint', '-q', '--format', 'github', WEB]);
  assert.equal(github.code, 0);
  assert.equal(github.out.trim(), '');
  const { log } = sarif(['--quiet', PLATFORM]);
  assert.deepEqual(
    log.runs[0].results!.map((r) => r.level),
    ['error', 'error'],
  );
  const counted = okr(['lint', '--quiet', '--max-warnings', '0', WEB]);
  assert.equal(counted.code, 1);
  assert.match(counted.err, /too many warnings: 2 \(maximum: 0\)/);
  assert.doesNotMatch(counted.out, /warning/);
});

test('bad option values exit 2 with a one-line reason; --help names the formats and options', () => {
  for (const [args, reason] of [
    [['lint', '--max-warnings', 'abc', WEB], /^okr: --max-warnings takes a whole number of warnings, not "abc"$/m],
    [['lint', '--max-warnings', '1.5', WEB], /^okr: --max-warnings takes a whole number of warnings, not "1\.5"$/m],
    [['lint', '--max-warnings=-2', WEB], /^okr: --max-warnings takes a whole number of warnings, not "-2"$/m],
    [['lint', '--format', 'junit', WEB], /^okr: unknown format "junit" \(use text, json, sarif or github\)$/m],
    [['tree', '--format', 'sarif', WEB], /^okr: unknown format "sarif" \(use text, json or html\)$/m],
    [['tree', '--quiet', WEB], /^okr: --quiet and --max-warnings are options of okr lint$/m],
  ] as const) {
    const r = okr([...args]);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, reason);
    assert.equal(r.out, '');
  }
  const help = okr(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.out, /--format text\|json\|sarif\|github/);
  assert.match(help.out, /--max-warnings <n> +lint: exit 1 when there are more than n warnings/);
  assert.match(help.out, /As in ESLint, warnings hidden by --quiet still count/);
});
