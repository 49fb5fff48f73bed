/**
 * The client's side of the server's file access (server/src/clientFileAccess.ts): in a Web
 * Worker the server has no disk, so it asks here, and VS Code reads through whatever file system holds
 * the workspace (a GitHub repository in github.dev, the remote's disk in code-server).
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { encodeBase64 } from '../../shared/base64';
import * as protocol from '../../shared/protocol';
import type { FsFailure, FsFindResult, FsReadResult, FsStatResult, FsUriParams } from '../../shared/protocol';

/** A vscode.FileSystemError (or any error) as Node's error code, which the server reads. */
function failure(e: unknown): FsFailure {
  const code = e instanceof vscode.FileSystemError ? e.code : '';
  const error =
    code === 'FileNotFound' || code === 'EntryNotFound'
      ? 'ENOENT'
      : code === 'FileIsADirectory' || code === 'EntryIsADirectory'
        ? 'EISDIR'
        : code === 'NoPermissions'
          ? 'EACCES'
          : 'EIO';
  return { error, message: e instanceof Error ? e.message : String(e) };
}

async function safely<T>(f: () => Thenable<T>): Promise<T | FsFailure> {
  try {
    return await f();
  } catch (e) {
    return failure(e);
  }
}

export function answerFileRequests(client: BaseLanguageClient): vscode.Disposable[] {
  return [
    client.onRequest(protocol.FS_STAT_REQUEST, ({ uri }: FsUriParams) =>
      safely(async (): Promise<FsStatResult> => {
        const s = await vscode.workspace.fs.stat(vscode.Uri.parse(uri));
        const type =
          s.type & vscode.FileType.File ? 'file' : s.type & vscode.FileType.Directory ? 'directory' : 'other';
        return { type, size: s.size, symlink: (s.type & vscode.FileType.SymbolicLink) !== 0 };
      }),
    ),
    client.onRequest(protocol.FS_READ_REQUEST, ({ uri }: FsUriParams) =>
      safely(async (): Promise<FsReadResult> => ({
        base64: encodeBase64(await vscode.workspace.fs.readFile(vscode.Uri.parse(uri))),
      })),
    ),
    client.onRequest(protocol.FS_FIND_REQUEST, ({ uri }: FsUriParams) =>
      safely(async (): Promise<FsFindResult> => {
        const folder = vscode.Uri.parse(uri);
        const found = await vscode.workspace.findFiles(
          new vscode.RelativePattern(folder, '**/*.okr.{yaml,yml}'),
          '**/{node_modules,.git}/**',
        );
        return { uris: found.map((u) => u.toString()) };
      }),
    ),
  ];
}
