/** Finds and reads okr.config.yaml for the CLI: the nearest one above each file, up to the repository root. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE, parseConfig, resolveSettings, type OkrSettings, type ParsedConfig } from '../service';

export interface LoadedConfig extends ParsedConfig {
  /** The config file as the user would name it (relative to the working folder). */
  readonly path: string;
  readonly settings: OkrSettings;
}

export class ConfigLoader {
  private readonly byDir = new Map<string, Promise<LoadedConfig | undefined>>();
  private readonly loaded = new Map<string, Promise<LoadedConfig>>();

  constructor(
    private readonly cwd: string,
    /** `--config <file>`: one config for every file. */
    private readonly explicit?: string,
  ) {}

  /** The config that applies to a file, if any. */
  forFile(file: string): Promise<LoadedConfig | undefined> {
    if (this.explicit) return this.load(path.resolve(this.cwd, this.explicit));
    return this.forDir(path.dirname(path.resolve(this.cwd, file)));
  }

  /** The config that applies to the files of a folder, if any (`--config` when given). */
  forFolder(dir: string): Promise<LoadedConfig | undefined> {
    if (this.explicit) return this.load(path.resolve(this.cwd, this.explicit));
    return this.forDir(path.resolve(this.cwd, dir));
  }

  /** Every config read so far. */
  async all(): Promise<LoadedConfig[]> {
    return Promise.all(this.loaded.values());
  }

  private forDir(dir: string): Promise<LoadedConfig | undefined> {
    let found = this.byDir.get(dir);
    if (!found) {
      found = (async () => {
        const candidate = path.join(dir, CONFIG_FILE);
        if (await exists(candidate)) return this.load(candidate);
        // Stop at the repository root or the file system root.
        const parent = path.dirname(dir);
        if (parent === dir || (await exists(path.join(dir, '.git')))) return undefined;
        return this.forDir(parent);
      })();
      this.byDir.set(dir, found);
    }
    return found;
  }

  private load(file: string): Promise<LoadedConfig> {
    let loaded = this.loaded.get(file);
    if (!loaded) {
      loaded = fs.readFile(file, 'utf8').then((text) => {
        const parsed = parseConfig(text);
        return {
          ...parsed,
          path: path.relative(this.cwd, file) || file,
          settings: resolveSettings(parsed.config, undefined),
        };
      });
      this.loaded.set(file, loaded);
    }
    return loaded;
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}
