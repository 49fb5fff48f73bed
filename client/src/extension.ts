/** The desktop extension (dist/extension.js): the language server as a Node process (./node/client.ts). */
import type * as vscode from 'vscode';
import { activateWith, loadedIn, type OkrLensApi } from './activate';

export { deactivate } from './activate';
export type { OkrLensApi } from './activate';

const loadMs = loadedIn();

export function activate(context: vscode.ExtensionContext): OkrLensApi {
  // A dynamic import: esbuild keeps the client's modules in the bundle, initialised only when called.
  return activateWith(
    context,
    async (restarts, tell) => (await import('./node/client')).createClient(context, restarts, tell),
    'node',
    loadMs,
  );
}
