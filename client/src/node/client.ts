/** The desktop's language client: the server as a Node process over IPC. Loaded after activation. */
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { CLIENT_ID, CLIENT_NAME, clientOptions, quieten, type Tell } from '../clientOptions';
import type { RestartPolicy } from '../restartPolicy';

export function createClient(context: vscode.ExtensionContext, restarts: RestartPolicy, tell: Tell): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  return quieten(new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions(restarts, tell)), restarts);
}
