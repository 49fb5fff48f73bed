/**
 * Which files `okr lint` checks: paths as given, folders searched for *.okr.yaml, or glob patterns.
 * Searching a folder or a glob does not follow symlinks (a path named on the command line is read as given).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';

export const OKR_FILE = /\.okr\.ya?ml$/;
const SKIPPED_DIRS = new Set(['node_modules', '.git']);

export class UsageError extends Error {}

/** Resolves the command line's paths to files, each named as the user would write it. */
export async function findFiles(args: readonly string[], cwd: string): Promise<string[]> {
  const found = new Set<string>();
  for (const arg of args.length ? args : ['.']) {
    const abs = path.resolve(cwd, arg);
    const stat = await fs.stat(abs).catch(() => undefined);
    if (stat?.isDirectory()) {
      const before = found.size;
      for (const rel of await walk(abs)) found.add(arg === '.' ? rel : path.join(arg, rel));
      if (found.size === before && args.length) throw new UsageError(`No *.okr.yaml files in ${arg}`);
    } else if (stat) {
      // A FIFO would block the read forever: only regular files are read.
      if (!stat.isFile()) throw new UsageError(`${arg} is not a regular file`);
      found.add(arg);
    } else if (isDynamicPattern(arg)) {
      const matches = await glob(arg, {
        cwd,
        ignore: ['**/node_modules/**', '**/.git/**'],
        onlyFiles: true,
        dot: false,
        // As with folders: a symlink is not followed (it may lead out of the repository).
        followSymbolicLinks: false,
      });
      if (matches.length === 0) throw new UsageError(`No files match ${arg}`);
      for (const m of matches.sort()) found.add(m);
    } else {
      throw new UsageError(`No such file or folder: ${arg}`);
    }
  }
  return [...found];
}

async function walk(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  const entries = await fs.readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const rel = prefix ? path.join(prefix, e.name) : e.name;
    if (e.isDirectory()) {
      if (!SKIPPED_DIRS.has(e.name)) for (const file of await walk(path.join(dir, e.name), rel)) out.push(file);
    } else if (e.isFile() && OKR_FILE.test(e.name)) out.push(rel);
  }
  return out;
}
