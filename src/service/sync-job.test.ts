import { afterEach, describe, expect, it } from 'vitest';
import { newSyncWorld, invoice } from '../../test/support/sync-world.js';
import { disposeWorlds } from '../../test/support/xero-world.js';
import { exampleContact } from '../ledger/test-support/examples.js';
import { makeLogger } from '../log/logger.js';
import type { JobQueue } from '../queue/job-queue.js';
import { openJobQueue } from '../queue/pg-boss-queue.js';
import { lockOrganisation } from '../store/organisation-lock.js';
import { makeSettingsCache } from '../xero/organisation-settings.js';
import { syncOrganisationJob } from './sync-job.js';

describe('the sync-organisation job (embedded store)', () => {
  let queue: JobQueue | undefined;
  afterEach(async () => {
    await queue?.stop();
    queue = undefined;
    await disposeWorlds();
  });

  async function world() {
    const w = await newSyncWorld({ backend: 'pglite' });
    await w.ingest(exampleContact, invoice(1));
    queue = await openJobQueue({ db: w.db, schedules: false });
    const settings = makeSettingsCache(w.api, w.clock);
    return { w, deps: { db: w.db, api: w.api, settings, clock: w.clock, batchSize: 50 } };
  }

  it('an organisation another process is syncing is queued again, not failed; then it syncs', async () => {
    const { w, deps } = await world();
    const run = syncOrganisationJob(queue!, () => Promise.resolve(deps), makeLogger({}, 'silent'));
    const job = { id: 'j1', name: 'sync-organisation' as const, data: { tenantId: w.tenantId } };

    const held = await lockOrganisation(w.db, w.tenantId, { purpose: 'sync', wait: false });
    if (!held.held) throw new Error('lock not taken');
    await run(job); // resolves: the job is done, another one waits
    await held.lock.release();
    expect(w.xero('Invoices')).toHaveLength(0);
    const key = { singletonKey: `organisation:${w.tenantId}` };
    // One is already waiting for the organisation, so this send is dropped.
    expect(await queue!.send('sync-organisation', { tenantId: w.tenantId }, key)).toBeNull();

    await run(job);
    expect(w.xero('Invoices')).toHaveLength(1);
  });

  it('a failed pass throws, so the queue retries it', async () => {
    const { w, deps } = await world();
    await w.sandbox.stop(); // Xero unreachable
    const run = syncOrganisationJob(queue!, () => Promise.resolve(deps), makeLogger({}, 'silent'));
    await expect(
      run({ id: 'j1', name: 'sync-organisation', data: { tenantId: w.tenantId } }),
    ).rejects.toMatchObject({ code: 'LB_SYNC_FAILED' });
  });
});
