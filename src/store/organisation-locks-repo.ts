/**
 * Who holds an organisation (migrations/0004): written by the holder once it has the lock, read by
 * whoever waits for it. The row is information, never the lock itself (organisation-lock.ts).
 *
 * @module
 */
import type { Queryable } from './database.js';

export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  /** What the holder is doing: 'sync', later 'reconcile'… */
  readonly purpose: string;
  readonly since: Date;
}

export async function recordLockHolder(
  db: Queryable,
  tenantId: string,
  holder: Omit<LockHolder, 'since'>,
): Promise<void> {
  await db.query(
    `INSERT INTO organisation_locks (tenant_id, pid, host, purpose) VALUES ($1, $2, $3, $4)
     ON CONFLICT (tenant_id) DO UPDATE SET pid = excluded.pid, host = excluded.host, purpose = excluded.purpose, since = now()`,
    [tenantId, holder.pid, holder.host, holder.purpose],
  );
}

export async function readLockHolder(
  db: Queryable,
  tenantId: string,
): Promise<LockHolder | undefined> {
  const [row] = await db.query<LockHolder>(
    'SELECT pid, host, purpose, since FROM organisation_locks WHERE tenant_id = $1',
    [tenantId],
  );
  return row;
}

/** Removes the holder's row (only its own: another may have taken over meanwhile). */
export async function clearLockHolder(
  db: Queryable,
  tenantId: string,
  holder: Pick<LockHolder, 'pid' | 'host'>,
): Promise<void> {
  await db.query('DELETE FROM organisation_locks WHERE tenant_id = $1 AND pid = $2 AND host = $3', [
    tenantId,
    holder.pid,
    holder.host,
  ]);
}
