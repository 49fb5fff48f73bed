import { test } from 'node:test';
import assert from 'node:assert/strict';
import { okrSchema, okrSchemas } from '../../server/src/service/schema/okrSchema';
import type { JsonSchema } from '../../server/src/service/schema/schemaSet';

const resolve = (s: JsonSchema) => okrSchemas.resolve(s);

/** Every property of every object in the schema, with its path. */
function properties(schema: JsonSchema, at: string, out: [string, JsonSchema][] = [], seen = new Set<object>()) {
  const s = resolve(schema);
  if (seen.has(s.properties ?? {})) return out;
  if (s.properties) seen.add(s.properties);
  for (const [k, v] of Object.entries(s.properties ?? {})) {
    out.push([`${at}.${k}`, v]);
    properties(v, `${at}.${k}`, out, seen);
  }
  if (s.items) properties(s.items, `${at}[]`, out, seen);
  for (const b of s.anyOf ?? []) properties(b, at, out, seen);
  return out;
}

test('every property has a description and a markdownDescription (hover uses them)', () => {
  const props = properties(okrSchema, '$');
  assert.ok(props.length > 40, `found ${props.length}`);
  for (const [path, schema] of props) {
    const s = resolve(schema);
    assert.ok(s.description, `${path} has no description`);
    assert.ok(s.markdownDescription, `${path} has no markdownDescription`);
  }
});

test('every object forbids unknown fields', () => {
  const objects: string[] = [];
  const walk = (node: unknown, at: string) => {
    if (!node || typeof node !== 'object') return;
    const s = node as JsonSchema;
    if (s.type === 'object') {
      objects.push(at);
      assert.equal(s.additionalProperties, false, `${at} allows unknown fields`);
    }
    for (const [k, v] of Object.entries(s)) walk(v, `${at}/${k}`);
  };
  walk(okrSchema, '#');
  assert.ok(objects.length >= 8);
});

test('only objective id and title and key-result title are required (and a date range needs both ends, a check-in its date)', () => {
  const required: string[] = [];
  const walk = (node: unknown, at: string) => {
    if (!node || typeof node !== 'object') return;
    const s = node as JsonSchema;
    for (const r of s.required ?? []) required.push(`${at}:${r}`);
    for (const [k, v] of Object.entries(s)) walk(v, `${at}/${k}`);
  };
  walk(okrSchema, '#');
  assert.deepEqual(required.sort(), [
    '#/definitions/checkin:date',
    '#/definitions/keyResult:title',
    '#/definitions/objective:id',
    '#/definitions/objective:title',
    '#/properties/period/anyOf/2:end',
    '#/properties/period/anyOf/2:start',
  ]);
});
