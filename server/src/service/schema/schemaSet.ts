/** A JSON Schema compiled once with ajv, with helpers to walk it (hover, messages, completion). */
import Ajv, { type ValidateFunction } from 'ajv';

export type JsonSchema = {
  readonly $id?: string;
  readonly $ref?: string;
  readonly title?: string;
  readonly type?: string | readonly string[];
  readonly description?: string;
  readonly markdownDescription?: string;
  readonly errorMessage?: string;
  readonly patternErrorMessage?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly additionalProperties?: boolean | JsonSchema;
  readonly items?: JsonSchema;
  readonly anyOf?: readonly JsonSchema[];
  readonly enum?: readonly unknown[];
  readonly required?: readonly string[];
  readonly definitions?: Readonly<Record<string, JsonSchema>>;
  readonly [keyword: string]: unknown;
};

/** The JSON type name of a value, as JSON Schema's `type` keyword names it. */
export function jsonType(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

export class SchemaSet {
  private ajv: Ajv | undefined;
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly pointerCache = new Map<string, JsonSchema | undefined>();
  private pointers: Map<object, string> | undefined;

  constructor(readonly root: JsonSchema) {}

  private instance(): Ajv {
    if (!this.ajv) {
      this.ajv = new Ajv({ allErrors: true, verbose: true, strict: true });
      // Annotations VS Code's JSON tooling also understands; they carry no validation of their own.
      for (const keyword of ['markdownDescription', 'errorMessage', 'patternErrorMessage']) {
        this.ajv.addKeyword({ keyword });
      }
      this.ajv.addSchema(this.root as object);
    }
    return this.ajv;
  }

  /** The validator for the schema at a JSON pointer, e.g. `/definitions/objective` ('' for the root). */
  validatorAt(pointer: string): ValidateFunction {
    let v = this.validators.get(pointer);
    if (!v) {
      v = this.instance().getSchema(`${this.root.$id}#${pointer}`);
      if (!v) throw new Error(`No schema at ${pointer}`);
      this.validators.set(pointer, v);
    }
    return v;
  }

  /** Follows local `$ref`s; the annotations written beside a `$ref` (description) win over the target's. */
  resolve(schema: JsonSchema): JsonSchema {
    let s = schema;
    for (let guard = 0; s.$ref && guard < 16; guard++) {
      const target = this.schemaAtPointer(s.$ref.replace(/^#/, ''));
      if (!target) break;
      const { $ref: _ref, ...annotations } = s;
      s = { ...target, ...annotations };
    }
    return s;
  }

  schemaAtPointer(pointer: string): JsonSchema | undefined {
    if (this.pointerCache.has(pointer)) return this.pointerCache.get(pointer);
    let node: unknown = this.root;
    for (const raw of pointer.split('/').slice(1)) {
      const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      // Own properties only: a `__proto__` or `constructor` segment (a key in a config file) is no schema.
      node =
        node && typeof node === 'object' && Object.hasOwn(node, seg)
          ? (node as Record<string, unknown>)[seg]
          : undefined;
    }
    const found = node && typeof node === 'object' ? (node as JsonSchema) : undefined;
    this.pointerCache.set(pointer, found);
    return found;
  }

  /** The JSON pointer of a sub-schema object (found once by walking the schema). */
  pointerOf(schema: object): string | undefined {
    if (!this.pointers) {
      const pointers = new Map<object, string>();
      const walk = (node: unknown, pointer: string) => {
        if (!node || typeof node !== 'object') return;
        pointers.set(node, pointer);
        for (const [k, v] of Object.entries(node)) walk(v, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
      };
      walk(this.root, '');
      this.pointers = pointers;
    }
    return this.pointers.get(schema);
  }

  typeMatches(schema: JsonSchema, value: unknown): boolean {
    const t = this.resolve(schema).type;
    if (t === undefined) return true;
    const actual = jsonType(value);
    const types = typeof t === 'string' ? [t] : t;
    return types.includes(actual) || (actual === 'integer' && types.includes('number'));
  }

  /**
   * The schema that describes the value at `path` (`['objectives', 0, 'key_results', 1, 'title']`),
   * choosing the `anyOf` branch that fits the key where there is a choice.
   */
  schemaAtPath(path: readonly (string | number)[]): JsonSchema | undefined {
    let s: JsonSchema | undefined = this.root;
    for (const seg of path) {
      if (!s) return undefined;
      s = this.resolve(s);
      const branches = s.anyOf?.map((b) => this.resolve(b)) ?? [];
      if (typeof seg === 'number') s = s.items ?? branches.find((b) => b.items)?.items;
      else {
        const extra = typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined;
        s = s.properties?.[seg] ?? branches.find((b) => b.properties?.[seg])?.properties?.[seg] ?? extra;
      }
    }
    return s && this.resolve(s);
  }
}
