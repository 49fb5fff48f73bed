/**
 * Validation scheduling: one pending run per document, started on the next turn of the event loop
 * (no fixed delay), and a generation check so that a result computed for an older version is never
 * published over a newer one.
 */
import { nextTurn } from './nextTurn';

export class ValidationScheduler {
  private readonly pending = new Map<string, () => void>();
  private readonly generation = new Map<string, number>();

  constructor(private readonly run: (uri: string, isCurrent: () => boolean) => void | Promise<void>) {}

  schedule(uri: string): void {
    const gen = (this.generation.get(uri) ?? 0) + 1;
    this.generation.set(uri, gen);
    if (this.pending.has(uri)) return;
    this.pending.set(
      uri,
      nextTurn(() => {
        this.pending.delete(uri);
        const started = this.generation.get(uri);
        void this.run(uri, () => this.generation.get(uri) === started);
      }),
    );
  }

  /** Drops any pending run; results of a run in flight will be seen as stale. */
  cancel(uri: string): void {
    const p = this.pending.get(uri);
    p?.();
    this.pending.delete(uri);
    this.generation.set(uri, (this.generation.get(uri) ?? 0) + 1);
  }
}
