/**
 * Every *.okr.yaml in the workspace folders, parsed: open documents from the editor, the rest through
 * the server's FileAccess (the disk, or in the browser the client's workspace.fs). Scanned at start,
 * kept current by file events and editors. Only files inside the workspace folders are indexed
 * (symlinks are not followed, by the scan or by a read), so a reference can only resolve inside them.
 */
import { Workspace, detach, isDetached, mentionsOf, type ParsedFile, type Tracking } from './service';
import { readOkrFile, readOkrText, unreadableFile } from './okrFile';
import { folderOf, type FileAccess } from './fileAccess';

export { OKR_FILE } from './fileAccess';

export class WorkspaceIndex {
  constructor(private readonly access: FileAccess) {}

  private roots: string[] = [];
  private readonly files = new Map<string, ParsedFile>();
  /** Kept up to date file by file: a change re-indexes only the objectives it touched. */
  private readonly indexed = new Workspace();
  /**
   * Open files outside the workspace folders, and the workspace they are checked in: the indexed
   * files plus them (so they see the workspace; the workspace does not see them). Made when the first
   * such file opens, then kept up to date incrementally like the index.
   */
  private readonly outside = new Map<string, ParsedFile>();
  private overlay: Workspace | undefined;
  private tracking: Tracking | undefined;
  private readonly generations = new Map<string, number>();
  /**
   * Which files name each id (a workspace pass re-checks those of the ids a change touched): one URI
   * for most ids (a key result's is named by its own file only), a set for the rest.
   */
  private readonly mentioners = new Map<string, string | Set<string>>();
  /** Files that declare tenets (their balance reads every file). */
  private readonly tenetFiles = new Set<string>();
  /**
   * Files open in an editor: always candidates for a pass (there are few), so that a keystroke in a big
   * open file does not pay for recording everything it names.
   */
  private readonly openFiles = new Set<string>();

  /** The workspace's calendar, thresholds and date; returns whether anything changed. */
  setTracking(tracking: Tracking): boolean {
    this.tracking = tracking;
    this.overlay?.setTracking(tracking);
    return this.indexed.setTracking(tracking);
  }

  setRoots(uris: readonly string[]): void {
    this.roots = [...uris];
  }

  /**
   * Whether a URI is a file inside a workspace folder (without folders: any file on disk; an untitled
   * document or a diff's side is never in the workspace).
   */
  contains(uri: string): boolean {
    if (this.roots.length === 0) return uri.startsWith('file:');
    return folderOf(uri, this.roots) !== undefined;
  }

  /**
   * Records a file's latest parse. Returns whether anything other files can see changed (ids,
   * alignment, tenets, people, owners, period): only then do other files need re-checking.
   */
  set(uri: string, file: ParsedFile): boolean {
    this.bump(uri);
    const before = this.files.get(uri);
    if (before === file) return false;
    this.files.set(uri, file);
    this.updateMentions(uri, before, file);
    this.overlay?.setFile(uri, file.model);
    return this.indexed.setFile(uri, file.model);
  }

  delete(uri: string): boolean {
    this.bump(uri);
    this.updateMentions(uri, this.files.get(uri), undefined);
    this.indexed.deleteFile(uri);
    this.overlay?.deleteFile(uri);
    return this.files.delete(uri);
  }

  private updateMentions(uri: string, before: ParsedFile | undefined, after: ParsedFile | undefined): void {
    const old = before && isDetached(before) ? mentionsOf(before.model) : undefined;
    const now = after && isDetached(after) ? mentionsOf(after.model) : undefined;
    if (after && !isDetached(after)) this.openFiles.add(uri);
    else this.openFiles.delete(uri);
    if (old !== now) {
      if (old) for (const id of old) if (!now?.has(id)) this.unmention(id, uri);
      if (now) for (const id of now) if (!old?.has(id)) this.mention(id, uri);
    }
    if (after && after.model.tenets.length > 0) this.tenetFiles.add(uri);
    else this.tenetFiles.delete(uri);
  }

  private mention(id: string, uri: string): void {
    const at = this.mentioners.get(id);
    if (at === undefined) this.mentioners.set(id, uri);
    else if (typeof at === 'string') {
      if (at !== uri) this.mentioners.set(id, new Set([at, uri]));
    } else at.add(uri);
  }

  private unmention(id: string, uri: string): void {
    const at = this.mentioners.get(id);
    if (at === uri) this.mentioners.delete(id);
    else if (typeof at === 'object') {
      at.delete(uri);
      if (at.size === 1) this.mentioners.set(id, at.values().next().value!);
    }
  }

  /**
   * The indexed files a change that touched `ids` may reach by what they name: those naming one of the
   * ids, those declaring tenets, and every open one. (A pass adds the files its last diagnostics flag,
   * and `needsRecheck` decides among them.)
   */
  reachedBy(ids: ReadonlySet<string>): Set<string> {
    const out = new Set([...this.tenetFiles, ...this.openFiles]);
    for (const id of ids) {
      const at = this.mentioners.get(id);
      if (typeof at === 'string') out.add(at);
      else if (at) for (const uri of at) out.add(uri);
    }
    return out;
  }

  /** Records the latest parse of an open file outside the workspace folders. */
  setOutside(uri: string, file: ParsedFile): void {
    if (this.outside.get(uri) === file) return;
    this.outside.set(uri, file);
    if (!this.overlay) {
      this.overlay = new Workspace(
        [...this.files].map(([u, f]) => ({ uri: u, model: f.model })),
        this.tracking,
      );
      for (const [u, f] of this.outside) this.overlay.setFile(u, f.model);
    } else this.overlay.setFile(uri, file.model);
  }

  /** An open file outside the folders was closed. */
  deleteOutside(uri: string): void {
    if (!this.outside.delete(uri)) return;
    this.overlay?.deleteFile(uri);
    if (this.outside.size === 0) this.overlay = undefined;
  }

  /** The workspace a file is checked in: the index, or for a file outside the folders, the index plus it. */
  workspaceFor(uri: string): Workspace {
    return this.outside.has(uri) && this.overlay ? this.overlay : this.indexed;
  }

  has(uri: string): boolean {
    return this.files.has(uri);
  }

  get(uri: string): ParsedFile | undefined {
    return this.files.get(uri);
  }

  uris(): string[] {
    return [...this.files.keys()];
  }

  workspace(): Workspace {
    return this.indexed;
  }

  /**
   * Parses a file from disk into the index. A file that is gone, is not a regular file or is reached
   * through a symlink is dropped; one that cannot be read (permission denied) is kept with a
   * `file-unreadable` diagnostic.
   */
  async readFromDisk(uri: string, maxFileSize?: number): Promise<boolean> {
    // A read that finishes after a newer change to the same file (an editor, a delete event) is stale.
    const started = this.bump(uri);
    let file: ParsedFile | undefined;
    try {
      // Kept detached (no text, no yaml trees): only open files answer requests about their insides.
      if (!(await this.access.throughSymlink(uri, folderOf(uri, this.roots))))
        file = detach(await readOkrFile(uri, { maxFileSize, fileSystem: this.access }));
    } catch (e) {
      file = unreadableFile(e);
    }
    if (this.generations.get(uri) !== started) return false;
    return file ? this.set(uri, file) : this.delete(uri);
  }

  /** Each change to a file's entry, in order: lets a slow read see that it has been overtaken. */
  private bump(uri: string): number {
    const next = (this.generations.get(uri) ?? 0) + 1;
    this.generations.set(uri, next);
    return next;
  }

  /**
   * A closed file's text as it is on disk (the index keeps none), for edits such as a rename; undefined
   * when it cannot be read safely (gone, not a regular file, through a symlink, not UTF-8).
   */
  async textOnDisk(uri: string): Promise<string | undefined> {
    try {
      if (await this.access.throughSymlink(uri, folderOf(uri, this.roots))) return undefined;
      const read = await readOkrText(uri, this.access);
      return 'tooLarge' in read || read.finding ? undefined : read.text;
    } catch {
      return undefined;
    }
  }

  /**
   * Every OKR file under the workspace folders, without following symlinks. A folder that cannot be
   * listed (a file system with no search, say) is told to `failed` and left out; the others are not.
   */
  async scan(failed: (root: string, error: unknown) => void = () => undefined): Promise<string[]> {
    const found: string[] = [];
    for (const root of this.roots) {
      try {
        for (const uri of await this.access.findOkrFiles(root)) found.push(uri);
      } catch (e) {
        failed(root, e);
      }
    }
    return found;
  }
}
