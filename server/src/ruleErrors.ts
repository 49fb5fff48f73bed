/**
 * A rule that throws is a bug. The user hears of it once per rule (an error message naming the rule), the
 * log gets each new error with its stack (up to 100), and the rule's other findings and every other
 * rule's still publish.
 */
import type { RuleError } from './service';

export class RuleErrorReporter {
  private readonly told = new Set<string>();
  private readonly logged = new Set<string>();

  constructor(
    private readonly log: (message: string) => void,
    private readonly tell: (message: string) => void,
  ) {}

  report(e: RuleError): void {
    const detail = e.cause instanceof Error ? (e.cause.stack ?? e.cause.message) : String(e.cause);
    const key = `${e.rule}\n${detail}`;
    if (!this.logged.has(key) && this.logged.size < 100) {
      this.logged.add(key);
      this.log(`okr-lens: rule ${e.rule} failed (its findings are missing): ${detail}`);
    }
    if (this.told.has(e.rule)) return;
    this.told.add(e.rule);
    this.tell(
      `okr-lens: the rule ${e.rule} failed and was skipped. This is a bug in okr-lens; the "OKR Language Server" output has the details.`,
    );
  }
}
