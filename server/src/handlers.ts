/**
 * What the server answers, one function per LSP message, over the server's state. Each reads the
 * engine (./service); `runSafe` turns a throw into a logged, empty answer.
 */
import {
  CodeActionKind,
  FileChangeType,
  ResponseError,
  type CodeAction,
  type CodeActionParams,
  type CompletionParams,
  type Connection,
  type DidChangeWatchedFilesParams,
  type DocumentSymbolParams,
  type ExecuteCommandParams,
  type HoverParams,
  type ReferenceParams,
  type RenameParams,
  type TextDocumentPositionParams,
  type TextDocuments,
  type WorkspaceSymbolParams,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import {
  allCodes,
  alignmentTree,
  codeActions,
  codeLenses,
  complete,
  definition,
  documentSymbols,
  FIX_ALL_KIND,
  fixAll,
  hover as hoverOf,
  prepareRename as prepareRenameOf,
  ParsedDocuments,
  references as referencesOf,
  rename as renameOf,
  SHOW_DOCS_COMMAND,
  workspaceSymbols,
} from './service';
import type { AlignmentTreeParams, RuleInfo } from '../../shared/protocol';
import { ConfigStore } from './configStore';
import type { DiagnosticsPipeline } from './diagnostics';
import { runSafe } from './runSafe';
import type { SettingsStore } from './settings';
import { OKR_FILE, type WorkspaceIndex } from './workspaceIndex';

/** The server's state: everything a handler reads (rust-analyzer's GlobalState, in small). */
export interface ServerState {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly parsed: ParsedDocuments;
  readonly index: WorkspaceIndex;
  readonly configs: ConfigStore;
  readonly settings: SettingsStore;
  readonly pipeline: DiagnosticsPipeline;
  readonly log: (message: string) => void;
  capabilities: { dynamicConfig: boolean; watchers: boolean; snippetEdits: boolean };
  /** Resolves when the first scan is done: requests that read the workspace wait for it. */
  indexed: Promise<void>;
}

const isOkr = (uri: string) => !ConfigStore.isConfig(uri);

/** The current parse and workspace for a request on an open document (once the first scan is done). */
async function current(state: ServerState, uri: string) {
  await state.indexed;
  const document = state.documents.get(uri);
  if (!document || !isOkr(uri)) return undefined;
  const s = await state.settings.get(uri);
  const { file } = state.pipeline.refresh(document, s);
  return { document, file, settings: s, workspace: state.pipeline.workspaceFor(uri) };
}

// ---- Documents, settings and files ----

export function opened(state: ServerState, document: TextDocument): void {
  if (!isOkr(document.uri)) state.settings.configChanged();
  state.pipeline.schedule(document.uri);
}

export function changed(state: ServerState, document: TextDocument): void {
  if (isOkr(document.uri)) return state.pipeline.schedule(document.uri);
  // A config being edited applies as typed: re-check every OKR file with it.
  state.settings.configChanged();
  state.pipeline.revalidateAll();
}

export async function closed(state: ServerState, document: TextDocument): Promise<void> {
  const uri = document.uri;
  state.parsed.delete(uri);
  state.settings.forget(uri);
  if (isOkr(uri)) return state.pipeline.closed(uri);
  state.pipeline.cancel(uri);
  state.settings.configChanged();
  state.pipeline.publish(uri, []);
  state.pipeline.revalidateAll();
}

export function configurationChanged(state: ServerState, settings: unknown): void {
  state.settings.clientChanged(settings);
  state.pipeline.revalidateAll();
}

export async function watchedFilesChanged(state: ServerState, change: DidChangeWatchedFilesParams): Promise<void> {
  let configChanged = false;
  for (const c of change.changes) {
    if (!isOkr(c.uri)) configChanged = true;
    else if (OKR_FILE.test(c.uri) && state.index.contains(c.uri) && !state.documents.get(c.uri)) {
      if (c.type === FileChangeType.Deleted) state.pipeline.deleted(c.uri);
      else await state.index.readFromDisk(c.uri, (await state.settings.get(c.uri)).maxFileSize);
    }
  }
  if (configChanged) state.settings.configChanged();
  state.pipeline.revalidateAll();
}

// ---- Requests ----

export async function hover(state: ServerState, params: HoverParams) {
  const c = await current(state, params.textDocument.uri);
  return c ? runSafe(state.log, 'hover', null, () => hoverOf(c.document, c.file, params.position, c.workspace)) : null;
}

export async function documentSymbol(state: ServerState, params: DocumentSymbolParams) {
  const c = await current(state, params.textDocument.uri);
  return c ? runSafe(state.log, 'documentSymbol', [], () => documentSymbols(c.file)) : [];
}

export async function gotoDefinition(state: ServerState, params: TextDocumentPositionParams) {
  const c = await current(state, params.textDocument.uri);
  return c ? runSafe(state.log, 'definition', [], () => definition(c.document, c.workspace, params.position)) : [];
}

export async function references(state: ServerState, params: ReferenceParams) {
  const c = await current(state, params.textDocument.uri);
  if (!c) return [];
  return runSafe(state.log, 'references', [], () =>
    referencesOf(c.document, c.workspace, params.position, params.context.includeDeclaration),
  );
}

export async function prepareRename(state: ServerState, params: TextDocumentPositionParams) {
  const c = await current(state, params.textDocument.uri);
  if (!c) return null;
  const result = runSafe(state.log, 'prepareRename', null, () =>
    prepareRenameOf(c.document, c.workspace, params.position),
  );
  if (!result) return null;
  if ('refused' in result) throw new ResponseError(-32803, result.refused);
  return result;
}

export async function rename(state: ServerState, params: RenameParams) {
  const c = await current(state, params.textDocument.uri);
  if (!c) return null;
  // Open files' texts are the editor's; closed files' are read from disk (the index keeps none):
  // a first run names the files the rename touches, then their texts are read.
  const closedTexts = new Map<string, string | undefined>();
  const textOf = (uri: string) => {
    const open = state.documents.get(uri)?.getText();
    if (open !== undefined) return open;
    if (!closedTexts.has(uri)) closedTexts.set(uri, undefined);
    return closedTexts.get(uri);
  };
  const run = () => renameOf(c.document, c.workspace, params.position, params.newName, textOf);
  runSafe(state.log, 'rename', undefined, run);
  await Promise.all(
    [...closedTexts.keys()].map(async (uri) => closedTexts.set(uri, await state.index.textOnDisk(uri))),
  );
  const result = runSafe(state.log, 'rename', { error: 'Rename failed.' }, run);
  if (result.error) throw new ResponseError(-32803, result.error);
  return result.edit ?? null;
}

export async function workspaceSymbol(state: ServerState, params: WorkspaceSymbolParams) {
  await state.indexed;
  return runSafe(state.log, 'workspaceSymbol', [], () => workspaceSymbols(state.index.workspace(), params.query));
}

export async function codeLens(state: ServerState, params: { textDocument: { uri: string } }) {
  const c = await current(state, params.textDocument.uri);
  return c ? runSafe(state.log, 'codeLens', [], () => codeLenses(c.workspace, params.textDocument.uri)) : [];
}

export async function completion(state: ServerState, params: CompletionParams) {
  const c = await current(state, params.textDocument.uri);
  if (!c) return [];
  return runSafe(state.log, 'completion', [], () => complete(c.document, params.position, c.workspace, c.settings));
}

/** Code actions come without their edits; codeAction/resolve computes the edit of the one picked. */
export async function codeAction(state: ServerState, params: CodeActionParams) {
  const c = await current(state, params.textDocument.uri);
  if (!c) return [];
  const only = params.context.only;
  return runSafe(state.log, 'codeAction', [], () => {
    if (only?.some((k) => FIX_ALL_KIND.startsWith(k) && k !== CodeActionKind.QuickFix)) {
      const diagnostics = state.pipeline.diagnose(c.document.uri, c.file, c.settings);
      const all = fixAll(c.document, c.file, diagnostics, c.workspace, c.settings);
      return all ? [all] : [];
    }
    return codeActions(c.document, c.file, params.context.diagnostics, c.workspace, c.settings, {
      snippets: state.capabilities.snippetEdits,
    }).map(({ edit: _edit, ...action }) => ({
      ...action,
      data: {
        uri: c.document.uri,
        version: c.document.version,
        title: action.title,
        diagnostic: action.diagnostics?.[0],
      },
    }));
  });
}

export async function codeActionResolve(state: ServerState, action: CodeAction) {
  const data = action.data as { uri: string; version: number; title: string; diagnostic: Diagnostic } | undefined;
  if (!data) return action;
  const c = await current(state, data.uri);
  if (!c || c.document.version !== data.version) return action;
  const again = runSafe(state.log, 'codeAction/resolve', [], () =>
    codeActions(c.document, c.file, [data.diagnostic], c.workspace, c.settings, {
      snippets: state.capabilities.snippetEdits,
    }),
  ).find((a) => a.title === data.title);
  return again?.edit ? { ...action, edit: again.edit } : action;
}

export async function executeCommand(state: ServerState, params: ExecuteCommandParams) {
  if (params.command === SHOW_DOCS_COMMAND && typeof params.arguments?.[0] === 'string') {
    await state.connection.window.showDocument({ uri: params.arguments[0], external: true }).catch(() => undefined);
  }
}

export function rules(): RuleInfo[] {
  return allCodes().map((c) => ({
    id: c.id,
    description: c.description,
    defaultSeverity: c.defaultSeverity,
    docs: c.docs,
  }));
}

export async function tree(state: ServerState, params: AlignmentTreeParams | undefined) {
  await state.indexed;
  if (params?.uri) await current(state, params.uri);
  return runSafe(state.log, 'alignmentTree', { tenets: [], objectives: [], edges: [], roots: [] }, () =>
    alignmentTree(state.index.workspace(), params?.uri),
  );
}
