import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS, freshDatabase, type FreshDatabase } from '../../test/support/backends.js';
import type { Queryable } from './database.js';
import { serialQueryable } from './serial-queryable.js';

const span = (q: Queryable, n: number) =>
  q.query<{ n: number; started: Date; ended: Date }>(
    `SELECT $1::int AS n, clock_timestamp() AS started, pg_sleep(0.03), clock_timestamp() AS ended`,
    [n],
  );

describe.each(BACKENDS)('a serial queryable on %s', (backend) => {
  let fresh: FreshDatabase | undefined;
  afterEach(async () => {
    await fresh?.dispose();
    fresh = undefined;
  });

  it('runs concurrent calls on one transaction one at a time, in call order, with no warning', async () => {
    fresh = await freshDatabase(backend);
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    try {
      const spans = await fresh.db.transaction(async (connection) => {
        const tx = serialQueryable(connection);
        return (await Promise.all([span(tx, 1), span(tx, 2), span(tx, 3)])).flat();
      });
      expect(spans.map((s) => s.n)).toEqual([1, 2, 3]);
      for (let i = 1; i < spans.length; i++)
        expect(spans[i]!.started.getTime()).toBeGreaterThanOrEqual(spans[i - 1]!.ended.getTime());
      await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on next tick
      expect(warnings).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('goes on past a failed call', async () => {
    fresh = await freshDatabase(backend);
    const q = serialQueryable(fresh.db);
    const settled = await Promise.allSettled([span(q, 1), q.query('SELECT no_such'), span(q, 2)]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
