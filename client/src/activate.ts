/**
 * The extension, for the desktop and the browser alike: the preview, the status bar and the commands,
 * and the language client, which the two entries start differently (a Node process, ./extension.ts, or
 * a Web Worker, ./browser/extension.ts).
 *
 * Activation does not load the language client: initialising vscode-languageclient's modules takes
 * most of the extension's start-up time (about 60–90 ms of module code in Node), and activation blocks
 * the extension host. It is loaded on the next task after activation, then started; everything that
 * needs it waits for it.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { LANGUAGE_ID, RULES_REQUEST, type PreviewState, type RuleInfo } from '../../shared/protocol';
import { currentQuarter, newOkrFileTemplate } from '../../shared/template';
import { OkrStatusBar } from './statusBar';
import { PREVIEW_VIEW_TYPE, PreviewManager } from './preview';
import { RestartPolicy, type Decision } from './restartPolicy';
import { answerFileRequests } from './fileRequests';
import { okrSchemes } from './schemes';
import { unservedSchemes } from './selector';

/** What the extension exports to other extensions and to its tests. */
export interface OkrLensApi {
  /** Milliseconds of extension-host time: loading the bundle plus `activate` (the client loads after). */
  readonly activationMs: number;
  /** Of which loading the bundle (its modules' top-level code). */
  readonly loadMs: number;
  /** Where the server runs: a Node process, or a Web Worker. */
  readonly host: 'node' | 'browser';
  /** Extension-host time spent after activation loading and creating the language client (ms). */
  readonly clientMs: Promise<number>;
}

/** Makes the language client (loading its code): the one place the desktop and the browser differ. */
export type ClientFactory = (
  restarts: RestartPolicy,
  tell: (decision: Decision) => void,
) => Promise<BaseLanguageClient>;

/** The client in use (a restart replaces it), for deactivate(). */
let current: (() => Promise<BaseLanguageClient>) | undefined;
let deactivated = false;

/** vscode-languageclient's `State.Starting` (a value import would load its modules at activation). */
const STARTING = 3;

export function activateWith(
  context: vscode.ExtensionContext,
  createClient: ClientFactory,
  host: OkrLensApi['host'],
  loadMs: number,
): OkrLensApi {
  const activateStart = performance.now();
  deactivated = false;
  const restarts = new RestartPolicy();
  let started: BaseLanguageClient | undefined;
  const tell = (decision: Decision) => {
    if (!decision.notify) return;
    const show =
      decision.notify.severity === 'error' ? vscode.window.showErrorMessage : vscode.window.showInformationMessage;
    void show(decision.notify.message, 'Show Output').then((choice) => {
      if (choice) started?.outputChannel.show(true);
    });
  };
  /** The file requests each client answers, disposed with it. */
  const answering = new Map<BaseLanguageClient, vscode.Disposable[]>();
  const load = async (): Promise<BaseLanguageClient> => {
    const c = await createClient(restarts, tell);
    started = c;
    answering.set(c, answerFileRequests(c));
    // The server starts in the background (diagnostics come when it is up). A failure is already told
    // (initializationFailedHandler); it is logged here, and the preview and commands stay available.
    c.start().catch((e: unknown) =>
      c.outputChannel.appendLine(`okr-lens: the language server did not start: ${String(e)}`),
    );
    return c;
  };
  let clientMs = 0;
  const first = new Promise<void>((resolve) => setTimeout(resolve, 0)).then(async () => {
    const t = performance.now();
    const c = await load();
    clientMs = performance.now() - t;
    void vscode.commands.executeCommand('setContext', 'okr.clientLoaded', true);
    return c;
  });
  // A client that cannot even load (a broken install) is told once.
  first.catch(
    (e: unknown) => void vscode.window.showErrorMessage(`okr-lens could not load its language client: ${String(e)}`),
  );
  let client = first;
  const currentClient = () => client;
  current = currentClient;

  /** Stops a client for good: a start under way finishes first; a stop that fails is logged. */
  const retire = async (c: BaseLanguageClient) => {
    if (c.state === STARTING) await c.start().catch(() => undefined);
    try {
      await c.dispose();
    } catch (e) {
      // Not running (its start failed), or its server did not answer `shutdown` in time: gone either way.
      c.outputChannel.appendLine(`okr-lens: stopping the language server: ${String(e)}`);
    }
    for (const d of answering.get(c) ?? []) d.dispose();
    answering.delete(c);
  };
  // One restart at a time: a second waits for the first. Each makes a new client (one whose start
  // failed cannot start again), with the same output channel.
  let restarting: Promise<void> = Promise.resolve();
  const restart = (why: string): Promise<void> =>
    (restarting = restarting
      .then(async () => {
        const old = await client.catch(() => undefined);
        if (deactivated) return;
        old?.outputChannel.appendLine(`okr-lens: restarting the language server (${why})`);
        if (old) await retire(old);
        if (deactivated) return;
        client = load();
        await client;
      })
      .catch((e: unknown) => {
        void vscode.window.showErrorMessage(`okr-lens could not restart its language server: ${String(e)}`);
      }));
  context.subscriptions.push({
    dispose: () => {
      deactivated = true;
      void client.then(retire, () => undefined);
    },
  });
  const preview = new PreviewManager(context, currentClient);
  context.subscriptions.push(
    preview,
    vscode.commands.registerCommand('okr.openPreview', () => preview.open(false)),
    vscode.commands.registerCommand('okr.openPreviewToSide', () => preview.open(true)),
    vscode.commands.registerCommand('okr.openWorkspaceAlignment', () => preview.openWorkspace()),
    vscode.commands.registerCommand('okr.newFile', async () => {
      const doc = await vscode.workspace.openTextDocument({
        language: LANGUAGE_ID,
        content: newOkrFileTemplate(currentQuarter()),
      });
      await vscode.window.showTextDocument(doc);
    }),
    vscode.commands.registerCommand('okr.showRuleDocumentation', async (id?: string) => {
      const rules = await (await client).sendRequest<RuleInfo[]>(RULES_REQUEST);
      const picked =
        rules.find((r) => r.id === id) ??
        (
          await vscode.window.showQuickPick(
            rules.map((r) => ({ label: r.id, description: r.defaultSeverity, detail: r.description, rule: r })),
            { placeHolder: 'Which rule?', matchOnDetail: true },
          )
        )?.rule;
      if (picked) await vscode.env.openExternal(vscode.Uri.parse(picked.docs));
    }),
    vscode.commands.registerCommand('okr.restartServer', () => restart('asked for')),
    // A workspace folder of a scheme the client does not serve yet (a repository opened remotely beside
    // the local folders): its documents are okr-lens's too, once the client restarts with them.
    vscode.workspace.onDidChangeWorkspaceFolders(
      () =>
        void client.then(
          (c) => {
            const added = unservedSchemes(c.clientOptions.documentSelector ?? [], okrSchemes());
            if (added.length) return restart(`a workspace folder of ${added.map((s) => `${s}:`).join(', ')} was added`);
          },
          () => undefined,
        ),
    ),
    new OkrStatusBar(currentClient),
    // After a restart, the panel comes back with the view, filters and scroll the webview saved.
    vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: PreviewState | undefined) => preview.restore(panel, state),
    }),
  );
  return {
    activationMs: loadMs + (performance.now() - activateStart),
    loadMs,
    host,
    clientMs: first.then(() => clientMs),
  };
}

export async function deactivate(): Promise<void> {
  const client = current;
  current = undefined;
  deactivated = true;
  const c = await client?.().catch(() => undefined);
  await c?.dispose().catch(() => undefined);
}

/** What loading a bundle cost: from its first line (esbuild's banner notes the time) to now. */
export function loadedIn(): number {
  const start = (globalThis as { __okrLensLoadStart?: number }).__okrLensLoadStart;
  return start === undefined ? 0 : performance.now() - start;
}
