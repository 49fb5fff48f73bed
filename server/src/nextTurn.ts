/**
 * "On the next turn of the event loop", in Node (setImmediate) and in a Web Worker (a MessageChannel
 * message: setTimeout(0) is clamped to 4 ms once nested, which a full pass's batches would pay each time).
 */
type Immediate = (callback: () => void) => unknown;
type ClearImmediate = (handle: unknown) => void;
/** A web MessagePort, as the browser and Node 15+ both have it. */
interface Port {
  onmessage: (() => void) | null;
  postMessage(message: unknown): void;
  close(): void;
}

const g = globalThis as { setImmediate?: Immediate; clearImmediate?: ClearImmediate };

/** Runs `callback` on the next turn; returns a function that cancels it if it has not run yet. */
export function nextTurn(callback: () => void): () => void {
  if (g.setImmediate && g.clearImmediate) {
    const handle = g.setImmediate(callback);
    const clear = g.clearImmediate;
    return () => clear(handle);
  }
  let cancelled = false;
  const { port1, port2 } = new MessageChannel() as unknown as { port1: Port; port2: Port };
  port1.onmessage = () => {
    port1.close();
    if (!cancelled) callback();
  };
  port2.postMessage(undefined);
  return () => {
    cancelled = true;
  };
}

/** A promise for the next turn. */
export function turn(): Promise<void> {
  return new Promise((resolve) => void nextTurn(resolve));
}
