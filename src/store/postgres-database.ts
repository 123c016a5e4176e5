import { finished } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { LedgerbridgeError } from '../errors/ledgerbridge-error.js';
import { STORE_SCHEMA, type Database, type Queryable } from './database.js';
import { jsonbParam } from './jsonb-bytes.js';
import { NAMED_LOCK, openLockSession, type LockSession } from './lock-session.js';

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
  const connection = {
    connectionString: url,
    connectionTimeoutMillis: REACH_MS,
    // A startup parameter, so every connection sees our schema before its first statement.
    options: `-c search_path=${STORE_SCHEMA},public`,
  };
  // A statement may wait this long for a free connection: hundreds of passes in flight share a
  // pool of 25, and under load a wait of over 5 s is a busy pool, not a dead server (500
  // organisations at once failed 636 passes with "timeout exceeded when trying to connect").
  const pool = new pg.Pool({ ...connection, max: poolSize, connectionTimeoutMillis: 120_000 });
  pool.on('error', () => undefined); // idle-client errors surface on the next query instead
  try {
    await reachable(connection);
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
    ...namedLocks(pool, openLockSession(connection)),
  };
}

/** Named locks on the lock session (lock-session.ts); close() frees them before ending the pool. */
function namedLocks(
  pool: pg.Pool,
  locks: LockSession,
): Pick<Database, 'tryLock' | 'lockHeld' | 'close'> {
  return {
    tryLock: (name) => locks.tryLock(name),
    lockHeld: async (name) => locks.holds(name) || (await sessionLockHeld(pool, name)),
    async close() {
      await locks.close();
      await pool.end();
    },
  };
}

/** How long the server may take to answer a new connection before it counts as unreachable. */
const REACH_MS = 5_000;

/** Proves the server answers, on a connection of its own with the short timeout. */
async function reachable(connection: pg.ClientConfig): Promise<void> {
  const client = new pg.Client(connection);
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}

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
