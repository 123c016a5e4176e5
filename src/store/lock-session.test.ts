import { afterEach, describe, expect, it } from 'vitest';
import { freshDatabase, postgresUrl, type FreshDatabase } from '../../test/support/backends.js';
import type { Database } from './database.js';
import { openPostgresDatabase } from './postgres-database.js';

const opened: { dispose(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of opened.splice(0).reverse()) await o.dispose();
});

/** A fresh PostgreSQL store and a second process's view of it (its own pool and lock session). */
async function twoProcesses(): Promise<{ fresh: FreshDatabase; a: Database; b: Database }> {
  const fresh = await freshDatabase('postgres');
  opened.push(fresh);
  const b = await openPostgresDatabase(fresh.url!);
  opened.push({ dispose: () => b.close() });
  return { fresh, a: fresh.db, b };
}

/** Backends of this database, by application: the pool's and the lock session's. */
async function connections(db: Database): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database()',
  );
  return row!.n;
}

describe.skipIf(!postgresUrl)('named locks on PostgreSQL', () => {
  it('keep other processes out and are free again once released', async () => {
    const { a, b } = await twoProcesses();
    const held = await a.tryLock('organisation:t1');
    expect(held).toBeDefined();
    expect(await b.tryLock('organisation:t1')).toBeUndefined();
    expect(await b.lockHeld('organisation:t1')).toBe(true);
    await held!.release();
    expect(await b.lockHeld('organisation:t1')).toBe(false);
    const taken = await b.tryLock('organisation:t1');
    expect(taken).toBeDefined();
    await taken!.release();
  });

  it('are refused to a second holder in the same process, even when asked at the same moment', async () => {
    const { a } = await twoProcesses();
    const tries = await Promise.all(Array.from({ length: 10 }, () => a.tryLock('organisation:t2')));
    expect(tries.filter(Boolean)).toHaveLength(1);
    expect(await a.tryLock('organisation:t2')).toBeUndefined();
    await tries.find(Boolean)!.release();
    expect(await a.tryLock('organisation:t2')).toBeDefined();
  });

  it('cost one connection however many are held (300 organisations, a pool of 5)', async () => {
    const { a, b } = await twoProcesses();
    const before = await connections(b);
    const locks = await Promise.all(
      Array.from({ length: 300 }, (_, i) => a.tryLock(`organisation:o${i}`)),
    );
    expect(locks.every(Boolean)).toBe(true);
    expect(await connections(b)).toBeLessThanOrEqual(before + 1);
    for (const i of [0, 150, 299]) expect(await b.tryLock(`organisation:o${i}`)).toBeUndefined();
    await Promise.all(locks.map((l) => l!.release()));
    expect(await b.tryLock('organisation:o150')).toBeDefined();
  });

  it('are freed by the server when the holder’s connection dies, and a stale release frees nothing', async () => {
    const { a, b } = await twoProcesses();
    const stale = await a.tryLock('organisation:t3');
    await a.tryLock('organisation:t4');
    await b.query(
      `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory'
         AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );
    const other = await b.tryLock('organisation:t3');
    expect(other).toBeDefined();
    // A's next take opens a new session and takes again what it still counts as held: t4 is free,
    // t3 is B's now and no longer A's.
    expect(await a.tryLock('organisation:t5')).toBeDefined();
    expect(await b.tryLock('organisation:t4')).toBeUndefined();
    await stale!.release();
    expect(await a.lockHeld('organisation:t3')).toBe(true); // B's, untouched by A's stale release
    expect(await a.tryLock('organisation:t3')).toBeUndefined();
    await other!.release();
    expect(await a.tryLock('organisation:t3')).toBeDefined();
  });

  it('are all freed when the store closes', async () => {
    const { fresh, b } = await twoProcesses();
    const c = await openPostgresDatabase(fresh.url!);
    await c.tryLock('organisation:t6');
    await c.close();
    expect(await b.tryLock('organisation:t6')).toBeDefined();
  });
});
