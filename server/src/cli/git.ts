/**
 * The one place the CLI runs another program: `git`, with an argument list (no shell), to read files as
 * they were at a revision for `okr report --since <ref>`.
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';

function git(args: readonly string[], cwd: string): Promise<{ ok: boolean; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('git', [...args], { cwd, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) =>
      resolve({ ok: !error, stdout, stderr: stderr || (error ? error.message : '') }),
    );
  });
}

/** The commit a revision names, or an error message saying why it names none. */
export async function resolveRevision(ref: string, cwd: string): Promise<{ commit: string } | { error: string }> {
  if (ref.startsWith('-') || /[\0\n]/.test(ref)) return { error: `"${ref}" is not a git revision` };
  const r = await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], cwd);
  if (r.ok) return { commit: r.stdout.trim() };
  const inRepo = await git(['rev-parse', '--git-dir'], cwd);
  if (!inRepo.ok) return { error: `--since ${ref}: not a date (YYYY-MM-DD), and ${cwd} is not in a git repository` };
  return { error: `--since ${ref}: not a date (YYYY-MM-DD) or a git revision this repository knows` };
}

/** A file's text at a commit; undefined when the file did not exist there. */
export async function showAt(commit: string, file: string): Promise<string | undefined> {
  const dir = path.dirname(file);
  const r = await git(['show', `${commit}:./${path.basename(file)}`], dir);
  return r.ok ? r.stdout : undefined;
}
