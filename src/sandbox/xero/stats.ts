/**
 * Counters the tests and benchmarks read through the control surface: calls by endpoint and
 * status, calls per organisation, 429s by problem, the highest concurrency seen per organisation,
 * injected faults, writes that were applied and then failed, idempotent replays, webhook deliveries.
 *
 * @module
 */
import type { FaultKind } from './faults.js';
import type { RateLimitProblem } from './limits.js';

export interface SandboxStats {
  calls: number;
  /** "PUT /Invoices" → { "200": 12, "400": 1 }. */
  byEndpoint: Record<string, Record<string, number>>;
  byTenant: Record<string, number>;
  rateLimited: Record<RateLimitProblem, number>;
  maxConcurrency: Record<string, number>;
  faults: Record<FaultKind, number>;
  appliedThenFailed: number;
  appliedThenFailedByEndpoint: Record<string, number>;
  idempotentReplays: number;
  webhooks: { delivered: number; failedAttempts: number; dropped: number };
}

function empty(): SandboxStats {
  return {
    calls: 0,
    byEndpoint: {},
    byTenant: {},
    rateLimited: { minute: 0, day: 0, concurrent: 0, appminute: 0 },
    maxConcurrency: {},
    faults: { http500: 0, http503: 0, timeout: 0, drop: 0 },
    appliedThenFailed: 0,
    appliedThenFailedByEndpoint: {},
    idempotentReplays: 0,
    webhooks: { delivered: 0, failedAttempts: 0, dropped: 0 },
  };
}

function bump(map: Record<string, number>, key: string, by = 1): void {
  map[key] = (map[key] ?? 0) + by;
}

export class StatsRecorder {
  private data = empty();

  reset(): void {
    this.data = empty();
  }

  snapshot(): SandboxStats {
    return structuredClone(this.data);
  }

  call(endpoint: string, status: number | 'dropped', tenantId: string | undefined): void {
    this.data.calls += 1;
    const byStatus = (this.data.byEndpoint[endpoint] ??= {});
    bump(byStatus, String(status));
    if (tenantId) bump(this.data.byTenant, tenantId);
  }

  rateLimited(problem: RateLimitProblem): void {
    this.data.rateLimited[problem] += 1;
  }

  concurrency(tenantId: string, inFlight: number): void {
    if (inFlight > (this.data.maxConcurrency[tenantId] ?? 0))
      this.data.maxConcurrency[tenantId] = inFlight;
  }

  fault(kind: FaultKind): void {
    this.data.faults[kind] += 1;
  }

  appliedThenFailed(endpoint: string): void {
    this.data.appliedThenFailed += 1;
    bump(this.data.appliedThenFailedByEndpoint, endpoint);
  }

  replay(): void {
    this.data.idempotentReplays += 1;
  }

  webhook(outcome: 'delivered' | 'failedAttempts' | 'dropped', count = 1): void {
    this.data.webhooks[outcome] += count;
  }
}
