/**
 * `okr import <file.csv|file.md> [-o out.okr.yaml] [--team t] [--period p]`: a spreadsheet export or a
 * handbook page as an .okr.yaml file (docs/import.md). Exit codes: 0 everything was read, 1 something
 * could not be (reported on stderr with its row or line; the rest is written), 2 usage or I/O failure.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { diagnosticsOf, parseOkr } from '../../service';
import { DEFAULT_MAX_FILE_SIZE } from '../../service/parse/parseFile';
import { importCsv } from './csv';
import { importMarkdown } from './markdown';
import { readPeriod } from './values';

export { importCsv } from './csv';
export { importMarkdown } from './markdown';
export type { ImportOptions, ImportResult, Problem } from './draft';

export interface ImportArgs {
  readonly file: string;
  readonly output?: string;
  readonly cwd: string;
  readonly period?: string;
  readonly team?: string;
}

export interface ImportIo {
  out(s: string): void;
  err(s: string): void;
}

const READERS: Record<string, typeof importCsv | undefined> = {
  '.csv': importCsv,
  '.tsv': importCsv,
  '.md': importMarkdown,
  '.markdown': importMarkdown,
};

/**
 * Reads `file` (resolved from `cwd`), writes the YAML to `output` (never over an existing file) or, without
 * it, to `io.out` (one call, without the final newline: the CLI's `out` adds it). Problems, one `io.err`
 * call each, then a summary with the linter's counts.
 */
export async function importCommand(args: ImportArgs, io: ImportIo): Promise<number> {
  const fail = (message: string) => {
    io.err(`okr: ${message}`);
    return 2;
  };
  const read = READERS[path.extname(args.file).toLowerCase()];
  if (!read) return fail(`import reads .csv (or .tsv) and .md files, not ${args.file}`);
  const period = args.period === undefined ? undefined : readPeriod(args.period);
  if (args.period !== undefined && period === undefined)
    return fail(`--period takes a period such as 2026-Q1, 2026-H1, 2026 or FY27-Q1, not "${args.period}"`);
  if (args.team !== undefined && !args.team.trim()) return fail('--team takes a team name');
  const output = args.output === undefined ? undefined : path.resolve(args.cwd, args.output);
  const shown = (file: string) => path.relative(args.cwd, file) || file;
  if (output && (await exists(output)))
    return fail(`${shown(output)} already exists: not overwritten (choose another name, or remove it first)`);

  const input = path.resolve(args.cwd, args.file);
  let text: string;
  try {
    text = await readText(input);
  } catch (e) {
    return fail(describe(e, shown(input), 'read'));
  }
  const result = read(text, path.basename(input), { team: args.team?.trim(), period });
  const csv = read === importCsv;
  for (const p of result.problems) io.err(`${shown(input)}:${csv ? ` row ${p.line}:` : `${p.line}:`} ${p.message}`);

  if (output) {
    try {
      await fs.mkdir(path.dirname(output), { recursive: true });
      // `wx`: never overwrite, even a file that appeared since the check above.
      await fs.writeFile(output, result.yaml, { flag: 'wx' });
    } catch (e) {
      return fail(describe(e, shown(output), 'write'));
    }
  } else io.out(result.yaml.replace(/\n$/, ''));
  io.err(summary(result.yaml, result.problems.length, output && shown(output)));
  return result.problems.length ? 1 : 0;
}

/** What was imported, and the linter's first judgment of it (of this file alone: its parents may be elsewhere). */
function summary(yaml: string, problems: number, output: string | undefined): string {
  const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  const file = parseOkr(yaml);
  const keyResults = file.model.objectives.reduce((n, o) => n + o.item.keyResults.length, 0);
  const diagnostics = diagnosticsOf(file);
  const errors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).length;
  const warnings = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Warning).length;
  return [
    `okr: imported ${plural(file.model.objectives.length, 'objective')} and ${plural(keyResults, 'key result')}` +
      (output ? ` into ${output}` : '') +
      (problems ? `; ${plural(problems, 'problem')} (above)` : ''),
    `okr lint, this file alone: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}` +
      (output && errors + warnings ? ` (okr lint ${output} shows them)` : ''),
    ...(output && !/\.okr\.ya?ml$/.test(output) ? ['okr: okr lint and the editor read only *.okr.yaml files'] : []),
  ].join('\n');
}

async function exists(file: string): Promise<boolean> {
  return fs.lstat(file).then(
    () => true,
    () => false,
  );
}

class ReadError extends Error {}

/** A regular file's text: UTF-8 (a BOM is the CSV reader's), or UTF-16 with its BOM (Excel's "Unicode text"). */
async function readText(file: string): Promise<string> {
  const stat = await fs.stat(file);
  if (!stat.isFile()) throw new ReadError('is not a regular file');
  if (stat.size > 3 * DEFAULT_MAX_FILE_SIZE) throw new ReadError(`is too large (${stat.size} bytes)`);
  const bytes = await fs.readFile(file);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ReadError('is not UTF-8 text (in Excel, save it as "CSV UTF-8")');
  }
}

function describe(e: unknown, file: string, verb: 'read' | 'write'): string {
  if (e instanceof ReadError) return `${file} ${e.message}`;
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return `no such file: ${file}`;
  if (code === 'EISDIR') return `${file} is a folder, not a file`;
  if (code === 'EACCES' || code === 'EPERM') return `cannot ${verb} ${file}: permission denied`;
  if (code === 'EEXIST') return `${file} already exists: not overwritten`;
  return `${file}: ${e instanceof Error ? e.message : String(e)}`;
}
