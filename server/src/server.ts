/**
 * The language server's wiring: capabilities, documents, scheduling and settings. Everything it
 * answers comes from ./service; nothing here knows about OKRs.
 */
import {
  createConnection,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { diagnosticsOf, documentSymbols, hover, ParsedDocuments } from './service';
import { runSafe } from './runSafe';
import { ValidationScheduler } from './scheduler';
import { SettingsStore } from './settings';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const parsed = new ParsedDocuments();
  const settings = new SettingsStore(connection);
  const log = (m: string) => connection.console.error(m);
  let supportsDynamicConfig = false;

  const scheduler = new ValidationScheduler(async (uri, isCurrent) => {
    const document = documents.get(uri);
    if (!document) return;
    const version = document.version;
    const s = await settings.get(uri);
    if (!isCurrent() || documents.get(uri)?.version !== version) return;
    const diagnostics = runSafe(log, 'validation', [], () =>
      diagnosticsOf(parsed.get(document, s), s, (e) => log(`okr-lens: rule failed: ${String(e)}`)),
    );
    if (!isCurrent()) return;
    void connection.sendDiagnostics({ uri, version, diagnostics });
  });

  connection.onInitialize((params) => {
    settings.canPull = !!params.capabilities.workspace?.configuration;
    supportsDynamicConfig = !!params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration;
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
  });

  connection.onDidChangeConfiguration((change) => {
    settings.changed(change.settings);
    for (const d of documents.all()) scheduler.schedule(d.uri);
  });

  documents.onDidOpen((e) => scheduler.schedule(e.document.uri));
  documents.onDidChangeContent((e) => scheduler.schedule(e.document.uri));
  documents.onDidClose((e) => {
    scheduler.cancel(e.document.uri);
    parsed.delete(e.document.uri);
    settings.forget(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onHover(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    const s = await settings.get(document.uri);
    return runSafe(log, 'hover', null, () => hover(document, parsed.get(document, s), params.position));
  });

  connection.onDocumentSymbol(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
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
