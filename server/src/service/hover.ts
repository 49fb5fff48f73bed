import type { Hover, Position } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ParsedFile } from './parse/parseFile';
import { targetAt } from './locate';
import { okrSchemas } from './schema/okrSchema';

/** Hover on a key or value: the field's documentation from the schema. */
export function hover(document: TextDocument, file: ParsedFile, position: Position): Hover | null {
  const target = targetAt(document, file.model, position);
  if (!target || target.path.length === 0) return null;
  const last = target.path[target.path.length - 1];
  if (typeof last === 'number') return null;
  const schema = okrSchemas.schemaAtPath(target.path);
  const text = schema?.markdownDescription ?? schema?.description;
  if (!schema || !text) return null;
  const parts = [`**${last}**`, text];
  if (schema.enum) parts.push(`Allowed: ${schema.enum.map((v) => `\`${String(v)}\``).join(', ')}`);
  if (schema.default !== undefined) parts.push(`Default: \`${String(schema.default)}\``);
  return { contents: { kind: 'markdown', value: parts.join('\n\n') } };
}
