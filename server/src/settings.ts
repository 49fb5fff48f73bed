import type { Connection } from 'vscode-languageserver/node';
import { defaultSettings, normaliseSettings, type OkrSettings } from './service';
import { SETTINGS_SECTION } from '../../shared/protocol';

/** `okr.*` settings pulled from the client per document, cached until the client says they changed. */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<OkrSettings>>();
  private pushed: OkrSettings = defaultSettings;
  canPull = false;

  constructor(private readonly connection: Connection) {}

  get(uri: string): Promise<OkrSettings> {
    if (!this.canPull) return Promise.resolve(this.pushed);
    let s = this.cache.get(uri);
    if (!s) {
      s = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION })
        .then(normaliseSettings, () => defaultSettings);
      this.cache.set(uri, s);
    }
    return s;
  }

  /** After `workspace/didChangeConfiguration`: forget pulled values, keep pushed ones for clients that push. */
  changed(pushed: unknown): void {
    this.cache.clear();
    const section =
      pushed && typeof pushed === 'object' ? (pushed as Record<string, unknown>)[SETTINGS_SECTION] : undefined;
    if (section) this.pushed = normaliseSettings(section);
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}
