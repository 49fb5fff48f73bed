import type { Severity } from './findings';
import { DEFAULT_MAX_FILE_SIZE } from './parse/parseFile';

export type RuleSetting = Severity | 'off';

/** What the engine reads from `okr.*` settings (and later okr.config.yaml). */
export interface OkrSettings {
  /** Severity per rule id, or `off`. */
  readonly rules: Readonly<Record<string, RuleSetting>>;
  /** Files larger than this many characters are not checked. */
  readonly maxFileSize: number;
}

export const defaultSettings: OkrSettings = { rules: {}, maxFileSize: DEFAULT_MAX_FILE_SIZE };

const SEVERITIES = new Set(['error', 'warning', 'info', 'hint', 'off']);

/** Accepts settings from a client or a file: anything malformed falls back to the default. */
export function normaliseSettings(raw: unknown): OkrSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const rules: Record<string, RuleSetting> = {};
  if (r.rules && typeof r.rules === 'object') {
    for (const [id, v] of Object.entries(r.rules as Record<string, unknown>)) {
      const s = typeof v === 'string' ? v.toLowerCase() : '';
      const mapped = s === 'information' ? 'info' : s;
      if (SEVERITIES.has(mapped)) rules[id] = mapped as RuleSetting;
    }
  }
  const maxFileSize =
    typeof r.maxFileSize === 'number' && Number.isFinite(r.maxFileSize) && r.maxFileSize > 0
      ? r.maxFileSize
      : DEFAULT_MAX_FILE_SIZE;
  return { rules, maxFileSize };
}
