import type { Plugin } from 'esbuild';

/** Fails a browser bundle's build on any Node built-in it imports. */
export declare const noNodeBuiltins: Plugin;
