/**
 * Reads model items (objectives, key results, tenets, people, initiatives) from yaml nodes. Lenient:
 * a field of the wrong type is left out (the schema reports it), nothing here throws on odd input.
 */
import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import type { Checkin, Field, Initiative, KeyResult, Objective, Person, Tenet } from '../model';
import type { Positions } from './positions';

export function nodeRange(node: Node | null | undefined, pos: Positions, fallback?: Range): Range {
  const r = node?.range;
  if (!r) return fallback ?? pos.range(0, 0);
  return pos.range(r[0], r[1]);
}

/** The range of the pair's key; for a value-less key the range ends right after it. */
export function keyRange(pair: Pair, pos: Positions): Range {
  return nodeRange(pair.key as Node, pos);
}

function valueRange(pair: Pair, pos: Positions): Range {
  const v = pair.value as Node | null;
  if (v?.range && v.range[1] > v.range[0]) return nodeRange(v, pos);
  const k = (pair.key as Node | null)?.range;
  // An empty value: the position right after the key's colon.
  return k ? pos.range(k[1] + 1, k[1] + 1) : pos.range(0, 0);
}

export function pairOf(map: YAMLMap, key: string): Pair | undefined {
  for (const p of map.items) if (isScalar(p.key) && String(p.key.value) === key) return p;
  return undefined;
}

function scalarField<T>(
  map: YAMLMap,
  key: string,
  pos: Positions,
  accept: (v: unknown) => v is T,
): Field<T> | undefined {
  const pair = pairOf(map, key);
  if (!pair) return undefined;
  const node = pair.value;
  if (!isScalar(node) || !accept(node.value)) return undefined;
  return { value: node.value, range: valueRange(pair, pos), keyRange: keyRange(pair, pos) };
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';

const str = (m: YAMLMap, k: string, p: Positions) => scalarField(m, k, p, isString);
const num = (m: YAMLMap, k: string, p: Positions) => scalarField(m, k, p, isNumber);

/** `aligns_to: CO-1` or `aligns_to: [CO-1, CO-2]`: one field per id. */
function idList(map: YAMLMap, key: string, pos: Positions): Field<string>[] {
  const pair = pairOf(map, key);
  if (!pair) return [];
  const kr = keyRange(pair, pos);
  const v = pair.value;
  if (isScalar(v) && typeof v.value === 'string')
    return [{ value: v.value, range: valueRange(pair, pos), keyRange: kr }];
  if (!isSeq(v)) return [];
  const out: Field<string>[] = [];
  for (const item of v.items) {
    if (isScalar(item) && typeof item.value === 'string')
      out.push({ value: item.value, range: nodeRange(item, pos), keyRange: kr });
  }
  return out;
}

function mapsIn(map: YAMLMap, key: string): YAMLMap[] {
  const v = pairOf(map, key)?.value;
  return isSeq(v) ? v.items.filter((i): i is YAMLMap => isMap(i)) : [];
}

function readCheckin(map: YAMLMap, pos: Positions): Checkin {
  return {
    range: nodeRange(map, pos),
    date: str(map, 'date', pos),
    value: num(map, 'value', pos),
    done: scalarField(map, 'done', pos, isBoolean),
    confidence: num(map, 'confidence', pos),
    note: str(map, 'note', pos),
  };
}

/** Most key results have no check-ins: they share one empty, frozen list (a workspace has many). */
const NO_CHECKINS: readonly Checkin[] = Object.freeze([]);

export function readKeyResult(map: YAMLMap, pos: Positions): KeyResult {
  const checkins = pairOf(map, 'checkins');
  const list = checkins ? mapsIn(map, 'checkins').map((m) => readCheckin(m, pos)) : NO_CHECKINS;
  return {
    kind: 'keyResult',
    range: nodeRange(map, pos),
    id: str(map, 'id', pos),
    title: str(map, 'title', pos),
    metric: str(map, 'metric', pos),
    baseline: num(map, 'baseline', pos),
    target: num(map, 'target', pos),
    current: num(map, 'current', pos),
    unit: str(map, 'unit', pos),
    owner: str(map, 'owner', pos),
    confidence: num(map, 'confidence', pos),
    weight: num(map, 'weight', pos),
    due: str(map, 'due', pos),
    done: scalarField(map, 'done', pos, isBoolean),
    checkins: list.length ? list : NO_CHECKINS,
    checkinsKey: checkins ? keyRange(checkins, pos) : undefined,
  };
}

export function readInitiative(map: YAMLMap, pos: Positions): Initiative {
  return {
    kind: 'initiative',
    range: nodeRange(map, pos),
    title: str(map, 'title', pos),
    owner: str(map, 'owner', pos),
    status: str(map, 'status', pos),
    serves: idList(map, 'serves', pos),
  };
}

export function readObjective(map: YAMLMap, pos: Positions): Objective {
  return {
    kind: 'objective',
    range: nodeRange(map, pos),
    id: str(map, 'id', pos),
    title: str(map, 'title', pos),
    description: str(map, 'description', pos),
    tenet: str(map, 'tenet', pos),
    owner: str(map, 'owner', pos),
    alignsTo: idList(map, 'aligns_to', pos),
    type: str(map, 'type', pos),
    keyResults: mapsIn(map, 'key_results').map((m) => readKeyResult(m, pos)),
    initiatives: mapsIn(map, 'initiatives').map((m) => readInitiative(m, pos)),
  };
}

export function readTenet(map: YAMLMap, pos: Positions): Tenet {
  return {
    kind: 'tenet',
    range: nodeRange(map, pos),
    id: str(map, 'id', pos),
    title: str(map, 'title', pos),
    description: str(map, 'description', pos),
    risk: str(map, 'risk', pos),
  };
}

export function readPerson(map: YAMLMap, pos: Positions): Person {
  return { kind: 'person', range: nodeRange(map, pos), id: str(map, 'id', pos), name: str(map, 'name', pos) };
}
