// Bundles the in-editor suite (test/e2e/suite/index.ts) into out/e2e/suite/index.js: CommonJS, `vscode`
// provided by the host, and no Node built-in (the build fails on one): the same bundle runs in the Node
// extension host and in the web worker host. Run from anywhere; paths are the repository's.
import * as esbuild from 'esbuild';
import { noNodeBuiltins } from '../no-node-builtins.mjs';
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SUITE = join(root, 'out', 'e2e', 'suite', 'index.js');

await esbuild.build({
  entryPoints: [join(root, 'test', 'e2e', 'suite', 'index.ts')],
  outfile: SUITE,
  bundle: true,
  platform: 'browser',
  format: 'cjs',
  target: 'es2022',
  plugins: [noNodeBuiltins],
  external: ['vscode'],
  sourcemap: 'inline',
  // out/ is generated: keep `eslint .` quiet about the bundle even where out/ is not in its ignores.
  banner: { js: '/* eslint-disable */' },
  logLevel: 'warning',
});
console.log(`out/e2e/suite/index.js ${(statSync(SUITE).size / 1024).toFixed(0)} KiB`);
