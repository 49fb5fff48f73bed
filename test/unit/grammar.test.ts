import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { INITIAL, Registry, parseRawGrammar, type IGrammar, type IRawGrammar } from 'vscode-textmate';
import { OnigScanner, OnigString, loadWASM } from 'vscode-oniguruma';

const root = path.join(__dirname, '..', '..');

// source.yaml ships with VS Code, not with us, so the tests register stand-ins of the two shapes
// the real YAML grammar has had. Both open comments with a begin rule on '#', as the real ones do.
const comment = {
  begin: '(?:^|(?<=[\\t ]))#',
  end: '$',
  name: 'comment.line.number-sign.yaml',
};

// VS Code <= 1.94: keys and values are matched at the top level.
const flatYaml = {
  scopeName: 'source.yaml',
  patterns: [
    comment,
    { match: '[^\\s#:\\-\\[][^#:]*?(?=[\\t ]*:(?:[\\t ]|$))', name: 'entity.name.tag.yaml' },
    { match: '[^\\s#:\\-\\[\\],][^#]*?(?=[\\t ]*(?:#|$))', name: 'string.unquoted.plain.out.yaml' },
  ],
};

// VS Code >= 1.95: one begin/while rule from the first line on holds the whole file, and keys and
// values are begin/end rules of their own, so top-level patterns of ours never see those lines.
const nestedYaml = {
  scopeName: 'source.yaml',
  patterns: [
    {
      begin: '^(?!\\G)',
      while: '^',
      name: 'meta.stream.yaml',
      patterns: [
        comment,
        {
          begin: '(?=[^\\s#:\\-\\[][^#:]*?[\\t ]*:(?:[\\t ]|$))',
          end: '(?=[\\t ]*:)',
          name: 'meta.map.key.yaml string.unquoted.plain.yaml entity.name.tag.yaml',
        },
        { begin: '(?=[^\\s#:\\-\\[\\],])', end: '(?=[\\t ]+#|$)', name: 'string.unquoted.plain.out.yaml' },
      ],
    },
  ],
};

const sample = `period: 2026-Q1
# okr-disable-next-line task-key-result
objectives:
  - id: SEC-1   # unique
    type: committed
    aligns_to: [CO-2, CO-3]
    foo: committed
    key_results:
      - id: SEC-1.1
        title: Cut the median time to patch
`;

let wasmLoaded: Promise<void> | undefined;

async function loadOkrGrammar(yamlStub: object): Promise<IGrammar> {
  wasmLoaded ??= (async () => {
    const wasm = fs.readFileSync(path.join(root, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
    await loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  })();
  await wasmLoaded;
  const grammarPath = path.join(root, 'syntaxes', 'okr.tmLanguage.json');
  const grammars: Record<string, IRawGrammar> = {
    'source.okr': parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath),
    'source.yaml': parseRawGrammar(JSON.stringify(yamlStub), 'yaml-stub.json'),
  };
  const registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new OnigScanner(patterns),
      createOnigString: (s: string) => new OnigString(s),
    }),
    loadGrammar: async (scopeName: string) => grammars[scopeName] ?? null,
  });
  const grammar = await registry.loadGrammar('source.okr');
  assert.ok(grammar, 'source.okr grammar loads');
  return grammar;
}

interface Token {
  text: string;
  scopes: string[];
}

function tokenize(grammar: IGrammar, text: string): Token[][] {
  let stack = INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, stack);
    stack = result.ruleStack;
    return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/** Scopes of the token that is exactly `text`, on the first line that starts with `linePrefix`. */
function scopesOf(lines: Token[][], linePrefix: string, text: string): string[] {
  const line = lines.find((tokens) =>
    tokens
      .map((t) => t.text)
      .join('')
      .trimStart()
      .startsWith(linePrefix),
  );
  assert.ok(line, `a line starting with ${JSON.stringify(linePrefix)}`);
  const token = line.find((t) => t.text === text);
  assert.ok(token, `token ${JSON.stringify(text)} in ${JSON.stringify(line.map((t) => t.text))}`);
  return token.scopes;
}

function assertHas(scopes: string[], scope: string): void {
  assert.ok(scopes.includes(scope), `expected ${scope} in [${scopes.join(', ')}]`);
}

for (const [label, yamlStub] of [
  ['flat YAML grammar', flatYaml],
  ['nested YAML grammar', nestedYaml],
] as const) {
  test(`grammar (${label}): OKR keys, ids, enums and directives get their scopes`, async () => {
    const lines = tokenize(await loadOkrGrammar(yamlStub), sample);

    assertHas(scopesOf(lines, 'objectives:', 'objectives'), 'keyword.other.section.okr');
    assertHas(scopesOf(lines, 'objectives:', 'objectives'), 'entity.name.tag.yaml');
    assertHas(scopesOf(lines, 'title:', 'title'), 'support.type.property-name.okr');
    assertHas(scopesOf(lines, 'title:', 'title'), 'entity.name.tag.yaml');
    assertHas(scopesOf(lines, '- id: SEC-1 ', 'SEC-1'), 'variable.other.constant.okr');
    assertHas(scopesOf(lines, '- id: SEC-1.1', 'SEC-1.1'), 'variable.other.constant.okr');
    assertHas(scopesOf(lines, 'type:', 'committed'), 'constant.language.okr');
    assertHas(scopesOf(lines, 'aligns_to:', 'CO-2'), 'entity.name.type.okr');
    assertHas(scopesOf(lines, 'aligns_to:', 'CO-3'), 'entity.name.type.okr');

    const directive = scopesOf(lines, '# okr-disable', 'okr-disable-next-line');
    assertHas(directive, 'comment.line.number-sign.okr');
    assertHas(directive, 'keyword.control.directive.okr');
    assertHas(scopesOf(lines, '# okr-disable', 'task-key-result'), 'comment.line.number-sign.okr');

    // A YAML key outside the OKR vocabulary, and an enum word under it, stay plain YAML.
    for (const text of ['foo', 'committed']) {
      const scopes = scopesOf(lines, 'foo:', text);
      const okrScopes = scopes.filter((s) => s !== 'source.okr' && s.endsWith('.okr'));
      assert.deepEqual(okrScopes, [], `${text}: no OKR scope in [${scopes.join(', ')}]`);
    }
    // The trailing comment after an id is still a YAML comment.
    assertHas(scopesOf(lines, '- id: SEC-1 ', ' unique'), 'comment.line.number-sign.yaml');
  });
}

test('grammar (nested YAML grammar): line 1 is left to YAML, whose scopes the OKR ones nest inside', async () => {
  const lines = tokenize(await loadOkrGrammar(nestedYaml), sample);
  const period = scopesOf(lines, 'period:', 'period');
  assertHas(period, 'meta.stream.yaml');
  assertHas(period, 'keyword.other.section.okr');
  assertHas(scopesOf(lines, 'title:', 'title'), 'meta.map.key.yaml');
  assertHas(scopesOf(lines, 'type:', 'committed'), 'string.unquoted.plain.out.yaml');
});

test('language-configuration.json is JSON with # line comments', () => {
  const config = JSON.parse(fs.readFileSync(path.join(root, 'language-configuration.json'), 'utf8')) as {
    comments?: { lineComment?: string };
    wordPattern?: string;
    folding?: { offSide?: boolean };
  };
  assert.equal(config.comments?.lineComment, '#');
  assert.equal(config.folding?.offSide, true);
  assert.ok(config.wordPattern, 'wordPattern is set');
  const words = 'aligns_to: [SEC-1.2, IT-2] # ship.'.match(new RegExp(config.wordPattern, 'g'));
  assert.deepEqual(words, ['aligns_to', 'SEC-1.2', 'IT-2', 'ship']);
});
