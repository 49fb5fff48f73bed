/** The server's file access on the desktop: the disk, through Node's `fs`. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { OKR_FILE, SKIPPED_DIRS, fileError, type FileAccess } from '../fileAccess';
import type { FileSystem } from '../okrFile';

export const nodeFileSystem: FileSystem = {
  stat: (file) => fs.stat(file),
  readFile: (file) => fs.readFile(file),
  realpath: (file) => fs.realpath(file),
};

/** File access over a path-based file system (Node's by default; tests pass one that fails on cue). */
export function nodeFileAccess(fileSystem: FileSystem = nodeFileSystem): FileAccess {
  /** Each folder's real path, looked up once. */
  const realBases = new Map<string, Promise<string>>();
  const fsPath = (uri: string) => {
    const u = URI.parse(uri);
    if (u.scheme !== 'file') throw fileError('ENOENT', `${uri} is not on disk`);
    return path.resolve(u.fsPath);
  };
  return {
    stat: async (uri) => fileSystem.stat(fsPath(uri)),
    readFile: async (uri) => fileSystem.readFile(fsPath(uri)),
    async throughSymlink(uri, root) {
      const p = fsPath(uri);
      const base = root ? fsPath(root) : path.dirname(p);
      let realBase = realBases.get(base);
      if (!realBase) {
        realBase = fileSystem.realpath(base).catch(() => base);
        if (root) realBases.set(base, realBase);
      }
      return (await fileSystem.realpath(p)) !== path.join(await realBase, path.relative(base, p));
    },
    async findOkrFiles(folder) {
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
            if (!SKIPPED_DIRS.includes(e.name)) await walk(p);
          } else if (e.isFile() && OKR_FILE.test(e.name)) found.push(URI.file(p).toString());
        }
      };
      await walk(fsPath(folder));
      return found;
    },
  };
}
