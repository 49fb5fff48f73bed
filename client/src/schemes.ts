/**
 * Which documents are okr-lens's: files on disk, untitled ones, and those of the workspace's own file
 * system (vscode.dev and github.dev open a repository as `vscode-vfs:`, code-server's browser host sees
 * `vscode-remote:`). Not a diff's or a commit's side (`git:`), which are not the workspace.
 */
import * as vscode from 'vscode';

export function okrSchemes(): string[] {
  return [...new Set(['file', 'untitled', ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.scheme)])];
}

export function isOkrScheme(scheme: string): boolean {
  return okrSchemes().includes(scheme);
}
