/**
 * The language server's wiring: capabilities, documents, scheduling and settings. Everything it
 * answers comes from ./service; nothing here knows about OKRs.
 */
import {
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import {
  defaultSettings,
  diagnosticsOf,
  documentSymbols,
  hover,
  ParsedDocuments,
  toDiagnostic,
  workspaceOf,
} from './service';
import { runSafe } from './runSafe';
import { ValidationScheduler } from './scheduler';
import { SettingsStore } from './settings';
import { ConfigStore } from './configStore';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const parsed = new ParsedDocuments();
  const configs = new ConfigStore((file) => documents.get(URI.file(file).toString())?.getText());
  const settings = new SettingsStore(connection, configs);
  const log = (m: string) => connection.console.error(m);
  let supportsDynamicConfig = false;
  let supportsWatchers = false;

  const okrDocuments = () => documents.all().filter((d) => !ConfigStore.isConfig(d.uri));

  const scheduler = new ValidationScheduler(async (uri, isCurrent) => {
    const document = documents.get(uri);
    if (!document) return;
    const version = document.version;
    if (ConfigStore.isConfig(uri)) {
      const findings = runSafe(log, 'config validation', [], () => configs.parse(document.getText()).findings);
      const diagnostics = findings.flatMap((f) => toDiagnostic(f, defaultSettings) ?? []);
      if (isCurrent()) void connection.sendDiagnostics({ uri, version, diagnostics });
      return;
    }
    const s = await settings.get(uri);
    if (!isCurrent() || documents.get(uri)?.version !== version) return;
    const diagnostics = runSafe(log, 'validation', [], () => {
      const file = parsed.get(document, s);
      // Open documents stand in for the workspace until it is indexed.
      const others = okrDocuments()
        .filter((d) => d.uri !== uri)
        .map((d) => parsed.latest(d).model);
      return diagnosticsOf(file, s, workspaceOf([file.model, ...others]), (e) =>
        log(`okr-lens: rule failed: ${String(e)}`),
      );
    });
    if (!isCurrent()) return;
    void connection.sendDiagnostics({ uri, version, diagnostics });
  });

  const revalidateAll = () => {
    for (const d of documents.all()) scheduler.schedule(d.uri);
  };

  connection.onInitialize((params) => {
    settings.canPull = !!params.capabilities.workspace?.configuration;
    supportsDynamicConfig = !!params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration;
    supportsWatchers = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    const roots = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    configs.setRoots(roots);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        documentSymbolProvider: true,
      },
      serverInfo: { name: 'okr-lens', version: process.env.OKR_LENS_VERSION ?? '0.0.0' },
    };
  });

  connection.onInitialized(() => {
    if (supportsDynamicConfig) void connection.client.register(DidChangeConfigurationNotification.type, undefined);
    if (supportsWatchers) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/okr.config.yaml' }],
      });
    }
  });

  connection.onDidChangeConfiguration((change) => {
    settings.clientChanged(change.settings);
    revalidateAll();
  });

  connection.onDidChangeWatchedFiles((change) => {
    if (!change.changes.some((c) => ConfigStore.isConfig(c.uri))) return;
    settings.configChanged();
    revalidateAll();
  });

  documents.onDidOpen((e) => {
    if (ConfigStore.isConfig(e.document.uri)) settings.configChanged();
    scheduler.schedule(e.document.uri);
  });
  documents.onDidChangeContent((e) => {
    if (ConfigStore.isConfig(e.document.uri)) {
      // A config being edited applies as typed: re-check every open OKR file with it.
      settings.configChanged();
      revalidateAll();
    } else scheduler.schedule(e.document.uri);
  });
  documents.onDidClose((e) => {
    scheduler.cancel(e.document.uri);
    parsed.delete(e.document.uri);
    settings.forget(e.document.uri);
    if (ConfigStore.isConfig(e.document.uri)) {
      settings.configChanged();
      revalidateAll();
    }
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onHover(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document || ConfigStore.isConfig(document.uri)) return null;
    const s = await settings.get(document.uri);
    return runSafe(log, 'hover', null, () => hover(document, parsed.get(document, s), params.position));
  });

  connection.onDocumentSymbol(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document || ConfigStore.isConfig(document.uri)) return [];
    const s = await settings.get(document.uri);
    return runSafe(log, 'documentSymbol', [], () => documentSymbols(parsed.get(document, s)));
  });

  documents.listen(connection);
  connection.listen();
}

// A bug must not take the user's editor features down: log it and keep serving.
process.on('uncaughtException', (e) => console.error('okr-lens: uncaught', e));
process.on('unhandledRejection', (e) => console.error('okr-lens: unhandled rejection', e));

if (require.main === module) startServer(createConnection(ProposedFeatures.all));
