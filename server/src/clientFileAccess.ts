/**
 * The server's file access in a Web Worker: no disk, so each read is a request to the client, which
 * answers through VS Code's `workspace.fs` and `workspace.findFiles` (client/src/fileRequests.ts), as
 * json-language-features asks its client for `vscode/content`.
 */
import type { Connection } from 'vscode-languageserver';
import { decodeBase64 } from '../../shared/base64';
import {
  FS_FIND_REQUEST,
  FS_READ_REQUEST,
  FS_STAT_REQUEST,
  type FsFailure,
  type FsFindResult,
  type FsReadResult,
  type FsStatResult,
  type FsUriParams,
} from '../../shared/protocol';
import { fileError, type FileAccess } from './fileAccess';
import { nextTurn } from './nextTurn';

function failed<T extends object>(result: T | FsFailure): result is FsFailure {
  return 'error' in result;
}

export function clientFileAccess(connection: Pick<Connection, 'sendRequest'>): FileAccess {
  const ask = async <R extends object>(method: string, uri: string): Promise<Exclude<R, FsFailure>> => {
    const result = await connection.sendRequest<R | FsFailure>(method, { uri } satisfies FsUriParams);
    if (failed(result)) throw fileError(result.error, result.message);
    return result as Exclude<R, FsFailure>;
  };
  /**
   * The stat a symlink check just fetched, for the read that follows it in the same turn (the index
   * checks, then stats, then reads each file): two requests per file instead of three. Dropped on the
   * next turn, so a later stat always asks again.
   */
  type Stat = Exclude<FsStatResult, FsFailure>;
  const justStated = new Map<string, Stat>();
  const statOf = (uri: string): Promise<Stat> => {
    const recent = justStated.get(uri);
    if (recent) {
      justStated.delete(uri);
      return Promise.resolve(recent);
    }
    return ask<FsStatResult>(FS_STAT_REQUEST, uri);
  };
  return {
    async stat(uri) {
      const s = await statOf(uri);
      return { isFile: () => s.type === 'file', size: s.size };
    },
    readFile: async (uri) => decodeBase64((await ask<FsReadResult>(FS_READ_REQUEST, uri)).base64),
    // VS Code's file systems say whether the file itself is a symlink (virtual ones have none).
    async throughSymlink(uri) {
      const s = await ask<FsStatResult>(FS_STAT_REQUEST, uri);
      if (!s.symlink) {
        justStated.set(uri, s);
        nextTurn(() => {
          if (justStated.get(uri) === s) justStated.delete(uri);
        });
      }
      return s.symlink;
    },
    findOkrFiles: async (folder) => [...(await ask<FsFindResult>(FS_FIND_REQUEST, folder)).uris],
  };
}
