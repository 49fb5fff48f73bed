// The editor's view of tracking: the check-in snippet, the key-result hover and the code lens, at a fixed date.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeLenses, complete, defaultSettings, hover, parseOkr, Workspace } from '../../server/src/service';
import { DEFAULT_TRACKING } from '../../server/src/service/pace';
import { sparkline } from '../../server/src/service/objectiveInfo';
import { yaml } from '../helpers';

const URI = 'file:///w/security.okr.yaml';
const AT = { ...DEFAULT_TRACKING, asOf: '2026-02-14' };

const TEXT = yaml`
  period: 2026-Q1
  objectives:
    - id: SEC-1
      title: Make account takeover a non-event for our customers
      key_results:
        - id: SEC-1.1
          title: Raise active accounts protected by MFA or SSO from 30% to 60%
          baseline: 30
          target: 60
          unit: "%"
          checkins:
            - {date: 2026-01-12, value: 33, confidence: 0.8}
            - {date: 2026-01-26, value: 36, confidence: 0.7}
            - {date: 2026-02-09, value: 45, confidence: 0.7}
        - id: SEC-1.2
          title: SOC 2 Type II report issued with zero exceptions
          done: false
          checkins:
            - {date: 2026-01-20, done: false, confidence: 0.6}
`;

function setup(text: string) {
  const doc = TextDocument.create(URI, 'okr', 1, text);
  const file = parseOkr(text);
  const workspace = new Workspace([{ uri: URI, model: file.model }], AT);
  return { doc, file, workspace };
}

test('check-in today: the date fixed, the last value selected, the confidence carried', () => {
  const marked = TEXT.replace('value: 45, confidence: 0.7}\n', 'value: 45, confidence: 0.7}\n          - |\n');
  const offset = marked.indexOf('|');
  const { doc, workspace } = setup(marked.replace('|', ''));
  const items = complete(doc, doc.positionAt(offset), workspace, defaultSettings);
  const snippet = items.find((i) => i.label === 'Check-in today');
  assert.ok(snippet, items.map((i) => i.label).join(', '));
  assert.equal(
    (snippet.textEdit as { newText: string }).newText,
    'date: 2026-02-14\nvalue: ${1:45}\nconfidence: ${2:0.7}',
  );
  // Listed first (editors sort by sortText).
  const first = [...items].sort((a, b) => ((a.sortText ?? a.label) < (b.sortText ?? b.label) ? -1 : 1))[0];
  assert.equal(first.label, 'Check-in today');
  // A milestone's check-in asks done or not.
  const milestone = TEXT + '          - |\n';
  const at = milestone.indexOf('|');
  const m = setup(milestone.replace('|', ''));
  const mItem = complete(m.doc, m.doc.positionAt(at), m.workspace, defaultSettings).find(
    (i) => i.label === 'Check-in today',
  )!;
  assert.equal(
    (mItem.textEdit as { newText: string }).newText,
    'date: 2026-02-14\ndone: ${1|false,true|}\nconfidence: ${2:0.6}',
  );
});

test('hover on a key result: status, expected against actual, confidence and the trend', () => {
  const { doc, file, workspace } = setup(TEXT);
  const h = hover(doc, file, doc.positionAt(TEXT.indexOf('Raise active')), workspace);
  const value = (h?.contents as { value: string }).value;
  // (45 - 30) / 30 = 50% against 45/90 = 50%: on track. Sparkline of 10%, 20%, 50%.
  assert.equal(
    value,
    [
      '**SEC-1.1** Raise active accounts protected by MFA or SSO from 30% to 60%',
      '',
      'Status on 2026-02-14: **on track**',
      '',
      'progress 50% · expected 50% (2026-Q1) · value 45% · confidence 0.7',
      '',
      'Check-ins: ▁▂▅ (3, the latest on 2026-02-09)',
    ].join('\n'),
  );
  const id = hover(doc, file, doc.positionAt(TEXT.indexOf('SEC-1.2') + 2), workspace);
  assert.match((id?.contents as { value: string }).value, /Status on 2026-02-14: \*\*on track\*\*[^]*Check-ins: ▁ \(1/);
});

test('sparkline: eight levels of progress, a milestone as 0 or 1', () => {
  const { file } = setup(TEXT);
  const [a, b] = file.model.objectives[0].item.keyResults;
  assert.equal(sparkline(a), '▁▂▅');
  assert.equal(sparkline(b), '▁');
});

test('code lens: the objective status with its expected progress', () => {
  const { workspace } = setup(TEXT);
  // SEC-1: (0.5 + 0) / 2 = 25% against (0.5 + 0) / 2 = 25% (the milestone is expected only when due).
  assert.deepEqual(
    codeLenses(workspace, URI).map((l) => l.command?.title),
    ['on track: 25% of 25% expected · 2 KRs'],
  );
  workspace.setTracking({ ...AT, asOf: '2026-03-10' });
  // 68/90 expected for SEC-1.1 against 50%: (0.5 + 0) / 2 = 25% of (0.76 + 0) / 2 = 38%.
  assert.deepEqual(
    codeLenses(workspace, URI).map((l) => l.command?.title),
    ['behind: 25% of 38% expected · 2 KRs'],
  );
  workspace.setTracking({ ...AT, asOf: '2026-04-10' });
  assert.deepEqual(
    codeLenses(workspace, URI).map((l) => l.command?.title),
    ['score 0.25 · 2 KRs'],
  );
});

test('rolled-up progress at a set date follows the check-ins up to it', () => {
  const { workspace } = setup(TEXT);
  // On 2026-01-20: SEC-1.1 at 33, (33 - 30) / 30 = 10%; the milestone not done: (0.1 + 0) / 2 = 5%.
  workspace.setTracking({ ...AT, asOf: '2026-01-20' });
  assert.ok(Math.abs(workspace.rolledUp('SEC-1')! - 0.05) < 1e-9);
  // On 2026-02-14: 45, 50%: 25%.
  workspace.setTracking({ ...AT, asOf: '2026-02-14' });
  assert.ok(Math.abs(workspace.rolledUp('SEC-1')! - 0.25) < 1e-9);
});
