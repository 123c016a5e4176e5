/**
 * A source's request budget, in this process: a sliding minute window kept below the PMS's
 * documented limit (Cliniko 200 a minute per user, Clio ~50 a minute per token at peak;
 * reference/pms-apis.md §0.5), and a pause when the PMS answers 429 for as long as it says.
 * Simpler than Xero's (src/xero/budget.ts): a source is pulled by one process at a time, so the
 * window need not be shared through the store.
 *
 * @module
 */
import { systemClock, type Clock } from '../../time/clock.js';

const MINUTE_MS = 60_000;

export interface RateBudgetState {
  /** The limit kept to; Infinity when none (an emulator without limits). */
  readonly perMinute: number;
  readonly usedLastMinute: number;
  /** Set while a 429 pause lasts. */
  readonly pausedUntil: Date | undefined;
  readonly requests: number;
  readonly throttled: number;
}

export class RateBudget {
  private readonly calls: number[] = [];
  private pausedUntilMs = 0;
  private requests = 0;
  private throttled = 0;

  constructor(
    readonly perMinute: number,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Waits until a request may be sent, then counts it. */
  async take(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      while (this.calls.length > 0 && this.calls[0]! <= now - MINUTE_MS) this.calls.shift();
      const wait = Math.max(
        this.pausedUntilMs - now,
        this.calls.length >= this.perMinute ? this.calls[0]! + MINUTE_MS - now : 0,
      );
      if (wait <= 0) break;
      await this.clock.sleep(wait, signal);
    }
    if (Number.isFinite(this.perMinute)) this.calls.push(this.clock.now());
    this.requests++;
  }

  /** The PMS said 429: nothing is sent before `untilMs`. */
  pause(untilMs: number): void {
    this.throttled++;
    this.pausedUntilMs = Math.max(this.pausedUntilMs, untilMs);
  }

  now(): number {
    return this.clock.now();
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return this.clock.sleep(ms, signal);
  }

  state(): RateBudgetState {
    const now = this.clock.now();
    return {
      perMinute: this.perMinute,
      usedLastMinute: this.calls.filter((t) => t > now - MINUTE_MS).length,
      pausedUntil: this.pausedUntilMs > now ? new Date(this.pausedUntilMs) : undefined,
      requests: this.requests,
      throttled: this.throttled,
    };
  }
}
