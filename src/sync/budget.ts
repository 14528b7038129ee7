/**
 * The write budget: at most `perMinute` writes in any 60 s and `perHour` in any hour, per
 * tracker, counted across runs (the times live in the store). GitHub's secondary limits for
 * content creation are 80/min and 500/h, may change without notice and cannot be queried, so the
 * defaults stay well under them. Over the minute budget a run waits; over the hour budget it stops
 * and the rest waits for a later run.
 */
export interface BudgetClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: BudgetClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface BudgetLedger {
  recordWrite(tracker: string, atMs: number): void;
  writesSince(tracker: string, sinceMs: number): number[];
}

export interface BudgetLimits {
  readonly perMinute: number;
  readonly perHour: number;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;

export class WriteBudget {
  private readonly ledger: BudgetLedger;
  private readonly limits: BudgetLimits;
  private readonly clock: BudgetClock;
  /** Total time spent waiting for the minute window, for the run's report. */
  waitedMs = 0;

  constructor(ledger: BudgetLedger, limits: BudgetLimits, clock: BudgetClock = realClock) {
    this.ledger = ledger;
    this.limits = limits;
    this.clock = clock;
  }

  /** Counts writes made outside take() (an adapter's label creation), so the windows stay true. */
  spent(tracker: string, count: number): void {
    for (let i = 0; i < count; i++) this.ledger.recordWrite(tracker, this.clock.now());
  }

  /**
   * Takes one write for `tracker`, waiting for the minute window if needed. Returns false, taking
   * nothing, when the hour's budget is spent: the caller stops writing to that tracker.
   */
  async take(tracker: string): Promise<boolean> {
    for (;;) {
      const now = this.clock.now();
      const lastHour = this.ledger.writesSince(tracker, now - HOUR + 1);
      if (lastHour.length >= this.limits.perHour) return false;
      const lastMinute = lastHour.filter((t) => t > now - MINUTE);
      if (lastMinute.length < this.limits.perMinute) {
        this.ledger.recordWrite(tracker, now);
        return true;
      }
      // The oldest write in the window leaves it at oldest + 60 s.
      const oldest = lastMinute[lastMinute.length - this.limits.perMinute] ?? now;
      const wait = Math.max(1, oldest + MINUTE - now);
      this.waitedMs += wait;
      await this.clock.sleep(wait);
    }
  }
}
