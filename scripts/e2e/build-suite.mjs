// Bundles the in-editor suite (test/e2e/suite/index.ts) into out/e2e/suite/index.js: CommonJS for the
// extension host's Node, `vscode` provided by the host. Run from anywhere; paths are the repository's.
import * as esbuild from 'esbuild';
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SUITE = join(root, 'out', 'e2e', 'suite', 'index.js');

await esbuild.build({
  entryPoints: [join(root, 'test', 'e2e', 'suite', 'index.ts')],
  outfile: SUITE,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  sourcemap: 'inline',
  // out/ is generated: keep `eslint .` quiet about the bundle even where out/ is not in its ignores.
  banner: { js: '/* eslint-disable */' },
  logLevel: 'warning',
});
console.log(`out/e2e/suite/index.js ${(statSync(SUITE).size / 1024).toFixed(0)} KiB`);
