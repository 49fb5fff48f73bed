// An esbuild plugin for the browser bundles (the web extension, its Web Worker server, the in-editor
// suite): a Node built-in imported from one fails the build, naming who imported it (esbuild alone would
// quietly take a package's `browser` field's stub for some). Node globals (Buffer, process, setImmediate)
// are caught by the browser code's own typecheck, which has no Node types (client/src/browser/tsconfig.json,
// server/src/browser/tsconfig.json).
import { builtinModules } from 'node:module';

const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** @type {import('esbuild').Plugin} */
export const noNodeBuiltins = {
  name: 'no-node-builtins',
  setup(build) {
    build.onResolve({ filter: /^[a-z:_/]+$/ }, (args) =>
      BUILTINS.has(args.path) || args.path.startsWith('node:')
        ? { errors: [{ text: `a Node built-in ("${args.path}") in a browser bundle, imported by ${args.importer}` }] }
        : undefined,
    );
  },
};
