/**
 * The language server's wiring: capabilities, documents, the workspace index, scheduling and settings.
 * Everything it answers comes from ./service; nothing here knows about OKRs.
 */
import {
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ProposedFeatures,
  CodeActionKind,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { URI } from 'vscode-uri';
import {
  allCodes,
  alignmentTree,
  codeActions,
  codeLenses,
  complete,
  FIX_ALL_KIND,
  fixAll,
  SHOW_DOCS_COMMAND,
  defaultSettings,
  definition,
  diagnosticsOf,
  documentSymbols,
  hover,
  needsRecheck,
  passIds,
  ParsedDocuments,
  prepareRename,
  references,
  rename,
  toDiagnostic,
  Workspace,
  workspaceSymbols,
  warmUpLanguage,
  type OkrSettings,
  type ParsedFile,
} from './service';
import { ALIGNMENT_TREE_REQUEST, RULES_REQUEST, type AlignmentTreeParams, type RuleInfo } from '../../shared/protocol';
import { runSafe } from './runSafe';
import { ValidationScheduler } from './scheduler';
import { SettingsStore } from './settings';
import { ConfigStore } from './configStore';
import { OKR_FILE, WorkspaceIndex } from './workspaceIndex';
import { clampedTextDocument } from './textDocuments';

/** Files read from disk at once while indexing. */
const READERS = 8;

/** Files re-checked between two turns of the event loop in a workspace pass. */
const PASS_BATCH = 50;

export function startServer(connection: Connection): void {
  const parsed = new ParsedDocuments();
  // Each change is told to the parse cache before it is applied, so a parse re-reads only around it.
  const documents = new TextDocuments(clampedTextDocument((document, change) => parsed.willChange(document, change)));
  const index = new WorkspaceIndex();
  const configs = new ConfigStore((file) => documents.get(URI.file(file).toString())?.getText());
  const settings = new SettingsStore(connection, configs);
  const log = (m: string) => connection.console.error(m);
  const published = new Map<string, Diagnostic[]>();
  let capabilities = { dynamicConfig: false, watchers: false, snippetEdits: false };
  // Requests that read the workspace wait for the first scan; diagnostics of open files do not, but
  // until it is done they leave out what depends on other files (`complete: false`).
  let indexed: Promise<void> = Promise.resolve();
  let scanned = false;

  const isOkr = (uri: string) => !ConfigStore.isConfig(uri);

  /** The parse of an open document, recorded in the index; true when other files may be affected. */
  const refresh = (document: TextDocument, s: OkrSettings): { file: ParsedFile; affectsOthers: boolean } => {
    const file = parsed.get(document, s);
    if (!index.contains(document.uri)) {
      index.setOutside(document.uri, file);
      return { file, affectsOthers: false };
    }
    return { file, affectsOthers: index.set(document.uri, file) };
  };

  /** The workspace a file is checked in: the index, plus the file itself when it lies outside. */
  const workspaceFor = (uri: string): Workspace => index.workspaceFor(uri);

  /** Sends diagnostics; `onlyIfChanged` skips a send that would repeat the last one (workspace passes). */
  const publish = (uri: string, diagnostics: Diagnostic[], version?: number, onlyIfChanged = false) => {
    // (A file never published and still clean needs no message: the client shows nothing for it already.)
    if (onlyIfChanged && sameDiagnostics(published.get(uri) ?? [], diagnostics)) return;
    published.set(uri, diagnostics);
    void connection.sendDiagnostics({ uri, version, diagnostics });
  };

  const diagnose = (uri: string, file: ParsedFile, s: OkrSettings) =>
    runSafe(log, 'validation', [] as Diagnostic[], () =>
      diagnosticsOf(file, s, { uri, workspace: workspaceFor(uri), complete: scanned }, (e) =>
        log(`okr-lens: rule failed: ${String(e)}`),
      ),
    );

  // Other files' diagnostics can change when one file's ids or alignment do: re-check those that can
  // (they name or define an id whose definitions changed, declare tenets, sit on a cycle or name
  // something unknown: `needsRecheck`) and publish only what changed. A full pass (after the scan, a
  // settings or config change, files changed on disk) checks every file, in batches that let requests
  // in between. A newer pass stops an older one.
  let passQueued = false;
  let fullQueued = false;
  let passGeneration = 0;
  let warmedUp = false;
  const scheduleWorkspacePass = (full = false) => {
    if (full) fullQueued = true;
    if (passQueued) return;
    passQueued = true;
    setImmediate(() => {
      passQueued = false;
      const wasFull = fullQueued;
      fullQueued = false;
      void workspacePass(++passGeneration, wasFull);
    });
  };
  /** Resolves when the pass has checked its files, or a newer pass has taken over. */
  const workspacePass = async (generation: number, full: boolean): Promise<void> => {
    // Before the first scan is done, no file is checked against the others (the scan's end runs one).
    if (!scanned) return;
    const touched = passIds(index.workspace());
    const uris = index.uris().filter((uri) => {
      if (full) return true;
      const file = index.get(uri);
      const lastCodes = new Set((published.get(uri) ?? []).map((d) => String(d.code)));
      return file !== undefined && needsRecheck(file.model, touched, lastCodes);
    });
    const all = await settings.getMany(uris);
    if (generation !== passGeneration) return;
    const check = (i: number) => {
      const uri = uris[i];
      const open = documents.get(uri);
      const file = open ? parsed.get(open, all[i]) : index.get(uri);
      if (file) publish(uri, diagnose(uri, file, all[i]), open?.version, true);
    };
    if (!full) {
      uris.forEach((_, i) => check(i));
      return;
    }
    for (let at = 0; at < uris.length; at += PASS_BATCH) {
      if (at > 0) await new Promise((resolve) => setImmediate(resolve));
      if (generation !== passGeneration) return;
      for (let i = at; i < Math.min(at + PASS_BATCH, uris.length); i++) check(i);
    }
  };

  const scheduler = new ValidationScheduler(async (uri, isCurrent) => {
    const document = documents.get(uri);
    if (!document) return;
    const version = document.version;
    if (!isOkr(uri)) {
      const findings = runSafe(log, 'config validation', [], () => configs.parse(document.getText()).findings);
      if (isCurrent())
        publish(
          uri,
          findings.flatMap((f) => toDiagnostic(f, defaultSettings) ?? []),
          version,
        );
      return;
    }
    const s = await settings.get(uri);
    if (!isCurrent() || documents.get(uri)?.version !== version) return;
    const { file, affectsOthers } = refresh(document, s);
    const diagnostics = diagnose(uri, file, s);
    if (!isCurrent()) return;
    publish(uri, diagnostics, version);
    if (affectsOthers) scheduleWorkspacePass();
    if (!warmedUp) {
      // Once the first file's diagnostics are out: build the sentence tagger's models while the user
      // reads them, so the first keystroke that needs them does not wait about a second.
      warmedUp = true;
      setTimeout(() => runSafe(log, 'warm-up', undefined, warmUpLanguage), 200);
    }
  });

  const revalidateAll = () => {
    for (const d of documents.all()) scheduler.schedule(d.uri);
    scheduleWorkspacePass(true);
  };

  const indexWorkspace = async () => {
    const progress = await connection.window.createWorkDoneProgress();
    const uris = (await index.scan()).filter((u) => !documents.get(u));
    progress.begin('Indexing OKR files', 0, `${uris.length} files`, false);
    let done = 0;
    // Settings for every file at once (one round of requests, not one per file in turn).
    const all = await settings.getMany(uris);
    // A few reads in flight at once: the disk waits of one file overlap the parsing of another.
    let next = 0;
    const reader = async () => {
      for (let i = next++; i < uris.length; i = next++) {
        await index.readFromDisk(uris[i], all[i].maxFileSize);
        if (++done % 50 === 0) progress.report(Math.round((done / uris.length) * 100), `${done}/${uris.length} files`);
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(READERS, uris.length) }, reader));
      // Every file is read: check each against the others (the progress ends once all are checked).
      progress.report(100, `checking ${uris.length} files`);
      scanned = true;
      for (const d of documents.all()) scheduler.schedule(d.uri);
      await workspacePass(++passGeneration, true);
    } finally {
      progress.done();
    }
  };

  connection.onInitialize((params) => {
    settings.canPull = !!params.capabilities.workspace?.configuration;
    capabilities = {
      dynamicConfig: !!params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration,
      watchers: !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration,
      snippetEdits: !!(params.capabilities.workspace?.workspaceEdit as { snippetEditSupport?: boolean } | undefined)
        ?.snippetEditSupport,
    };
    const roots = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    configs.setRoots(roots);
    index.setRoots(roots);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        documentSymbolProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        workspaceSymbolProvider: true,
        codeLensProvider: { resolveProvider: false },
        completionProvider: { triggerCharacters: [' ', ':', '-', ',', '['], resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: true },
        executeCommandProvider: { commands: [SHOW_DOCS_COMMAND] },
      },
      serverInfo: { name: 'okr-lens', version: process.env.OKR_LENS_VERSION ?? '0.0.0' },
    };
  });

  connection.onInitialized(() => {
    if (capabilities.dynamicConfig) void connection.client.register(DidChangeConfigurationNotification.type, undefined);
    if (capabilities.watchers) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.okr.{yaml,yml}' }, { globPattern: '**/okr.config.yaml' }],
      });
    }
    indexed = indexWorkspace()
      .catch((e) => log(`okr-lens: indexing failed: ${String(e)}`))
      .finally(() => {
        // Even if the scan failed, the workspace is as known as it will be: check against it.
        if (scanned) return;
        scanned = true;
        revalidateAll();
      });
  });

  connection.onDidChangeConfiguration((change) => {
    settings.clientChanged(change.settings);
    revalidateAll();
  });

  connection.onDidChangeWatchedFiles(async (change) => {
    let configChanged = false;
    for (const c of change.changes) {
      if (ConfigStore.isConfig(c.uri)) configChanged = true;
      else if (OKR_FILE.test(c.uri) && index.contains(c.uri) && !documents.get(c.uri)) {
        if (c.type === FileChangeType.Deleted) {
          index.delete(c.uri);
          publish(c.uri, []);
        } else await index.readFromDisk(c.uri, (await settings.get(c.uri)).maxFileSize);
      }
    }
    if (configChanged) settings.configChanged();
    revalidateAll();
  });

  documents.onDidOpen((e) => {
    if (!isOkr(e.document.uri)) settings.configChanged();
    scheduler.schedule(e.document.uri);
  });
  documents.onDidChangeContent((e) => {
    if (!isOkr(e.document.uri)) {
      // A config being edited applies as typed: re-check every OKR file with it.
      settings.configChanged();
      revalidateAll();
    } else scheduler.schedule(e.document.uri);
  });
  documents.onDidClose(async (e) => {
    const uri = e.document.uri;
    scheduler.cancel(uri);
    parsed.delete(uri);
    settings.forget(uri);
    if (!isOkr(uri)) {
      settings.configChanged();
      publish(uri, []);
      revalidateAll();
      return;
    }
    // Back to what is on disk; a file that is not (or is outside the workspace) leaves no diagnostics.
    const onDisk = index.contains(uri) && (await index.readFromDisk(uri).then(() => index.has(uri)));
    if (!onDisk) {
      index.delete(uri);
      index.deleteOutside(uri);
      publish(uri, []);
    }
    scheduleWorkspacePass();
  });

  /** The current parse and workspace for a request on an open document (once the first scan is done). */
  const current = async (uri: string) => {
    await indexed;
    const document = documents.get(uri);
    if (!document || !isOkr(uri)) return undefined;
    const s = await settings.get(uri);
    const { file } = refresh(document, s);
    return { document, file, workspace: workspaceFor(uri) };
  };

  connection.onHover(async (params) => {
    const c = await current(params.textDocument.uri);
    return c ? runSafe(log, 'hover', null, () => hover(c.document, c.file, params.position, c.workspace)) : null;
  });

  connection.onDocumentSymbol(async (params) => {
    const c = await current(params.textDocument.uri);
    return c ? runSafe(log, 'documentSymbol', [], () => documentSymbols(c.file)) : [];
  });

  connection.onDefinition(async (params) => {
    const c = await current(params.textDocument.uri);
    return c ? runSafe(log, 'definition', [], () => definition(c.document, c.workspace, params.position)) : [];
  });

  connection.onReferences(async (params) => {
    const c = await current(params.textDocument.uri);
    if (!c) return [];
    return runSafe(log, 'references', [], () =>
      references(c.document, c.workspace, params.position, params.context.includeDeclaration),
    );
  });

  connection.onPrepareRename(async (params) => {
    const c = await current(params.textDocument.uri);
    if (!c) return null;
    const result = runSafe(log, 'prepareRename', null, () => prepareRename(c.document, c.workspace, params.position));
    if (!result) return null;
    if ('refused' in result) throw new ResponseError(-32803, result.refused);
    return result;
  });

  connection.onRenameRequest(async (params) => {
    const c = await current(params.textDocument.uri);
    if (!c) return null;
    // Open files' texts are the editor's; closed files' are read from disk (the index keeps none):
    // a first run names the files the rename touches, then their texts are read.
    const closed = new Map<string, string | undefined>();
    const textOf = (uri: string) => {
      const open = documents.get(uri)?.getText();
      if (open !== undefined) return open;
      if (!closed.has(uri)) closed.set(uri, undefined);
      return closed.get(uri);
    };
    runSafe(log, 'rename', undefined, () => rename(c.document, c.workspace, params.position, params.newName, textOf));
    await Promise.all([...closed.keys()].map(async (uri) => closed.set(uri, await index.textOnDisk(uri))));
    const result = runSafe(log, 'rename', { error: 'Rename failed.' }, () =>
      rename(c.document, c.workspace, params.position, params.newName, textOf),
    );
    if (result.error) throw new ResponseError(-32803, result.error);
    return result.edit ?? null;
  });

  connection.onWorkspaceSymbol(async (params) => {
    await indexed;
    return runSafe(log, 'workspaceSymbol', [], () => workspaceSymbols(index.workspace(), params.query));
  });

  connection.onCodeLens(async (params) => {
    const c = await current(params.textDocument.uri);
    return c ? runSafe(log, 'codeLens', [], () => codeLenses(c.workspace, params.textDocument.uri)) : [];
  });

  connection.onCompletion(async (params) => {
    const c = await current(params.textDocument.uri);
    if (!c) return [];
    const s = await settings.get(params.textDocument.uri);
    return runSafe(log, 'completion', [], () => complete(c.document, params.position, c.workspace, s));
  });

  // Code actions come without their edits; codeAction/resolve computes the edit of the one picked.
  connection.onCodeAction(async (params) => {
    const c = await current(params.textDocument.uri);
    if (!c) return [];
    const s = await settings.get(params.textDocument.uri);
    const only = params.context.only;
    return runSafe(log, 'codeAction', [], () => {
      if (only?.some((k) => FIX_ALL_KIND.startsWith(k) && k !== CodeActionKind.QuickFix)) {
        const all = fixAll(c.document, c.file, diagnose(c.document.uri, c.file, s), c.workspace, s);
        return all ? [all] : [];
      }
      return codeActions(c.document, c.file, params.context.diagnostics, c.workspace, s, {
        snippets: capabilities.snippetEdits,
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
  });

  connection.onCodeActionResolve(async (action) => {
    const data = action.data as { uri: string; version: number; title: string; diagnostic: Diagnostic } | undefined;
    if (!data) return action;
    const c = await current(data.uri);
    if (!c || c.document.version !== data.version) return action;
    const s = await settings.get(data.uri);
    const again = runSafe(log, 'codeAction/resolve', [], () =>
      codeActions(c.document, c.file, [data.diagnostic], c.workspace, s, { snippets: capabilities.snippetEdits }),
    ).find((a) => a.title === data.title);
    return again?.edit ? { ...action, edit: again.edit } : action;
  });

  connection.onExecuteCommand(async (params) => {
    if (params.command === SHOW_DOCS_COMMAND && typeof params.arguments?.[0] === 'string') {
      await connection.window.showDocument({ uri: params.arguments[0], external: true }).catch(() => undefined);
    }
  });

  connection.onRequest(RULES_REQUEST, (): RuleInfo[] =>
    allCodes().map((c) => ({ id: c.id, description: c.description, defaultSeverity: c.defaultSeverity, docs: c.docs })),
  );

  connection.onRequest(ALIGNMENT_TREE_REQUEST, async (params: AlignmentTreeParams | undefined) => {
    await indexed;
    if (params?.uri) await current(params.uri);
    return runSafe(log, 'alignmentTree', { tenets: [], objectives: [], edges: [], roots: [] }, () =>
      alignmentTree(index.workspace(), params?.uri),
    );
  });

  documents.listen(connection);
  connection.listen();
}

/** Whether two lists hold the same diagnostics (most are the very same objects, cached with their objective). */
function sameDiagnostics(a: readonly Diagnostic[] | undefined, b: readonly Diagnostic[]): boolean {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && JSON.stringify(a[i]) !== JSON.stringify(b[i])) return false;
  return true;
}

// A bug must not take the user's editor features down: log it and keep serving.
process.on('uncaughtException', (e) => console.error('okr-lens: uncaught', e));
process.on('unhandledRejection', (e) => console.error('okr-lens: unhandled rejection', e));

if (require.main === module) startServer(createConnection(ProposedFeatures.all));
