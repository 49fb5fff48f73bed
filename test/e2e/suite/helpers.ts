/**
 * Helpers for the in-editor tests: every wait is on an event (or a promise) with a timeout, never a
 * fixed sleep. A timeout rejects with what was last seen, so a failure says what the editor showed.
 */
import * as vscode from 'vscode';

/** OKR_E2E_WAIT_MS where there is an environment (the Node host), else 30 s. */
export const TIMEOUT_MS =
  Number((globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env.OKR_E2E_WAIT_MS) ||
  30_000;

/** Rejects after `ms` with `what` unless `promise` settles first. */
export function withTimeout<T>(promise: Thenable<T>, what: string, ms = TIMEOUT_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    Promise.resolve(promise).finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    }),
  ]);
}

/**
 * Resolves with `check()`'s first non-undefined value, calling it now and after each `event`.
 * On timeout the error includes `describe()` (the state last seen).
 */
export function until<T, E>(
  event: vscode.Event<E>,
  check: () => T | undefined,
  what: string,
  describe: () => string = () => '',
  ms = TIMEOUT_MS,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const finish = (f: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      subscription.dispose();
      f();
    };
    const test = () => {
      try {
        const value = check();
        if (value !== undefined) finish(() => resolve(value));
      } catch (e) {
        finish(() => reject(e));
      }
    };
    const subscription = event(test);
    const timer = setTimeout(() => {
      const seen = describe();
      finish(() =>
        reject(new Error(`timed out after ${ms} ms waiting for ${what}${seen ? `; last seen: ${seen}` : ''}`)),
      );
    }, ms);
    test();
  });
}

/** A diagnostic as `code@l:c-l:c` (0-based), for messages and comparisons. */
export function show(d: vscode.Diagnostic): string {
  const r = d.range;
  return `${codeOf(d)}@${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/** The rule id: the client turns `code` + `codeDescription` into `{ value, target }`. */
export function codeOf(d: vscode.Diagnostic): string {
  return String(typeof d.code === 'object' ? d.code.value : d.code);
}

export function okrDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'okr');
}

/** Waits until the okr diagnostics of `uri` satisfy `accept` (checked now and on every change). */
export function diagnosticsWhere(
  uri: vscode.Uri,
  accept: (ds: vscode.Diagnostic[]) => boolean,
  what: string,
  ms = TIMEOUT_MS,
): Promise<vscode.Diagnostic[]> {
  return until(
    vscode.languages.onDidChangeDiagnostics,
    () => {
      const ds = okrDiagnostics(uri);
      return accept(ds) ? ds : undefined;
    },
    `${what} (${uri.path.slice(uri.path.lastIndexOf('/') + 1)})`,
    () => okrDiagnostics(uri).map(show).join(', ') || 'no okr diagnostics',
    ms,
  );
}

export const has = (code: string, range?: vscode.Range) => (ds: vscode.Diagnostic[]) =>
  ds.some((d) => codeOf(d) === code && (!range || d.range.isEqual(range)));

export function range(l1: number, c1: number, l2: number, c2: number): vscode.Range {
  return new vscode.Range(l1, c1, l2, c2);
}

/** The first tab whose input satisfies `accept`, across all groups. */
export function findTab(accept: (input: unknown) => boolean): vscode.Tab | undefined {
  for (const g of vscode.window.tabGroups.all) for (const t of g.tabs) if (accept(t.input)) return t;
  return undefined;
}

export function tabsSummary(): string {
  return vscode.window.tabGroups.all
    .map((g) => `[${g.viewColumn}] ${g.tabs.map((t) => `${t.label}(${t.input?.constructor?.name ?? '?'})`).join(' ')}`)
    .join(' ');
}

/** Reverts the document's unsaved edits (back to the text on disk), and waits until the editor agrees. */
export async function revert(doc: vscode.TextDocument): Promise<void> {
  if (!doc.isDirty) return;
  await vscode.window.showTextDocument(doc);
  const reverted = until(
    vscode.workspace.onDidChangeTextDocument,
    () => (doc.isDirty ? undefined : true),
    `${doc.uri.path} to be reverted`,
  );
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await reverted;
}

/** Replaces the first occurrence of `from` on line `line` with `to`, and returns the new range. */
export async function replaceOnLine(
  doc: vscode.TextDocument,
  line: number,
  from: string,
  to: string,
): Promise<vscode.Range> {
  const text = doc.lineAt(line).text;
  const at = text.indexOf(from);
  if (at < 0) throw new Error(`line ${line} has no "${from}": ${text}`);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(line, at, line, at + from.length), to);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`applyEdit refused on ${doc.uri.path}`);
  return new vscode.Range(line, at, line, at + to.length);
}

/**
 * A file system of a scheme of its own, in memory (a repository opened remotely looks like this to an
 * extension): flat, files only under one folder. Enough for the editor to open, read and save files.
 */
export class MemoryFileSystem implements vscode.FileSystemProvider {
  private readonly files = new Map<string, { data: Uint8Array; mtime: number }>();
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;

  constructor(readonly folder: vscode.Uri) {}

  private isFolder(uri: vscode.Uri): boolean {
    return uri.path.replace(/\/$/, '') === this.folder.path || uri.path === '/';
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    if (this.isFolder(uri)) return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    const f = this.files.get(uri.path);
    if (!f) throw vscode.FileSystemError.FileNotFound(uri);
    return { type: vscode.FileType.File, ctime: f.mtime, mtime: f.mtime, size: f.data.length };
  }

  readDirectory(uri: vscode.Uri): [string, vscode.FileType][] {
    if (!this.isFolder(uri)) throw vscode.FileSystemError.FileNotADirectory(uri);
    return [...this.files.keys()].map((p) => [p.slice(p.lastIndexOf('/') + 1), vscode.FileType.File]);
  }

  readFile(uri: vscode.Uri): Uint8Array {
    const f = this.files.get(uri.path);
    if (!f) throw vscode.FileSystemError.FileNotFound(uri);
    return f.data;
  }

  writeFile(uri: vscode.Uri, data: Uint8Array): void {
    const existed = this.files.has(uri.path);
    this.files.set(uri.path, { data, mtime: Date.now() });
    this.changed.fire([{ type: existed ? vscode.FileChangeType.Changed : vscode.FileChangeType.Created, uri }]);
  }

  delete(uri: vscode.Uri): void {
    this.files.delete(uri.path);
    this.changed.fire([{ type: vscode.FileChangeType.Deleted, uri }]);
  }

  rename(from: vscode.Uri, to: vscode.Uri): void {
    this.writeFile(to, this.readFile(from));
    this.delete(from);
  }

  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions('a flat file system');
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }
}
