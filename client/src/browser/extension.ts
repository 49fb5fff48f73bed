/**
 * The web extension (dist/browser/extension.js, package.json's `browser`): VS Code's web extension host
 * (vscode.dev, github.dev, code-server's browser host), with the language server in a Web Worker
 * (./client.ts).
 */
import type * as vscode from 'vscode';
import { activateWith, loadedIn, type OkrLensApi } from '../activate';

export { deactivate } from '../activate';

const loadMs = loadedIn();

export function activate(context: vscode.ExtensionContext): OkrLensApi {
  // A dynamic import: esbuild keeps the client's modules in the bundle, initialised only when called.
  return activateWith(
    context,
    async (restarts, tell) => (await import('./client')).createClient(context, restarts, tell),
    'browser',
    loadMs,
  );
}
