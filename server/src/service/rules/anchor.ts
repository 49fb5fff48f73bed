import type { Range } from 'vscode-languageserver-types';
import type { KeyResult, Objective } from '../model';
import type { KeyResultFields } from '../language/judge';

/** Where to report something about an objective as a whole: its title, else its id, else its first line. */
export function objectiveAnchor(o: Objective): Range {
  return o.title?.range ?? o.id?.range ?? { start: o.range.start, end: o.range.start };
}

export function keyResultAnchor(kr: KeyResult): Range {
  return kr.title?.range ?? kr.id?.range ?? { start: kr.range.start, end: kr.range.start };
}

/** How to name a key result in a message: its id, else its title. */
export function krName(kr: KeyResult): string {
  return kr.id ? `\`${kr.id.value}\`` : 'This key result';
}

/** What the language rules take from a key result's fields, besides its title. */
export function keyResultFields(kr: KeyResult): KeyResultFields {
  return { target: !!kr.target, done: !!kr.done, metric: !!kr.metric };
}
