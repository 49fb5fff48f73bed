/**
 * `okr lint --format github`: GitHub Actions workflow commands, one annotation a problem:
 *   ::error file=teams/a.okr.yaml,line=3,col=5,endLine=3,endColumn=9,title=okr(schema)::message
 * info and hint become `notice`. Columns are sent only for a one-line range, as GitHub accepts them.
 */
import { messageOf, repoPath, severityOf, sortedProblems, type FileResult, type SeverityName } from './format';

const COMMANDS: Record<SeverityName, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

export function formatGithub(results: readonly FileResult[], cwd: string): string {
  return sortedProblems(results)
    .map(({ path, diagnostic: d }) => {
      const { start, end } = d.range;
      const oneLine = start.line === end.line;
      const props = {
        file: repoPath(cwd, path),
        line: start.line + 1,
        ...(oneLine && { col: start.character + 1 }),
        endLine: end.line + 1,
        ...(oneLine && { endColumn: end.character + 1 }),
        title: `okr(${String(d.code ?? '')})`,
      };
      const list = Object.entries(props)
        .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
        .join(',');
      return `::${COMMANDS[severityOf(d)]} ${list}::${escapeData(messageOf(d))}`;
    })
    .join('\n');
}

/** The workflow-command escapes of @actions/core: data (the message) and properties (also `:` and `,`). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
