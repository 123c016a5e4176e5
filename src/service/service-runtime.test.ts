import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/support/backends.js';
import { invoice, newSyncWorld, processEnv } from '../../test/support/sync-world.js';
import { disposeWorlds } from '../../test/support/xero-world.js';
import { loadConfig } from '../config/index.js';
import { exampleContact } from '../ledger/test-support/examples.js';
import { makeLogger } from '../log/logger.js';
import { serviceApp } from '../http/service-app.js';
import { openJobQueue } from '../queue/pg-boss-queue.js';
import type { JobQueue } from '../queue/job-queue.js';
import { startScheduler } from './scheduler.js';
import { startWorking } from './service-runtime.js';

async function until(probe: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.each(BACKENDS)('the service on %s', (backend) => {
  let queue: JobQueue | undefined;
  afterEach(async () => {
    await queue?.stop();
    queue = undefined;
    await disposeWorlds();
  });

  it('syncs an imported practice by itself, and what is imported later on the next tick', async () => {
    const w = await newSyncWorld({ backend });
    await w.ingest(exampleContact, invoice(1), invoice(2));
    // 0.05 minutes: a tick every 3 s.
    const env = { ...processEnv(w), LEDGERBRIDGE_SYNC_INTERVAL_MINUTES: '0.05' };
    const config = loadConfig({ env });
    queue = await openJobQueue({
      db: w.db,
      ...(w.fresh.url && { databaseUrl: w.fresh.url }),
      schedules: true,
      pollSeconds: 0.5,
    });
    const runtime = { db: w.db, queue, stop: () => Promise.resolve() };
    await startScheduler(queue);
    await startWorking(runtime, config, makeLogger(config, 'silent'));
    await until(() => w.xero('Invoices').length === 2, 40_000);
    await w.ingest(invoice(3));
    await until(() => w.xero('Invoices').length === 3, 40_000);

    const app = serviceApp({ db: w.db, queue });
    expect((await app.request('/healthz')).status).toBe(200);
    const ready = await app.request('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: { store: 'ok', queue: 'ok' },
    });
  }, 120_000);
});
