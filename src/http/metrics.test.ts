/**
 * `/metrics` over the server `serve` builds, on both backends: Prometheus text with a viewer key,
 * the store's figures read at the scrape (runs, lag, queue, failed jobs) and this process's
 * counts (pushes, refused webhook deliveries, job durations); Xero's 429s and the budget left. `status`'s service lines read the same health.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/support/backends.js';
import { serverWorld, type ServerWorld } from '../../test/support/server-world.js';
import { createApiKey } from '../auth/api-keys.js';
import { renderStatus } from '../cli/commands/status.js';
import { exampleContact } from '../ledger/test-support/examples.js';
import { readServiceHealth } from '../service/service-health.js';
import { readStoreStatus } from '../store/store-status.js';
import { upsertOrganisation } from '../store/organisations-repo.js';
import { systemClock } from '../time/clock.js';
import { makeSharedBudget } from '../xero/budget-store.js';
import { XERO_LIMITS } from '../xero/budget.js';

describe.each(BACKENDS)('metrics and service health on %s', (backend) => {
  let world: ServerWorld;
  let viewer: string;
  let pusher: string;
  beforeAll(async () => {
    world = await serverWorld(backend);
    viewer = (await createApiKey(world.fresh.db, { role: 'viewer', actor: 'test' })).key;
    pusher = (await createApiKey(world.fresh.db, { role: 'accountant', actor: 'test' })).key;
    await upsertOrganisation(world.fresh.db, {
      tenantId: 't-1',
      name: 'Clinic Pty',
      connectionKind: 'oauth',
    });
  });
  afterAll(async () => world.dispose());

  const scrape = async (key?: string) => {
    const res = await world.app.request('/metrics', {
      headers: key ? { authorization: `Bearer ${key}` } : {},
    });
    return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
  };

  it('answers Prometheus text to a viewer key, and nothing without one', async () => {
    expect((await scrape()).status).toBe(401);
    await world.app.request('/api/sources/clinic/documents', {
      method: 'POST',
      body: JSON.stringify([exampleContact]),
      headers: { authorization: `Bearer ${pusher}`, 'content-type': 'application/json' },
    });
    const forged = await world.app.request('/webhooks/xero', {
      method: 'POST',
      body: '{"events":[]}',
      headers: { 'x-xero-signature': 'Zm9yZ2Vk' },
    });
    expect(forged.status).toBe(401);
    const jobId = await world.queue.send('sync-organisation', { tenantId: 't-1' });

    const { status, text, type } = await scrape(viewer);
    expect(status).toBe(200);
    expect(type).toContain('text/plain');
    expect(text).toContain(
      'ledgerbridge_documents_pushed_total{source="clinic",outcome="added"} 1',
    );
    expect(text).toContain(
      'ledgerbridge_webhook_deliveries_total{source="xero",outcome="refused"} 1',
    );
    expect(text).toContain('ledgerbridge_runs{kind="import",status="succeeded"} 1');
    expect(text).toContain('ledgerbridge_queue_jobs{job="sync-organisation",state="created"} 1');
    expect(text).toContain('ledgerbridge_xero_calls_today{tenant_id="t-1"} 0');
    expect(text).toMatch(/ledgerbridge_source_lag_seconds\{source="clinic"\} \d/);
    expect(jobId).toBeTruthy();
  });

  it("exports Xero's 429s and the budget left per organisation, and this process's job durations", async () => {
    const budget = makeSharedBudget(world.fresh.db, systemClock, () => XERO_LIMITS);
    await budget.pause('t-1', 'minute', 10);
    await budget.pause('t-1', 'concurrent', 10);
    await world.queue.work('clean-up', () => Promise.resolve());
    await world.queue.send('clean-up', {});
    const durations =
      /ledgerbridge_job_duration_seconds_count\{job="clean-up",outcome="ok"\} [1-9]/;
    const end = Date.now() + 15_000;
    let text = (await scrape(viewer)).text;
    while (!durations.test(text) && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 200));
      text = (await scrape(viewer)).text;
    }
    expect(text).toMatch(durations);
    expect(text).toContain('ledgerbridge_xero_429s{tenant_id="t-1"} 2');
    expect(text).toContain(
      `ledgerbridge_xero_budget_left{tenant_id="t-1",window="minute"} ${XERO_LIMITS.perMinute}`,
    );
    expect(text).toContain(
      `ledgerbridge_xero_budget_left{tenant_id="t-1",window="day"} ${XERO_LIMITS.perDay}`,
    );
  });

  it('shows lag and failed jobs in status', async () => {
    const db = world.fresh.db;
    const id = await world.queue.send('pull-source', { source: 'firm' });
    // The state pg-boss leaves a job in after its last retry (pg-boss 10's job table).
    await db.query(
      `UPDATE pgboss.job SET state = 'failed', completed_on = now(), retry_count = 3,
         output = '{"message":"Clio answered 503"}' WHERE id = $1`,
      [id],
    );
    const health = await readServiceHealth(db, new Date());
    expect(health.failedJobs[0]).toMatchObject({ name: 'pull-source', error: 'Clio answered 503' });
    expect(health.sources.find((s) => s.name === 'clinic')?.lagSeconds).toBeGreaterThanOrEqual(0);
    expect(health.organisations).toEqual([
      expect.objectContaining({ tenantId: 't-1', lastOkAt: null, lagSeconds: null }),
    ]);
    const text = renderStatus({ ...(await readStoreStatus(db, 1)), service: health });
    expect(text).toContain('last sync      Clinic Pty: never');
    expect(text).toMatch(/last import {4}clinic: \d+ s ago/);
    expect(text).toContain('failed job     pull-source firm');
    expect(text).toContain('Clio answered 503');
  });
});
