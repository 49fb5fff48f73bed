import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { documentSymbols, hover, parseOkr } from '../../server/src/service';
import { yaml } from '../helpers';

const text = yaml`
  period: 2026-Q1
  objectives:
    - id: SEC-1
      title: Make account takeover a non-event for our customers
      type: committed
      key_results:
        - id: SEC-1.1
          title: Cut the median time to patch critical CVEs
          confidence: 0.6
        - title: SOC 2 Type II report issued with zero exceptions
          done: false
`;
const doc = TextDocument.create('file:///w/a.okr.yaml', 'okr', 1, text);
const hoverAt = (line: number, character: number) => {
  const h = hover(doc, parseOkr(text), { line, character });
  return h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : null;
};

test('hover shows the schema description of the key under the cursor', () => {
  assert.match(hoverAt(8, 11)!, /^\*\*confidence\*\*\n\nThe owner's confidence, from `0` to `1`/);
  assert.match(
    hoverAt(4, 6)!,
    /^\*\*type\*\*[\s\S]*Allowed: `aspirational`, `committed`[\s\S]*Default: `aspirational`/,
  );
  assert.match(hoverAt(0, 2)!, /^\*\*period\*\*/);
  assert.match(hoverAt(1, 3)!, /^\*\*objectives\*\*/);
  // On a value, the field's description too.
  assert.match(hoverAt(3, 20)!, /^\*\*title\*\*\n\nThe objective: a short, qualitative \*\*outcome\*\*/);
  assert.match(hoverAt(9, 12)!, /^\*\*title\*\*\n\nA \*\*decidable\*\*/);
  assert.equal(hoverAt(11, 0), null);
});

test('document symbols outline objectives and their key results', () => {
  const symbols = documentSymbols(parseOkr(text));
  assert.deepEqual(
    symbols.map((s) => [
      s.name,
      s.detail,
      s.range.start.line,
      s.selectionRange.start.line,
      s.children?.map((c) => [c.name, c.detail]),
    ]),
    [
      [
        'Make account takeover a non-event for our customers',
        'SEC-1',
        2,
        2,
        [
          ['Cut the median time to patch critical CVEs', 'SEC-1.1'],
          ['SOC 2 Type II report issued with zero exceptions', undefined],
        ],
      ],
    ],
  );
});

test('the "New OKR File" template passes every rule', async () => {
  const { newOkrFileTemplate } = await import('../../shared/template');
  const { validateText, normaliseSettings } = await import('../../server/src/service');
  // At any date of its period: nothing measured yet is "not started", never "behind".
  for (const asOf of ['2026-10-01', '2026-12-31'])
    assert.deepEqual(validateText(newOkrFileTemplate('2026-Q4'), { settings: normaliseSettings({ asOf }) }), []);
});
