/**
 * What file rules may know about the rest of the workspace. For now it is built from the files at hand
 * (the CLI's files, the server's open documents); the workspace index will feed it the whole workspace.
 */
import type { OkrFileModel } from './model';

export interface TenetInfo {
  readonly id: string;
  readonly title?: string;
  readonly risk?: string;
}

export interface WorkspaceView {
  readonly tenets: readonly TenetInfo[];
  /** Tenet ids (or titles) that at least one objective in the workspace names. */
  readonly servedTenets: ReadonlySet<string>;
}

export const emptyWorkspace: WorkspaceView = { tenets: [], servedTenets: new Set() };

export function workspaceOf(models: Iterable<OkrFileModel>): WorkspaceView {
  const tenets: TenetInfo[] = [];
  const served = new Set<string>();
  for (const model of models) {
    for (const { item } of model.tenets) {
      if (item.kind === 'tenet' && item.id) {
        tenets.push({ id: item.id.value, title: item.title?.value, risk: item.risk?.value });
      }
    }
    for (const { item } of model.objectives) if (item.kind === 'objective' && item.tenet) served.add(item.tenet.value);
  }
  return { tenets, servedTenets: served };
}

/** The tenet an objective's `tenet:` names, by id or by exact title. */
export function findTenet(workspace: WorkspaceView, name: string): TenetInfo | undefined {
  return workspace.tenets.find((t) => t.id === name) ?? workspace.tenets.find((t) => t.title === name);
}
