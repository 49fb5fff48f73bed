/**
 * What the client, the server and (later) the webview share: the language id, settings section and
 * custom requests. Import types from here, never redefine them on either side.
 */
export const LANGUAGE_ID = 'okr';
export const SETTINGS_SECTION = 'okr';

/** `okr/alignmentTree`: the computed alignment tree of the workspace, for the preview. */
export const ALIGNMENT_TREE_REQUEST = 'okr/alignmentTree';

export interface AlignmentTreeParams {
  /** Only this file's objectives, their ancestors and descendants; all objectives when absent. */
  readonly uri?: string;
}

export type ScoreBand = 'red' | 'yellow' | 'green';

export interface TreeRange {
  readonly start: { readonly line: number; readonly character: number };
  readonly end: { readonly line: number; readonly character: number };
}

export interface TreeTenet {
  readonly id: string;
  readonly title?: string;
  readonly description?: string;
  readonly risk?: 'actual' | 'perceived' | string;
  readonly file: string;
  readonly range: TreeRange;
}

/** A key result's or objective's status at a date (docs/format.md, "Tracking"), in the order they apply. */
export type TrackingStatus = 'done' | 'not-started' | 'at-risk' | 'behind' | 'on-track';

export const TRACKING_STATUSES: readonly TrackingStatus[] = ['done', 'not-started', 'at-risk', 'behind', 'on-track'];

/** Pace at the tree's `asOf`, for a key result or an objective. */
export interface TreePace {
  readonly status?: TrackingStatus;
  /** 0..1: the elapsed share of the period (or of the key result's span); absent without a period. */
  readonly expected?: number;
  /** The period is over at `asOf`: `progress` is the score, and committed results below 1.0 are missed. */
  readonly ended?: boolean;
  readonly missed?: boolean;
}

/** One check-in, with its progress (0..1, absent when it cannot be computed). */
export interface TreeCheckin {
  readonly date: string;
  readonly value?: number;
  readonly done?: boolean;
  readonly confidence?: number;
  readonly note?: string;
  readonly progress?: number;
}

export interface TreeKeyResult extends TreePace {
  readonly id?: string;
  readonly title: string;
  readonly owner?: string;
  /** 0..1, absent when it cannot be scored (docs/format.md). */
  readonly progress?: number;
  readonly score?: ScoreBand;
  readonly done?: boolean;
  readonly baseline?: number;
  readonly target?: number;
  readonly current?: number;
  readonly unit?: string;
  readonly confidence?: number;
  readonly range: TreeRange;
  /** In date order. */
  readonly checkins?: readonly TreeCheckin[];
  /** The span pace is measured over (the period, or up to the key result's `due`). */
  readonly span?: { readonly start: string; readonly end: string };
}

export interface TreeObjective extends TreePace {
  readonly id: string;
  readonly title: string;
  readonly owner?: string;
  /** The tenet's id (resolved from an id or a title), or the text written when it names no tenet. */
  readonly tenet?: string;
  readonly type: 'aspirational' | 'committed';
  readonly team?: string;
  /** Weighted mean of its key results, 0..1. */
  readonly progress?: number;
  /** Mean of its own progress and its children's rolled-up progress. */
  readonly rolledUp?: number;
  readonly score?: ScoreBand;
  readonly file: string;
  readonly range: TreeRange;
  readonly keyResults: readonly TreeKeyResult[];
  readonly parents: readonly string[];
  readonly children: readonly string[];
}

export interface AlignmentTree {
  readonly tenets: readonly TreeTenet[];
  readonly objectives: readonly TreeObjective[];
  /** child → parent, one per `aligns_to` id that resolves. */
  readonly edges: readonly { readonly child: string; readonly parent: string }[];
  /** Objectives with no parent in the workspace, in workspace order. */
  readonly roots: readonly string[];
  /** The date statuses are judged at (`okr.asOf`, `--at`, or today). */
  readonly asOf?: string;
}

// ---- The preview webview: messages in both directions (client/src/preview.ts <-> client/webview). ----

export type PreviewView = 'alignment' | 'tenet';

/**
 * Diagnostics counts per objective id, for the badge on each node, and why the language rules warned
 * ("Vague: a generic verb ("Improve")"), from the diagnostics' data.
 */
export type DiagnosticCounts = Readonly<
  Record<string, { readonly errors: number; readonly warnings: number; readonly why?: readonly string[] }>
>;

/** Host → webview. */
export type ToWebview =
  | {
      readonly type: 'update';
      /** Increases with every update; the webview ignores one older than what it shows. */
      readonly version: number;
      readonly tree: AlignmentTree;
      readonly counts: DiagnosticCounts;
      /** The file the preview follows (absent for the whole-workspace view). */
      readonly activeFile?: string;
    }
  /** The editor's cursor moved: highlight the node whose range holds this line. */
  | { readonly type: 'highlight'; readonly file: string; readonly line: number };

/** Webview → host. */
export type FromWebview =
  | { readonly type: 'ready' }
  /** Reveal a node's line in the editor. */
  | { readonly type: 'reveal'; readonly file: string; readonly line: number };

/** What the webview keeps with `setState` and restores after a restart (with the panel serializer). */
export interface PreviewState {
  readonly view: PreviewView;
  readonly filters: {
    readonly owner?: string;
    readonly tenet?: string;
    readonly team?: string;
    readonly text?: string;
    readonly status?: TrackingStatus;
  };
  /** Ids of collapsed objectives. */
  readonly collapsed: readonly string[];
  readonly scrollTop: number;
  /** The file the panel follows, or absent for the whole workspace. */
  readonly file?: string;
}

/** `okr/rules`: every rule and built-in check, for "OKR: Show Rule Documentation". */
export const RULES_REQUEST = 'okr/rules';
export interface RuleInfo {
  readonly id: string;
  readonly description: string;
  readonly defaultSeverity: string;
  readonly docs: string;
}

/**
 * The browser server's file access: in a Web Worker it has no disk, so it asks the client, which reads
 * through `workspace.fs` and `workspace.findFiles` (client/src/fileRequests.ts). URIs as strings; a
 * failure is a result with Node's error code (ENOENT, EACCES, EIO), not a JSON-RPC error.
 */
export const FS_STAT_REQUEST = 'okr/fs/stat';
export const FS_READ_REQUEST = 'okr/fs/readFile';
export const FS_FIND_REQUEST = 'okr/fs/findOkrFiles';

export interface FsUriParams {
  readonly uri: string;
}
export interface FsFailure {
  readonly error: string;
  readonly message: string;
}
export type FsStatResult =
  { readonly type: 'file' | 'directory' | 'other'; readonly size: number; readonly symlink: boolean } | FsFailure;
/** The file's bytes, base64 (JSON-safe over any transport). */
export type FsReadResult = { readonly base64: string } | FsFailure;
/** The OKR files under a folder (`uri`), not under node_modules or .git. */
export type FsFindResult = { readonly uris: readonly string[] } | FsFailure;
