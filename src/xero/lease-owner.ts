/**
 * Whose concurrency leases are whose. Xero allows 5 calls in progress per organisation; each call
 * holds a lease in the shared budget until it settles, and a lease lapses after 2 minutes should
 * its process die mid-call (budget.ts). Waiting those 2 minutes stalls the next worker's pass, so
 * every lease carries its process's instance id, and the process holds a lock named after that id
 * for as long as it lives (Database.tryLock: a session advisory lock on PostgreSQL, which the
 * server frees the moment the process's connection closes). A lease whose owner holds no such lock
 * belongs to a process that is gone, on whatever machine it ran, and is reclaimed at once.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '../store/database.js';

/** This process, for as long as it runs. */
export const PROCESS_INSTANCE = randomUUID();

const livenessLock = (instance: string) => `xero-process:${instance}`;

/** A new lease id owned by this process. */
export function newLeaseId(): string {
  return `${PROCESS_INSTANCE}/${randomUUID()}`;
}

function ownerOf(leaseId: string): string | undefined {
  const at = leaseId.indexOf('/');
  return at > 0 ? leaseId.slice(0, at) : undefined;
}

const held = new WeakMap<Database, Promise<unknown>>();

/**
 * Takes this process's liveness lock on `db` (once): before its first lease, so a live process's
 * leases are never taken for a dead one's. Undefined from tryLock means another pool of this same
 * process holds it already (tests open two), which proves the same.
 */
export function holdLiveness(db: Database): Promise<unknown> {
  let taken = held.get(db);
  if (!taken) {
    taken = db.tryLock(livenessLock(PROCESS_INSTANCE)).catch((error: unknown) => {
      held.delete(db);
      throw error;
    });
    held.set(db, taken);
  }
  return taken;
}

/** Of these lease ids, those whose owning process is provably gone (ids without an owner are left to lapse). */
export async function deadLeases(db: Database, leaseIds: readonly string[]): Promise<string[]> {
  const owners = new Set(leaseIds.map(ownerOf).filter((o) => o && o !== PROCESS_INSTANCE));
  const dead = new Set<string>();
  for (const owner of owners) if (!(await db.lockHeld(livenessLock(owner!)))) dead.add(owner!);
  return leaseIds.filter((id) => dead.has(ownerOf(id) ?? ''));
}
