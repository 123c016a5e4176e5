/**
 * What happens to a call before it reaches the books: seeded faults, the per-token rate limit and
 * the counters the tests and benchmarks read.
 *
 * Faults reuse the Xero sandbox's seeded draws (src/sandbox/xero/faults.ts: mulberry32 per
 * (seed, call number), endpoint globs), so the same seed and calls give the same faults. Beyond
 * its kinds there is `http429`, and `nthRequest`: the nth call matching an endpoint fails once —
 * "a page that fails half-way" through a paged read.
 *
 * Actionstep's rate limit is per user session with orgkey and IP limits above it, numbers
 * unpublished and "will eventually adjust dynamically" (docs.actionstep.com/api-limits); the
 * emulator's is a fixed window per access token, OFF by default, with a 429 and `Retry-After` in
 * clock seconds when on (Retry-After is an assumption: the docs only say to back off).
 *
 * @module
 */
import type { Clock } from '../../time/clock.js';
import { drawsFor, globToRegExp } from '../xero/faults.js';
import type { WebhookCounts } from './webhooks.js';

export type FaultKind = 'http500' | 'http503' | 'http429' | 'timeout' | 'drop';

export interface FaultRule {
  kind: FaultKind;
  /** Fraction of matching calls that fail this way (default 1). */
  rate?: number;
  /** Glob over endpoint keys: "GET /bills", "GET /bills/{id}", "POST /api/oauth/token". */
  endpoint?: string;
  /** Of the failing writes (POST, PUT, PATCH, DELETE), the fraction failing after being applied. */
  afterWrite?: number;
  /** timeout: how long the connection is held, in clock ms (default 120,000). */
  holdMs?: number;
  /** timeout: dropped (default) or answered after the hold. */
  then?: 'answer' | 'drop';
  /** http429: the Retry-After seconds (default 30). */
  retryAfterSeconds?: number;
}

export interface NthRequestFault {
  endpoint: string;
  /** 1-based: the nth matching call fails, once. */
  nth: number;
  kind?: 'http500' | 'http503';
}

export interface FaultConfig {
  seed?: number;
  rules?: FaultRule[];
  nthRequest?: NthRequestFault[];
}

export interface FaultDecision {
  kind: FaultKind;
  phase: 'before' | 'after';
  holdMs: number;
  then: 'answer' | 'drop';
  retryAfterSeconds: number;
}

export class Faults {
  private config: FaultConfig | undefined;
  private calls = 0;
  private nthSeen: number[] = [];

  set(config: FaultConfig | undefined): void {
    this.config = config ? structuredClone(config) : undefined;
    this.calls = 0;
    this.nthSeen = (config?.nthRequest ?? []).map(() => 0);
  }

  get(): FaultConfig | undefined {
    return this.config ? structuredClone(this.config) : undefined;
  }

  decide(endpoint: string, isWrite: boolean): FaultDecision | undefined {
    if (!this.config) return undefined;
    const nth = this.nthFault(endpoint);
    if (nth) return nth;
    const draw = drawsFor(this.config.seed ?? 1, this.calls);
    this.calls += 1;
    const [u, phaseDraw] = [draw(), draw()];
    let band = 0;
    for (const rule of this.config.rules ?? []) {
      if (rule.endpoint && !globToRegExp(rule.endpoint).test(endpoint)) continue;
      band += Math.max(0, Math.min(1, rule.rate ?? 1));
      if (u >= band) continue;
      return {
        kind: rule.kind,
        phase: isWrite && phaseDraw < (rule.afterWrite ?? 0) ? 'after' : 'before',
        holdMs: rule.holdMs ?? 120_000,
        then: rule.then ?? 'drop',
        retryAfterSeconds: rule.retryAfterSeconds ?? 30,
      };
    }
    return undefined;
  }

  private nthFault(endpoint: string): FaultDecision | undefined {
    const entries = this.config?.nthRequest ?? [];
    for (const [i, entry] of entries.entries()) {
      if (!globToRegExp(entry.endpoint).test(endpoint)) continue;
      const seen = (this.nthSeen[i] ?? 0) + 1;
      this.nthSeen[i] = seen;
      if (seen === entry.nth)
        return {
          kind: entry.kind ?? 'http500',
          phase: 'before',
          holdMs: 0,
          then: 'drop',
          retryAfterSeconds: 0,
        };
    }
    return undefined;
  }
}

export interface RateLimitSettings {
  enabled: boolean;
  /** Calls allowed per token in one window. */
  limit: number;
  windowSeconds: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitSettings = {
  enabled: false,
  limit: 60,
  windowSeconds: 60,
};

/** Fixed windows per access token, starting at the token's first call, on the clock. */
export class TokenRateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly clock: Clock,
    public settings: RateLimitSettings,
  ) {}

  /** undefined when admitted; otherwise the Retry-After seconds. */
  admit(token: string): number | undefined {
    if (!this.settings.enabled) return undefined;
    const now = this.clock.now();
    const length = this.settings.windowSeconds * 1000;
    let w = this.windows.get(token);
    if (!w || now - w.start >= length) {
      w = { start: now, count: 0 };
      this.windows.set(token, w);
    }
    if (w.count >= this.settings.limit)
      return Math.max(1, Math.ceil((w.start + length - now) / 1000));
    w.count += 1;
    return undefined;
  }
}

export interface EmulatorStats {
  requests: number;
  /** "GET /bills" → { "200": 12, "429": 1 }. */
  byEndpoint: Record<string, Record<string, number>>;
  byOrganisation: Record<string, number>;
  rateLimited: number;
  faults: Record<FaultKind, number>;
  appliedThenFailed: number;
  webhooks: WebhookCounts;
}

export class StatsRecorder {
  private data = StatsRecorder.empty();

  constructor(private readonly webhookCounts: () => WebhookCounts) {}

  private static empty(): Omit<EmulatorStats, 'webhooks'> {
    return {
      requests: 0,
      byEndpoint: {},
      byOrganisation: {},
      rateLimited: 0,
      faults: { http500: 0, http503: 0, http429: 0, timeout: 0, drop: 0 },
      appliedThenFailed: 0,
    };
  }

  reset(): void {
    this.data = StatsRecorder.empty();
  }

  snapshot(): EmulatorStats {
    return { ...structuredClone(this.data), webhooks: { ...this.webhookCounts() } };
  }

  call(endpoint: string, status: number | 'dropped', orgkey: string | undefined): void {
    this.data.requests += 1;
    const byStatus = (this.data.byEndpoint[endpoint] ??= {});
    byStatus[String(status)] = (byStatus[String(status)] ?? 0) + 1;
    if (orgkey) this.data.byOrganisation[orgkey] = (this.data.byOrganisation[orgkey] ?? 0) + 1;
  }

  rateLimited(): void {
    this.data.rateLimited += 1;
  }

  fault(kind: FaultKind): void {
    this.data.faults[kind] += 1;
  }

  appliedThenFailed(): void {
    this.data.appliedThenFailed += 1;
  }
}
