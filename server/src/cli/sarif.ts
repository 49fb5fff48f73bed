/**
 * `okr lint --format sarif`: SARIF 2.1.0 for GitHub code scanning (and any other SARIF viewer).
 * One run; every rule and built-in check in tool.driver.rules; results sorted by file, then position.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { allCodes, HOMEPAGE } from '../service';
import { messageOf, repoPath, severityOf, sortedProblems, type FileResult, type SeverityName } from './format';

const SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
/** Relative artifact URIs are resolved against this base: the folder okr ran in (the repository root in CI). */
const SRCROOT = '%SRCROOT%';

const LEVELS: Record<SeverityName, Result.level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export function formatSarif(results: readonly FileResult[], options: { cwd: string; version: string }): string {
  const codes = allCodes();
  const rules: ReportingDescriptor[] = codes.map((c) => ({
    id: c.id,
    shortDescription: { text: c.description },
    fullDescription: { text: c.description },
    helpUri: c.docs,
    // What GitHub shows as the rule's help beside each alert.
    help: { text: `${c.description}\n\n${c.docs}`, markdown: `${c.description}\n\n[Rule documentation](${c.docs})` },
    defaultConfiguration: { level: LEVELS[c.defaultSeverity] },
  }));
  const ruleIndex = new Map(codes.map((c, i) => [c.id, i]));
  const sarifResults: Result[] = sortedProblems(results).map(({ path: file, diagnostic: d }) => {
    const ruleId = String(d.code ?? '');
    const index = ruleIndex.get(ruleId);
    const { start, end } = d.range;
    return {
      ruleId,
      ...(index === undefined ? {} : { ruleIndex: index }),
      level: LEVELS[severityOf(d)],
      message: { text: messageOf(d) },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifactLocation(options.cwd, file),
            // SARIF lines and columns are 1-based; endColumn is the column after the region, as LSP's end.
            region: {
              startLine: start.line + 1,
              startColumn: start.character + 1,
              endLine: end.line + 1,
              endColumn: end.character + 1,
            },
          },
        },
      ],
    };
  });
  const log: Log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'okr-lens',
            informationUri: HOMEPAGE,
            version: options.version,
            semanticVersion: options.version,
            rules,
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(options.cwd).href.replace(/\/?$/, '/') } },
        // LSP positions count UTF-16 code units, and so do these columns.
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}

/** Relative to %SRCROOT% (each segment percent-encoded), or an absolute file URI for a file outside it. */
function artifactLocation(cwd: string, file: string): { uri: string; uriBaseId?: string } {
  const shown = repoPath(cwd, file);
  if (path.isAbsolute(shown)) return { uri: pathToFileURL(shown).href };
  return { uri: shown.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}
