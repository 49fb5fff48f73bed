/**
 * The end-to-end tests: the extension inside a real VS Code (Electron via @vscode/test-electron, or
 * code-server in headless Chromium), on a copy of examples/ opened as the workspace folder. The same
 * tests run in the Node extension host and in the web worker host (the web extension): they use no
 * Node API, only vscode's. Each test leaves the editors as it found them (unsaved edits reverted), so
 * they can run in any order.
 */
import * as assert from './assert';
import * as vscode from 'vscode';
import {
  codeOf,
  diagnosticsWhere,
  findTab,
  has,
  MemoryFileSystem,
  okrDiagnostics,
  range,
  replaceOnLine,
  revert,
  show,
  tabsSummary,
  until,
  withTimeout,
} from './helpers';

export const EXTENSION_ID = 'okr-lens.okr-lens';

/**
 * What the runner expects, from the environment (Node host) or, in the web worker host, which has no
 * environment, from user settings the runner wrote (`okrE2E.*`): where okr-lens is loaded from, and
 * which host runs it ('node' or 'browser').
 */
function expectation(name: 'extensionPath' | 'host'): string | undefined {
  const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env;
  const fromEnv = env?.[name === 'host' ? 'OKR_E2E_HOST' : 'OKR_E2E_EXTENSION_PATH'];
  return fromEnv || vscode.workspace.getConfiguration('okrE2E').get<string>(name) || undefined;
}

const basename = (uri: vscode.Uri) => uri.path.slice(uri.path.lastIndexOf('/') + 1);

export interface Test {
  readonly name: string;
  readonly fn: () => Promise<void>;
  /** When this test fails, the others cannot pass: they are reported failed without running. */
  readonly gate?: boolean;
}
export const tests: Test[] = [];
const test = (name: string, fn: () => Promise<void>, gate = false) => tests.push({ name, fn, gate });

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder (the copy of examples/) is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

async function open(name: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(name));
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

// examples/mistakes.okr.yaml, 0-based positions (`okr lint --format json examples` prints the same).
const TITEL = range(33, 8, 33, 13); //          `titel:` in IT-2.1
const MISSING_TITLE = range(30, 8, 30, 10); //  IT-2.1 has no `title`
const BASELINE = range(45, 18, 45, 24); //      baseline: thirty
const CONFIDENCE = range(51, 20, 51, 23); //    confidence: 1.5
const DUPLICATE = range(56, 8, 56, 12); //      the second `id: IT-2`
const TYPE = range(61, 10, 61, 20); //          type: aspiration
const VAGUE = range(10, 11, 10, 27); //         title: Improve security

test(
  'opening examples/mistakes.okr.yaml activates the extension',
  async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    // The runner says where okr-lens must come from (the folder, or the .vsix's install).
    const expected = expectation('extensionPath');
    if (expected) assert.ok(extension.extensionPath.startsWith(expected), `loaded from ${extension.extensionPath}`);
    console.log(`  # ${EXTENSION_ID} ${extension.packageJSON.version} from ${extension.extensionPath}`);
    if (extension.isActive) console.log('  # active before any okr file was opened');
    const doc = await open('mistakes.okr.yaml');
    assert.equal(doc.languageId, 'okr', 'the file is in the okr language');
    // The language server is up once diagnostics for the file arrive.
    await diagnosticsWhere(doc.uri, (ds) => ds.length > 0, 'okr diagnostics').catch((e: Error) => {
      throw new Error(`${e.message} (the extension is ${extension.isActive ? '' : 'not '}active)`);
    });
    assert.equal(extension.isActive, true, 'extension is active');
    // Reported, not asserted (timings belong to benchmarks): the extension host's cost of activating us.
    const api = extension.exports as
      { activationMs?: number; loadMs?: number; host?: string; clientMs?: Promise<number> } | undefined;
    assert.equal(typeof api?.activationMs, 'number', 'activate returns its cost');
    const host = expectation('host');
    if (host) assert.equal(api!.host, host, 'the extension host that runs okr-lens');
    const clientMs = await api!.clientMs!;
    console.log(
      `  # activation (${api!.host} host): ${api!.activationMs!.toFixed(1)} ms of extension-host time (running the bundle ${api!.loadMs!.toFixed(1)} ms, then activate()); after it, loading and creating the language client ${clientMs.toFixed(1)} ms`,
    );
  },
  true,
);

test('diagnostics have the expected codes, ranges and severities', async () => {
  const doc = await open('mistakes.okr.yaml');
  const expected: [string, vscode.Range, vscode.DiagnosticSeverity][] = [
    ['schema', TITEL, vscode.DiagnosticSeverity.Error],
    ['schema', MISSING_TITLE, vscode.DiagnosticSeverity.Error],
    ['schema', BASELINE, vscode.DiagnosticSeverity.Error],
    ['schema', TYPE, vscode.DiagnosticSeverity.Error],
    ['duplicate-id', DUPLICATE, vscode.DiagnosticSeverity.Error],
    ['confidence-range', CONFIDENCE, vscode.DiagnosticSeverity.Warning],
    ['vague-objective', VAGUE, vscode.DiagnosticSeverity.Warning],
  ];
  const ds = await diagnosticsWhere(
    doc.uri,
    (ds) => expected.every(([code, r]) => has(code, r)(ds)),
    'every expected diagnostic',
  );
  for (const [code, r, severity] of expected) {
    const d = ds.find((d) => codeOf(d) === code && d.range.isEqual(r))!;
    assert.equal(d.severity, severity, `severity of ${show(d)}`);
  }
  const titel = ds.find((d) => d.range.isEqual(TITEL))!;
  assert.equal(doc.getText(titel.range), 'titel');
  assert.match(titel.message, /Unknown field `titel`.*did you mean `title`/);
  assert.equal(doc.getText(ds.find((d) => codeOf(d) === 'duplicate-id')!.range), 'IT-2');
  const code = titel.code as { value: string; target: vscode.Uri };
  assert.match(code.target.toString(), /docs\/rules\/schema\.md$/, 'the code links to the rule page');
  // The clean files stay clean of errors.
  const company = await vscode.workspace.openTextDocument(workspaceFile('company.okr.yaml'));
  const errors = okrDiagnostics(company.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
  assert.deepEqual(errors.map(show), [], 'company.okr.yaml has no errors');
});

test('completion at `tenet: ` and `aligns_to: ` offers the workspace tenets and objective ids', async () => {
  const doc = await vscode.workspace.openTextDocument({
    language: 'okr',
    content: 'period: 2026-Q1\nteam: platform\nobjectives:\n  - id: PLAT-1\n    title: Deploys never wake anyone up\n',
  });
  const editor = await vscode.window.showTextDocument(doc);
  try {
    const inserted = await editor.edit((b) => b.insert(new vscode.Position(5, 0), '    tenet: \n    aligns_to: \n'));
    assert.ok(inserted, 'edit applied');
    const labels = async (position: vscode.Position) => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        doc.uri,
        position,
      );
      return list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    };
    const tenets = await labels(new vscode.Position(5, 11));
    for (const t of ['secure-the-product', 'protect-the-company', 'assure-the-customer'])
      assert.ok(tenets.includes(t), `tenet completion has ${t}: ${tenets.join(', ')}`);
    assert.ok(!tenets.includes('CO-2'), 'no objective ids among tenets');
    const parents = await labels(new vscode.Position(6, 15));
    for (const id of ['CO-1', 'CO-2', 'CO-3', 'SEC-1', 'APPSEC-1'])
      assert.ok(parents.includes(id), `aligns_to completion has ${id}: ${parents.join(', ')}`);
    assert.ok(!parents.includes('CO-2.1'), 'key results are not parents');
    assert.ok(!parents.includes('secure-the-product'), 'no tenets among parents');
  } finally {
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
});

test('quick-fix "Rename `titel` to `title`" through executeCodeActionProvider + applyEdit', async () => {
  const doc = await open('mistakes.okr.yaml');
  try {
    await diagnosticsWhere(doc.uri, has('schema', TITEL), 'the `titel` diagnostic');
    // The server resolves edits lazily (codeAction/resolve): ask VS Code to resolve them.
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      TITEL,
      vscode.CodeActionKind.QuickFix.value,
      100,
    );
    const titles = actions.map((a) => a.title);
    const fix = actions.find((a) => a.title === 'Rename `titel` to `title`');
    assert.ok(fix, `the rename fix is offered: ${titles.join(' | ')}`);
    assert.ok(fix.edit, 'the fix has an edit after resolve');
    assert.ok(await vscode.workspace.applyEdit(fix.edit), 'applyEdit');
    assert.equal(doc.lineAt(33).text, '        title: Raise laptops on a supported OS version from 81% to 98%');
    const ds = await diagnosticsWhere(
      doc.uri,
      (ds) => !ds.some((d) => codeOf(d) === 'schema' && (d.range.isEqual(TITEL) || d.range.isEqual(MISSING_TITLE))),
      'the `titel` and missing-`title` diagnostics to go',
    );
    assert.ok(has('duplicate-id', DUPLICATE)(ds), 'the other diagnostics stay');
  } finally {
    await revert(doc);
  }
  await diagnosticsWhere(doc.uri, has('schema', TITEL), 'the `titel` diagnostic back after revert');
});

test('rename a company objective id across files edits only the ids', async () => {
  const company = await open('company.okr.yaml');
  const line = company.lineAt(110).text;
  assert.equal(line, '  - id: CO-2');
  const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
    'vscode.executeDocumentRenameProvider',
    company.uri,
    new vscode.Position(110, 9),
    'CO-9',
  );
  assert.ok(edit, 'a rename edit');
  const perFile = new Map<string, number>();
  for (const [uri, edits] of edit.entries()) {
    const doc = await vscode.workspace.openTextDocument(uri);
    for (const e of edits) {
      assert.ok(e instanceof vscode.TextEdit, 'a text edit');
      assert.equal(doc.getText(e.range), 'CO-2', `${basename(uri)} ${e.range.start.line}: replaces the id`);
      const after = doc.lineAt(e.range.end.line).text.charAt(e.range.end.character);
      assert.ok(!/[\w.-]/.test(after), `${basename(uri)} ${e.range.start.line}: not a key result id`);
      assert.equal(e.newText, 'CO-9');
    }
    perFile.set(basename(uri), edits.length);
  }
  assert.deepEqual(Object.fromEntries([...perFile].sort()), {
    'appsec.okr.yaml': 1, // aligns_to: [SEC-2, CO-2]
    'company.okr.yaml': 1, // the declaration
    'security.okr.yaml': 2, // SEC-1 and SEC-2 align to CO-2
  });
});

test('go to definition from an `aligns_to` value lands on the company objective', async () => {
  const security = await open('security.okr.yaml');
  assert.equal(security.lineAt(12).text, '    aligns_to: CO-2');
  const result = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
    'vscode.executeDefinitionProvider',
    security.uri,
    new vscode.Position(12, 16),
  );
  assert.equal(result.length, 1, 'one definition');
  const first = result[0];
  const [uri, target] = 'targetUri' in first ? [first.targetUri, first.targetRange] : [first.uri, first.range];
  assert.equal(basename(uri), 'company.okr.yaml');
  assert.ok(target.start.line <= 110 && target.end.line >= 110, `range ${target.start.line}-${target.end.line}`);
  const selection = 'targetSelectionRange' in first ? first.targetSelectionRange : undefined;
  if (selection) assert.equal((await vscode.workspace.openTextDocument(uri)).getText(selection), 'CO-2');
});

test('hover on an objective id shows its parent and its aligned objectives from the other files', async () => {
  const security = await open('security.okr.yaml');
  assert.equal(security.lineAt(5).text, '  - id: SEC-1');
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
    'vscode.executeHoverProvider',
    security.uri,
    new vscode.Position(5, 9),
  );
  const text = hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
  // company.okr.yaml and appsec.okr.yaml are not open: they come from the index (the disk, or workspace.fs).
  assert.match(text, /Aligns to: CO-2 Customers' accounts and data stay theirs/);
  assert.match(text, /APPSEC-2 Harden every path into a customer account/);
});

test('"OKR: Open Preview to the Side" opens the preview webview beside the editor', async () => {
  const isPreview = (input: unknown) =>
    input instanceof vscode.TabInputWebview && input.viewType.includes('okr.preview');
  assert.equal(findTab(isPreview), undefined, 'no preview open yet');
  await open('mistakes.okr.yaml');
  const editorColumn = vscode.window.activeTextEditor?.viewColumn;
  const opened = until(vscode.window.tabGroups.onDidChangeTabs, () => findTab(isPreview), 'a preview tab', tabsSummary);
  await vscode.commands.executeCommand('okr.openPreviewToSide');
  const tab = await opened;
  try {
    assert.match(tab.label, /OKR/);
    assert.notEqual(tab.group.viewColumn, editorColumn, 'beside the editor, not over it');
  } finally {
    // The panel retitles itself once it has the tree, which replaces the Tab object: close the current one.
    const closed = until(
      vscode.window.tabGroups.onDidChangeTabs,
      () => (findTab(isPreview) ? undefined : true),
      'close',
    );
    for (let attempt = 0; findTab(isPreview) && attempt < 3; attempt++)
      await vscode.window.tabGroups.close(findTab(isPreview)!).then(undefined, () => undefined);
    await closed;
  }
  assert.equal(findTab(isPreview), undefined, 'the preview closed');
});

test('editing the file updates its diagnostics', async () => {
  const doc = await open('mistakes.okr.yaml');
  try {
    await diagnosticsWhere(doc.uri, has('confidence-range', CONFIDENCE), 'confidence-range');
    await replaceOnLine(doc, 51, '1.5', '0.5');
    await diagnosticsWhere(doc.uri, (ds) => !has('confidence-range')(ds), 'confidence-range to go after 1.5 → 0.5');
    const r = await replaceOnLine(doc, 46, 'target: 7', 'target: seven');
    await diagnosticsWhere(
      doc.uri,
      (ds) => ds.some((d) => codeOf(d) === 'schema' && d.range.start.line === r.start.line && /target/.test(d.message)),
      'a schema diagnostic on `target: seven`',
    );
  } finally {
    await revert(doc);
  }
  await diagnosticsWhere(doc.uri, has('confidence-range', CONFIDENCE), 'confidence-range back after revert');
});

test('a file created and deleted on disk (never opened) is checked, then cleared', async () => {
  const uri = workspaceFile(`created-${Date.now().toString(36)}.okr.yaml`);
  const text =
    'period: 2026-Q1\nteam: created\nobjectives:\n  - id: NEW-1\n    title: Deploys never wake anyone up\n    aligns_to: CO-404\n';
  // Written behind the editor's back: the server learns of it from the file watcher and reads it itself.
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  try {
    await diagnosticsWhere(uri, has('unknown-parent', range(5, 15, 5, 21)), 'unknown-parent on `CO-404`');
  } finally {
    await vscode.workspace.fs.delete(uri, { useTrash: false });
  }
  await diagnosticsWhere(uri, (ds) => ds.length === 0, 'its diagnostics to clear once it is deleted');
});

test('closing a file outside the workspace clears its diagnostics', async () => {
  // Beside the workspace folder (the runner's copy of examples/ in its own run folder), through
  // workspace.fs: on disk in the Node host, vscode-remote: in the browser host.
  const folder = workspaceFile('.');
  const dir = vscode.Uri.joinPath(folder, '..', `outside-${Date.now().toString(36)}`);
  const uri = vscode.Uri.joinPath(dir, 'outside.okr.yaml');
  await vscode.workspace.fs.writeFile(
    uri,
    new TextEncoder().encode(
      'period: 2026-Q1\nteam: outside\nobjectives:\n  - id: OUT-1\n    titel: Deploys never wake anyone up\n',
    ),
  );
  try {
    // Opened as a user would (no extension-held reference), so closing the editor closes the document.
    await vscode.commands.executeCommand('vscode.open', uri);
    await diagnosticsWhere(uri, has('schema', range(4, 4, 4, 9)), 'the `titel` diagnostic of a file outside');
    const closed = until(
      vscode.workspace.onDidCloseTextDocument,
      () => (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()) ? undefined : true),
      'the document to close',
    );
    const tab = findTab((input) => input instanceof vscode.TabInputText && input.uri.toString() === uri.toString());
    assert.ok(tab, 'its editor tab');
    await vscode.window.tabGroups.close(tab);
    await closed;
    await diagnosticsWhere(uri, (ds) => ds.length === 0, 'its diagnostics to clear');
  } finally {
    await vscode.workspace.fs.delete(dir, { recursive: true, useTrash: false });
  }
});

test('"OKR: Restart Language Server" restarts it: diagnostics go, then come back', async () => {
  const doc = await open('mistakes.okr.yaml');
  await diagnosticsWhere(doc.uri, has('schema', TITEL), 'the `titel` diagnostic before the restart');
  // The stopped client takes its diagnostics with it; the new server publishes them again.
  const cleared = until(
    vscode.languages.onDidChangeDiagnostics,
    () => (okrDiagnostics(doc.uri).length === 0 ? true : undefined),
    'the diagnostics to go while the server restarts',
  );
  // Two at once: the second waits for the first, and each makes a new client.
  await Promise.all([
    vscode.commands.executeCommand('okr.restartServer'),
    vscode.commands.executeCommand('okr.restartServer'),
  ]);
  await cleared;
  await diagnosticsWhere(doc.uri, has('schema', TITEL), 'the `titel` diagnostic from the restarted server');
});

test('a workspace folder of a new scheme, added later, has its OKR files checked', async () => {
  const scheme = `okrmem${Date.now().toString(36)}`;
  const folder = vscode.Uri.from({ scheme, path: '/repo' });
  const memory = new MemoryFileSystem(folder);
  const registration = vscode.workspace.registerFileSystemProvider(scheme, memory);
  const uri = vscode.Uri.joinPath(folder, 'remote.okr.yaml');
  memory.writeFile(
    uri,
    new TextEncoder().encode(
      'period: 2026-Q1\nteam: remote\nobjectives:\n  - id: REM-1\n    titel: Deploys never wake anyone up\n',
    ),
  );
  const count = vscode.workspace.workspaceFolders?.length ?? 0;
  try {
    const added = until(
      vscode.workspace.onDidChangeWorkspaceFolders,
      () => (vscode.workspace.workspaceFolders?.some((f) => f.uri.scheme === scheme) ? true : undefined),
      `the ${scheme}: folder to be added`,
    );
    assert.ok(vscode.workspace.updateWorkspaceFolders(count, 0, { uri: folder, name: 'remote' }), 'folder added');
    await added;
    await vscode.commands.executeCommand('vscode.open', uri);
    // Served only once the client restarts with the new scheme in its selector.
    await diagnosticsWhere(uri, has('schema', range(4, 4, 4, 9)), `the \`titel\` diagnostic of a ${scheme}: file`);
  } finally {
    const tab = findTab((input) => input instanceof vscode.TabInputText && input.uri.toString() === uri.toString());
    if (tab) await vscode.window.tabGroups.close(tab);
    const removed = until(
      vscode.workspace.onDidChangeWorkspaceFolders,
      () => (vscode.workspace.workspaceFolders?.some((f) => f.uri.scheme === scheme) ? undefined : true),
      `the ${scheme}: folder to be removed`,
    );
    if (vscode.workspace.updateWorkspaceFolders(count, 1)) await removed;
    registration.dispose();
  }
});

/** Runs every test in order; prints `ok - name` / `not ok - name: error` and the totals. */
export async function runAll(log: (line: string) => void = console.log): Promise<{ passed: number; failed: number }> {
  let passed = 0;
  let failed = 0;
  let blocked = '';
  for (const t of tests) {
    const started = Date.now();
    if (blocked) {
      failed++;
      log(`not ok - ${t.name}: skipped, "${blocked}" failed`);
      continue;
    }
    try {
      await withTimeout(t.fn(), `test "${t.name}"`, 90_000);
      passed++;
      log(`ok - ${t.name} (${Date.now() - started} ms)`);
    } catch (e) {
      failed++;
      const err = e instanceof Error ? e : new Error(String(e));
      log(`not ok - ${t.name}: ${err.message.replace(/\s+/g, ' ')}`);
      // TAP-style comment lines: the top of the stack.
      for (const frame of (err.stack ?? '').split('\n').slice(1, 4)) log(`  # ${frame.trim()}`);
      if (t.gate) blocked = t.name;
    }
  }
  log(`${passed} passed, ${failed} failed`);
  return { passed, failed };
}
