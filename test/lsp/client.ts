/** A real JSON-RPC client for `node dist/server.js --stdio`, as Neovim or VS Code would drive it. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { distForNobody } from '../helpers';
import {
  createProtocolConnection,
  InitializeRequest,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

export const SERVER = path.join(__dirname, '..', '..', 'dist', 'server.js');

export interface TestServer {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcessWithoutNullStreams;
  readonly stderr: () => string;
  /** Resolves with the next diagnostics published for `uri` that satisfy `accept`. */
  diagnostics(
    uri: string,
    accept?: (p: PublishDiagnosticsParams) => boolean,
    timeoutMs?: number,
  ): Promise<PublishDiagnosticsParams>;
  /** Calls `listener` with every diagnostics notification, as it arrives. */
  onDiagnostics(listener: (p: PublishDiagnosticsParams) => void): void;
  stop(): Promise<void>;
}

export async function startServer(
  initializationOptions?: unknown,
  configuration?: unknown,
  rootUri: string | null = null,
  onProgress?: (kind: string, value: unknown) => void,
  /** Run the server as another user (tests that need a file it cannot read, when they run as root). */
  user?: { uid: number; gid: number },
  /** Another build of the server (an unpacked npm package or .vsix); default: the repository's dist/server.js. */
  serverPath?: string,
): Promise<TestServer> {
  const server = serverPath ?? (user ? path.join(distForNobody(), 'server.js') : SERVER);
  const child = spawn(process.execPath, [server, '--stdio'], { stdio: 'pipe', ...user });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const connection = createProtocolConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  const waiters: {
    uri: string;
    accept: (p: PublishDiagnosticsParams) => boolean;
    resolve: (p: PublishDiagnosticsParams) => void;
  }[] = [];
  const listeners: ((p: PublishDiagnosticsParams) => void)[] = [];
  connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
    for (const l of listeners) l(p);
    for (const w of [...waiters]) {
      if (w.uri === p.uri && w.accept(p)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(p);
      }
    }
  });
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) =>
    params.items.map(() => configuration ?? {}),
  );
  // A rule that throws is a bug: the server tells the user (window/showMessage); stop() fails the test.
  const ruleFailures: string[] = [];
  connection.onNotification('window/showMessage', (p: { message: string }) => {
    if (/failed and was skipped/.test(p.message)) ruleFailures.push(p.message);
  });
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification('$/progress', (p: { value: { kind: string } }) => onProgress?.(p.value.kind, p.value));
  connection.listen();
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri,
    workspaceFolders: rootUri ? [{ uri: rootUri, name: 'workspace' }] : null,
    capabilities: {
      workspace: { configuration: configuration !== undefined },
      window: { workDoneProgress: !!onProgress },
    },
    initializationOptions,
  });
  await connection.sendNotification('initialized', {});
  return {
    connection,
    process: child,
    stderr: () => stderr,
    diagnostics(uri, accept = () => true, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiters.push({
          uri,
          accept,
          resolve: (p) => {
            clearTimeout(timer);
            resolve(p);
          },
        });
      });
    },
    onDiagnostics(listener) {
      listeners.push(listener);
    },
    async stop() {
      await stopServer();
      const failed = [...ruleFailures, ...(stderr.match(/okr-lens: rule \S+ failed[^\n]*/g) ?? [])];
      if (failed.length) throw new Error(`a rule threw (a bug):\n${failed.join('\n')}`);
    },
  };

  async function stopServer(): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return connection.dispose();
    const exited = new Promise((r) => child.once('exit', r));
    // A server that does not answer `shutdown` within 10 s (stuck, or still busy) is killed.
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    try {
      await Promise.race([
        (async () => {
          await connection.sendRequest('shutdown');
          await connection.sendNotification('exit');
        })(),
        exited,
      ]);
    } catch {
      child.kill();
    }
    await exited;
    clearTimeout(killer);
    connection.dispose();
  }
}
