/**
 * Effective settings for a file: rule severities and options, word lists and limits. Built from
 * okr.config.yaml (the team's choice) and then VS Code's `okr.*` settings (the user's), in that order.
 */
import type { Severity } from './findings';
import { DEFAULT_MAX_FILE_SIZE } from './parse/parseFile';
import { defaultWords, wordLists, type ExtraWords, type WordLists } from './language/words';
import { STRICTNESS_LEVELS, type Strictness } from './language/model';
import { DEFAULT_TRACKING, type Tracking } from './pace';
import { isDate } from './period';

export type RuleSetting = Severity | 'off';

export interface OkrSettings {
  /** Severity per rule id, or `off`; codes not listed use their default. */
  readonly rules: Readonly<Record<string, RuleSetting>>;
  /** Options per rule id (thresholds), from okr.config.yaml. */
  readonly ruleOptions: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly words: WordLists;
  /** How sure the language models must be to warn: okr.config.yaml `strictness`, then `okr.strictness`. */
  readonly strictness: Strictness;
  /** Files larger than this many characters are not checked. */
  readonly maxFileSize: number;
  /** Extra owner ids `owner:` completion offers after the workspace's roster (VS Code `okr.owners`). */
  readonly owners: readonly string[];
  /** Tenets `tenet:` completion offers when the workspace declares none. */
  readonly defaultTenets: readonly DefaultTenet[];
  /** Fiscal year, at-risk and behind thresholds (okr.config.yaml) and the date to judge at (`okr.asOf`). */
  readonly tracking: Tracking;
}

export interface DefaultTenet {
  readonly id: string;
  readonly title?: string;
  readonly description?: string;
  readonly risk?: string;
}

/** GitLab's security tenets: the first two reduce actual risk, the third perceived risk. */
export const SECURITY_TENETS: readonly DefaultTenet[] = [
  {
    id: 'secure-the-product',
    title: 'Secure the Product',
    description: 'Reduce the actual risk in what we ship.',
    risk: 'actual',
  },
  {
    id: 'protect-the-company',
    title: 'Protect the Company',
    description: 'Reduce the actual risk to our people, systems and data.',
    risk: 'actual',
  },
  {
    id: 'assure-the-customer',
    title: 'Assure the Customer',
    description: 'Show customers, auditors and regulators that we can be trusted.',
    risk: 'perceived',
  },
];

export const defaultSettings: OkrSettings = {
  rules: {},
  ruleOptions: {},
  words: defaultWords,
  strictness: 'balanced',
  maxFileSize: DEFAULT_MAX_FILE_SIZE,
  owners: [],
  defaultTenets: SECURITY_TENETS,
  tracking: DEFAULT_TRACKING,
};

/** okr.config.yaml, as read (already validated by its schema; anything malformed was dropped). */
export interface OkrConfig {
  readonly rules?: Readonly<Record<string, RuleSetting | ({ severity?: RuleSetting } & Record<string, unknown>)>>;
  readonly words?: ExtraWords;
  readonly strictness?: Strictness;
  readonly tenets?: readonly DefaultTenet[];
  readonly fiscalYear?: { readonly startMonth?: number; readonly namedBy?: 'end' | 'start' };
  readonly tracking?: { readonly atRiskBelow?: number; readonly behindBy?: number };
}

/** The config's calendar and thresholds, with the date to judge at (`okr.asOf` or `--at`) when given. */
export function trackingOf(config: OkrConfig | undefined, asOf?: unknown): Tracking {
  const fy = config?.fiscalYear;
  const t = config?.tracking;
  return {
    atRiskBelow: t?.atRiskBelow ?? DEFAULT_TRACKING.atRiskBelow,
    behindBy: t?.behindBy ?? DEFAULT_TRACKING.behindBy,
    calendar: { startMonth: fy?.startMonth ?? 1, namedBy: fy?.namedBy ?? 'end' },
    ...(typeof asOf === 'string' && isDate(asOf) ? { asOf } : {}),
  };
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
  const strictnessOf = (v: unknown) =>
    (STRICTNESS_LEVELS as readonly unknown[]).includes(v) ? (v as Strictness) : undefined;
  const strictness = strictnessOf(c.strictness) ?? strictnessOf(config?.strictness) ?? 'balanced';
  const owners = Array.isArray(c.owners) ? c.owners.filter((o): o is string => typeof o === 'string' && o !== '') : [];
  return {
    rules,
    ruleOptions,
    words: config?.words ? wordLists(config.words) : defaultWords,
    strictness,
    maxFileSize,
    owners,
    defaultTenets: config?.tenets?.length ? config.tenets : SECURITY_TENETS,
    tracking: trackingOf(config, c.asOf),
  };
}

/** Client settings alone (no config file). */
export function normaliseSettings(raw: unknown): OkrSettings {
  return resolveSettings(undefined, raw);
}
