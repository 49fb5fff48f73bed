// What the import tests share: their fixtures, and what the engine must never say of an imported file.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { validateText } from '../../server/src/service';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'import');

export const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');

/** What the engine says of an imported file that would mean the import wrote it wrong. */
export function structuralProblems(text: string): string[] {
  return validateText(text)
    .filter((d) => ['schema', 'yaml-syntax', 'unstructured-key-result'].includes(String(d.code)))
    .map((d) => `${d.code} ${d.range.start.line}: ${d.message}`);
}
