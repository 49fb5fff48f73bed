import type { Connection } from 'vscode-languageserver';
import { resolveSettings, trackingOf, type OkrSettings, type Tracking } from './service';
import { SETTINGS_SECTION } from '../../shared/protocol';
import type { ConfigStore } from './configStore';

/**
 * Effective settings per document: okr.config.yaml (the team's) under VS Code's `okr.*` (the user's),
 * pulled from the client per document and cached until either changes. One object per document and
 * version of the inputs, so rule results cached against it stay valid.
 */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<OkrSettings>>();
  private pushed: unknown = {};
  private trackingCache: Promise<Tracking> | undefined;
  private root: string | undefined;
  canPull = false;

  constructor(
    private readonly connection: Connection,
    private readonly configs: ConfigStore,
  ) {}

  get(uri: string): Promise<OkrSettings> {
    let s = this.cache.get(uri);
    if (!s) {
      s = this.resolve(uri, this.client(uri));
      this.cache.set(uri, s);
    }
    return s;
  }

  /** The first workspace folder: its settings decide the workspace's calendar, thresholds and date. */
  setRoot(uri: string | undefined): void {
    this.root = uri;
    this.trackingCache = undefined;
  }

  /**
   * The workspace's fiscal year, status thresholds (okr.config.yaml at the root) and `okr.asOf`: one for
   * every file, because periods of different files are compared with each other.
   */
  tracking(): Promise<Tracking> {
    if (!this.trackingCache) {
      const root = this.root;
      const config = root ? this.configs.forFolder(root).catch(() => undefined) : Promise.resolve(undefined);
      const client = root ? this.client(root) : Promise.resolve(this.pushed);
      this.trackingCache = Promise.all([config, client]).then(([c, s]) =>
        trackingOf(c?.config, (s as { asOf?: unknown } | undefined)?.asOf),
      );
    }
    return this.trackingCache;
  }

  /** Settings for many documents, pulled from the client in one request (indexing, workspace passes). */
  getMany(uris: readonly string[]): Promise<OkrSettings[]> {
    const missing = uris.filter((u) => !this.cache.has(u));
    if (missing.length > 1 && this.canPull) {
      const pulled = this.connection.workspace
        .getConfiguration(missing.map((scopeUri) => ({ scopeUri, section: SETTINGS_SECTION })))
        .then(
          (values: unknown[]) => values,
          () => missing.map(() => ({})),
        );
      missing.forEach((uri, i) => {
        const client = pulled.then((values) => values[i]);
        this.cache.set(uri, this.resolve(uri, client));
      });
    }
    return Promise.all(uris.map((u) => this.get(u)));
  }

  private resolve(uri: string, client: Promise<unknown>): Promise<OkrSettings> {
    return Promise.all([client, this.configs.forDocument(uri).catch(() => undefined)]).then(([c, config]) =>
      resolveSettings(config?.config, c),
    );
  }

  private client(uri: string): Promise<unknown> {
    if (!this.canPull) return Promise.resolve(this.pushed);
    return this.connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }).then(
      (v: unknown) => v,
      () => ({}),
    );
  }

  /** After `workspace/didChangeConfiguration`: keep pushed values for clients that push, forget the rest. */
  clientChanged(pushed: unknown): void {
    const section =
      pushed && typeof pushed === 'object' ? (pushed as Record<string, unknown>)[SETTINGS_SECTION] : undefined;
    if (section) this.pushed = section;
    this.cache.clear();
    this.trackingCache = undefined;
  }

  /** A config file changed: everything may resolve differently. */
  configChanged(): void {
    this.configs.invalidate();
    this.cache.clear();
    this.trackingCache = undefined;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}
