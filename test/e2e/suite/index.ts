/**
 * The end-to-end suite's entry point, in the @vscode/test-electron model: VS Code loads this module in
 * the extension host and awaits `run()`; a rejection fails the run. The same bundle
 * (out/e2e/suite/index.js, built by scripts/e2e/build-suite.mjs) runs under @vscode/test-electron
 * (scripts/e2e/run-test-electron.mjs) and under code-server (scripts/e2e/run-code-server.mjs).
 */
import { runAll } from './tests';

export async function run(): Promise<void> {
  const { failed } = await runAll((line) => console.log(line));
  if (failed > 0) throw new Error(`${failed} end-to-end test${failed === 1 ? '' : 's'} failed`);
}
