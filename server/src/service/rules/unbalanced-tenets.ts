import { absolute } from '../model';
import { objectiveAnchor } from './anchor';
import { meta, type FileRule } from './types';

/**
 * One note per file: its objectives all reduce actual risk and none perceived (assuring customers), or
 * the reverse; and tenets this file declares that no objective in the workspace serves.
 */
export const rule: FileRule = {
  ...meta(
    'unbalanced-tenets',
    'info',
    "A file's objectives all serve one kind of risk, or a declared tenet has no objective.",
  ),
  scope: 'file',
  readsWorkspace: true,
  defaultOptions: {},
  check({ model, workspace, report }) {
    const notes: string[] = [];
    const risks = new Set<string>();
    let counted = 0;
    for (const { item } of model.objectives) {
      if (item.kind !== 'objective' || !item.tenet) continue;
      const risk = workspace.tenet(item.tenet.value)?.item.risk?.value;
      if (risk) {
        risks.add(risk);
        counted++;
      }
    }
    // The same for every file until the workspace changes: worked out once per change, not per file.
    const declaredRisks = workspace.memo(
      'declared-risks',
      () => new Set([...workspace.tenets.values()].map((d) => d[0].item.risk?.value).filter(Boolean)),
    );
    if (counted >= 2 && risks.size === 1 && declaredRisks.size > 1) {
      notes.push(
        risks.has('actual')
          ? `all ${counted} objectives reduce actual risk and none assures customers (perceived risk)`
          : `all ${counted} objectives address perceived risk and none reduces actual risk`,
      );
    }
    const served = workspace.servedTenets();
    const unserved = model.tenets
      .map((l) => l.item)
      .filter((t) => t.kind === 'tenet' && t.id && !served.has(t.id.value))
      .map((t) => (t.kind === 'tenet' ? t.id!.value : ''));
    if (unserved.length) notes.push(`no objective serves ${unserved.map((t) => `\`${t}\``).join(', ')}`);
    if (notes.length === 0) return;
    const anchorLoc = model.objectives[0] ?? model.tenets[0];
    if (!anchorLoc) return;
    const item = anchorLoc.item;
    const range =
      item.kind === 'objective'
        ? absolute(anchorLoc, objectiveAnchor(item))
        : absolute(anchorLoc, item.kind === 'tenet' && item.id ? item.id.range : item.range);
    report({ range, message: `Tenet balance: ${notes.join('; ')}.`, data: { risks: [...risks], unserved } });
  },
};
