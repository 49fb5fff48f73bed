// Bundles the extension, the language server and the CLI into dist/, and reports their sizes.
import * as esbuild from 'esbuild';
import { noNodeBuiltins } from './scripts/no-node-builtins.mjs';
import { chmodSync, cpSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = !process.argv.includes('--dev');
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'inline',
  minify: production,
  legalComments: 'none',
  // Some dependencies ship ESM that reads import.meta.url; in a CommonJS bundle, derive it from __filename.
  define: { 'process.env.OKR_LENS_VERSION': JSON.stringify(version), 'import.meta.url': '__okrImportMetaUrl' },
  banner: { js: "var __okrImportMetaUrl = require('url').pathToFileURL(__filename).href;" },
  // fdir's ES build loads its optional picomatch through createRequire at run time, which esbuild cannot
  // follow (nothing would be bundled for it); its CommonJS build requires it statically, so it is bundled.
  alias: { fdir: './node_modules/fdir/dist/index.cjs' },
  logLevel: 'warning',
};

/** In dist/extension.js, `require('./node/client')` loads dist/client.js at run time instead of bundling it. */
const lazyClient = {
  name: 'lazy-client',
  setup(build) {
    build.onResolve({ filter: /^\.\/node\/client$/ }, () => ({ path: './client.js', external: true }));
  },
};

const builds = [
  // Only the extension keeps function names (for VS Code's logs); in the server and the CLI, keeping them
  // wraps every closure in a call, which showed in the profile of a workspace pass.
  {
    entryPoints: ['client/src/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
    keepNames: true,
    plugins: [lazyClient],
  },
  // The desktop's language client, a file of its own: the extension host reads and compiles it only when
  // the extension loads it, after activation (dist/extension.js stays small; VS Code counts reading and
  // compiling it in the activation time).
  { entryPoints: ['client/src/node/client.ts'], outfile: 'dist/client.js', external: ['vscode'], keepNames: true },
  // The language server and the CLI's code in one bundle (server/src/bin.ts): the engine and its language
  // data ship once. It gets a shebang: it is the package's `okr-language-server`.
  { entryPoints: ['server/src/bin.ts'], outfile: 'dist/server.js' },
];

/** The web extension (VS Code's web extension host: vscode.dev, github.dev) and its server in a Web Worker. */
const browser = {
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  minify: production,
  sourcemap: production ? false : 'inline',
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [noNodeBuiltins],
  define: { OKR_LENS_VERSION: JSON.stringify(version) },
};
const browserBuilds = [
  {
    ...browser,
    entryPoints: ['client/src/browser/extension.ts'],
    outfile: 'dist/browser/extension.js',
    format: 'cjs',
    external: ['vscode'],
    keepNames: true,
    banner: { js: 'globalThis.__okrLensLoadStart = performance.now();' },
  },
  { ...browser, entryPoints: ['server/src/browser/main.ts'], outfile: 'dist/browser/server.js', format: 'iife' },
];

/** dist/cli.js, the package's `okr`: the CLI's code is in dist/server.js. */
const CLI = `#!/usr/bin/env node
'use strict';
require('./server.js').runCli();
`;

function bannerFor(b) {
  // The extension notes when its bundle starts to run: its activation cost counts from there.
  const start = b.outfile === 'dist/extension.js' ? 'globalThis.__okrLensLoadStart = performance.now();\n' : '';
  return { js: (b.outfile === 'dist/server.js' ? '#!/usr/bin/env node\n' : '') + start + common.banner.js };
}

function writeCli() {
  writeFileSync('dist/cli.js', CLI);
  chmodSync('dist/cli.js', 0o755);
  chmodSync('dist/server.js', 0o755);
}

// The preview's UI: browser code, one file, beside its stylesheet in dist/media (the webview's only root).
const webview = {
  entryPoints: ['client/webview/main.ts'],
  outfile: 'dist/media/webview.js',
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  minify: production,
  sourcemap: production ? false : 'inline',
  legalComments: 'none',
  logLevel: 'warning',
};
mkdirSync('dist/media', { recursive: true });
cpSync('media', 'dist/media', { recursive: true });

if (watch) {
  await (await esbuild.context(webview)).watch();
  for (const b of builds) await (await esbuild.context({ ...common, ...b, banner: bannerFor(b) })).watch();
  for (const b of browserBuilds) await (await esbuild.context(b)).watch();
  writeFileSync('dist/cli.js', CLI);
  console.log('esbuild: watching');
} else {
  // The webview bundle first: the CLI embeds it in `okr tree --format html`.
  await esbuild.build(webview);
  await Promise.all([
    ...builds.map((b) => esbuild.build({ ...common, ...b, banner: bannerFor(b) })),
    ...browserBuilds.map((b) => esbuild.build(b)),
  ]);
  writeCli();
  // npm leaves the web extension out of its package (it needs Node only); the .vsix, from the same
  // `files`, has it (vsce does not read .npmignore).
  writeFileSync('dist/browser/.npmignore', '*\n');
  for (const b of [...builds, { outfile: 'dist/cli.js' }, webview, ...browserBuilds]) {
    // On stderr: `npm pack --json` (whose prepack builds) must print only its JSON.
    console.error(`${b.outfile.padEnd(26)} ${(statSync(b.outfile).size / 1024).toFixed(0).padStart(5)} KiB`);
    // One character outside ASCII (esbuild leaves them in regular expressions) makes V8 keep the whole
    // source as a two-byte string: 3.4 MB instead of 1.7 for the server. Write it as \u2192 instead.
    const text = readFileSync(b.outfile, 'latin1');
    let at = -1;
    for (let i = 0; i < text.length && at < 0; i++) if (text.charCodeAt(i) > 0x7f) at = i;
    // (Development builds keep comments, which may hold any character.)
    if (production && at >= 0)
      throw new Error(`${b.outfile}: a character outside ASCII at offset ${at}: ${text.slice(at - 40, at + 10)}`);
  }
}
