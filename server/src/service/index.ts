/** The engine's public surface: plain functions over text documents, returning LSP types. */
export { ParsedDocuments } from './documents';
export { parseOkr, SliceCache, type ParsedFile } from './parse/parseFile';
export { validateText, diagnosticsOf, SOURCE } from './validate';
export { hover } from './hover';
export { documentSymbols } from './symbols';
export { defaultSettings, normaliseSettings, type OkrSettings } from './settings';
export { allCodes, codeMeta } from './rules';
