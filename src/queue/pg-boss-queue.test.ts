import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS, freshDatabase, type FreshDatabase } from '../../test/support/backends.js';
import type { Job, JobQueue, JobStatus } from './job-queue.js';
import { openJobQueue, type QueueOptions } from './pg-boss-queue.js';

async function until<T>(probe: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.each(BACKENDS)('the job queue on %s', (backend) => {
  let fresh: FreshDatabase | undefined;
  const queues: JobQueue[] = [];
  afterEach(async () => {
    for (const q of queues.splice(0)) await q.stop();
    await fresh?.dispose();
    fresh = undefined;
  });

  async function open(extra: Partial<QueueOptions> = {}): Promise<JobQueue> {
    fresh ??= await freshDatabase(backend);
    const queue = await openJobQueue({
      db: fresh.db,
      ...(fresh.url && { databaseUrl: fresh.url }),
      schedules: false,
      pollSeconds: 0.5,
      ...extra,
    });
    queues.push(queue);
    return queue;
  }

  const stateOf = (q: JobQueue, id: string, want: JobStatus['state']) =>
    until(async () => {
      const s = await q.status('sync-organisation', id);
      return s?.state === want ? s : undefined;
    });

  it('a job sent is worked once, with its data, and kept as completed', async () => {
    const queue = await open();
    const seen: Job[] = [];
    await queue.work('sync-organisation', (job) => Promise.resolve(void seen.push(job)));
    const id = await queue.send('sync-organisation', { tenantId: 't1' });
    expect(id).toEqual(expect.any(String));
    await stateOf(queue, id!, 'completed');
    expect(seen).toEqual([{ id, name: 'sync-organisation', data: { tenantId: 't1' } }]);
    await queue.ping();
  });

  it('one job waits per organisation: a second send for it is dropped, another organisation’s is not', async () => {
    const queue = await open();
    const first = await queue.send('sync-organisation', { tenantId: 't1' }, { singletonKey: 't1' });
    const again = await queue.send('sync-organisation', { tenantId: 't1' }, { singletonKey: 't1' });
    const other = await queue.send('sync-organisation', { tenantId: 't2' }, { singletonKey: 't2' });
    expect(first).toEqual(expect.any(String));
    expect(again).toBeNull();
    expect(other).toEqual(expect.any(String));
    // Once it has run, the organisation can be queued again.
    await queue.work('sync-organisation', () => Promise.resolve());
    await stateOf(queue, first!, 'completed');
    const next = await queue.send('sync-organisation', { tenantId: 't1' }, { singletonKey: 't1' });
    expect(next).toEqual(expect.any(String));
  });

  it('a failing job is retried with backoff, then kept as failed with its error', async () => {
    const queue = await open({
      policies: { 'sync-organisation': { retryLimit: 2, retryDelay: 1 } },
    });
    const attempts: number[] = [];
    await queue.work('sync-organisation', () => {
      attempts.push(Date.now());
      return Promise.reject(new Error('Xero is down'));
    });
    const id = await queue.send('sync-organisation', { tenantId: 't1' });
    const failed = await stateOf(queue, id!, 'failed');
    expect(failed).toEqual({ state: 'failed', retries: 2, error: 'Xero is down' });
    expect(attempts).toHaveLength(3);
    // Backoff: the second wait is longer than the first (1 s doubled, with jitter).
    const [a, b, c] = attempts as [number, number, number];
    expect(b - a).toBeGreaterThanOrEqual(900);
    expect(c - b).toBeGreaterThan(b - a);
  }, 30_000);

  it('stop lets the job in hand finish and takes no more', async () => {
    const queue = await open();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const done: string[] = [];
    await queue.work('sync-organisation', async (job) => {
      started();
      await held;
      done.push(String(job.data.tenantId));
    });
    const id = await queue.send('sync-organisation', { tenantId: 't1' });
    await running;
    const stopping = queues.pop()!.stop();
    setTimeout(release, 300);
    await stopping;
    expect(done).toEqual(['t1']);
    const reopened = await open();
    expect(await reopened.status('sync-organisation', id!)).toMatchObject({ state: 'completed' });
  });

  it('keeps as many jobs in hand as its slots, and fills a freed slot without waiting for the poll', async () => {
    const queue = await open({ pollSeconds: 30 }); // a slot refilled by the poll would take 30 s
    const ids = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        queue.send('sync-organisation', { tenantId: `t${i}` }, { singletonKey: `t${i}` }),
      ),
    );
    let running = 0;
    let most = 0;
    await queue.work(
      'sync-organisation',
      async () => {
        most = Math.max(most, ++running);
        await new Promise((r) => setTimeout(r, 150));
        running--;
      },
      { concurrency: 10 },
    );
    for (const id of ids) await stateOf(queue, id!, 'completed');
    expect(most).toBe(10);
  });

  it('stop hands back a job still running after the grace period, to be retried', async () => {
    const queue = await open({ stopGraceSeconds: 1 });
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    await queue.work('sync-organisation', () => {
      started();
      return new Promise<void>(() => undefined); // never finishes
    });
    const id = await queue.send('sync-organisation', { tenantId: 't1' });
    await running;
    await queues.pop()!.stop();
    const reopened = await open();
    expect(await reopened.status('sync-organisation', id!)).toMatchObject({ state: 'retry' });
  });

  it('sends many jobs in one go, dropping those whose organisation has one waiting', async () => {
    const queue = await open();
    const waiting = await queue.send(
      'sync-organisation',
      { tenantId: 't1' },
      { singletonKey: 't1' },
    );
    const key = (t: string) => ({ singletonKey: t });
    await queue.sendMany([
      { name: 'sync-organisation', data: { tenantId: 't1' }, options: key('t1') },
      { name: 'sync-organisation', data: { tenantId: 't2' }, options: key('t2') },
      { name: 'sync-organisation', data: { tenantId: 't2' }, options: key('t2') },
      {
        name: 'sync-organisation',
        data: { tenantId: 't3' },
        options: { ...key('t3'), startAfterSeconds: 3600 },
      },
    ]);
    const seen: string[] = [];
    await queue.work(
      'sync-organisation',
      (job) => Promise.resolve(void seen.push(String(job.data.tenantId))),
      {
        concurrency: 5,
      },
    );
    await stateOf(queue, waiting!, 'completed');
    await until(() => Promise.resolve(seen.length >= 2 ? true : undefined));
    await new Promise((r) => setTimeout(r, 1_500)); // two more polls: nothing else is due
    expect(seen.sort()).toEqual(['t1', 't2']);
  });
});
