/**
 * okr.config.yaml for the server: the nearest one above a document, up to its workspace folder, read
 * from the editor when it is open there and from disk otherwise. Data only: parsed, never executed.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { CONFIG_FILE, parseConfig, type ParsedConfig } from './service';

export class ConfigStore {
  private roots: string[] = [];
  private readonly parsed = new Map<string, Promise<ParsedConfig | undefined>>();
  private readonly located = new Map<string, Promise<string | undefined>>();

  constructor(private readonly openText: (file: string) => string | undefined) {}

  setRoots(uris: readonly string[]): void {
    this.roots = uris.map((u) => URI.parse(u).fsPath);
  }

  static isConfig(uri: string): boolean {
    return path.posix.basename(URI.parse(uri).path) === CONFIG_FILE;
  }

  /** Forget everything read (a config file was created, changed or deleted). */
  invalidate(): void {
    this.parsed.clear();
    this.located.clear();
  }

  /** The config that applies to a document, if any (only for files on disk). */
  async forDocument(uri: string): Promise<ParsedConfig | undefined> {
    const u = URI.parse(uri);
    if (u.scheme !== 'file') return undefined;
    const file = await this.locate(path.dirname(u.fsPath));
    return file ? this.read(file) : undefined;
  }

  /** The config that applies to the files of a folder (a workspace folder's URI), if any. */
  async forFolder(uri: string): Promise<ParsedConfig | undefined> {
    const u = URI.parse(uri);
    if (u.scheme !== 'file') return undefined;
    const file = await this.locate(u.fsPath);
    return file ? this.read(file) : undefined;
  }

  /** Parses a config's text (used for an open config document, to publish its own diagnostics). */
  parse(text: string): ParsedConfig {
    return parseConfig(text);
  }

  private locate(dir: string): Promise<string | undefined> {
    let found = this.located.get(dir);
    if (!found) {
      found = (async () => {
        const candidate = path.join(dir, CONFIG_FILE);
        if (this.openText(candidate) !== undefined || (await exists(candidate))) return candidate;
        const parent = path.dirname(dir);
        // Stop at the workspace folder that holds the document (or the file system root).
        if (parent === dir || this.roots.includes(dir)) return undefined;
        return this.locate(parent);
      })();
      this.located.set(dir, found);
    }
    return found;
  }

  private read(file: string): Promise<ParsedConfig | undefined> {
    let p = this.parsed.get(file);
    if (!p) {
      const open = this.openText(file);
      p =
        open !== undefined
          ? Promise.resolve(parseConfig(open))
          : fs.readFile(file, 'utf8').then(parseConfig, () => undefined);
      this.parsed.set(file, p);
    }
    return p;
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
}
