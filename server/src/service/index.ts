/** The engine's public surface: plain functions over text documents, returning LSP types. */
export { ParsedDocuments } from './documents';
export { parseOkr, SliceCache, type ParsedFile } from './parse/parseFile';
export { detach, isDetached } from './parse/detach';
export { validateText, diagnosticsOf, RuleError, SOURCE } from './validate';
export { hover } from './hover';
export { documentSymbols } from './symbols';
export {
  defaultSettings,
  normaliseSettings,
  resolveSettings,
  trackingOf,
  type OkrConfig,
  type OkrSettings,
} from './settings';
export { CONFIG_FILE, parseConfig, type ParsedConfig } from './config';
export {
  Workspace,
  mentionsAny,
  needsRecheck,
  mentionsOf,
  RECHECK_CODES,
  passIds,
  singleFile,
  type WorkspaceFile,
  type Definition,
} from './workspace';
export { toDiagnostic, type FileContext } from './validate';
export { allCodes, codeMeta } from './rules';
export { HOMEPAGE } from './rules/types';
export { definition, references, prepareRename, rename, workspaceSymbols, symbolAt } from './navigation';
export { codeLenses } from './objectiveInfo';
export { alignmentTree, textTree } from './tree';
export { periodRange, today, isDate } from './period';
export { keyResultPace, objectivePace, describePace, DEFAULT_TRACKING, type Status, type Tracking } from './pace';
export { complete } from './completion';
export { codeActions, fixAll, FIX_ALL_KIND, SHOW_DOCS_COMMAND } from './codeActions';
export { warmUpLanguage } from './language/judge';
