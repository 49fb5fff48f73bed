/**
 * The diagnostics pipeline: per-document runs, the index's readiness, workspace passes and publishing.
 *
 * - An open document is checked on the next turn after each change (ValidationScheduler); a result for
 *   an older version is dropped.
 * - Until the first scan of the workspace is done, a document gets only the diagnostics that depend on
 *   it alone: cross-file rules wait for the files they need (`complete: false`), so no diagnostic is
 *   published that the finished index would not publish. The scan's end checks every file.
 * - When a change alters what other files can see, a workspace pass re-checks the files it can reach
 *   (`needsRecheck`); a full pass (after the scan, a settings or config change, files changed on disk)
 *   checks every file, in batches that let requests in between. A newer pass stops an older one.
 * - Only what changed is published; a clean file that was never published is not.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { PublishDiagnosticsParams } from 'vscode-languageserver';
import {
  defaultSettings,
  diagnosticsOf,
  needsRecheck,
  RECHECK_CODES,
  passIds,
  toDiagnostic,
  type OkrSettings,
  type ParsedDocuments,
  type ParsedFile,
  type Workspace,
} from './service';
import type { ParsedConfig, RuleError, Tracking } from './service';
import { runSafe } from './runSafe';
import { ValidationScheduler } from './scheduler';
import { nextTurn, turn } from './nextTurn';
import type { WorkspaceIndex } from './workspaceIndex';

/** Files read from disk at once while indexing. */
const READERS = 8;

/** Files re-checked between two turns of the event loop in a full workspace pass. */
const PASS_BATCH = 50;

const NO_CODES: ReadonlySet<string> = new Set();

export interface Progress {
  begin(title: string, percentage: number, message: string, cancellable: boolean): void;
  report(percentage: number, message: string): void;
  done(): void;
}

/** What the pipeline reads and where it sends: the server's parts (or a test's). */
export interface PipelineParts {
  readonly documents: { get(uri: string): TextDocument | undefined; all(): TextDocument[] };
  readonly parsed: ParsedDocuments;
  readonly index: WorkspaceIndex;
  readonly settings: {
    get(uri: string): Promise<OkrSettings>;
    getMany(uris: readonly string[]): Promise<OkrSettings[]>;
    /** The workspace's calendar, thresholds and date (applied before anything is checked). */
    tracking?(): Promise<Tracking>;
  };
  /** Whether a URI is an okr.config.yaml, and its parse. */
  readonly configs: { isConfig(uri: string): boolean; parse(text: string): ParsedConfig };
  send(params: PublishDiagnosticsParams): void;
  log(message: string): void;
  /** Called once, after the first diagnostics are out (loading data the first keystroke would wait for). */
  warmUp?(): void;
  /** Called when the scan has found the workspace's files (before reading them), with their number. */
  onScanned?(files: number): void;
  /** Called when the scan and its first pass are over (or failed). */
  onIndexed?(): void;
  /** A rule threw (a bug): its other findings and the other rules' still publish. Default: logged. */
  onRuleError?(error: RuleError): void;
}

export class DiagnosticsPipeline {
  private readonly published = new Map<string, Diagnostic[]>();
  /** The codes each file was last published with (what `needsRecheck` reads). */
  private readonly publishedCodes = new Map<string, ReadonlySet<string>>();
  /** Files last published with a code that makes `needsRecheck` re-check them (a cycle, an unknown name). */
  private readonly flagged = new Set<string>();
  private readonly scheduler: ValidationScheduler;
  private scanned = false;
  private passQueued = false;
  private fullQueued = false;
  private passGeneration = 0;
  private warmedUp = false;
  /** Documents with a run scheduled, runs and passes under way, and who waits for none to be left. */
  private readonly queued = new Set<string>();
  private busy = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly parts: PipelineParts) {
    this.scheduler = new ValidationScheduler(async (uri, isCurrent) => {
      this.queued.delete(uri);
      this.busy++;
      try {
        await this.run(uri, isCurrent);
      } catch (e) {
        // A bug must not stop later runs (the fuzz test fails on any line logged here).
        this.parts.log(`okr-lens: checking ${uri} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      } finally {
        this.busy--;
        this.notifyIdle();
      }
    });
  }

  /** Resolves once no run or pass is scheduled or under way (for tests and benchmarks: an event, not a sleep). */
  whenIdle(): Promise<void> {
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      this.notifyIdle();
    });
  }

  private notifyIdle(): void {
    if (this.queued.size || this.busy || this.passQueued) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  /** Whether the first scan is done (cross-file rules speak only after it). */
  get ready(): boolean {
    return this.scanned;
  }

  /** Checks an open document on the next turn. */
  schedule(uri: string): void {
    this.queued.add(uri);
    this.scheduler.schedule(uri);
  }

  /** Drops a pending check (the document closed). */
  cancel(uri: string): void {
    this.scheduler.cancel(uri);
    this.queued.delete(uri);
    this.notifyIdle();
  }

  /** Every open document, and every file of the workspace (settings or config changed). */
  revalidateAll(): void {
    for (const d of this.parts.documents.all()) this.schedule(d.uri);
    this.schedulePass(true);
  }

  /** The parse of an open document, recorded in the index; true when other files may be affected. */
  refresh(document: TextDocument, s: OkrSettings): { file: ParsedFile; affectsOthers: boolean } {
    const { parsed, index } = this.parts;
    const file = parsed.get(document, s);
    if (!index.contains(document.uri)) {
      index.setOutside(document.uri, file);
      return { file, affectsOthers: false };
    }
    return { file, affectsOthers: index.set(document.uri, file) };
  }

  /** The workspace a file is checked in: the index, plus the file itself when it lies outside. */
  workspaceFor(uri: string): Workspace {
    return this.parts.index.workspaceFor(uri);
  }

  diagnose(uri: string, file: ParsedFile, s: OkrSettings): Diagnostic[] {
    const { log } = this.parts;
    return runSafe(log, 'validation', [] as Diagnostic[], () =>
      diagnosticsOf(file, s, { uri, workspace: this.workspaceFor(uri), complete: this.scanned }, (e) =>
        this.parts.onRuleError ? this.parts.onRuleError(e as RuleError) : log(`okr-lens: ${String(e)}`),
      ),
    );
  }

  /** Sends diagnostics; `onlyIfChanged` skips a send that would repeat the last one (workspace passes). */
  publish(uri: string, diagnostics: Diagnostic[], version?: number, onlyIfChanged = false): void {
    if (onlyIfChanged && sameDiagnostics(this.published.get(uri) ?? [], diagnostics)) return;
    this.published.set(uri, diagnostics);
    const codes = new Set(diagnostics.map((d) => String(d.code)));
    this.publishedCodes.set(uri, codes);
    if (RECHECK_CODES.some((c) => codes.has(c))) this.flagged.add(uri);
    else this.flagged.delete(uri);
    this.parts.send({ uri, version, diagnostics });
  }

  /** Reads every OKR file of the workspace folders, then checks them all against each other. */
  async indexWorkspace(progress: Progress): Promise<void> {
    const { index, documents, settings } = this.parts;
    try {
      const listed = await index.scan((root, e) =>
        this.parts.log(`okr-lens: cannot list the OKR files of ${root}: ${String(e)}`),
      );
      const uris = listed.filter((u) => !documents.get(u));
      this.parts.onScanned?.(uris.length);
      progress.begin('Indexing OKR files', 0, `${uris.length} files`, false);
      let done = 0;
      // Settings for every file at once (one round of requests, not one per file in turn).
      const all = await settings.getMany(uris);
      // A few reads in flight at once: the disk waits of one file overlap the parsing of another.
      let next = 0;
      const reader = async () => {
        for (let i = next++; i < uris.length; i = next++) {
          await index.readFromDisk(uris[i], all[i].maxFileSize);
          if (++done % 50 === 0)
            progress.report(Math.round((done / uris.length) * 100), `${done}/${uris.length} files`);
        }
      };
      await Promise.all(Array.from({ length: Math.min(READERS, uris.length) }, reader));
      // Every file is read: check each against the others (the progress ends once all are checked).
      progress.report(100, `checking ${uris.length} files`);
      this.scanned = true;
      for (const d of documents.all()) this.schedule(d.uri);
      await this.pass(++this.passGeneration, true);
    } catch (e) {
      this.parts.log(`okr-lens: indexing failed: ${String(e)}`);
    } finally {
      this.parts.onIndexed?.();
      progress.done();
      // Even if the scan failed, the workspace is as known as it will be: check against it.
      if (!this.scanned) {
        this.scanned = true;
        this.revalidateAll();
      }
    }
  }

  /** A closed file: back to what is on disk, or no diagnostics when it is not (or lies outside). */
  async closed(uri: string): Promise<void> {
    const { index } = this.parts;
    this.cancel(uri);
    const onDisk = index.contains(uri) && (await index.readFromDisk(uri).then(() => index.has(uri)));
    if (!onDisk) {
      index.delete(uri);
      index.deleteOutside(uri);
      this.publish(uri, []);
    }
    this.schedulePass();
  }

  /** A file deleted on disk (and not open). */
  deleted(uri: string): void {
    this.parts.index.delete(uri);
    this.publish(uri, []);
  }

  private schedulePass(full = false): void {
    if (full) this.fullQueued = true;
    if (this.passQueued) return;
    this.passQueued = true;
    nextTurn(() => {
      const wasFull = this.fullQueued;
      this.fullQueued = false;
      this.busy++;
      this.passQueued = false;
      void this.pass(++this.passGeneration, wasFull)
        .catch((e) => this.parts.log(`okr-lens: workspace pass failed: ${String(e)}`))
        .finally(() => {
          this.busy--;
          this.notifyIdle();
        });
    });
  }

  /** Resolves when the pass has checked its files, or a newer pass has taken over. */
  private async pass(generation: number, full: boolean): Promise<void> {
    // Before the first scan is done, no file is checked against the others (the scan's end runs one).
    if (!this.scanned) return;
    const { index, documents, parsed, settings } = this.parts;
    const touched = passIds(index.workspace());
    // Only files the change can reach by what they name, or whose last diagnostics say they must look
    // again, are candidates; `needsRecheck` decides among them (so a pass costs what it re-checks).
    let uris: string[];
    if (full) uris = index.uris();
    else {
      const candidates = index.reachedBy(touched);
      for (const uri of this.flagged) candidates.add(uri);
      uris = [...candidates].filter((uri) => {
        const file = index.get(uri);
        return file !== undefined && needsRecheck(file.model, touched, this.publishedCodes.get(uri) ?? NO_CODES);
      });
    }
    const all = await settings.getMany(uris);
    await this.applyTracking();
    if (generation !== this.passGeneration) return;
    const check = (i: number) => {
      const uri = uris[i];
      const open = documents.get(uri);
      const file = open ? parsed.get(open, all[i]) : index.get(uri);
      if (file) this.publish(uri, this.diagnose(uri, file, all[i]), open?.version, true);
    };
    if (!full) {
      uris.forEach((_, i) => check(i));
      return;
    }
    for (let at = 0; at < uris.length; at += PASS_BATCH) {
      if (at > 0) await turn();
      if (generation !== this.passGeneration) return;
      for (let i = at; i < Math.min(at + PASS_BATCH, uris.length); i++) check(i);
    }
  }

  /**
   * Brings the workspace's calendar, thresholds and date up to date before a check. A new fiscal calendar
   * moves periods in every file: every file is checked again.
   */
  private async applyTracking(): Promise<void> {
    const tracking = await this.parts.settings.tracking?.();
    if (tracking && this.parts.index.setTracking(tracking) && this.scanned) this.revalidateAll();
  }

  /** One document's run: the config's own findings, or the OKR file's diagnostics. */
  private async run(uri: string, isCurrent: () => boolean): Promise<void> {
    const { documents, configs, settings, log } = this.parts;
    const document = documents.get(uri);
    if (!document) return;
    const version = document.version;
    if (configs.isConfig(uri)) {
      const findings = runSafe(log, 'config validation', [], () => configs.parse(document.getText()).findings);
      if (isCurrent())
        this.publish(
          uri,
          findings.flatMap((f) => toDiagnostic(f, defaultSettings) ?? []),
          version,
        );
      return;
    }
    const s = await settings.get(uri);
    await this.applyTracking();
    if (!isCurrent() || documents.get(uri)?.version !== version) return;
    const { file, affectsOthers } = this.refresh(document, s);
    const diagnostics = this.diagnose(uri, file, s);
    if (!isCurrent()) return;
    this.publish(uri, diagnostics, version);
    if (affectsOthers) this.schedulePass();
    if (!this.warmedUp && this.parts.warmUp) {
      this.warmedUp = true;
      const warmUp = this.parts.warmUp;
      setTimeout(() => runSafe(log, 'warm-up', undefined, warmUp), 200);
    }
  }
}

/** Whether two lists hold the same diagnostics (most are the very same objects, cached with their objective). */
function sameDiagnostics(a: readonly Diagnostic[] | undefined, b: readonly Diagnostic[]): boolean {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && JSON.stringify(a[i]) !== JSON.stringify(b[i])) return false;
  return true;
}
