/** The engine's public surface: plain functions over text documents, returning LSP types. */
export { ParsedDocuments } from './documents';
export { parseOkr, SliceCache, type ParsedFile } from './parse/parseFile';
export { validateText, diagnosticsOf, SOURCE } from './validate';
export { hover } from './hover';
export { documentSymbols } from './symbols';
export { defaultSettings, normaliseSettings, resolveSettings, type OkrConfig, type OkrSettings } from './settings';
export { CONFIG_FILE, parseConfig, type ParsedConfig } from './config';
export { workspaceOf, emptyWorkspace, type WorkspaceView } from './workspace';
export { toDiagnostic } from './validate';
export { allCodes, codeMeta } from './rules';
