/**
 * The language server's wiring: its parts, its capabilities, and one line per message. What each
 * message does is in ./handlers; when diagnostics are computed and published, in ./diagnostics; what
 * they say, in ./service.
 */
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  CodeActionKind,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
} from 'vscode-languageserver';
import { FIX_ALL_KIND, ParsedDocuments, SHOW_DOCS_COMMAND, warmUpLanguage } from './service';
import { RuleErrorReporter } from './ruleErrors';
import { ALIGNMENT_TREE_REQUEST, RULES_REQUEST } from '../../shared/protocol';
import { DiagnosticsPipeline } from './diagnostics';
import * as handle from './handlers';
import { SettingsStore } from './settings';
import { ConfigStore } from './configStore';
import { WorkspaceIndex } from './workspaceIndex';
import { clampedTextDocument } from './textDocuments';
import type { FileAccess } from './fileAccess';

/** What differs between the server on Node (./bin) and in a Web Worker (./browser/main). */
export interface Runtime {
  /** Where files that are not open come from: the disk, or the client. */
  readonly files: FileAccess;
  readonly version: string;
  /** The scan found `files` files (before reading them); and it is done. Node tunes its heap around it. */
  readonly onScanned?: (files: number) => void;
  readonly onIndexed?: () => void;
}

export function startServer(connection: Connection, runtime: Runtime): void {
  const parsed = new ParsedDocuments();
  // Each change is told to the parse cache before it is applied, so a parse re-reads only around it.
  const documents = new TextDocuments(clampedTextDocument((document, change) => parsed.willChange(document, change)));
  const index = new WorkspaceIndex(runtime.files);
  const configs = new ConfigStore((uri) => documents.get(uri)?.getText(), runtime.files);
  const settings = new SettingsStore(connection, configs);
  const log = (m: string) => connection.console.error(m);
  const ruleErrors = new RuleErrorReporter(log, (m) => void connection.window.showErrorMessage(m));

  const pipeline = new DiagnosticsPipeline({
    documents,
    parsed,
    index,
    settings,
    configs: { isConfig: (uri) => ConfigStore.isConfig(uri), parse: (text) => configs.parse(text) },
    send: (params) => void connection.sendDiagnostics(params),
    log,
    warmUp: warmUpLanguage,
    onScanned: runtime.onScanned,
    onIndexed: runtime.onIndexed,
    onRuleError: (e) => ruleErrors.report(e),
  });
  const state: handle.ServerState = {
    connection,
    documents,
    parsed,
    index,
    configs,
    settings,
    pipeline,
    log,
    capabilities: { dynamicConfig: false, watchers: false, snippetEdits: false },
    indexed: Promise.resolve(),
  };

  connection.onInitialize((params) => {
    settings.canPull = !!params.capabilities.workspace?.configuration;
    state.capabilities = {
      dynamicConfig: !!params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration,
      watchers: !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration,
      snippetEdits: !!(params.capabilities.workspace?.workspaceEdit as { snippetEditSupport?: boolean } | undefined)
        ?.snippetEditSupport,
    };
    const roots = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    configs.setRoots(roots);
    index.setRoots(roots);
    settings.setRoot(roots[0]);
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
      serverInfo: { name: 'okr-lens', version: runtime.version },
    };
  });

  connection.onInitialized(() => {
    if (state.capabilities.dynamicConfig)
      void connection.client.register(DidChangeConfigurationNotification.type, undefined);
    if (state.capabilities.watchers) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.okr.{yaml,yml}' }, { globPattern: '**/okr.config.yaml' }],
      });
    }
    // Index even if the client refuses a progress token (the scan then reports nothing as it goes).
    const silent = { begin: () => undefined, report: () => undefined, done: () => undefined };
    state.indexed = connection.window
      .createWorkDoneProgress()
      .catch(() => silent)
      .then((progress) => pipeline.indexWorkspace(progress));
  });

  // Pace, staleness and future check-ins are judged at today's date: judge again when it changes.
  const midnight = () => {
    const now = new Date();
    const next = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 0, 0, 1);
    const timer: unknown = setTimeout(() => {
      pipeline.revalidateAll();
      midnight();
    }, next.getTime() - now.getTime());
    // In Node, the timer alone must not keep the process alive.
    (timer as { unref?: () => void }).unref?.();
  };
  midnight();

  connection.onDidChangeConfiguration((change) => handle.configurationChanged(state, change.settings));
  connection.onDidChangeWatchedFiles((change) => handle.watchedFilesChanged(state, change));
  documents.onDidOpen((e) => handle.opened(state, e.document));
  documents.onDidChangeContent((e) => handle.changed(state, e.document));
  documents.onDidClose((e) => handle.closed(state, e.document));

  connection.onHover((params) => handle.hover(state, params));
  connection.onDocumentSymbol((params) => handle.documentSymbol(state, params));
  connection.onDefinition((params) => handle.gotoDefinition(state, params));
  connection.onReferences((params) => handle.references(state, params));
  connection.onPrepareRename((params) => handle.prepareRename(state, params));
  connection.onRenameRequest((params) => handle.rename(state, params));
  connection.onWorkspaceSymbol((params) => handle.workspaceSymbol(state, params));
  connection.onCodeLens((params) => handle.codeLens(state, params));
  connection.onCompletion((params) => handle.completion(state, params));
  connection.onCodeAction((params) => handle.codeAction(state, params));
  connection.onCodeActionResolve((action) => handle.codeActionResolve(state, action));
  connection.onExecuteCommand((params) => handle.executeCommand(state, params));
  connection.onRequest(RULES_REQUEST, () => handle.rules());
  connection.onRequest(ALIGNMENT_TREE_REQUEST, (params) => handle.tree(state, params));

  documents.listen(connection);
  connection.listen();
}
