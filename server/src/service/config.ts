/**
 * okr.config.yaml: rule severities and options and extra words, for everyone working in the folder.
 * Data only: it is parsed as YAML and validated by schemas/okr.config.schema.json; nothing in it runs.
 */
import type { Node } from 'yaml';
import type { Finding } from './findings';
import { COLLECTION_KEY_MESSAGE, collectionKey, yamlFindings } from './parse/items';
import { nodeRange } from './parse/read';
import { Positions } from './parse/positions';
import { parseGuarded } from './parse/depth';
import { toFindings } from './parse/schemaFindings';
import { configSchemas } from './schema/okrSchema';
import { schemaProblems } from './schema/problems';
import type { OkrConfig } from './settings';
import { STRICTNESS_LEVELS } from './language/model';

export const CONFIG_FILE = 'okr.config.yaml';

export interface ParsedConfig {
  readonly config: OkrConfig;
  /** Problems in the config file itself, in its own positions. */
  readonly findings: readonly Finding[];
}

export function parseConfig(text: string): ParsedConfig {
  const doc = parseGuarded(text);
  const pos = new Positions(text);
  const findings = yamlFindings(doc, pos, text);
  const key = collectionKey(doc.contents as Node | null);
  if (key) {
    findings.push({ code: 'yaml-syntax', message: COLLECTION_KEY_MESSAGE, range: nodeRange(key, pos) });
    return { config: {}, findings };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    findings.push({ code: 'yaml-syntax', message: String(e instanceof Error ? e.message : e), range: pos.range(0, 1) });
    return { config: {}, findings };
  }
  if (value === null || value === undefined) return { config: {}, findings };
  const root = doc.contents as Node | null;
  findings.push(
    ...toFindings(schemaProblems(configSchemas, '', value, 'okr-lens configuration'), root, pos, pos.range(0, 1)),
  );
  return { config: sanitise(value), findings };
}

/** A rule's setting as written, if it passes that rule's part of the schema. */
function validRuleSetting(id: string, setting: unknown): boolean {
  const pointer = `/properties/rules/properties/${id.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  if (!configSchemas.schemaAtPointer(pointer)) return false;
  return configSchemas.validatorAt(pointer)(setting) === true;
}

/** Keeps what is well-formed; the schema findings already told the user about the rest. */
function sanitise(value: unknown): OkrConfig {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const v = value as Record<string, unknown>;
  // A `__proto__` key in the file is dropped (it fails its schema, or is skipped), never assigned.
  const rules: Record<string, NonNullable<OkrConfig['rules']>[string]> = {};
  if (v.rules && typeof v.rules === 'object' && !Array.isArray(v.rules)) {
    // A setting that fails its schema (an unknown rule, `max: four`) is dropped whole, never half-applied.
    for (const [id, setting] of Object.entries(v.rules as Record<string, unknown>)) {
      if (validRuleSetting(id, setting)) rules[id] = setting as never;
    }
  }
  const words: Record<string, string[]> = {};
  if (v.words && typeof v.words === 'object' && !Array.isArray(v.words)) {
    for (const [k, list] of Object.entries(v.words as Record<string, unknown>)) {
      if (Array.isArray(list) && k !== '__proto__') words[k] = list.filter((w): w is string => typeof w === 'string');
    }
  }
  const tenets = Array.isArray(v.tenets)
    ? v.tenets.filter(
        (t): t is { id: string } => !!t && typeof t === 'object' && typeof (t as { id?: unknown }).id === 'string',
      )
    : undefined;
  const strictness = STRICTNESS_LEVELS.find((level) => level === v.strictness);
  const fiscalYear = section(v.fiscal_year, (f) => ({
    startMonth:
      Number.isInteger(f.start_month) && (f.start_month as number) >= 1 && (f.start_month as number) <= 12
        ? (f.start_month as number)
        : undefined,
    namedBy: f.named_by === 'start' || f.named_by === 'end' ? (f.named_by as 'start' | 'end') : undefined,
  }));
  const share = (x: unknown) => (typeof x === 'number' && x >= 0 && x <= 1 ? x : undefined);
  const tracking = section(v.tracking, (t) => ({ atRiskBelow: share(t.at_risk_below), behindBy: share(t.behind_by) }));
  return {
    rules,
    words,
    ...(strictness ? { strictness } : {}),
    ...(tenets ? { tenets } : {}),
    ...(fiscalYear ? { fiscalYear } : {}),
    ...(tracking ? { tracking } : {}),
  };
}

/** A mapping section read field by field (malformed fields dropped: the schema reported them). */
function section<T extends object>(value: unknown, read: (v: Record<string, unknown>) => T): T | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const out = read(value as Record<string, unknown>);
  return Object.fromEntries(Object.entries(out).filter(([, x]) => x !== undefined)) as T;
}
