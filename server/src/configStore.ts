/**
 * okr.config.yaml for the server: the nearest one above a document, up to its workspace folder, read
 * from the editor when it is open there and through the server's FileAccess otherwise (the disk, or the
 * client's workspace.fs in the browser). Data only: parsed, never executed. Files are named by URI.
 */
import { URI, Utils } from 'vscode-uri';
import { CONFIG_FILE, parseConfig, type ParsedConfig } from './service';
import { folderKey as folder, type FileAccess } from './fileAccess';

export class ConfigStore {
  private roots = new Set<string>();
  private readonly parsed = new Map<string, Promise<ParsedConfig | undefined>>();
  private readonly located = new Map<string, Promise<string | undefined>>();

  constructor(
    /** An open document's text, by URI. */
    private readonly openText: (uri: string) => string | undefined,
    private readonly access: Pick<FileAccess, 'stat' | 'readFile'>,
  ) {}

  setRoots(uris: readonly string[]): void {
    this.roots = new Set(uris.map((u) => folder(URI.parse(u))));
  }

  static isConfig(uri: string): boolean {
    return Utils.basename(URI.parse(uri)) === CONFIG_FILE;
  }

  /** Forget everything read (a config file was created, changed or deleted). */
  invalidate(): void {
    this.parsed.clear();
    this.located.clear();
  }

  /** The config that applies to a document, if any (not for untitled documents, which have no folder). */
  async forDocument(uri: string): Promise<ParsedConfig | undefined> {
    const u = URI.parse(uri);
    if (u.scheme === 'untitled') return undefined;
    const file = await this.locate(Utils.dirname(u));
    return file ? this.read(file) : undefined;
  }

  /** The config that applies to the files of a folder (a workspace folder's URI), if any. */
  async forFolder(uri: string): Promise<ParsedConfig | undefined> {
    const u = URI.parse(uri);
    if (u.scheme === 'untitled') return undefined;
    const file = await this.locate(u);
    return file ? this.read(file) : undefined;
  }

  /** Parses a config's text (used for an open config document, to publish its own diagnostics). */
  parse(text: string): ParsedConfig {
    return parseConfig(text);
  }

  private locate(dir: URI): Promise<string | undefined> {
    const key = folder(dir);
    let found = this.located.get(key);
    if (!found) {
      found = (async () => {
        const candidate = Utils.joinPath(dir, CONFIG_FILE).toString();
        if (this.openText(candidate) !== undefined || (await this.exists(candidate))) return candidate;
        const parent = Utils.dirname(dir);
        // Stop at the workspace folder that holds the document (or the file system's root).
        if (folder(parent) === key || this.roots.has(key)) return undefined;
        return this.locate(parent);
      })();
      this.located.set(key, found);
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
          : this.access.readFile(file).then(
              (bytes) => parseConfig(new TextDecoder().decode(bytes)),
              () => undefined,
            );
      this.parsed.set(file, p);
    }
    return p;
  }

  private exists(file: string): Promise<boolean> {
    return this.access.stat(file).then(
      (s) => s.isFile(),
      () => false,
    );
  }
}
