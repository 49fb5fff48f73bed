import { absolute } from '../model';
import { findTenet, workspaceOf } from '../workspace';
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
  defaultOptions: {},
  check({ model, workspace, report }) {
    const local = workspaceOf([model]);
    const all = {
      tenets: [...workspace.tenets, ...local.tenets],
      servedTenets: new Set([...workspace.servedTenets, ...local.servedTenets]),
    };
    const notes: string[] = [];
    const risks = new Set<string>();
    let counted = 0;
    for (const { item } of model.objectives) {
      if (item.kind !== 'objective' || !item.tenet) continue;
      const risk = findTenet(all, item.tenet.value)?.risk;
      if (risk) {
        risks.add(risk);
        counted++;
      }
    }
    const declaredRisks = new Set(all.tenets.map((t) => t.risk).filter(Boolean));
    if (counted >= 2 && risks.size === 1 && declaredRisks.size > 1) {
      notes.push(
        risks.has('actual')
          ? `all ${counted} objectives reduce actual risk and none assures customers (perceived risk)`
          : `all ${counted} objectives address perceived risk and none reduces actual risk`,
      );
    }
    const unserved = local.tenets.filter(
      (t) => !all.servedTenets.has(t.id) && !(t.title && all.servedTenets.has(t.title)),
    );
    if (unserved.length) notes.push(`no objective serves ${unserved.map((t) => `\`${t.id}\``).join(', ')}`);
    if (notes.length === 0) return;
    const anchorLoc = model.objectives[0] ?? model.tenets[0];
    if (!anchorLoc) return;
    const range =
      anchorLoc.item.kind === 'objective'
        ? absolute(anchorLoc, objectiveAnchor(anchorLoc.item))
        : absolute(
            anchorLoc,
            anchorLoc.item.kind === 'tenet' && anchorLoc.item.id ? anchorLoc.item.id.range : anchorLoc.item.range,
          );
    report({
      range,
      message: `Tenet balance: ${notes.join('; ')}.`,
      data: { risks: [...risks], unserved: unserved.map((t) => t.id) },
    });
  },
};
