/**
 * One pass at a time over a Xero organisation, across processes and machines (issue 15): two
 * passes planning the same documents at once each create what the other creates — 200 edited
 * payments became 400 new ones in Xero. A pass holds the organisation's lock (Database.tryLock: a
 * session-level advisory lock on PostgreSQL, freed by the server if the holder dies; in-process
 * on PGlite, which one process opens) and records who it is, so a second pass can say what it
 * waits for, or give up at once under `--no-wait`. Workers rely on the same lock.
 *
 * @module
 */
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from './database.js';
import {
  clearLockHolder,
  readLockHolder,
  recordLockHolder,
  type LockHolder,
} from './organisation-locks-repo.js';

export type { LockHolder } from './organisation-locks-repo.js';

export interface OrganisationLock {
  release(): Promise<void>;
}

export interface LockOptions {
  /** What the holder does, shown to whoever waits ('sync'). */
  readonly purpose: string;
  /** Wait for the holder to finish (default), or give up at once. */
  readonly wait: boolean;
  /** Told once when the organisation is found held, and again whenever the holder changes. */
  readonly onWait?: (holder: LockHolder | undefined) => void;
  /** How often a waiting pass tries again (ms of real time). */
  readonly pollMs?: number;
  readonly signal?: AbortSignal;
}

export type LockOutcome =
  | { readonly held: true; readonly lock: OrganisationLock }
  | { readonly held: false; readonly holder: LockHolder | undefined };

/** Takes the organisation for this process, waiting for another holder unless told not to. */
export async function lockOrganisation(
  db: Database,
  tenantId: string,
  options: LockOptions,
): Promise<LockOutcome> {
  const me = { pid: process.pid, host: hostname(), purpose: options.purpose };
  let told: string | undefined;
  for (;;) {
    const lock = await db.tryLock(`organisation:${tenantId}`);
    if (lock) {
      await recordLockHolder(db, tenantId, me).catch(async (error: unknown) => {
        await lock.release();
        throw error;
      });
      return { held: true, lock: holderRelease(db, tenantId, me, lock) };
    }
    const holder = await readLockHolder(db, tenantId);
    if (!options.wait) return { held: false, holder };
    const seen = holder ? `${holder.pid}@${holder.host}@${holder.since.getTime()}` : '';
    if (told !== seen) options.onWait?.(holder);
    told = seen;
    await sleep(options.pollMs ?? 1_000, undefined, { signal: options.signal });
  }
}

function holderRelease(
  db: Database,
  tenantId: string,
  me: Pick<LockHolder, 'pid' | 'host'>,
  lock: { release(): Promise<void> },
): OrganisationLock {
  return {
    async release() {
      try {
        await clearLockHolder(db, tenantId, me);
      } finally {
        await lock.release();
      }
    },
  };
}

/** "held by pid 4121 on host-a since 10:02:11" (local time), or a plain phrase without a record. */
export function describeHolder(holder: LockHolder | undefined): string {
  if (!holder) return 'held by another process';
  const at = holder.since.toTimeString().slice(0, 8);
  return `held by pid ${holder.pid} on ${holder.host} since ${at}`;
}
