/**
 * The alignment preview: one webview panel that follows the active okr editor (or shows the whole
 * workspace), fed by the server's `okr/alignmentTree` so that it never disagrees with the diagnostics.
 * First render at once, later ones debounced; the webview skips versions older than what it shows and
 * patches its DOM. Clicking a node reveals its line; moving the cursor highlights the node.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  ALIGNMENT_TREE_REQUEST,
  LANGUAGE_ID,
  type AlignmentTree,
  type DiagnosticCounts,
  type FromWebview,
  type PreviewState,
  type ToWebview,
} from '../../shared/protocol';
import { previewHtml } from '../../shared/previewHtml';
import { diagnosticCounts } from '../../shared/counts';
import { encodeBase64 } from '../../shared/base64';
import { isOkrScheme } from './schemes';

export const PREVIEW_VIEW_TYPE = 'okr.preview';
const UPDATE_DELAY_MS = 150;

export class PreviewManager implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  /** The file the panel follows; undefined for the whole workspace. */
  private file: string | undefined;
  private version = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    /** The language client in use, once it is loaded (after activation; a restart makes a new one). */
    private readonly client: () => Promise<BaseLanguageClient>,
  ) {
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor((e) => {
        if (this.panel && this.file !== undefined && e?.document.languageId === LANGUAGE_ID) {
          this.file = e.document.uri.toString();
          this.scheduleUpdate(true);
        }
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.panel && e.document.languageId === LANGUAGE_ID) this.scheduleUpdate(false);
      }),
      vscode.languages.onDidChangeDiagnostics(() => {
        if (this.panel) this.scheduleUpdate(false);
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (!this.panel || e.textEditor.document.languageId !== LANGUAGE_ID) return;
        void this.post({
          type: 'highlight',
          file: e.textEditor.document.uri.toString(),
          line: e.selections[0].active.line,
        });
      }),
    );
  }

  /** "OKR: Open Preview" (beside: to the side), following the active okr editor. */
  open(beside: boolean): void {
    const editor = vscode.window.activeTextEditor;
    this.file = editor?.document.languageId === LANGUAGE_ID ? editor.document.uri.toString() : this.file;
    this.show(beside ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active);
  }

  /** "OKR: Open Workspace Alignment": every objective of the workspace. */
  openWorkspace(): void {
    this.file = undefined;
    this.show(vscode.ViewColumn.Active);
  }

  /** Brings a panel back after a restart with the state the webview saved. */
  restore(panel: vscode.WebviewPanel, state: PreviewState | undefined): void {
    this.file = state?.file;
    this.attach(panel);
  }

  private show(column: vscode.ViewColumn): void {
    if (this.panel) {
      this.panel.reveal(column, true);
      this.scheduleUpdate(true);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      PREVIEW_VIEW_TYPE,
      'OKR Preview',
      { viewColumn: column, preserveFocus: true },
      this.options(),
    );
    this.attach(panel);
  }

  private options(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return {
      enableScripts: true,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'media')],
    };
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    panel.webview.options = this.options();
    panel.webview.html = this.html(panel.webview);
    panel.webview.onDidReceiveMessage((m: FromWebview) => this.onMessage(m), undefined, this.disposables);
    panel.onDidDispose(() => {
      this.panel = undefined;
    });
  }

  private html(webview: vscode.Webview): string {
    const media = vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'media');
    return previewHtml({
      // A fresh nonce for every render of the page.
      nonce: encodeBase64(crypto.getRandomValues(new Uint8Array(16))),
      assets: {
        kind: 'linked',
        cspSource: webview.cspSource,
        scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'webview.js')).toString(),
        styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'preview.css')).toString(),
      },
    });
  }

  private async onMessage(m: FromWebview): Promise<void> {
    if (m.type === 'ready') await this.update();
    else if (m.type === 'reveal') {
      const uri = vscode.Uri.parse(m.file);
      if (!isOkrScheme(uri.scheme)) return;
      const doc = await vscode.workspace.openTextDocument(uri);
      const position = new vscode.Position(m.line, 0);
      const column =
        vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === m.file)?.viewColumn ??
        vscode.ViewColumn.One;
      await vscode.window.showTextDocument(doc, {
        viewColumn: column,
        selection: new vscode.Range(position, position),
      });
    }
  }

  /** The first render after opening or switching files at once; updates while typing, debounced. */
  private scheduleUpdate(now: boolean): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), now ? 0 : UPDATE_DELAY_MS);
  }

  private async update(): Promise<void> {
    if (!this.panel) return;
    const version = ++this.version;
    let tree: AlignmentTree;
    try {
      tree = await (
        await this.client()
      ).sendRequest<AlignmentTree>(ALIGNMENT_TREE_REQUEST, this.file ? { uri: this.file } : {});
    } catch {
      // The server is restarting (or gone): the panel keeps what it shows; the diagnostics the new
      // server publishes bring the next update.
      return;
    }
    if (version !== this.version) return; // a newer update is on its way
    this.panel.title = this.file ? `OKR Preview: ${this.file.slice(this.file.lastIndexOf('/') + 1)}` : 'OKR Alignment';
    await this.post({ type: 'update', version, tree, counts: countsFor(tree), activeFile: this.file });
  }

  private post(message: ToWebview): Thenable<boolean> | undefined {
    return this.panel?.webview.postMessage(message);
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/** Errors and warnings inside each objective's range, from the diagnostics VS Code shows. */
function countsFor(tree: AlignmentTree): DiagnosticCounts {
  const byFile = new Map<string, readonly vscode.Diagnostic[]>();
  return diagnosticCounts(
    tree,
    (file) => {
      let diagnostics = byFile.get(file);
      if (!diagnostics) {
        // The language client keeps each diagnostic's `data` on the vscode.Diagnostic it makes.
        diagnostics = vscode.languages.getDiagnostics(vscode.Uri.parse(file));
        byFile.set(file, diagnostics);
      }
      return diagnostics as readonly (vscode.Diagnostic & { data?: unknown })[];
    },
    (d) =>
      d.severity === vscode.DiagnosticSeverity.Error
        ? 'error'
        : d.severity === vscode.DiagnosticSeverity.Warning
          ? 'warning'
          : undefined,
  );
}
