/** A status bar item on okr files: the file's problems and its objectives' progress. */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { ALIGNMENT_TREE_REQUEST, LANGUAGE_ID, type AlignmentTree } from '../../shared/protocol';

export class OkrStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('okr.status', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** `client`: the language client in use, once it is loaded (after activation; a restart makes a new one). */
  constructor(private readonly client: () => Promise<BaseLanguageClient>) {
    this.item.name = 'OKR';
    this.item.command = 'okr.openPreviewToSide';
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule()),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (e.uris.some((u) => u.toString() === active)) this.schedule();
      }),
    );
    this.schedule();
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), 100);
  }

  private async update(): Promise<void> {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || doc.languageId !== LANGUAGE_ID) {
      this.item.hide();
      return;
    }
    const diagnostics = vscode.languages.getDiagnostics(doc.uri);
    const errors = diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
    const warnings = diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Warning).length;
    let progress = '';
    try {
      const tree = await (
        await this.client()
      ).sendRequest<AlignmentTree>(ALIGNMENT_TREE_REQUEST, { uri: doc.uri.toString() });
      const mine = tree.objectives.filter((o) => o.file === doc.uri.toString() && o.progress !== undefined);
      if (mine.length) progress = `${Math.round((mine.reduce((a, o) => a + o.progress!, 0) / mine.length) * 100)}%`;
    } catch {
      // The server is starting or restarting: show the problems alone.
    }
    const problems = errors || warnings ? `$(error) ${errors} $(warning) ${warnings}` : '$(check)';
    this.item.text = `$(target) OKR ${progress ? `${progress} ` : ''}${problems}`;
    this.item.tooltip = `${progress ? `Objectives in this file: ${progress} on average. ` : ''}${errors} errors, ${warnings} warnings. Click to open the preview.`;
    this.item.show();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
