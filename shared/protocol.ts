/**
 * What the client, the server and (later) the webview share: the language id, settings section and
 * custom requests. Import types from here, never redefine them on either side.
 */
export const LANGUAGE_ID = 'okr';
export const SETTINGS_SECTION = 'okr';
export const FILE_GLOB = '**/*.okr.yaml';

/** `okr.*` settings as the client stores them (the server normalises what it receives). */
export interface OkrClientSettings {
  readonly rules?: Readonly<Record<string, 'error' | 'warning' | 'info' | 'hint' | 'off'>>;
  readonly maxFileSize?: number;
}
