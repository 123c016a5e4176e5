import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/support/backends.js';
import { LedgerbridgeError } from '../errors/ledgerbridge-error.js';
import { makeLogger } from '../log/logger.js';
import type { JobQueue } from '../queue/job-queue.js';
import { openJobQueue } from '../queue/pg-boss-queue.js';
import { FIRM, firmWorld, SOURCE, type FirmWorld } from '../sources/clio/test-support.js';
import { markSourceCredentials } from '../store/source-credentials-repo.js';
import { listRoutes, routeEntity } from '../store/sources-repo.js';
import { setOrganisationStatus, upsertOrganisation } from '../store/organisations-repo.js';
import { latestRuns } from '../store/runs-repo.js';
import type { Database } from '../store/database.js';
import { pullSourceJob, type PullOne } from './pull-job.js';

const pulls = async (db: Database) => (await latestRuns(db, 100)).filter((r) => r.kind === 'pull');

const job = (full = false) => ({
  id: 'j1',
  name: 'pull-source' as const,
  data: { source: SOURCE, full },
});

describe.each(BACKENDS)('the pull-source job on %s', (backend) => {
  let w: FirmWorld | undefined;
  let queue: JobQueue | undefined;
  afterEach(async () => {
    await queue?.stop();
    queue = undefined;
    await w?.dispose();
    w = undefined;
  });

  async function world() {
    w = await firmWorld(backend);
    queue = await openJobQueue({
      db: w.db,
      ...(w.url && { databaseUrl: w.url }),
      schedules: false,
    });
    const pull: PullOne = async (_source, full) => ({ report: await w!.pull({ full }) });
    return { w, queue, run: pullSourceJob(queue, w.db, pull, makeLogger({}, 'silent')) };
  }

  /** Whether a sync of the organisation waits in the queue: a second send is then dropped. */
  const syncWaits = async (q: JobQueue, tenantId: string) =>
    (await q.send(
      'sync-organisation',
      { tenantId },
      { singletonKey: `organisation:${tenantId}` },
    )) === null;

  it('pulls the firm, then queues one sync for each connected organisation its entities route to', async () => {
    const { w, queue, run } = await world();
    for (const tenantId of ['t-routed', 't-unrouted', 't-disconnected'])
      await upsertOrganisation(w.db, { tenantId, name: tenantId, connectionKind: 'oauth' });
    await setOrganisationStatus(w.db, 't-disconnected', 'disconnected', null);
    await routeEntity(w.db, SOURCE, String(FIRM), 't-routed');
    await routeEntity(w.db, SOURCE, 'other-entity', 't-disconnected');

    await run(job());
    expect((await w.documents('invoice')).length).toBeGreaterThan(0);
    expect((await listRoutes(w.db)).some((r) => r.source === SOURCE)).toBe(true);
    expect(await syncWaits(queue, 't-routed')).toBe(true);
    expect(await syncWaits(queue, 't-unrouted')).toBe(false);
    expect(await syncWaits(queue, 't-disconnected')).toBe(false);
    expect(await pulls(w.db)).toHaveLength(1);
  });

  it('a pull that fails throws (the queue retries it); a source needing reconnecting is not pulled', async () => {
    const { w, queue, run } = await world();
    await upsertOrganisation(w.db, { tenantId: 't1', name: 't1', connectionKind: 'oauth' });
    await routeEntity(w.db, SOURCE, String(FIRM), 't1');
    await w.emulator.stop(); // Clio unreachable
    const thrown = await run(job()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(thrown).toBeInstanceOf(LedgerbridgeError);
    const [failed] = await pulls(w.db);
    expect(failed?.status).toBe('failed');
    expect(failed?.stats.errorCode).toBe((thrown as LedgerbridgeError).code);

    await markSourceCredentials(w.db, SOURCE, 'needs_reconnect', 'refused');
    await run(job()); // resolves: nothing to retry until it is connected again
    expect(await pulls(w.db)).toHaveLength(1);
    expect(await syncWaits(queue, 't1')).toBe(false);
  });
});
