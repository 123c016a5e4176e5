/**
 * Xero's rate limits (reference §2): per app and organisation 60 calls a minute, 5 in progress at
 * once and a daily limit (5,000; 1,000 on the Starter tier); per app 10,000 calls a minute over
 * all organisations. Every response says what is left (`X-DayLimit-Remaining`,
 * `X-MinLimit-Remaining`, `X-AppMinLimit-Remaining`); a refused call gets 429 with
 * `X-Rate-Limit-Problem` and, for the minute and day limits, `Retry-After` in seconds.
 *
 * Windows are fixed and start at an organisation's first call, so they "reset at different times
 * per tenant" as Xero's do; they are measured on the injected clock, and Retry-After is in that
 * clock's seconds. A refused call is not counted against the windows. Switched off, the limiter
 * still counts and reports but never refuses (for throughput benchmarks).
 *
 * @module
 */
import type { Clock } from '../../time/clock.js';

export type RateLimitProblem = 'minute' | 'day' | 'concurrent' | 'appminute';

export interface LimitSettings {
  enabled: boolean;
  perMinute: number;
  concurrent: number;
  appPerMinute: number;
}

export const XERO_LIMITS: LimitSettings = {
  enabled: true,
  perMinute: 60,
  concurrent: 5,
  appPerMinute: 10_000,
};

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

interface Window {
  start: number;
  count: number;
}

interface TenantCounters {
  minute: Window;
  day: Window;
  inFlight: number;
}

export type Admission =
  | { ok: true; headers: Record<string, string>; inFlight: number; release: () => void }
  | { ok: false; problem: RateLimitProblem; headers: Record<string, string> };

function roll(window: Window, now: number, length: number): void {
  if (now - window.start >= length) {
    window.start = now;
    window.count = 0;
  }
}

function secondsLeft(window: Window, now: number, length: number): number {
  return Math.max(1, Math.ceil((window.start + length - now) / 1000));
}

export class RateLimiter {
  private readonly tenants = new Map<string, TenantCounters>();
  private readonly apps = new Map<string, Window>();

  constructor(
    private readonly clock: Clock,
    public settings: LimitSettings,
  ) {}

  /** Forgets every window (sandbox reset). */
  reset(): void {
    this.tenants.clear();
    this.apps.clear();
  }

  /** Admits one call of `appId` to `tenantId`, whose daily limit is `dailyLimit`. */
  admit(appId: string, tenantId: string, dailyLimit: number): Admission {
    const now = this.clock.now();
    const t = this.counters(`${appId}\u0000${tenantId}`, now);
    const app = this.appWindow(appId, now);
    roll(t.minute, now, MINUTE_MS);
    roll(t.day, now, DAY_MS);
    roll(app, now, MINUTE_MS);
    const problem = this.settings.enabled ? this.problemOf(t, app, dailyLimit) : undefined;
    if (problem) {
      const headers = this.headers(t, app, dailyLimit);
      if (problem === 'minute')
        headers['Retry-After'] = String(secondsLeft(t.minute, now, MINUTE_MS));
      if (problem === 'day') headers['Retry-After'] = String(secondsLeft(t.day, now, DAY_MS));
      if (problem === 'appminute')
        headers['Retry-After'] = String(secondsLeft(app, now, MINUTE_MS));
      headers['X-Rate-Limit-Problem'] = problem;
      return { ok: false, problem, headers };
    }
    t.minute.count += 1;
    t.day.count += 1;
    app.count += 1;
    t.inFlight += 1;
    let released = false;
    const release = (): void => {
      if (!released) t.inFlight -= 1;
      released = true;
    };
    return { ok: true, headers: this.headers(t, app, dailyLimit), inFlight: t.inFlight, release };
  }

  private problemOf(
    t: TenantCounters,
    app: Window,
    dailyLimit: number,
  ): RateLimitProblem | undefined {
    if (t.day.count >= dailyLimit) return 'day';
    if (t.minute.count >= this.settings.perMinute) return 'minute';
    if (app.count >= this.settings.appPerMinute) return 'appminute';
    if (t.inFlight >= this.settings.concurrent) return 'concurrent';
    return undefined;
  }

  private headers(t: TenantCounters, app: Window, dailyLimit: number): Record<string, string> {
    return {
      'X-DayLimit-Remaining': String(Math.max(0, dailyLimit - t.day.count)),
      'X-MinLimit-Remaining': String(Math.max(0, this.settings.perMinute - t.minute.count)),
      'X-AppMinLimit-Remaining': String(Math.max(0, this.settings.appPerMinute - app.count)),
    };
  }

  private counters(key: string, now: number): TenantCounters {
    let t = this.tenants.get(key);
    if (!t) {
      t = { minute: { start: now, count: 0 }, day: { start: now, count: 0 }, inFlight: 0 };
      this.tenants.set(key, t);
    }
    return t;
  }

  private appWindow(appId: string, now: number): Window {
    let w = this.apps.get(appId);
    if (!w) {
      w = { start: now, count: 0 };
      this.apps.set(appId, w);
    }
    return w;
  }
}
