/**
 * Clio's rate limit (docs.developers.clio.com/api-docs/rate-limits): per access token, a 60-second
 * window; every answer carries `X-RateLimit-Limit` (requests allowed in the window),
 * `X-RateLimit-Remaining` and `X-RateLimit-Reset` (unix time the window ends); past the limit,
 * 429 with `Retry-After` in seconds. The default is 50 requests a minute at peak hours, higher
 * off-peak by an unpublished amount — the emulator applies one limit at all hours (default 50,
 * on), switchable and configurable through the control surface. Windows start at a token's
 * first call and are measured on the injected clock.
 *
 * @module
 */
import type { Clock } from '../../time/clock.js';

export interface RateLimitSettings {
  enabled: boolean;
  /** Requests allowed per token in one window (default 50). */
  limit: number;
  windowSeconds: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitSettings = {
  enabled: true,
  limit: 50,
  windowSeconds: 60,
};

export interface Admission {
  admitted: boolean;
  /** The X-RateLimit-* headers (and Retry-After when refused); empty when switched off. */
  headers: Record<string, string>;
}

export class TokenRateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly clock: Clock,
    public settings: RateLimitSettings,
  ) {}

  admit(token: string): Admission {
    if (!this.settings.enabled) return { admitted: true, headers: {} };
    const now = this.clock.now();
    const length = this.settings.windowSeconds * 1000;
    let w = this.windows.get(token);
    if (!w || now - w.start >= length) {
      w = { start: now, count: 0 };
      this.windows.set(token, w);
    }
    const admitted = w.count < this.settings.limit;
    if (admitted) w.count += 1;
    const end = w.start + length;
    const headers: Record<string, string> = {
      'x-ratelimit-limit': String(this.settings.limit),
      'x-ratelimit-remaining': String(this.settings.limit - w.count),
      'x-ratelimit-reset': String(Math.ceil(end / 1000)),
    };
    if (!admitted) headers['retry-after'] = String(Math.max(1, Math.ceil((end - now) / 1000)));
    return { admitted, headers };
  }

  /** Forgets every window (a new limit applies from the next call). */
  reset(): void {
    this.windows.clear();
  }
}
