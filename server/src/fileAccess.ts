/**
 * What the server reads besides the editor's documents: the workspace folders' OKR files and
 * okr.config.yaml, named by URI. On the desktop it is the disk (./node/fileAccess); in the browser the
 * server has no disk and asks the client, which reads through VS Code's `workspace.fs` and
 * `workspace.findFiles` (./clientFileAccess; the Node server too, for a virtual workspace). Errors carry Node's codes (`ENOENT`, `EACCES`, …), so
 * the index tells "no file here" from "could not be read" the same way in both.
 */
import { URI } from 'vscode-uri';
import type { ReadableFiles } from './okrFile';

export interface FileAccess extends ReadableFiles {
  /** Every OKR file under a folder, as URIs: not under node_modules or .git, no symlinks. */
  findOkrFiles(folder: string): Promise<string[]>;
  /**
   * Whether a file is reached through a symlink between `root` (a workspace folder; undefined: the
   * file's own folder) and it: such a file is not read, so a reference resolves only inside the folders.
   */
  throughSymlink(uri: string, root: string | undefined): Promise<boolean>;
}

/** An error as Node's file system throws it, with its `code`. */
export function fileError(code: string, message: string): Error & { code: string } {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}

/** The folders below which OKR files are never looked for. */
export const SKIPPED_DIRS: readonly string[] = ['node_modules', '.git'];

/** An OKR file's name. */
export const OKR_FILE = /\.okr\.ya?ml$/;

/**
 * A file access that reads `file:` URIs from `disk` and every other scheme through `other`: the Node
 * server in a virtual workspace (a GitHub repository opened remotely in desktop VS Code) has no disk for
 * it, so it asks the client, as the browser server does.
 */
export function byScheme(disk: FileAccess, other: FileAccess): FileAccess {
  const pick = (uri: string) => (uri.startsWith('file:') ? disk : other);
  return {
    stat: (uri) => pick(uri).stat(uri),
    readFile: (uri) => pick(uri).readFile(uri),
    throughSymlink: (uri, root) => pick(uri).throughSymlink(uri, root),
    findOkrFiles: (folder) => pick(folder).findOkrFiles(folder),
  };
}

/** A URI's folder key: scheme, authority and path without a trailing slash (a drive letter lower-cased). */
export function folderKey(u: URI): string {
  let p = u.path.replace(/\/+$/, '');
  if (u.scheme === 'file') p = p.replace(/^\/([A-Za-z]):/, (_, d: string) => `/${d.toLowerCase()}:`);
  return `${u.scheme}://${u.authority.toLowerCase()}${p}`;
}

/** The workspace folder (of `folders`, URIs) that holds `uri`, if any. */
export function folderOf(uri: string, folders: readonly string[]): string | undefined {
  const key = folderKey(URI.parse(uri));
  return folders.find((f) => {
    const root = folderKey(URI.parse(f));
    return key === root || key.startsWith(`${root}/`);
  });
}
