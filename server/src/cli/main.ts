/**
 * `okr`: the engine on the command line.
 *   okr lint [paths or globs] [--format text|json|sarif|github] [--quiet] [--max-warnings n]
 *   okr tree [paths or globs] [--format text|json|html]
 *   okr report [paths or globs] [--at date] [--since git-ref|date] [--format md|html|json]
 * Exit codes: 0 no errors, 1 errors (or more warnings than --max-warnings), 2 usage or I/O failure.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { randomBytes } from 'node:crypto';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { previewHtml } from '../../../shared/previewHtml';
import { diagnosticCounts } from '../../../shared/counts';
import type { AlignmentTree, DiagnosticCounts } from '../../../shared/protocol';
import {
  alignmentTree,
  defaultSettings,
  diagnosticsOf,
  isDate,
  parseOkr,
  textTree,
  today,
  toDiagnostic,
  trackingOf,
  Workspace,
  type ParsedFile,
  type RuleError,
  type Tracking,
} from '../service';
import { buildReport, reportHtml, reportJson, reportMarkdown } from './report';
import { resolveRevision, showAt } from './git';
import { ConfigLoader } from './config';
import { findFiles, UsageError } from './files';
import { formatJson, formatText, type FileResult } from './format';
import { applyFixes, writeFixed, type Fixable } from './fix';
import { importCommand } from './import';
import { formatGithub } from './github';
import { formatSarif } from './sarif';
import { NotAFileError, readOkrFile } from '../okrFile';
import { nodeFileSystem } from '../node/fileAccess';

const USAGE = `Usage: okr lint [paths or globs...] [--format text|json|sarif|github] [--config file]
                [--quiet] [--max-warnings n] [--fix | --fix-dry-run] [--at date] [-o file]
       okr tree [paths or globs...] [--format text|json|html] [--at date] [-o file]
       okr report [paths or globs...] [--format md|html|json] [--at date] [--since git-ref|date] [-o file]
       okr import <file.csv|file.md> [-o out.okr.yaml] [--team name] [--period 2026-Q1]

lint  checks *.okr.yaml files (default: every one under the current folder, skipping node_modules and
      .git), across files too (alignment, duplicate ids, owners, tenets). Rules are configured by the
      nearest okr.config.yaml above each file (up to the repository root).
tree  prints the alignment tree with progress (json: the same structure as okr/alignmentTree; html: the
      preview as one self-contained page, for wikis and planning decks).
report  the status meeting: per objective, each key result's progress, expected progress, status and
      confidence, and what moved since --since (md: for a wiki, chat or pull request; html: the same
      with burn-up charts, one offline page; json: for scripts).
import  turns a spreadsheet export (CSV: a row per key result) or a handbook page (Markdown: headings
      or bullets) into a new .okr.yaml, and says what it could not read, with its line (docs/import.md).

Options:
  -f, --format <name>       output format (default: text). lint: text, json, sarif (SARIF 2.1.0, for
                            GitHub code scanning) or github (GitHub Actions annotations); tree: text,
                            json or html
  -c, --config <file>       use this okr.config.yaml for every file
  -q, --quiet               lint: report errors only (warnings, info and hints are not printed)
      --max-warnings <n>    lint: exit 1 when there are more than n warnings, even without errors.
                            As in ESLint, warnings hidden by --quiet still count; -1 means no limit
      --fix                 lint: apply the safe fixes (those of source.fixAll.okr) to the files, then
                            report what remains; only files that change are written
      --fix-dry-run         lint: the same without writing (--format json adds each fixed file's
                            text as "output", as ESLint does)
      --at <YYYY-MM-DD>     judge pace, status and check-ins at this date (default: today)
      --since <ref|date>    report: the change in progress since a date (from the check-ins) or a git
                            revision (the files as they were there, read with git show)
  -o, --output <file>       write to a file instead of standard output
  -h, --help                show this help
  -v, --version             show the version

Exit codes: 0 no errors, 1 errors found (or more warnings than --max-warnings), 2 usage or I/O failure
(or a rule failed: a bug, reported on stderr).`;

const FORMATS = {
  lint: ['text', 'json', 'sarif', 'github'],
  tree: ['text', 'json', 'html'],
  report: ['md', 'html', 'json'],
};

/** Set by the bundle (esbuild `define`); source runs under tsx say 0.0.0. */
const VERSION = process.env.OKR_LENS_VERSION ?? '0.0.0';

export interface Io {
  readonly cwd: string;
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  readonly colour: boolean;
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f' },
        at: { type: 'string' },
        since: { type: 'string' },
        config: { type: 'string', short: 'c' },
        output: { type: 'string', short: 'o' },
        quiet: { type: 'boolean', short: 'q' },
        'max-warnings': { type: 'string' },
        fix: { type: 'boolean' },
        team: { type: 'string' },
        period: { type: 'string' },
        'fix-dry-run': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (e) {
    io.err(`okr: ${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  if (values.version) {
    io.out(VERSION);
    return 0;
  }
  const [command, ...paths] = positionals;
  if (command === 'import') {
    if (paths.length !== 1) {
      io.err('okr: import takes one file, a .csv or .md export of your OKRs: okr import okrs.csv -o team.okr.yaml');
      return 2;
    }
    return importCommand(
      { file: paths[0], output: values.output, cwd: io.cwd, team: values.team, period: values.period },
      io,
    );
  }
  if (values.team !== undefined || values.period !== undefined) {
    io.err('okr: --team and --period are options of okr import');
    return 2;
  }
  if (command !== 'lint' && command !== 'tree' && command !== 'report') {
    io.err(command ? `okr: unknown command "${command}"\n${USAGE}` : USAGE);
    return 2;
  }
  const formats = FORMATS[command];
  const format = values.format ?? formats[0];
  if (!formats.includes(format)) {
    io.err(`okr: unknown format "${format}" (use ${formats.slice(0, -1).join(', ')} or ${formats.at(-1)})`);
    return 2;
  }
  const maxWarningsArg = values['max-warnings'];
  if (command !== 'lint' && (values.quiet || maxWarningsArg !== undefined)) {
    io.err('okr: --quiet and --max-warnings are options of okr lint');
    return 2;
  }
  if (command !== 'lint' && (values.fix || values['fix-dry-run'])) {
    io.err('okr: --fix and --fix-dry-run are options of okr lint');
    return 2;
  }
  if (values.fix && values['fix-dry-run']) {
    io.err('okr: give --fix or --fix-dry-run, not both');
    return 2;
  }
  if (command !== 'report' && values.since !== undefined) {
    io.err('okr: --since is an option of okr report');
    return 2;
  }
  if (values.at !== undefined && !isDate(values.at)) {
    io.err(`okr: --at takes a date written YYYY-MM-DD, not "${values.at}"`);
    return 2;
  }
  if (maxWarningsArg !== undefined && !/^(-1|\d+)$/.test(maxWarningsArg)) {
    io.err(`okr: --max-warnings takes a whole number of warnings, not "${maxWarningsArg}"`);
    return 2;
  }
  const maxWarnings = maxWarningsArg === undefined ? -1 : Number(maxWarningsArg);
  const write = async (text: string) => {
    // Nothing to say (github annotations of a clean run) prints nothing, not an empty line.
    if (!values.output) return text === '' ? undefined : io.out(text);
    const file = path.resolve(io.cwd, values.output);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, text.endsWith('\n') ? text : `${text}\n`);
  };
  try {
    const files = await findFiles(paths, io.cwd);
    const configs = new ConfigLoader(io.cwd, values.config);
    const parsed: { path: string; file: ParsedFile; settings: typeof defaultSettings }[] = [];
    for (const file of files) {
      const settings = (await configs.forFile(file))?.settings ?? defaultSettings;
      const read = await readOkrFile(path.resolve(io.cwd, file), {
        maxFileSize: settings.maxFileSize,
        fileSystem: nodeFileSystem,
      });
      parsed.push({ path: file, file: read, settings });
    }
    // The calendar and thresholds of the config nearest the files' common folder; the date from --at.
    const root = commonFolder(
      files.map((f) => path.resolve(io.cwd, f)),
      io.cwd,
    );
    const rootConfig = await configs.forFolder(root);
    const tracking = trackingOf(rootConfig?.config, values.at ?? today());
    // A rule that throws is a bug: its findings are missing, so say so once per rule and exit 2.
    const failures = new Map<string, { files: Set<string>; message: string }>();
    const ruleFailed = (file: string) => (e: unknown) => {
      const err = e as RuleError;
      const f = failures.get(err.rule) ?? { files: new Set<string>(), message: String(err.cause) };
      f.files.add(file);
      failures.set(err.rule, f);
    };
    const reportFailures = (): boolean => {
      for (const [rule, f] of failures)
        io.err(
          `okr: rule ${rule} failed on ${f.files.size} file${f.files.size === 1 ? '' : 's'} (${[...f.files].slice(0, 3).join(', ')}${f.files.size > 3 ? ', …' : ''}): ${f.message}. Its findings are missing; this is a bug in okr-lens, please report it.`,
        );
      return failures.size > 0;
    };
    // Files linted together are one workspace: alignment, ids, owners and tenets are checked across them.
    const workspace = new Workspace(
      parsed.map((p) => ({ uri: uriOf(io.cwd, p.path), model: p.file.model })),
      tracking,
    );
    if (command === 'report') {
      const then = values.since === undefined ? undefined : await sinceTree(values.since, parsed, tracking, io.cwd);
      if (then && 'error' in then) {
        io.err(`okr: ${then.error}`);
        return 2;
      }
      const tree = displayed(alignmentTree(workspace), io.cwd);
      const report = buildReport(tree, then && { ...then, label: values.since! });
      if (format === 'json') await write(reportJson(report));
      else if (format === 'html') await write(reportHtml(report, tree, randomBytes(16).toString('base64')));
      else await write(reportMarkdown(report));
      return 0;
    }
    if (command === 'tree') {
      const tree = alignmentTree(workspace);
      const shown = displayed(tree, io.cwd);
      if (format === 'html') {
        // The same badges as in the editor: each objective's errors and warnings.
        const diagnostics = new Map(
          parsed.map((p) => [
            uriOf(io.cwd, p.path),
            diagnosticsOf(p.file, p.settings, { uri: uriOf(io.cwd, p.path), workspace }, ruleFailed(p.path)),
          ]),
        );
        await write(await htmlPage(shown, countsOf(tree, diagnostics)));
      } else await write(format === 'json' ? JSON.stringify(shown, null, 2) : textTree(shown));
      return reportFailures() ? 2 : 0;
    }
    // --fix / --fix-dry-run: the safe fixes first; what remains is reported (and decides the exit code).
    const outputs = new Map<string, string>();
    if (values.fix || values['fix-dry-run']) {
      const fixable: Fixable[] = parsed.map((p) => ({
        ...p,
        absolute: path.resolve(io.cwd, p.path),
        uri: uriOf(io.cwd, p.path),
      }));
      for (const f of applyFixes(fixable, workspace, ruleFailed)) {
        if (values.fix) await writeFixed(f);
        else outputs.set(f.path, f.file.text);
      }
      fixable.forEach((f, i) => (parsed[i] = { path: f.path, file: f.file, settings: f.settings }));
    }
    const results: FileResult[] = parsed.map((p) => ({
      path: p.path,
      diagnostics: diagnosticsOf(p.file, p.settings, { uri: uriOf(io.cwd, p.path), workspace }, ruleFailed(p.path)),
      ...(outputs.has(p.path) ? { output: outputs.get(p.path) } : {}),
    }));
    for (const config of await configs.all()) {
      if (config.findings.length === 0) continue;
      const diagnostics = config.findings.flatMap((f) => toDiagnostic(f, defaultSettings) ?? []);
      results.push({ path: config.path, diagnostics });
    }
    // As ESLint: --quiet hides what is not an error; the exit code still counts everything.
    const shown = values.quiet
      ? results.map((r) => ({
          ...r,
          diagnostics: r.diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error),
        }))
      : results;
    const formatters: Record<string, (shown: readonly FileResult[]) => string> = {
      text: (r) => formatText(r, io.colour),
      json: formatJson,
      sarif: (r) => formatSarif(r, { cwd: io.cwd, version: VERSION }),
      github: (r) => formatGithub(r, io.cwd),
    };
    await write(formatters[format](shown));
    const count = (severity: DiagnosticSeverity) =>
      results.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === severity).length, 0);
    const [errors, warnings] = [count(DiagnosticSeverity.Error), count(DiagnosticSeverity.Warning)];
    const tooManyWarnings = maxWarnings >= 0 && warnings > maxWarnings;
    if (tooManyWarnings && !errors) io.err(`okr: too many warnings: ${warnings} (maximum: ${maxWarnings})`);
    if (reportFailures()) return 2;
    return errors || tooManyWarnings ? 1 : 0;
  } catch (e) {
    io.err(`okr: ${describeFailure(e, io.cwd)}`);
    return 2;
  }
}

/** The preview as one offline page: the same renderer and stylesheet, inlined, with a theme of its own. */
function countsOf(tree: AlignmentTree, diagnostics: Map<string, Diagnostic[]>): DiagnosticCounts {
  return diagnosticCounts(
    tree,
    (file) => diagnostics.get(file) ?? [],
    (d) =>
      d.severity === DiagnosticSeverity.Error
        ? 'error'
        : d.severity === DiagnosticSeverity.Warning
          ? 'warning'
          : undefined,
  );
}

async function htmlPage(tree: AlignmentTree, counts: DiagnosticCounts): Promise<string> {
  const media = [path.join(__dirname, 'media'), path.join(__dirname, '..', '..', '..', 'dist', 'media')];
  const dir = (
    await Promise.all(
      media.map((d) =>
        fs.stat(path.join(d, 'webview.js')).then(
          () => d,
          () => undefined,
        ),
      ),
    )
  ).find(Boolean);
  if (!dir) throw new Error('the preview bundle is missing: run npm run build');
  const [script, style, theme] = await Promise.all(
    ['webview.js', 'preview.css', 'static-theme.css'].map((f) => fs.readFile(path.join(dir, f), 'utf8')),
  );
  return previewHtml({
    nonce: randomBytes(16).toString('base64'),
    assets: { kind: 'inline', script, style, theme },
    initial: { tree, counts },
    title: 'OKR alignment',
  });
}

/** The tree with files named as the user would (relative to the working folder). */
function displayed(tree: AlignmentTree, cwd: string): AlignmentTree {
  return {
    ...tree,
    objectives: tree.objectives.map((o) => ({ ...o, file: displayPath(cwd, o.file) })),
    tenets: tree.tenets.map((t) => ({ ...t, file: displayPath(cwd, t.file) })),
  };
}

/** The deepest folder holding every file (the working folder when there are none). */
function commonFolder(files: readonly string[], cwd: string): string {
  if (!files.length) return cwd;
  let dir = path.dirname(files[0]);
  for (const f of files) while (dir !== path.dirname(dir) && !f.startsWith(dir + path.sep)) dir = path.dirname(dir);
  return dir;
}

/**
 * The tree to compare with: at a date, the same files judged then (their check-ins up to it); at a git
 * revision, the files as they were there (a file that did not exist is left out), judged at the same date.
 */
async function sinceTree(
  since: string,
  files: readonly { path: string; file: ParsedFile }[],
  tracking: Tracking,
  cwd: string,
): Promise<{ tree: AlignmentTree; fromCheckins?: boolean } | { error: string }> {
  if (/^\d{4}-\d{2}-\d{2}$/.test(since)) {
    if (!isDate(since)) return { error: `--since ${since} is not a date` };
    const then = new Workspace(
      files.map((p) => ({ uri: uriOf(cwd, p.path), model: p.file.model })),
      { ...tracking, asOf: since },
    );
    return { tree: alignmentTree(then), fromCheckins: true };
  }
  const revision = await resolveRevision(since, cwd);
  if ('error' in revision) return revision;
  const old: { uri: string; model: ParsedFile['model'] }[] = [];
  for (const p of files) {
    const text = await showAt(revision.commit, path.resolve(cwd, p.path));
    if (text !== undefined) old.push({ uri: uriOf(cwd, p.path), model: parseOkr(text).model });
  }
  return { tree: alignmentTree(new Workspace(old, tracking)) };
}

function uriOf(cwd: string, file: string): string {
  return pathToFileURL(path.resolve(cwd, file)).toString();
}

function displayPath(cwd: string, uri: string): string {
  return path.relative(cwd, fileURLToPath(uri));
}

function describeFailure(e: unknown, cwd: string): string {
  if (e instanceof UsageError) return e.message;
  const err = e as NodeJS.ErrnoException;
  if (e instanceof NotAFileError) return `${path.relative(cwd, e.path) || e.path} is not a regular file`;
  if (err?.code === 'EISDIR') return `${err.path ?? 'a path'} is a folder, not a file`;
  if (err?.code === 'EACCES') return `cannot read ${err.path ?? 'a file'}: permission denied`;
  if (err?.code === 'ENOENT') return `no such file: ${err.path ?? ''}`;
  return e instanceof Error ? e.message : String(e);
}

/** `okr` as a program (dist/cli.js calls it): the process's arguments, output and exit code. */
export function runCli(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const colour = !!process.stdout.isTTY && !process.env.NO_COLOR ? true : !!process.env.FORCE_COLOR;
  return main(argv, {
    cwd: process.cwd(),
    out: (s) => process.stdout.write(s + '\n'),
    err: (s) => process.stderr.write(s + '\n'),
    colour,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`okr: ${String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
