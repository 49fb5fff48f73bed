/**
 * dist/server.js, one bundle with two uses: run, it is the language server (`okr-language-server
 * --stdio`, or `--node-ipc` as VS Code starts it); required, it gives dist/cli.js the `okr` command. So
 * the engine and its language data ship once in the npm package and the .vsix.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { indexed, indexing } from './memory';
import { nodeFileAccess } from './node/fileAccess';
import { clientFileAccess } from './clientFileAccess';
import { byScheme } from './fileAccess';
import { startServer } from './server';

export { runCli } from './cli/main';

const USAGE = `Usage: okr-language-server --stdio

The okr-lens language server for *.okr.yaml files, for any LSP client (Neovim, Helix, Emacs, Zed...).
Transports: --stdio, --node-ipc, --socket=<port>, --pipe=<name>.`;

const VERSION = process.env.OKR_LENS_VERSION ?? '0.0.0';

/** Starts the server, or explains how to (a server with no transport would fail with a stack trace). */
export function runServer(argv: readonly string[]): number | undefined {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (argv.includes('--version') || argv.includes('-v')) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (!argv.some((a) => /^--(stdio|node-ipc|socket=.+|pipe=.+)$/.test(a))) {
    process.stderr.write(`okr-language-server: no transport given\n${USAGE}\n`);
    return 2;
  }
  // A bug must not take the user's editor features down: log it and keep serving.
  process.on('uncaughtException', (e) => console.error('okr-lens: uncaught', e));
  process.on('unhandledRejection', (e) => console.error('okr-lens: unhandled rejection', e));
  const connection = createConnection(ProposedFeatures.all);
  startServer(connection, {
    // Files on disk from the disk; a virtual workspace's (vscode-vfs: …) through the client, which answers
    // okr/fs/* requests in VS Code (other editors open files only).
    files: byScheme(nodeFileAccess(), clientFileAccess(connection)),
    version: VERSION,
    onScanned: indexing,
    onIndexed: indexed,
  });
  return undefined;
}

if (require.main === module) {
  const code = runServer(process.argv.slice(2));
  if (code !== undefined) process.exitCode = code;
}
