/**
 * dist/browser/server.js: the language server in a Web Worker (vscode.dev, github.dev, VS Code's web
 * extension host), over the worker's postMessage. The same server as dist/server.js; what it cannot
 * read from a disk it asks the client for (./fileAccess).
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { startServer } from '../server';
import { clientFileAccess } from '../clientFileAccess';

declare const OKR_LENS_VERSION: string;

const scope = self as unknown as DedicatedWorkerGlobalScope;
const connection = createConnection(new BrowserMessageReader(scope), new BrowserMessageWriter(scope));
startServer(connection, { files: clientFileAccess(connection), version: OKR_LENS_VERSION });
// `exit` ends a Node server's process; a Worker ends only when closed (vscode-languageserver's browser
// build does nothing on exit).
connection.onExit(() => scope.close());
