import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { postgresUrl } from '../../test/support/backends.js';
import { runCli } from '../../test/support/run-cli.js';
import { startCli as start, until } from '../../test/support/start-cli.js';
import { invoice, newSyncWorld, processEnv } from '../../test/support/sync-world.js';
import { disposeWorlds } from '../../test/support/xero-world.js';
import { exampleContact } from '../ledger/test-support/examples.js';
import { openJobQueue } from '../queue/pg-boss-queue.js';
import { startScheduler } from '../service/scheduler.js';

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('`ledgerbridge worker`', () => {
  it('refuses the embedded store, saying how to run instead', async () => {
    const r = await runCli(['worker'], {
      env: { DATABASE_URL: undefined, LEDGERBRIDGE_DATA_DIR: '/nonexistent/lb' },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('can be open in one process only');
    expect(r.stderr).toContain('[LB_WORKER_NEEDS_POSTGRES]');
  });
});

describe.runIf(postgresUrl)('two `worker` processes on one PostgreSQL store', () => {
  const children: ChildProcess[] = [];
  afterEach(async () => {
    for (const c of children.splice(0)) c.kill('SIGKILL');
    await disposeWorlds();
  });

  it('sync the practice between them, never the organisation twice at once, and stop on SIGTERM', async () => {
    // 100 ms a call keeps each pass busy long enough for the other worker to try.
    const w = await newSyncWorld({ backend: 'postgres', sandbox: { latencyMs: 100 } });
    await w.ingest(exampleContact, ...range(20).map((n) => invoice(n)));
    const env = { ...processEnv(w), LEDGERBRIDGE_SYNC_INTERVAL_MINUTES: '0.02' };
    const workers = [start(['worker'], env), start(['worker'], env)];
    children.push(...workers.map((p) => p.child));
    // What `serve` does to start the schedule, without its worker.
    const seeder = await openJobQueue({ db: w.db, databaseUrl: w.fresh.url!, schedules: false });
    await startScheduler(seeder);
    await seeder.stop();

    await until(() => w.xero('Invoices').length === 20, 60_000);
    await w.ingest(invoice(21));
    await until(() => w.xero('Invoices').length === 21, 60_000);
    // Several passes ran (a tick every 1.2 s); none overlapped another.
    const runs = await w.db.query<{ started_at: Date; finished_at: Date | null }>(
      `SELECT started_at, finished_at FROM runs WHERE kind = 'sync' ORDER BY started_at`,
    );
    expect(runs.length).toBeGreaterThan(1);
    for (let i = 1; i < runs.length; i++)
      expect(runs[i]!.started_at.getTime()).toBeGreaterThanOrEqual(
        runs[i - 1]!.finished_at!.getTime(),
      );
    expect(
      w
        .xero('Invoices')
        .map((i) => i.InvoiceNumber)
        .sort(),
    ).toEqual(
      range(21)
        .map((n) => `INV-${n}`)
        .sort(),
    );

    for (const p of workers) p.child.kill('SIGTERM');
    const codes = await Promise.all(workers.map((p) => p.exited));
    expect(codes, workers.map((p) => p.output()).join('\n')).toEqual([0, 0]);
  }, 180_000);
});
