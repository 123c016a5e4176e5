/**
 * Login throttling: after 5 failed sign-ins for one account, or 20 from one address, within 15
 * minutes, further attempts are refused until the oldest failure leaves the window (OWASP's
 * authentication cheat sheet, "Login Throttling"). Counted in this process's memory: a restart
 * forgets, and several `serve` processes each count on their own — enough to make guessing
 * slow, which is its purpose.
 *
 * @module
 */

export const WINDOW_MS = 15 * 60_000;
export const MAX_PER_ACCOUNT = 5;
export const MAX_PER_ADDRESS = 20;

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Milliseconds until an attempt is allowed, or 0 when allowed now. */
  waitFor(account: string, address: string): number {
    return Math.max(
      this.wait(`account:${account}`, MAX_PER_ACCOUNT),
      this.wait(`address:${address}`, MAX_PER_ADDRESS),
    );
  }

  fail(account: string, address: string): void {
    for (const key of [`account:${account}`, `address:${address}`]) {
      const recent = this.recent(key);
      recent.push(this.now());
      this.failures.set(key, recent);
    }
  }

  /** A successful sign-in clears the account's failures (not the address's). */
  succeed(account: string): void {
    this.failures.delete(`account:${account}`);
  }

  private wait(key: string, max: number): number {
    const recent = this.recent(key);
    if (recent.length < max) return 0;
    return recent[recent.length - max]! + WINDOW_MS - this.now();
  }

  private recent(key: string): number[] {
    const since = this.now() - WINDOW_MS;
    const kept = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (kept.length === 0) this.failures.delete(key);
    else this.failures.set(key, kept);
    return kept;
  }
}
