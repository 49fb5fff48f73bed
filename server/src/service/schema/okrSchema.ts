/** The OKR file schema, compiled once, with helpers to walk it (hover, messages, completion). */
import Ajv, { type ValidateFunction } from 'ajv';
import schemaJson from '../../../../schemas/okr.schema.json';

export type JsonSchema = {
  readonly $ref?: string;
  readonly title?: string;
  readonly type?: string | readonly string[];
  readonly description?: string;
  readonly markdownDescription?: string;
  readonly errorMessage?: string;
  readonly patternErrorMessage?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly items?: JsonSchema;
  readonly anyOf?: readonly JsonSchema[];
  readonly enum?: readonly unknown[];
  readonly required?: readonly string[];
  readonly definitions?: Readonly<Record<string, JsonSchema>>;
  readonly [keyword: string]: unknown;
};

export const okrSchema = schemaJson as unknown as JsonSchema;
const SCHEMA_ID = (schemaJson as { $id: string }).$id;

let ajv: Ajv | undefined;
const validators = new Map<string, ValidateFunction>();

function instance(): Ajv {
  if (!ajv) {
    ajv = new Ajv({ allErrors: true, verbose: true, strict: true });
    // Annotations VS Code's JSON tooling also understands; they carry no validation of their own.
    for (const keyword of ['markdownDescription', 'errorMessage', 'patternErrorMessage']) ajv.addKeyword({ keyword });
    ajv.addSchema(okrSchema as object);
  }
  return ajv;
}

/** The validator for the schema at a JSON pointer inside okr.schema.json, e.g. `/definitions/objective`. */
export function validatorAt(pointer: string): ValidateFunction {
  let v = validators.get(pointer);
  if (!v) {
    v = instance().getSchema(`${SCHEMA_ID}#${pointer}`);
    if (!v) throw new Error(`No schema at ${pointer}`);
    validators.set(pointer, v);
  }
  return v;
}

/** Follows local `$ref`s; the annotations written beside a `$ref` (description) win over the target's. */
export function resolve(schema: JsonSchema): JsonSchema {
  let s = schema;
  for (let guard = 0; s.$ref && guard < 16; guard++) {
    const target = schemaAtPointer(s.$ref.replace(/^#/, ''));
    if (!target) break;
    const { $ref: _ref, ...annotations } = s;
    s = { ...target, ...annotations };
  }
  return s;
}

const pointerCache = new Map<string, JsonSchema | undefined>();

export function schemaAtPointer(pointer: string): JsonSchema | undefined {
  if (pointerCache.has(pointer)) return pointerCache.get(pointer);
  let node: unknown = okrSchema;
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[seg] : undefined;
  }
  const found = node && typeof node === 'object' ? (node as JsonSchema) : undefined;
  pointerCache.set(pointer, found);
  return found;
}

/** The JSON pointer of a branch object inside the schema (found once by walking it). */
let pointers: Map<object, string> | undefined;
export function pointerOf(schema: object): string | undefined {
  if (!pointers) {
    pointers = new Map();
    const walk = (node: unknown, pointer: string) => {
      if (!node || typeof node !== 'object') return;
      pointers!.set(node, pointer);
      for (const [k, v] of Object.entries(node)) walk(v, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    };
    walk(okrSchema, '');
  }
  return pointers.get(schema);
}

/** The JSON type name of a value, as JSON Schema's `type` keyword names it. */
export function jsonType(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

export function typeMatches(schema: JsonSchema, value: unknown): boolean {
  const t = resolve(schema).type;
  if (t === undefined) return true;
  const actual = jsonType(value);
  const types = typeof t === 'string' ? [t] : t;
  return types.includes(actual) || (actual === 'integer' && types.includes('number'));
}

/**
 * The schema that describes the value at `path` inside a file (`['objectives', 0, 'key_results', 1,
 * 'title']`), choosing the `anyOf` branch that fits the key where there is a choice.
 */
export function schemaAtPath(path: readonly (string | number)[]): JsonSchema | undefined {
  let s: JsonSchema | undefined = okrSchema;
  for (const seg of path) {
    if (!s) return undefined;
    s = resolve(s);
    if (typeof seg === 'number') s = s.items ?? s.anyOf?.map(resolve).find((b) => b.items)?.items;
    else s = s.properties?.[seg] ?? s.anyOf?.map(resolve).find((b) => b.properties?.[seg])?.properties?.[seg];
  }
  return s && resolve(s);
}
