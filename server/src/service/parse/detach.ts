/**
 * What the workspace keeps of a file that is not open in an editor: its model's items (ids, links,
 * roster, tenets, progress, titles) and its findings and disable comments, without the text, the yaml
 * trees or the slices. Those are only needed to answer requests inside the file (hover, completion,
 * fixes), which come for open files only; a file is parsed again, whole, when it is opened.
 */
import { parseDocument } from 'yaml';
import type { Item, Located, OkrFileModel, ParsedText } from '../model';
import type { ParsedFile } from './parseFile';
import { Positions } from './positions';

/** Stands in for the parsed text of every detached item. */
const DETACHED: ParsedText = { text: '', doc: parseDocument(''), positions: new Positions('') };

function located<T extends Item>(l: Located<T>): Located<T> {
  return { item: l.item, line: l.line, offset: l.offset, node: null, parsed: DETACHED };
}

export function detachModel(model: OkrFileModel): OkrFileModel {
  const entries = model.entries.map(located);
  // `period` and `team` are among the entries: the same objects, as in a parsed model.
  const same = (e: OkrFileModel['period']) => (e ? entries[model.entries.indexOf(e)] : undefined);
  const period = same(model.period);
  const team = same(model.team);
  return {
    ...(period ? { period } : {}),
    ...(team ? { team } : {}),
    entries,
    tenets: model.tenets.map(located),
    people: model.people.map(located),
    objectives: model.objectives.map(located),
    initiatives: model.initiatives.map(located),
  };
}

/** A parse reduced to what checking the file against the workspace needs. */
export function detach(file: ParsedFile): ParsedFile {
  return {
    text: '',
    model: detachModel(file.model),
    findings: file.findings,
    directives: file.directives,
    sliced: file.sliced,
    reparsed: file.reparsed,
  };
}
