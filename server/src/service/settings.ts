/**
 * Effective settings for a file: rule severities and options, word lists and limits. Built from
 * okr.config.yaml (the team's choice) and then VS Code's `okr.*` settings (the user's), in that order.
 */
import type { Severity } from './findings';
import { DEFAULT_MAX_FILE_SIZE } from './parse/parseFile';
import { defaultWords, wordLists, type ExtraWords, type WordLists } from './language/words';

export type RuleSetting = Severity | 'off';

export interface OkrSettings {
  /** Severity per rule id, or `off`; codes not listed use their default. */
  readonly rules: Readonly<Record<string, RuleSetting>>;
  /** Options per rule id (thresholds), from okr.config.yaml. */
  readonly ruleOptions: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly words: WordLists;
  /** Files larger than this many characters are not checked. */
  readonly maxFileSize: number;
}

export const defaultSettings: OkrSettings = {
  rules: {},
  ruleOptions: {},
  words: defaultWords,
  maxFileSize: DEFAULT_MAX_FILE_SIZE,
};

/** okr.config.yaml, as read (already validated by its schema; anything malformed was dropped). */
export interface OkrConfig {
  readonly rules?: Readonly<Record<string, RuleSetting | ({ severity?: RuleSetting } & Record<string, unknown>)>>;
  readonly words?: ExtraWords;
}

const SEVERITIES = new Set(['error', 'warning', 'info', 'hint', 'off']);

function severityOf(v: unknown): RuleSetting | undefined {
  const s = typeof v === 'string' ? v.toLowerCase() : '';
  const mapped = s === 'information' ? 'info' : s;
  return SEVERITIES.has(mapped) ? (mapped as RuleSetting) : undefined;
}

/**
 * Merges the config file and client settings (`okr.rules`, `okr.maxFileSize`). Client settings win
 * for severities. Anything malformed falls back to the default rather than failing.
 */
export function resolveSettings(config: OkrConfig | undefined, client: unknown): OkrSettings {
  const rules: Record<string, RuleSetting> = {};
  const ruleOptions: Record<string, Record<string, unknown>> = {};
  for (const [id, v] of Object.entries(config?.rules ?? {})) {
    if (v && typeof v === 'object') {
      const { severity, ...options } = v;
      const s = severityOf(severity);
      if (s) rules[id] = s;
      ruleOptions[id] = options;
    } else {
      const s = severityOf(v);
      if (s) rules[id] = s;
    }
  }
  const c = (client && typeof client === 'object' ? client : {}) as Record<string, unknown>;
  if (c.rules && typeof c.rules === 'object') {
    for (const [id, v] of Object.entries(c.rules as Record<string, unknown>)) {
      const s = severityOf(v);
      if (s) rules[id] = s;
    }
  }
  const maxFileSize =
    typeof c.maxFileSize === 'number' && Number.isFinite(c.maxFileSize) && c.maxFileSize > 0
      ? c.maxFileSize
      : DEFAULT_MAX_FILE_SIZE;
  return { rules, ruleOptions, words: config?.words ? wordLists(config.words) : defaultWords, maxFileSize };
}

/** Client settings alone (no config file). */
export function normaliseSettings(raw: unknown): OkrSettings {
  return resolveSettings(undefined, raw);
}
