/** The extension: starts the bundled language server for okr files. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  RevealOutputChannelOn,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { LANGUAGE_ID, RULES_REQUEST, type PreviewState, type RuleInfo } from '../../shared/protocol';
import { currentQuarter, newOkrFileTemplate } from '../../shared/template';
import { OkrStatusBar } from './statusBar';
import { PREVIEW_VIEW_TYPE, PreviewManager } from './preview';
import { RestartPolicy, type Decision } from './restartPolicy';

// What loading this bundle cost: from its first line (esbuild's banner notes the time) to here.
const loadMs =
  performance.now() - ((globalThis as { __okrLensLoadStart?: number }).__okrLensLoadStart ?? performance.now());

let client: LanguageClient | undefined;

/** What the extension exports to other extensions and to its tests. */
export interface OkrLensApi {
  /** Milliseconds of extension-host time: loading the bundle plus `activate` (the server starts after). */
  readonly activationMs: number;
  /** Of which loading the bundle (its modules' top-level code). */
  readonly loadMs: number;
}

/** The language client, with the errors it forces on screen counted against the one stop message. */
class QuietLanguageClient extends LanguageClient {
  constructor(
    private readonly restarts: RestartPolicy,
    id: string,
    name: string,
    serverOptions: ServerOptions,
    clientOptions: LanguageClientOptions,
  ) {
    super(id, name, serverOptions, clientOptions);
  }

  override error(message: string, data?: unknown, showNotification: boolean | 'force' = true): void {
    super.error(message, data, showNotification === 'force' && this.restarts?.mayShowError() ? 'force' : false);
  }
}

export function activate(context: vscode.ExtensionContext): OkrLensApi {
  const activateStart = performance.now();
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const restarts = new RestartPolicy();
  const tell = (decision: Decision) => {
    if (!decision.notify) return;
    const show =
      decision.notify.severity === 'error' ? vscode.window.showErrorMessage : vscode.window.showInformationMessage;
    void show(decision.notify.message, 'Show Output').then((choice) => {
      if (choice) client?.outputChannel.show(true);
    });
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: LANGUAGE_ID },
      { scheme: 'untitled', language: LANGUAGE_ID },
      // okr.config.yaml is YAML to the editor; the server validates it against its own schema.
      { scheme: 'file', pattern: '**/okr.config.yaml' },
    ],
    // A dead server is restarted (a few times), and the user is told once, not on every failure.
    errorHandler: {
      error: () => ({ action: ErrorAction.Continue, handled: true }),
      closed: () => {
        const decision = restarts.closed();
        tell(decision);
        const action = decision.action === 'restart' ? CloseAction.Restart : CloseAction.DoNotRestart;
        return { action, message: decision.log, handled: true };
      },
    },
    // Failed requests and the like go to the output channel, never to a pop-up.
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    initializationFailedHandler: (error) => {
      tell(restarts.initializationFailed(error));
      return false;
    },
  };
  // The id `okr` makes `okr.trace.server` the trace setting.
  client = new QuietLanguageClient(restarts, 'okr', 'OKR Language Server', serverOptions, clientOptions);
  context.subscriptions.push({ dispose: () => void client?.stop() });
  const preview = new PreviewManager(context, client);
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
      const rules = await client!.sendRequest<RuleInfo[]>(RULES_REQUEST);
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
    new OkrStatusBar(client),
    // After a restart, the panel comes back with the view, filters and scroll the webview saved.
    vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: PreviewState | undefined) => preview.restore(panel, state),
    }),
  );
  // The server starts in the background: activation does not wait for it (diagnostics come when it is
  // up). A failure is already told (initializationFailedHandler); it is logged here, and the preview and
  // commands stay available.
  const c = client;
  c.start().catch((e: unknown) =>
    c.outputChannel.appendLine(`okr-lens: the language server did not start: ${String(e)}`),
  );
  return { activationMs: loadMs + (performance.now() - activateStart), loadMs };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
