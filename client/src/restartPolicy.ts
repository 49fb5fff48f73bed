/**
 * What the extension does when the language server dies or fails to start, without the vscode API so
 * that it can be tested on its own. The server is restarted up to `maxRestarts` times within `windowMs`;
 * past that it stays stopped. The user is told once that it was restarted and once that it was
 * stopped (or failed to start); every other event goes to the output channel only. No storm of pop-ups.
 */
export interface RestartPolicyOptions {
  /** Restarts allowed within `windowMs`; one more crash in that window stops the server. */
  readonly maxRestarts: number;
  readonly windowMs: number;
  readonly now?: () => number;
}

export interface Decision {
  readonly action: 'restart' | 'stop';
  /** For the output channel, every time. */
  readonly log: string;
  /** For a notification, at most once per kind (restarted, stopped) in the extension's life. */
  readonly notify?: { readonly severity: 'info' | 'error'; readonly message: string };
}

export const DEFAULT_RESTART_POLICY: RestartPolicyOptions = { maxRestarts: 4, windowMs: 3 * 60 * 1000 };

export class RestartPolicy {
  private crashes: number[] = [];
  private toldRestart = false;
  private toldStop = false;
  private readonly now: () => number;

  constructor(private readonly options: RestartPolicyOptions = DEFAULT_RESTART_POLICY) {
    this.now = options.now ?? Date.now;
  }

  /** The connection to the server closed without the extension asking for it. */
  closed(): Decision {
    const now = this.now();
    this.crashes = this.crashes.filter((t) => now - t < this.options.windowMs);
    this.crashes.push(now);
    const minutes = Math.round(this.options.windowMs / 60_000);
    if (this.crashes.length <= this.options.maxRestarts) {
      const log = `The OKR language server stopped unexpectedly; restarting it (${this.crashes.length} of ${this.options.maxRestarts} restarts in ${minutes} minutes).`;
      if (this.toldRestart) return { action: 'restart', log };
      this.toldRestart = true;
      return {
        action: 'restart',
        log,
        notify: {
          severity: 'info',
          message:
            'The OKR language server stopped unexpectedly and was restarted. The "OKR Language Server" output has the details.',
        },
      };
    }
    return this.stop(
      `The OKR language server stopped ${this.crashes.length} times in ${minutes} minutes, so it was not restarted again. ` +
        'The "OKR Language Server" output has the details; reload the window to start it again.',
    );
  }

  /** Reading from or writing to the connection failed: the close, if it follows, decides. */
  error(): { readonly action: 'continue' } {
    return { action: 'continue' };
  }

  /** The server answered `initialize` with an error (or never started): no retry, it would fail again. */
  initializationFailed(error: unknown): Decision {
    const reason = error instanceof Error ? error.message : String(error);
    return this.stop(`The OKR language server could not start: ${reason}`);
  }

  /**
   * Whether an error the language client insists on showing ("Restarting server failed", "couldn't
   * create connection") may pop up: only if the user has not been told of a stop yet (it then counts
   * as that one message).
   */
  mayShowError(): boolean {
    if (this.toldStop) return false;
    this.toldStop = true;
    return true;
  }

  private stop(message: string): Decision {
    if (!this.mayShowError()) return { action: 'stop', log: message };
    return { action: 'stop', log: message, notify: { severity: 'error', message } };
  }
}
