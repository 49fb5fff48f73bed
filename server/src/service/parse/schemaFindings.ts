/** Places schema problems on the yaml nodes they are about. */
import { isMap, isSeq, type Node, type Pair } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import type { Finding } from '../findings';
import type { Path, SchemaProblem } from '../schema/problems';
import type { Positions } from './positions';
import { keyRange, nodeRange, pairOf } from './read';

/** Where a schema problem belongs in the yaml tree rooted at `root`. */
function locate(root: Node | null, problem: SchemaProblem, pos: Positions, fallback: Range): Range {
  let node: unknown = root;
  let lastPair: Pair | undefined;
  const path: Path = problem.target === 'key' ? problem.path.slice(0, -1) : problem.path;
  for (const seg of path) {
    if (isMap(node)) {
      const p = pairOf(node, String(seg));
      if (!p) break;
      lastPair = p;
      node = p.value;
    } else if (isSeq(node) && typeof seg === 'number' && node.items[seg] !== undefined) {
      lastPair = undefined;
      node = node.items[seg];
    } else break;
  }
  if (problem.target === 'key') {
    const key = String(problem.path[problem.path.length - 1]);
    const pair = isMap(node) ? pairOf(node, key) : undefined;
    return pair ? keyRange(pair, pos) : fallback;
  }
  if (problem.target === 'missing') {
    if (lastPair && lastPair.value === node) return keyRange(lastPair, pos);
    const first = isMap(node) ? node.items[0] : undefined;
    return first ? keyRange(first, pos) : nodeRange(node as Node, pos, fallback);
  }
  const n = node as Node | null;
  if (n?.range && n.range[1] > n.range[0]) return nodeRange(n, pos);
  if (lastPair) {
    const k = keyRange(lastPair, pos);
    return k;
  }
  return fallback;
}

export function toFindings(
  problems: readonly SchemaProblem[],
  root: Node | null,
  pos: Positions,
  fallback: Range,
): Finding[] {
  return problems.map((p) => ({
    code: 'schema',
    message: p.message,
    range: locate(root, p, pos, fallback),
    data: p.data,
  }));
}
