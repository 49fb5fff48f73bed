/**
 * Runs the schema over a value and turns ajv's errors into problems written for people, each tied to
 * the part of the YAML it is about: a key, a value, or an object that misses a field.
 */
import type { ErrorObject } from 'ajv';
import { closest, distance } from 'fastest-levenshtein';
import { nearbyCandidates } from '../rules/suggest';
import { jsonType, type JsonSchema, type SchemaSet } from './schemaSet';

export type Path = readonly (string | number)[];

export interface SchemaProblem {
  /** Where in the value: the object, key or value the problem is about. */
  readonly path: Path;
  /** `key`: underline the key `path`'s last segment names; `value`: its value; `missing`: the object. */
  readonly target: 'key' | 'value' | 'missing';
  readonly message: string;
  /** For quick-fixes: the unknown key and its suggestion, or the missing field. */
  readonly data?: { readonly key?: string; readonly suggestion?: string; readonly missing?: string };
}

/** Validates `data` against the schema at `pointer`; `name` says what the value is ("objective"). */
export function schemaProblems(
  schemas: SchemaSet,
  pointer: string,
  data: unknown,
  name: string,
  base: Path = [],
): SchemaProblem[] {
  const validate = schemas.validatorAt(pointer);
  if (validate(data)) return [];
  return toProblems(schemas, validate.errors ?? [], base, name);
}

function toProblems(schemas: SchemaSet, errors: readonly ErrorObject[], base: Path, name: string): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  const dropped = new Set<number>();
  // With allErrors, the errors of an anyOf's branches come right before the anyOf's own error.
  errors.forEach((e, i) => {
    if (e.keyword !== 'anyOf') return;
    for (let j = i - 1; j >= 0 && isUnder(errors[j].instancePath, e.instancePath); j--) dropped.add(j);
  });
  errors.forEach((e, i) => {
    if (dropped.has(i)) return;
    const path = [...base, ...parsePointer(e.instancePath)];
    if (e.keyword === 'anyOf') out.push(...anyOfProblems(schemas, e, path, name));
    else {
      const p = problemFor(e, path, name);
      if (p) out.push(p);
    }
  });
  return out;
}

function anyOfProblems(schemas: SchemaSet, e: ErrorObject, path: Path, name: string): SchemaProblem[] {
  const branches = (e.schema as JsonSchema[]) ?? [];
  const fitting = branches.filter((b) => schemas.typeMatches(b, e.data));
  if (fitting.length === 1) {
    // The value's type picks the branch the author meant: report that branch's own problems.
    const pointer = schemas.pointerOf(fitting[0]);
    if (pointer !== undefined) {
      const v = schemas.validatorAt(pointer);
      if (!v(e.data)) return toProblems(schemas, v.errors ?? [], path, name);
    }
  }
  const parent = e.parentSchema as JsonSchema;
  const message = parent.errorMessage
    ? `${subject(path, name)} ${parent.errorMessage}`
    : `${subject(path, name)} has an unexpected form.`;
  return [{ path, target: 'value', message }];
}

function problemFor(e: ErrorObject, path: Path, name: string): SchemaProblem | undefined {
  const parent = (e.parentSchema ?? {}) as JsonSchema;
  const who = subject(path, name);
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      const known = Object.keys(parent.properties ?? {});
      const suggestion = nearest(key, known);
      const where = path.length === 0 ? name : (parent.title ?? String(path[path.length - 1]));
      const message =
        `Unknown field \`${key}\` in ${where}` +
        (suggestion
          ? `; did you mean \`${suggestion}\`?`
          : `. Known fields: ${known.map((k) => `\`${k}\``).join(', ')}.`);
      return { path: [...path, key], target: 'key', message, data: { key, suggestion } };
    }
    case 'required': {
      const missing = String((e.params as { missingProperty: string }).missingProperty);
      const last = path[path.length - 1];
      const what = typeof last === 'string' ? `\`${last}\`` : capitalise(article(parent.title ?? name));
      return {
        path,
        target: 'missing',
        message: `${what} is missing the required field \`${missing}\`.`,
        data: { missing },
      };
    }
    case 'type': {
      const expected = String((e.params as { type: string }).type);
      if (path.length === 0) {
        return {
          path,
          target: 'value',
          message: `${capitalise(article(name))} must be ${typeName(expected)}, not ${describe(e.data)}.`,
        };
      }
      return { path, target: 'value', message: `${who} must be ${typeName(expected)}, not ${describe(e.data)}.` };
    }
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map(String);
      const suggestion = typeof e.data === 'string' ? nearest(e.data, allowed) : undefined;
      return {
        path,
        target: 'value',
        message:
          `${who} must be one of ${allowed.map((a) => `\`${a}\``).join(', ')}` +
          (suggestion ? `; did you mean \`${suggestion}\`?` : '.'),
        data: { suggestion },
      };
    }
    case 'pattern':
      return {
        path,
        target: 'value',
        message: parent.patternErrorMessage
          ? `${who} ${parent.patternErrorMessage}`
          : `${who} does not have the expected form (${String((e.params as { pattern: string }).pattern)}).`,
      };
    case 'minLength':
      return { path, target: 'value', message: `${who} must not be empty.` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const { comparison, limit } = e.params as { comparison: string; limit: number };
      const words: Record<string, string> = { '>=': 'at least', '<=': 'at most', '>': 'more than', '<': 'less than' };
      return {
        path,
        target: 'value',
        message: parent.errorMessage
          ? `${who} ${parent.errorMessage}`
          : `${who} must be ${words[comparison] ?? comparison} ${limit}.`,
      };
    }
    default:
      return { path, target: 'value', message: `${who} ${e.message ?? 'is not valid'}.` };
  }
}

/** The closest candidate to a mistyped word, when it is close enough to be what was meant. */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  const limit = Math.max(2, Math.floor(word.length / 3));
  const near = nearbyCandidates(word, candidates, limit);
  if (near.length === 0) return undefined;
  const lower = word.toLowerCase();
  const best = closest(lower, near);
  return distance(lower, best) <= limit ? best : undefined;
}

function isUnder(path: string, parent: string): boolean {
  return path === parent || path.startsWith(parent + '/');
}

function parsePointer(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => {
      const seg = s.replace(/~1/g, '/').replace(/~0/g, '~');
      return /^\d+$/.test(seg) ? Number(seg) : seg;
    });
}

function subject(path: Path, name: string): string {
  if (path.length === 0) return capitalise(article(name));
  const last = path[path.length - 1];
  if (typeof last === 'number') {
    const parent = path.length > 1 ? String(path[path.length - 2]) : name;
    return `\`${parent}[${last}]\``;
  }
  return `\`${last}\``;
}

function typeName(t: string): string {
  const names: Record<string, string> = {
    number: 'a number',
    integer: 'a whole number',
    string: 'text',
    array: 'a list',
    object: 'a mapping of fields',
    boolean: 'true or false',
    null: 'empty',
  };
  return names[t] ?? t;
}

function describe(value: unknown): string {
  switch (jsonType(value)) {
    case 'null':
      return 'empty';
    case 'string':
      return `the text "${truncate(String(value))}"`;
    case 'integer':
    case 'number':
      return `the number ${String(value)}`;
    case 'boolean':
      return String(value);
    case 'array':
      return 'a list';
    default:
      return 'a mapping';
  }
}

function truncate(s: string): string {
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

function article(noun: string): string {
  if (noun.startsWith('`')) return noun;
  return /^[aeiou]/i.test(noun) ? `an ${noun}` : `a ${noun}`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
