/**
 * `okr lint --fix` and `--fix-dry-run`, with ESLint's semantics: the safe fixes of `source.fixAll.okr`,
 * applied again until nothing changes (at most 10 passes, as ESLint), each file checked against the
 * whole workspace. `--fix` writes only the files that changed, with every other byte as it was (a BOM
 * too); `--fix-dry-run` writes nothing. Files that could not be read whole (not UTF-8, too large,
 * unreadable) are never rewritten.
 */
import { promises as fs } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { diagnosticsOf, fixAll, parseOkr, type OkrSettings, type ParsedFile, type Workspace } from '../service';

const MAX_PASSES = 10;
const UNREAD = new Set(['file-encoding', 'file-too-large', 'file-unreadable']);

export interface Fixable {
  readonly path: string;
  readonly absolute: string;
  readonly uri: string;
  file: ParsedFile;
  readonly settings: OkrSettings;
}

/** Fixes every file in place (in memory, and in `workspace`); returns the files whose text changed. */
export function applyFixes(
  files: readonly Fixable[],
  workspace: Workspace,
  onRuleError: (path: string) => (e: unknown) => void,
): Fixable[] {
  const changed: Fixable[] = [];
  for (const f of files) {
    if (f.file.findings.some((x) => UNREAD.has(x.code))) continue;
    const original = f.file.text;
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      const diagnostics = diagnosticsOf(f.file, f.settings, { uri: f.uri, workspace }, onRuleError(f.path));
      const document = TextDocument.create(f.uri, 'okr', pass, f.file.text);
      const edits = fixAll(document, f.file, diagnostics, workspace, f.settings)?.edit?.changes?.[f.uri];
      if (!edits?.length) break;
      const text = TextDocument.applyEdits(document, edits);
      if (text === f.file.text) break;
      f.file = parseOkr(text, undefined, { maxFileSize: f.settings.maxFileSize });
      workspace.setFile(f.uri, f.file.model);
    }
    if (f.file.text !== original) changed.push(f);
  }
  return changed;
}

/** Writes a fixed file, keeping a byte-order mark the file had (the decoder drops it from the text). */
export async function writeFixed(f: Fixable): Promise<void> {
  const head = await fs.readFile(f.absolute).then((b) => b.subarray(0, 3));
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? '\uFEFF' : '';
  await fs.writeFile(f.absolute, bom + f.file.text);
}
