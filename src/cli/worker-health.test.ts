import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { postgresUrl } from '../../test/support/backends.js';
import { startCli, startedByTest, until } from '../../test/support/start-cli.js';
import { newSyncWorld, processEnv } from '../../test/support/sync-world.js';
import { createApiKey } from '../auth/api-keys.js';
import { openJobQueue } from '../queue/pg-boss-queue.js';

/** A port nothing listens on now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe.runIf(postgresUrl)('a `worker` on LEDGERBRIDGE_WORKER_PORT (PostgreSQL)', () => {
  const t = startedByTest();
  afterEach(t.stop);

  it('answers health probes to anyone and its own job durations to a viewer key, nothing else', async () => {
    const w = await newSyncWorld({ backend: 'postgres' });
    const { key } = await createApiKey(w.db, { role: 'viewer', actor: 'test' });
    const port = await freePort();
    const worker = startCli(['worker'], { ...processEnv(w), LEDGERBRIDGE_WORKER_PORT: `${port}` });
    t.children.push(worker.child);
    await until(() => worker.stdout().includes('Health and metrics on'), 30_000);
    const get = (path: string, key?: string) =>
      fetch(`http://127.0.0.1:${port}${path}`, {
        ...(key && { headers: { authorization: `Bearer ${key}` } }),
      });

    expect((await get('/healthz')).status).toBe(200);
    expect(await (await get('/readyz')).json()).toMatchObject({ status: 'ready' });
    expect((await get('/metrics')).status).toBe(401);
    expect((await get('/login')).status).not.toBe(200); // no sign-in pages on a worker

    const queue = (t.queue = await openJobQueue({
      db: w.db,
      databaseUrl: w.fresh.url!,
      schedules: false,
    }));
    await queue.send('sync-organisation', { tenantId: w.tenantId });
    let text = '';
    await until(async () => {
      text = await (await get('/metrics', key)).text();
      return /ledgerbridge_job_duration_seconds_count\{job="sync-organisation",outcome="ok"\} 1/.test(
        text,
      );
    }, 30_000);
    // The installation's figures come from `serve` alone, or each would be scraped per process.
    expect(text).not.toContain('ledgerbridge_sync_errors_open');
  }, 90_000);
});
