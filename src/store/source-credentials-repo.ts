/**
 * A PMS source's credentials at rest, already sealed by the caller (sources/credentials.ts): this
 * table never sees them in the clear. One row per source.
 *
 * @module
 */
import type { Queryable } from './database.js';

export type CredentialStatus = 'active' | 'needs_reconnect';

export interface StoredCredentials {
  readonly source: string;
  readonly sealed: string;
  readonly keyId: string;
  readonly status: CredentialStatus;
  readonly statusReason: string | null;
  /** What the PMS said the credentials belong to (never secret). */
  readonly account: Readonly<Record<string, unknown>>;
}

interface Row {
  source: string;
  sealed: string;
  key_id: string;
  status: CredentialStatus;
  status_reason: string | null;
  account: Record<string, unknown>;
}

const fromRow = (r: Row): StoredCredentials => ({
  source: r.source,
  sealed: r.sealed,
  keyId: r.key_id,
  status: r.status,
  statusReason: r.status_reason,
  account: r.account,
});

/** Stores (or replaces) a source's sealed credentials; connecting again clears "needs reconnecting". */
export async function saveSourceCredentials(
  db: Queryable,
  c: Pick<StoredCredentials, 'source' | 'sealed' | 'keyId' | 'account'>,
): Promise<void> {
  await db.query(
    `INSERT INTO source_credentials (source, sealed, key_id, account) VALUES ($1, $2, $3, $4::jsonb)
     ON CONFLICT (source) DO UPDATE SET sealed = excluded.sealed, key_id = excluded.key_id,
       account = excluded.account, status = 'active', status_reason = NULL, updated_at = now()`,
    [c.source, c.sealed, c.keyId, JSON.stringify(c.account)],
  );
}

export async function readSourceCredentials(
  db: Queryable,
  source: string,
): Promise<StoredCredentials | undefined> {
  const [row] = await db.query<Row>(
    'SELECT source, sealed, key_id, status, status_reason, account FROM source_credentials WHERE source = $1',
    [source],
  );
  return row && fromRow(row);
}

/** Every source's credentials, row-locked inside a transaction when `forUpdate` (key rotation). */
export async function listSourceCredentials(
  db: Queryable,
  forUpdate = false,
): Promise<StoredCredentials[]> {
  const rows = await db.query<Row>(
    `SELECT source, sealed, key_id, status, status_reason, account FROM source_credentials
     ORDER BY source${forUpdate ? ' FOR UPDATE' : ''}`,
  );
  return rows.map(fromRow);
}

export async function markSourceCredentials(
  db: Queryable,
  source: string,
  status: CredentialStatus,
  reason: string | null,
): Promise<void> {
  await db.query(
    'UPDATE source_credentials SET status = $2, status_reason = $3, updated_at = now() WHERE source = $1',
    [source, status, reason],
  );
}

/** Replaces the sealed value only (key rotation): status and account stay. */
export async function resealSourceCredentials(
  db: Queryable,
  source: string,
  sealed: string,
  keyId: string,
): Promise<void> {
  await db.query(
    'UPDATE source_credentials SET sealed = $2, key_id = $3, updated_at = now() WHERE source = $1',
    [source, sealed, keyId],
  );
}

/** Forgets the credentials (disconnect); the source's documents stay. Whether there were any. */
export async function deleteSourceCredentials(db: Queryable, source: string): Promise<boolean> {
  const rows = await db.query('DELETE FROM source_credentials WHERE source = $1 RETURNING 1', [
    source,
  ]);
  return rows.length > 0;
}
