import { finished } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { LedgerbridgeError } from '../errors/ledgerbridge-error.js';
import { STORE_SCHEMA, type Database, type HeldLock, type Queryable } from './database.js';
import { jsonbParam } from './jsonb-bytes.js';

// int8 (COUNT, bigserial ids) as JS numbers: our counts and ids stay far below 2^53, and PGlite
// returns them as numbers too, so both backends give the same rows.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
// numeric stays text (money is never a float); date stays text ("2026-11-02"), like PGlite.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

/** The connection string without its password, for messages and `status`. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

/** Opens a pool and proves the server answers; an unreachable server is LB_STORE_UNREACHABLE. */
export async function openPostgresDatabase(url: string, poolSize = 5): Promise<Database> {
  const location = redactDatabaseUrl(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 5_000,
    // A startup parameter, so every connection sees our schema before its first statement.
    options: `-c search_path=${STORE_SCHEMA},public`,
  });
  pool.on('error', () => undefined); // idle-client errors surface on the next query instead
  try {
    await pool.query('SELECT 1');
  } catch (cause) {
    await pool.end().catch(() => undefined);
    throw new LedgerbridgeError(
      'LB_STORE_UNREACHABLE',
      `PostgreSQL at ${location} does not answer: ${(cause as Error).message}`,
      { cause },
    );
  }
  const run = (client: pg.Pool | pg.PoolClient): Queryable => ({
    async query<R extends object>(sql: string, params: readonly unknown[] = []) {
      const values = params.map(jsonbParam);
      return (await client.query(sql, values)).rows as R[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  });
  // COPY runs on one connection, so only a transaction's client offers it.
  const withCopy = (client: pg.PoolClient): Queryable => ({
    ...run(client),
    async copyIn(sql: string, data: Uint8Array) {
      const stream = client.query(copyFrom(sql));
      const done = finished(stream);
      stream.end(data);
      await done;
      return stream.rowCount;
    },
  });
  return {
    backend: 'postgres',
    location,
    ...run(pool),
    async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(withCopy(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    ...sessionLocks(pool),
  };
}

/**
 * Named locks on the pool's sessions; those taken are remembered so close() releases them first: pool.end()
 * waits for every checked-out client, and a held lock keeps one (a process's liveness lock,
 * src/xero/lease-owner.ts, is held until the end).
 */
function sessionLocks(pool: pg.Pool): Pick<Database, 'tryLock' | 'lockHeld' | 'close'> {
  const held = new Set<HeldLock>();
  return {
    async tryLock(name: string): Promise<HeldLock | undefined> {
      const lock = await trySessionLock(pool, name);
      if (!lock) return undefined;
      held.add(lock);
      return {
        release: async () => {
          held.delete(lock);
          await lock.release();
        },
      };
    },
    lockHeld: (name) => sessionLockHeld(pool, name),
    async close() {
      await Promise.all([...held].map((l) => l.release()));
      await pool.end();
    },
  };
}

/** The advisory lock space of named locks (two-key form: this, hashtext(name)). */
const NAMED_LOCK = 0x4c42_0002;

/**
 * Whether any session of this database holds the named lock: pg_locks lists every backend's
 * advisory locks, two-key ones with objsubid 2 (https://www.postgresql.org/docs/15/view-pg-locks.html).
 */
async function sessionLockHeld(pool: pg.Pool, name: string): Promise<boolean> {
  const { rows } = await pool.query<{ held: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2
       AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
       AND classid = $1::int::oid AND objid = hashtext($2)::oid) AS held`,
    [NAMED_LOCK, name],
  );
  return rows[0]?.held ?? false;
}

/**
 * A session-level advisory lock on a connection of its own, held until released: if this process
 * dies, its connection closes and the server frees the lock, so a crash never leaves one behind
 * (https://www.postgresql.org/docs/15/explicit-locking.html#ADVISORY-LOCKS).
 */
async function trySessionLock(pool: pg.Pool, name: string): Promise<HeldLock | undefined> {
  const client = await pool.connect();
  const onError = () => undefined; // a dropped connection frees the lock; the pool replaces it
  client.on('error', onError);
  const done = (destroy: boolean) => {
    client.off('error', onError);
    client.release(destroy);
  };
  try {
    const { rows } = await client.query<{ held: boolean }>(
      'SELECT pg_try_advisory_lock($1, hashtext($2)) AS held',
      [NAMED_LOCK, name],
    );
    if (!rows[0]?.held) {
      done(false);
      return undefined;
    }
  } catch (error) {
    done(true);
    throw error;
  }
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      try {
        await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [NAMED_LOCK, name]);
        done(false);
      } catch {
        done(true); // closing the connection frees the lock as surely
      }
    },
  };
}
