/**
 * Every named lock a PostgreSQL store holds, on one connection of its own. Each organisation's pass
 * holds that organisation's lock for as long as it runs (organisation-lock.ts); with a connection
 * per held lock, a worker keeping 250 passes in flight needed 250 connections beside those its
 * statements use, and PostgreSQL allows 100 by default. Session-level advisory locks on one
 * connection cost nothing while held, and if the process dies the connection closes and the
 * server frees them all (https://www.postgresql.org/docs/15/explicit-locking.html#ADVISORY-LOCKS).
 *
 * One session takes the same advisory lock twice without refusal (they stack), so this process's
 * own holders are kept apart here: a name already held in this process is refused before the
 * server is asked.
 *
 * @module
 */
import pg from 'pg';
import type { HeldLock } from './database.js';
import { serialRunner } from './serial-queryable.js';

/** The advisory lock space of named locks (two-key form: this, hashtext(name)). */
export const NAMED_LOCK = 0x4c42_0002;

export interface LockSession {
  tryLock(name: string): Promise<HeldLock | undefined>;
  /** Whether this process holds `name` (the caller asks the server about other processes). */
  holds(name: string): boolean;
  /** Closes the connection, which frees every lock it holds. */
  close(): Promise<void>;
}

export function openLockSession(config: pg.ClientConfig): LockSession {
  const held = new Map<string, object>(); // taken on the server, each by one holder
  const pending = new Set<string>(); // being asked for
  let session: Promise<pg.Client> | undefined;
  let closed = false;
  // One statement at a time on the session, in call order (node-postgres deprecates queueing them
  // itself), so a release and a later take of the same name never pass each other.
  const { run, idle } = serialRunner();
  const onSession = <T>(work: (client: pg.Client) => Promise<T>) => run(() => connect().then(work));
  const connect = (): Promise<pg.Client> => {
    if (session) return session;
    const made: Promise<pg.Client> = newSession(config, held, () => {
      if (session === made) session = undefined; // an old session's late 'end' leaves a new one be
    });
    session = made;
    return made;
  };
  return {
    async tryLock(name) {
      if (closed) throw new Error('the store is closed');
      if (held.has(name) || pending.has(name)) return undefined;
      pending.add(name); // before the server answers, so a second caller here is refused
      try {
        if (!(await onSession((client) => tryAdvisoryLock(client, name)))) return undefined;
        const holder = {};
        held.set(name, holder);
        return releaseOf(name, holder);
      } finally {
        pending.delete(name);
      }
    },
    holds: (name) => held.has(name) || pending.has(name),
    async close() {
      closed = true;
      await idle(); // statements already asked for run first
      held.clear();
      const client = await session?.catch(() => undefined);
      session = undefined;
      await client?.end().catch(() => undefined);
    },
  };

  function releaseOf(name: string, holder: object): HeldLock {
    return {
      async release() {
        // Once released, or lost with a dropped session and taken since by someone else: not ours.
        if (held.get(name) !== holder) return;
        held.delete(name);
        // A lost connection freed the lock already; a failed unlock ends the session, which frees it.
        await onSession((client) =>
          client
            .query('SELECT pg_advisory_unlock($1, hashtext($2))', [NAMED_LOCK, name])
            .catch(() => client.end()),
        ).catch(() => undefined);
      },
    };
  }
}

/**
 * A connected session. If it drops, the server has freed every lock on it: the next take opens a
 * new one, and the names still held here are taken again on it, so a pass in flight keeps its
 * organisation unless another process took it in between (then it is no longer counted as held).
 */
async function newSession(
  config: pg.ClientConfig,
  held: Map<string, object>,
  onLost: () => void,
): Promise<pg.Client> {
  const client = new pg.Client(config);
  client.on('error', onLost);
  client.on('end', onLost);
  try {
    await client.connect();
    for (const name of [...held.keys()])
      if (!(await tryAdvisoryLock(client, name))) held.delete(name);
  } catch (error) {
    onLost();
    await client.end().catch(() => undefined);
    throw error;
  }
  return client;
}

async function tryAdvisoryLock(client: pg.Client, name: string): Promise<boolean> {
  const { rows } = await client.query<{ held: boolean }>(
    'SELECT pg_try_advisory_lock($1, hashtext($2)) AS held',
    [NAMED_LOCK, name],
  );
  return rows[0]?.held ?? false;
}
