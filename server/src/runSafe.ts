/** Handlers never take the server down: a failure is logged once per handler call and answered empty. */
export type Log = (message: string) => void;

export function runSafe<T>(log: Log, name: string, empty: T, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    log(`okr-lens: ${name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return empty;
  }
}
