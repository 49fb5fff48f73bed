/**
 * Every *.okr.yaml in the workspace folders, parsed: open documents from the editor, the rest from
 * disk. Scanned at start, kept current by file events and editors. Only files inside the workspace
 * folders are indexed (symlinks are not followed), so a reference can only resolve inside them.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { parseOkr, Workspace, type ParsedFile } from './service';

const SKIPPED_DIRS = new Set(['node_modules', '.git']);
export const OKR_FILE = /\.okr\.ya?ml$/;

export class WorkspaceIndex {
  private roots: string[] = [];
  private readonly files = new Map<string, ParsedFile>();
  /** Kept up to date file by file: a change re-indexes only the objectives it touched. */
  private readonly indexed = new Workspace();
  private readonly generations = new Map<string, number>();

  setRoots(uris: readonly string[]): void {
    this.roots = uris.map((u) => path.resolve(URI.parse(u).fsPath));
  }

  /** Whether a URI is a file inside a workspace folder (everything, when there are no folders). */
  contains(uri: string): boolean {
    const u = URI.parse(uri);
    if (u.scheme !== 'file') return false;
    if (this.roots.length === 0) return true;
    const p = path.resolve(u.fsPath);
    return this.roots.some((r) => p === r || p.startsWith(r.endsWith(path.sep) ? r : r + path.sep));
  }

  /**
   * Records a file's latest parse. Returns whether anything other files can see changed (ids,
   * alignment, tenets, people, owners, period): only then do other files need re-checking.
   */
  set(uri: string, file: ParsedFile): boolean {
    this.bump(uri);
    if (this.files.get(uri) === file) return false;
    this.files.set(uri, file);
    return this.indexed.setFile(uri, file.model);
  }

  delete(uri: string): boolean {
    this.bump(uri);
    this.indexed.deleteFile(uri);
    return this.files.delete(uri);
  }

  has(uri: string): boolean {
    return this.files.has(uri);
  }

  get(uri: string): ParsedFile | undefined {
    return this.files.get(uri);
  }

  uris(): string[] {
    return [...this.files.keys()];
  }

  workspace(): Workspace {
    return this.indexed;
  }

  /** Parses a file from disk into the index (unless it is gone or unreadable: then it is dropped). */
  async readFromDisk(uri: string, maxFileSize?: number): Promise<boolean> {
    // A read that finishes after a newer change to the same file (an editor, a delete event) is stale.
    const started = this.bump(uri);
    let text: string;
    try {
      text = await fs.readFile(URI.parse(uri).fsPath, 'utf8');
    } catch {
      return this.generations.get(uri) === started ? this.delete(uri) : false;
    }
    if (this.generations.get(uri) !== started) return false;
    return this.set(uri, parseOkr(text, undefined, { maxFileSize }));
  }

  /** Each change to a file's entry, in order: lets a slow read see that it has been overtaken. */
  private bump(uri: string): number {
    const next = (this.generations.get(uri) ?? 0) + 1;
    this.generations.set(uri, next);
    return next;
  }

  /** Every OKR file under the workspace folders, without following symlinks. */
  async scan(): Promise<string[]> {
    const found: string[] = [];
    const walk = async (dir: string) => {
      let entries;
      try {
        entries = await fs.readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        if (e.isSymbolicLink()) continue;
        const p = path.join(dir, e.name);
        if (e.isDirectory()) {
          if (!SKIPPED_DIRS.has(e.name)) await walk(p);
        } else if (e.isFile() && OKR_FILE.test(e.name)) found.push(URI.file(p).toString());
      }
    };
    for (const root of this.roots) await walk(root);
    return found;
  }
}
