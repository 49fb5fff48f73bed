/** The desktop extension (dist/extension.js): the language server as a Node process (./node/client.ts). */
import type * as vscode from 'vscode';
import { activateWith, loadedIn, type OkrLensApi } from './activate';

export { deactivate } from './activate';
export type { OkrLensApi } from './activate';

const loadMs = loadedIn();

/** The language client's module: a plain require (no ESM loader), of dist/client.js once bundled. */
function loadClient(): typeof import('./node/client') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand, after activation
  return require('./node/client') as typeof import('./node/client');
}

export function activate(context: vscode.ExtensionContext): OkrLensApi {
  // dist/client.js, read, compiled and run only now (after activation): see esbuild.mjs's lazyClient.
  return activateWith(
    context,
    async (restarts, tell) => loadClient().createClient(context, restarts, tell),
    'node',
    loadMs,
  );
}
