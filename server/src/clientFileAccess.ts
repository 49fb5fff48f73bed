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

function failed<T extends object>(result: T | FsFailure): result is FsFailure {
  return 'error' in result;
}

export function clientFileAccess(connection: Pick<Connection, 'sendRequest'>): FileAccess {
  const ask = async <R extends object>(method: string, uri: string): Promise<Exclude<R, FsFailure>> => {
    const result = await connection.sendRequest<R | FsFailure>(method, { uri } satisfies FsUriParams);
    if (failed(result)) throw fileError(result.error, result.message);
    return result as Exclude<R, FsFailure>;
  };
  return {
    async stat(uri) {
      const s = await ask<FsStatResult>(FS_STAT_REQUEST, uri);
      return { isFile: () => s.type === 'file', size: s.size };
    },
    readFile: async (uri) => decodeBase64((await ask<FsReadResult>(FS_READ_REQUEST, uri)).base64),
    // VS Code's file systems say whether the file itself is a symlink (virtual ones have none).
    throughSymlink: async (uri) => (await ask<FsStatResult>(FS_STAT_REQUEST, uri)).symlink,
    findOkrFiles: async (folder) => [...(await ask<FsFindResult>(FS_FIND_REQUEST, folder)).uris],
  };
}
