/**
 * `okr`: the engine on the command line.
 *   okr lint [paths or globs] [--format text|json|sarif|github] [--quiet] [--max-warnings n]
 *   okr tree [paths or globs] [--format text|json|html]
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
  textTree,
  toDiagnostic,
  Workspace,
  type ParsedFile,
} from '../service';
import { ConfigLoader } from './config';
import { findFiles, UsageError } from './files';
import { formatJson, formatText, type FileResult } from './format';
import { formatGithub } from './github';
import { formatSarif } from './sarif';
import { NotAFileError, readOkrFile } from '../okrFile';

const USAGE = `Usage: okr lint [paths or globs...] [--format text|json|sarif|github] [--config file]
                [--quiet] [--max-warnings n] [-o file]
       okr tree [paths or globs...] [--format text|json|html] [-o file]

lint  checks *.okr.yaml files (default: every one under the current folder, skipping node_modules and
      .git), across files too (alignment, duplicate ids, owners, tenets). Rules are configured by the
      nearest okr.config.yaml above each file (up to the repository root).
tree  prints the alignment tree with progress (json: the same structure as okr/alignmentTree; html: the
      preview as one self-contained page, for wikis and planning decks).

Options:
  -f, --format <name>       output format (default: text). lint: text, json, sarif (SARIF 2.1.0, for
                            GitHub code scanning) or github (GitHub Actions annotations); tree: text,
                            json or html
  -c, --config <file>       use this okr.config.yaml for every file
  -q, --quiet               lint: report errors only (warnings, info and hints are not printed)
      --max-warnings <n>    lint: exit 1 when there are more than n warnings, even without errors.
                            As in ESLint, warnings hidden by --quiet still count; -1 means no limit
  -o, --output <file>       write to a file instead of standard output
  -h, --help                show this help
  -v, --version             show the version

Exit codes: 0 no errors, 1 errors found (or more warnings than --max-warnings), 2 usage or I/O failure.`;

const FORMATS = { lint: ['text', 'json', 'sarif', 'github'], tree: ['text', 'json', 'html'] };

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
        format: { type: 'string', short: 'f', default: 'text' },
        config: { type: 'string', short: 'c' },
        output: { type: 'string', short: 'o' },
        quiet: { type: 'boolean', short: 'q' },
        'max-warnings': { type: 'string' },
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
  if (command !== 'lint' && command !== 'tree') {
    io.err(command ? `okr: unknown command "${command}"\n${USAGE}` : USAGE);
    return 2;
  }
  const format = values.format;
  const formats = FORMATS[command];
  if (!formats.includes(format)) {
    io.err(`okr: unknown format "${format}" (use ${formats.slice(0, -1).join(', ')} or ${formats.at(-1)})`);
    return 2;
  }
  const maxWarningsArg = values['max-warnings'];
  if (command === 'tree' && (values.quiet || maxWarningsArg !== undefined)) {
    io.err('okr: --quiet and --max-warnings are options of okr lint');
    return 2;
  }
  if (maxWarningsArg !== undefined && !/^(-1|\d+)$/.test(maxWarningsArg)) {
    io.err(`okr: --max-warnings takes a whole number of warnings, not "${maxWarningsArg}"`);
    return 2;
  }
  const maxWarnings = maxWarningsArg === undefined ? -1 : Number(maxWarningsArg);
  const write = async (text: string) => {
    if (!values.output) return io.out(text);
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
      const read = await readOkrFile(path.resolve(io.cwd, file), { maxFileSize: settings.maxFileSize });
      parsed.push({ path: file, file: read, settings });
    }
    // Files linted together are one workspace: alignment, ids, owners and tenets are checked across them.
    const workspace = new Workspace(parsed.map((p) => ({ uri: uriOf(io.cwd, p.path), model: p.file.model })));
    if (command === 'tree') {
      const tree = alignmentTree(workspace);
      const shown = {
        ...tree,
        objectives: tree.objectives.map((o) => ({ ...o, file: displayPath(io.cwd, o.file) })),
        tenets: tree.tenets.map((t) => ({ ...t, file: displayPath(io.cwd, t.file) })),
      };
      if (format === 'html') {
        // The same badges as in the editor: each objective's errors and warnings.
        const diagnostics = new Map(
          parsed.map((p) => [
            uriOf(io.cwd, p.path),
            diagnosticsOf(p.file, p.settings, { uri: uriOf(io.cwd, p.path), workspace }),
          ]),
        );
        await write(await htmlPage(shown, countsOf(tree, diagnostics)));
      } else await write(format === 'json' ? JSON.stringify(shown, null, 2) : textTree(shown));
      return 0;
    }
    const results: FileResult[] = parsed.map((p) => ({
      path: p.path,
      diagnostics: diagnosticsOf(p.file, p.settings, { uri: uriOf(io.cwd, p.path), workspace }),
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

if (require.main === module) {
  const colour = !!process.stdout.isTTY && !process.env.NO_COLOR ? true : !!process.env.FORCE_COLOR;
  main(process.argv.slice(2), {
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
