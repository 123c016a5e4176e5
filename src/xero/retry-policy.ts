/**
 * When to try a Xero call again and how long to wait first. Server faults (500, 502, 503, 504),
 * timeouts and dropped connections are retried with exponential backoff and full jitter
 * (base 1 s, doubling, capped at 30 s: AWS "Exponential Backoff and Jitter", 2015), always with
 * the same Idempotency-Key so a retry of a write that did land replays instead of duplicating.
 *
 * @module
 */

export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([500, 502, 503, 504]);

export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = Object.freeze({
  maxAttempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
});

/** Delay before attempt `attempt + 1` (attempt counts from 1), with full jitter. */
export function backoffMs(
  policy: RetryPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

/** Reads Retry-After (seconds, or an HTTP date) in ms; `fallbackMs` when absent or unreadable. */
export function retryAfterMs(header: string | null, nowMs: number, fallbackMs: number): number {
  if (!header) return fallbackMs;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? fallbackMs : Math.max(0, date - nowMs);
}
