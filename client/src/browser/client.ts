/** The web extension's language client: the server in a Web Worker. Loaded after activation. */
import * as vscode from 'vscode';
import {
  BrowserMessageReader,
  BrowserMessageWriter,
  LanguageClient,
  State,
  type MessageTransports,
} from 'vscode-languageclient/browser';
import { CLIENT_ID, CLIENT_NAME, clientOptions, quieten, type Tell } from '../clientOptions';
import type { RestartPolicy } from '../restartPolicy';

/**
 * The server's Worker. Where the extension is served over http(s) (vscode.dev, github.dev) the host
 * loads a Worker from its URL, as VS Code's own json-language-features does; where it is not
 * (code-server serves it as `vscode-remote:`, which no Worker can load), from its bytes.
 */
async function serverWorker(extensionUri: vscode.Uri): Promise<Worker> {
  const main = vscode.Uri.joinPath(extensionUri, 'dist', 'browser', 'server.js');
  if (main.scheme === 'http' || main.scheme === 'https') return new Worker(main.toString(true));
  const source = await vscode.workspace.fs.readFile(main);
  const url = URL.createObjectURL(new Blob([source as Uint8Array<ArrayBuffer>], { type: 'text/javascript' }));
  try {
    return new Worker(url);
  } finally {
    // The Worker has fetched its script by the time it runs; the URL is not needed after that.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}

/**
 * The transports over a Worker. Made here, not by the client from the Worker: the web extension host
 * wraps the `Worker` constructor, so the client's `instanceof Worker` check fails on the Worker it returns.
 */
const transportsOver = (worker: Worker): MessageTransports => ({
  reader: new BrowserMessageReader(worker),
  writer: new BrowserMessageWriter(worker),
});

export function createClient(context: vscode.ExtensionContext, restarts: RestartPolicy, tell: Tell): LanguageClient {
  // One Worker per start (a restart after a crash gets a fresh one); a stopped client's is terminated,
  // since nothing else ends a Worker (the server closes itself on `exit`, if it gets that far).
  let worker: Worker | undefined;
  const end = () => {
    worker?.terminate();
    worker = undefined;
  };
  const start = async () => {
    end();
    worker = await serverWorker(context.extensionUri);
    return transportsOver(worker);
  };
  const client = quieten(new LanguageClient(CLIENT_ID, CLIENT_NAME, start, clientOptions(restarts, tell)), restarts);
  client.onDidChangeState((e) => {
    if (e.newState === State.Stopped || e.newState === State.StartFailed) end();
  });
  return client;
}
