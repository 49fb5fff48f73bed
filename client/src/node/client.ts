/** The desktop's language client: the server as a Node process over IPC. Loaded after activation. */
import * as path from 'node:path';
import type * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { CLIENT_ID, CLIENT_NAME, clientOptions, quietError, type Tell } from '../clientOptions';
import type { RestartPolicy } from '../restartPolicy';

/** The language client, with the errors it forces on screen counted against the one stop message. */
class QuietLanguageClient extends LanguageClient {
  constructor(
    private readonly restarts: RestartPolicy,
    serverOptions: ServerOptions,
    options: LanguageClientOptions,
  ) {
    super(CLIENT_ID, CLIENT_NAME, serverOptions, options);
  }

  override error(message: string, data?: unknown, showNotification: boolean | 'force' = true): void {
    super.error(message, data, quietError(this.restarts, showNotification));
  }
}

export function createClient(context: vscode.ExtensionContext, restarts: RestartPolicy, tell: Tell): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  return new QuietLanguageClient(restarts, serverOptions, clientOptions(restarts, tell));
}
