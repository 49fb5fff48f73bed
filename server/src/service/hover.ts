import type { Hover, Position } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ParsedFile } from './parse/parseFile';
import { targetAt } from './locate';
import { okrSchemas } from './schema/okrSchema';
import { keyResultHover, objectiveHover } from './objectiveInfo';
import type { Workspace } from './workspace';

/** Hover on a key or value: the field's documentation from the schema; on an objective, its progress. */
export function hover(
  document: TextDocument,
  file: ParsedFile,
  position: Position,
  workspace?: Workspace,
): Hover | null {
  const target = targetAt(document, file.model, position);
  if (!target || target.path.length === 0) return null;
  const last = target.path[target.path.length - 1];
  if (typeof last === 'number') return null;
  // On an objective's own id or title (not a key result's): its progress and place in the tree.
  const item = target.located?.item;
  if (
    workspace &&
    item?.kind === 'objective' &&
    !target.onKey &&
    (last === 'id' || last === 'title') &&
    !target.path.includes('key_results')
  ) {
    return { contents: { kind: 'markdown', value: objectiveHover(workspace, item, document.uri) } };
  }
  // On a key result's own id or title: its status, pace, confidence and check-ins.
  const k = target.path.indexOf('key_results');
  const objective = item?.kind === 'objective' ? item : undefined;
  const kr = k >= 0 ? objective?.keyResults[target.path[k + 1] as number] : undefined;
  if (
    workspace &&
    objective &&
    kr &&
    !target.onKey &&
    (last === 'id' || last === 'title') &&
    target.path.length === k + 3
  ) {
    return { contents: { kind: 'markdown', value: keyResultHover(workspace, document.uri, objective, kr) } };
  }
  const schema = okrSchemas.schemaAtPath(target.path);
  const text = schema?.markdownDescription ?? schema?.description;
  if (!schema || !text) return null;
  const parts = [`**${last}**`, text];
  if (schema.enum) parts.push(`Allowed: ${schema.enum.map((v) => `\`${String(v)}\``).join(', ')}`);
  if (schema.default !== undefined) parts.push(`Default: \`${String(schema.default)}\``);
  return { contents: { kind: 'markdown', value: parts.join('\n\n') } };
}
