/**
 * Prometheus metrics at `GET /metrics` (text format, prom-client 15), behind the same
 * authentication as everything else: Prometheus scrapes with a viewer API key as its bearer token
 * (docs/service.md). What the store knows (runs, open sync errors, Xero calls, lag, the queue) is
 * read at each scrape, so any `serve` answers for the whole cluster; what only this process sees
 * (pushes answered, webhook deliveries) is counted here from its start.
 *
 * @module
 */
import { Hono } from 'hono';
import { Counter, Gauge, Registry } from 'prom-client';
import { readServiceHealth } from '../service/service-health.js';
import type { Database } from '../store/database.js';
import { countRunsByOutcome } from '../store/runs-repo.js';
import { countOpenSyncErrorsByCode } from '../store/sync-errors-repo.js';
import type { Clock } from '../time/clock.js';
import { jobDurations } from '../queue/job-timings.js';
import { budgetFigures, callsToday } from '../xero/budget-store.js';
import { XERO_LIMITS } from '../xero/budget.js';
import { requirePermission, type AuthEnv } from './principal.js';

export type PushedCounts = Readonly<
  Record<'added' | 'changed' | 'deleted' | 'unchanged' | 'rejected', number>
>;

/** What `/metrics` answers with. */
export interface MetricsText {
  render(): Promise<{ contentType: string; text: string }>;
}

export interface ServiceMetrics extends MetricsText {
  documentsPushed(source: string, counts: PushedCounts): void;
  webhookDelivery(source: string, outcome: 'accepted' | 'refused'): void;
}

/**
 * A `worker` process's own figures: the jobs it ran. The installation's figures (runs, errors,
 * Xero budgets, queue) come from `serve`'s `/metrics` alone, read from the shared store — were
 * every worker to export them too, each series would be scraped once per process.
 */
export function makeWorkerMetrics(): MetricsText {
  const registry = new Registry();
  registry.registerMetric(jobDurations);
  return {
    render: async () => ({ contentType: registry.contentType, text: await registry.metrics() }),
  };
}

export function makeServiceMetrics(db: Database, clock: Clock): ServiceMetrics {
  const registry = new Registry();
  const gauge = (name: string, help: string, labelNames: string[]) =>
    new Gauge({ name, help, labelNames, registers: [registry] });
  const pushed = new Counter({
    name: 'ledgerbridge_documents_pushed_total',
    help: 'Records pushed to the push API, by source and outcome',
    labelNames: ['source', 'outcome'],
    registers: [registry],
  });
  const deliveries = new Counter({
    name: 'ledgerbridge_webhook_deliveries_total',
    help: 'Webhook deliveries, by sender and outcome (refused: unsigned or forged)',
    labelNames: ['source', 'outcome'],
    registers: [registry],
  });
  const g = {
    runs: gauge('ledgerbridge_runs', 'Runs recorded, by kind and outcome', ['kind', 'status']),
    errors: gauge('ledgerbridge_sync_errors_open', 'Open sync errors, by code', ['code']),
    calls: gauge('ledgerbridge_xero_calls_today', 'Xero calls in the day window', ['tenant_id']),
    limit: gauge('ledgerbridge_xero_daily_limit', 'Xero calls allowed a day', ['tenant_id']),
    orgLag: gauge('ledgerbridge_sync_lag_seconds', 'Since the last finished sync', ['tenant_id']),
    srcLag: gauge('ledgerbridge_source_lag_seconds', 'Since the last pull or push', ['source']),
    jobs: gauge('ledgerbridge_queue_jobs', 'Jobs in the queue, by job and state', ['job', 'state']),
    throttled: gauge('ledgerbridge_xero_429s', '429s Xero answered, every process', ['tenant_id']),
    left: gauge('ledgerbridge_xero_budget_left', 'Xero calls left now', ['tenant_id', 'window']),
  };
  registry.registerMetric(jobDurations);
  const refresh = async () => {
    for (const metric of Object.values(g)) metric.reset();
    const now = clock.now();
    for (const r of await countRunsByOutcome(db))
      g.runs.set({ kind: r.kind, status: r.status }, r.count);
    for (const e of await countOpenSyncErrorsByCode(db)) g.errors.set({ code: e.code }, e.count);
    const health = await readServiceHealth(db, new Date(now));
    for (const o of health.organisations) {
      g.calls.set({ tenant_id: o.tenantId }, await callsToday(db, o.tenantId, now));
      g.limit.set({ tenant_id: o.tenantId }, XERO_LIMITS.perDay);
      const budget = await budgetFigures(db, o.tenantId, now, XERO_LIMITS);
      g.throttled.set({ tenant_id: o.tenantId }, budget.rateLimited);
      g.left.set({ tenant_id: o.tenantId, window: 'minute' }, budget.minuteLeft);
      g.left.set({ tenant_id: o.tenantId, window: 'day' }, budget.dayLeft);
      if (o.lagSeconds !== null) g.orgLag.set({ tenant_id: o.tenantId }, o.lagSeconds);
    }
    for (const s of health.sources)
      if (s.lagSeconds !== null) g.srcLag.set({ source: s.name }, s.lagSeconds);
    for (const j of health.jobs) g.jobs.set({ job: j.name, state: j.state }, j.count);
  };
  return {
    documentsPushed: (source, counts) => {
      for (const [outcome, n] of Object.entries(counts)) pushed.inc({ source, outcome }, n);
    },
    webhookDelivery: (source, outcome) => deliveries.inc({ source, outcome }),
    render: async () => {
      await refresh();
      return { contentType: registry.contentType, text: await registry.metrics() };
    },
  };
}

/** `GET /metrics` for anyone who may read (a viewer key is enough). */
export function metricsRoutes(metrics: MetricsText): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  app.get('/metrics', requirePermission('read'), async (c) => {
    const { contentType, text } = await metrics.render();
    return c.body(text, 200, { 'content-type': contentType });
  });
  return app;
}
